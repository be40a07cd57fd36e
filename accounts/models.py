"""People who sign in. Their roles live with what they hold them on: adoptions and boards."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords


class UserManager(DjangoUserManager):
    """People sign in with their email address; there is no separate username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.password = make_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    organisation = models.ForeignKey(
        "adoptadapt_sites.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="The organisation this person works for.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    is_directory_admin = models.BooleanField(
        "directory admin",
        default=False,
        help_text="Maintains the innovation directory, sites and people.",
    )
    receives_reminders = models.BooleanField(
        default=True, help_text="Email reminders when a monthly update is due or overdue."
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["first_name", "last_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message="Someone already has an account with this email address.",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class Invitation(models.Model):
    """An invitation to a role, sent by email as a signed single-use link.

    The link carries a signature over the invitation's id and nonce (see
    accounts.tokens, to be written with the invitation pages); this row records
    whether it has been accepted or revoked, which is what makes it single-use.
    """

    class Role(models.TextChoices):
        LEAD = "lead", "Project lead"
        CONTRIBUTOR = "contributor", "Contributor"
        ORIGINATING_PARTNER = "originating_partner", "Originating partner"
        CHAIR = "chair", "Board chair"
        MEMBER = "member", "Board member"
        OBSERVER = "observer", "Board observer"
        DIRECTORY_ADMIN = "directory_admin", "Directory admin"

    ADOPTION_ROLES = (Role.LEAD, Role.CONTRIBUTOR, Role.ORIGINATING_PARTNER)
    BOARD_ROLES = (Role.CHAIR, Role.MEMBER, Role.OBSERVER)

    email = models.EmailField("email address")
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices)
    adoption = models.ForeignKey(
        "adoptadapt_sites.Adoption",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    board = models.ForeignKey(
        "governance.GovernanceBoard",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    organisation = models.ForeignKey(
        "adoptadapt_sites.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Changes whenever the invitation is resent, so earlier links stop working.
    nonce = models.CharField(max_length=32)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["lead", "contributor", "originating_partner"],
                        adoption__isnull=False,
                        board__isnull=True,
                    )
                    | models.Q(
                        role__in=["chair", "member", "observer"],
                        board__isnull=False,
                        adoption__isnull=True,
                    )
                    | models.Q(role="directory_admin", adoption__isnull=True, board__isnull=True)
                ),
                name="invitation_role_matches_its_object",
                violation_error_message=(
                    "An adoption role needs an adoption, a board role needs a board, "
                    "and a directory admin needs neither."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_revoked",
                violation_error_message="An invitation cannot be both accepted and revoked.",
            ),
        ]
        indexes = [models.Index(Lower("email"), name="invitation_email_ci")]

    def __str__(self):
        return f"{self.get_role_display()} invitation to {self.email}"


class ApiToken(models.Model):
    """A personal token for the read-only API, so reporting tools (Power BI, Excel) can
    read what their owner may see. Only a hash of the secret is kept; the secret is
    shown once, when the token is made. A revoked token stays, as a record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, like “Power BI”.")
    prefix = models.CharField(
        max_length=12, help_text="The start of the token, to tell tokens apart."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["user", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_api_token_per_name",
                violation_error_message="You already have a token with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
