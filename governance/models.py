"""Governance boards, their meetings, decisions and actions, and the emails they send."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.rules import is_directory_admin, is_signed_in


class BoardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see their boards; directory admins see every board."""
        if not is_signed_in(user):
            return self.none()
        if is_directory_admin(user):
            return self.all()
        return self.filter(Exists(BoardMembership.objects.filter(board=OuterRef("pk"), user=user)))

    def recordable_by(self, user):
        """Boards whose meetings, decisions and actions someone may record: the chair's
        and members'. Observers and directory admins read them."""
        if not is_signed_in(user):
            return self.none()
        return self.filter(
            Exists(
                BoardMembership.objects.filter(
                    board=OuterRef("pk"),
                    user=user,
                    role__in=[BoardMembership.Role.CHAIR, BoardMembership.Role.MEMBER],
                )
            )
        )

    def chaired_by(self, user):
        if not is_signed_in(user):
            return self.none()
        return self.filter(
            Exists(
                BoardMembership.objects.filter(
                    board=OuterRef("pk"), user=user, role=BoardMembership.Role.CHAIR
                )
            )
        )


class GovernanceBoard(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    digest_day = models.PositiveSmallIntegerField(
        # After PROGRESS_UPDATE_DUE_DAY (10 by default), so the month's updates are in.
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="Day of the month (1–28) the digest of the previous month is sent.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(digest_day__gte=1, digest_day__lte=28),
                name="board_digest_day_in_every_month",
                violation_error_message=(
                    "The digest day must be from 1 to 28, so it falls in every month."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:detail", kwargs={"slug": self.slug})


class BoardMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        MEMBER = "member", "Member"
        OBSERVER = "observer", "Observer"

    board = models.ForeignKey(GovernanceBoard, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    receives_digest = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "user"],
                name="one_membership_per_board",
                violation_error_message="This person is already a member of this board.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} of {self.board}"


class BoardMeeting(models.Model):
    board = models.ForeignKey(GovernanceBoard, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="board_meetings_attended"
    )
    other_attendees = models.TextField(
        blank=True, help_text="People at the meeting who do not sign in to this service."
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["board", "-held_on"]
        get_latest_by = "held_on"
        constraints = [
            models.UniqueConstraint(
                fields=["board", "held_on"],
                name="one_meeting_per_board_per_day",
                violation_error_message="This board already has a meeting on this date.",
            ),
        ]

    def __str__(self):
        return f"{self.board} meeting, {self.held_on:%-d %B %Y}"


class Decision(models.Model):
    """What a board decided at a meeting, about an adaptation or anything else."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        NOTED = "noted", "Noted"

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="decisions")
    adaptation = models.ForeignKey(
        "adoptadapt_sites.Adaptation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    title = models.CharField(max_length=200)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["adaptation"],
                condition=Q(outcome__in=["approved", "rejected"]),
                name="one_final_decision_per_adaptation",
                violation_error_message="This adaptation has already been approved or rejected.",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["approved", "rejected", "noted"]),
                name="decision_outcome_is_known",
                violation_error_message="A decision is approved, rejected or noted.",
            ),
        ]

    def __str__(self):
        return f"{self.title}: {self.get_outcome_display()}"


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    board = models.ForeignKey(GovernanceBoard, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        BoardMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_actions",
    )
    due_on = models.DateField()
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    progress_note = models.TextField(
        blank=True, help_text="Where the action stands, in a sentence or two."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="action_done_has_completion_date",
                violation_error_message="A done action needs the date it was completed.",
            ),
        ]

    def __str__(self):
        return self.description[:80]


class Delivery(models.Model):
    """One email to one recipient for one period: the row that makes sending exactly-once.

    Not audited with simple-history: the row itself is the record of the send.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateField(help_text="The first day of the month the email is about.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class BoardDigest(models.Model):
    """A board's digest of one month, composed once and sent to every member who gets it.

    The digest archive shows these; each `DigestDelivery` is one recipient's copy.
    """

    board = models.ForeignKey(
        GovernanceBoard, on_delete=models.CASCADE, related_name="digest_archive"
    )
    period = models.DateField(help_text="The first day of the month the digest is about.")
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField()
    composed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["board", "-period"]
        get_latest_by = "period"
        constraints = [
            models.UniqueConstraint(
                fields=["board", "period"],
                name="one_digest_per_board_per_month",
                violation_error_message="This board already has a digest for this month.",
            ),
            models.CheckConstraint(
                condition=Q(period__day=1),
                name="digest_period_is_first_of_month",
                violation_error_message="The period must be the first day of a month.",
            ),
        ]

    def __str__(self):
        return f"{self.board} digest for {self.period:%B %Y}"


class DigestDelivery(Delivery):
    board = models.ForeignKey(GovernanceBoard, on_delete=models.CASCADE, related_name="digests")
    digest = models.ForeignKey(BoardDigest, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name_plural = "digest deliveries"
        ordering = ["-period", "board", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "recipient", "period"], name="one_digest_per_recipient_per_month"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="digest_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "period"])]

    def __str__(self):
        return f"{self.board} digest for {self.period:%B %Y} to {self.recipient}"


class ReminderDelivery(Delivery):
    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", "Before the due day"
        DUE = "due", "On the due day"
        OVERDUE = "overdue", "Overdue"

    adoption = models.ForeignKey(
        "adoptadapt_sites.Adoption", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # 0 for before-due and due-day reminders; the week number while overdue.
    sequence = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "reminder deliveries"
        ordering = ["-period", "adoption", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "recipient", "period", "kind", "sequence"],
                name="one_reminder_per_recipient_per_step",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="reminder_sent_has_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "period"])]

    def __str__(self):
        return f"{self.get_kind_display()} reminder for {self.adoption}, {self.period:%B %Y}"
