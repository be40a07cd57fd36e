"""The innovation directory: what each innovation is, what must be kept, how it is measured."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.rules import is_directory_admin, is_signed_in


class Theme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InnovationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Innovation.Status.PUBLISHED)

    def visible_to(self, user):
        """Everyone sees published entries; directory admins also see drafts and archive."""
        if is_directory_admin(user):
            return self.all()
        return self.published()

    def editable_by(self, user):
        if is_directory_admin(user):
            return self.all()
        return self.none()

    def adoptions_overseeable_by(self, user):
        """Innovations whose adoptions someone may see across every board: directory
        admins see all; an originating partner on any adoption sees that innovation's."""
        if not is_signed_in(user):
            return self.none()
        if is_directory_admin(user):
            return self.all()
        from sites.models import AdoptionRole

        return self.filter(
            Exists(
                AdoptionRole.objects.filter(
                    adoption__innovation=OuterRef("pk"),
                    user=user,
                    role=AdoptionRole.Role.ORIGINATING_PARTNER,
                )
            )
        )

    def with_adoptions_overseeable(self, user):
        """Annotate `adoptions_overseeable`: whether `adoptions_overseeable_by(user)`
        holds the innovation, in the same query (for the link on its page)."""
        overseeable = Innovation.objects.adoptions_overseeable_by(user).filter(pk=OuterRef("pk"))
        return self.annotate(adoptions_overseeable=Exists(overseeable))


class Innovation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class EvidenceLevel(models.TextChoices):
        """The Early Intervention Foundation's scale, as the programme directory uses it."""

        LEVEL_4_PLUS = "4+", "4+ (effective: consistent evidence from several rigorous studies)"
        LEVEL_4 = "4", "4 (effective: at least two rigorous evaluations)"
        LEVEL_3_PLUS = "3+", "3+ (promising, with further evidence)"
        LEVEL_3 = "3", "3 (effective: one rigorous evaluation)"
        LEVEL_2_PLUS = "2+", "2+ (preliminary evidence, with further support)"
        LEVEL_2 = "2", "2 (preliminary evidence of improving outcomes)"
        NL2 = "NL2", "NL2 (not yet level 2: evidence not yet sufficient)"
        NE = "NE", "NE (found not to be effective)"
        NOT_RATED = "not_rated", "Not rated (system-level model)"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.TextField(help_text="What the innovation is, in a paragraph.")
    problem_addressed = models.TextField("problem it addresses", blank=True)
    originating_site = models.ForeignKey(
        "adoptadapt_sites.Site",
        on_delete=models.PROTECT,
        related_name="originated_innovations",
        null=True,
        blank=True,
        help_text="Where the innovation was first developed and run.",
    )
    original_constraints = models.TextField(
        blank=True, help_text="What limited the originating site when it began."
    )
    original_assets = models.TextField(
        blank=True, help_text="What the originating site could draw on."
    )
    culture = models.TextField(blank=True, help_text="The culture it grew in.")
    values = models.TextField(blank=True, help_text="The values that hold it together.")
    leadership = models.TextField(blank=True, help_text="How it was led.")
    themes = models.ManyToManyField(Theme, related_name="innovations", blank=True)
    evidence_level = models.CharField(
        max_length=10, choices=EvidenceLevel.choices, default=EvidenceLevel.NOT_RATED
    )
    evidence_summary = models.TextField(blank=True)
    cost_rating = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (lowest cost) to 5 (highest cost), where rated.",
    )
    accreditation = models.TextField(
        "accreditation or licensing",
        blank=True,
        help_text="Who licenses or accredits delivery, and on what terms.",
    )
    support_organisations = models.ManyToManyField(
        "adoptadapt_sites.Site",
        related_name="supported_innovations",
        blank=True,
        help_text="Organisations that help other sites adopt it.",
    )
    # Lineage: the innovation this one was adapted from, and how.
    adapted_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="adapted_versions",
        null=True,
        blank=True,
        help_text="The innovation this one was adapted from, if any.",
    )
    lineage_changes = models.TextField(
        "what changed", blank=True, help_text="What is different from the innovation it came from."
    )
    lineage_reasons = models.TextField(
        "why it changed", blank=True, help_text="Why those changes were made."
    )
    adapted_at = models.ForeignKey(
        "adoptadapt_sites.Site",
        on_delete=models.PROTECT,
        related_name="innovations_adapted_here",
        null=True,
        blank=True,
        verbose_name="where it was adapted",
    )
    adapted_by = models.CharField(
        "who adapted it",
        max_length=300,
        blank=True,
        help_text="The people or organisations who made the adaptation.",
    )
    promoted_from = models.OneToOneField(
        "adoptadapt_sites.Adaptation",
        on_delete=models.SET_NULL,
        related_name="promoted_to",
        null=True,
        blank=True,
        help_text="The adaptation logged at an adopting site that this entry grew from.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Derived: the weighted full-text vector the directory searches (innovations/search.py).
    search_document = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(
        m2m_fields=[themes, support_organisations], excluded_fields=["search_document"]
    )

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost_rating__isnull=True)
                | models.Q(cost_rating__gte=1, cost_rating__lte=5),
                name="innovation_cost_rating_1_to_5",
                violation_error_message="The cost rating must be from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "published", "archived"]),
                name="innovation_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(adapted_from=models.F("pk")),
                name="innovation_not_adapted_from_itself",
                violation_error_message="An innovation cannot be adapted from itself.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("innovations:detail", kwargs={"slug": self.slug})


class FidelityCriterion(models.Model):
    """A must-have ("tramline") or an adaptable part of an innovation.

    Once a criterion has been scored in an assessment it is retired, never deleted,
    so past assessments keep their meaning.
    """

    class Kind(models.TextChoices):
        MUST_HAVE = "must_have", "Must-have"
        ADAPTABLE = "adaptable", "Adaptable"

    class Dimension(models.TextChoices):
        ADHERENCE = "adherence", "Adherence"
        DOSE = "dose", "Dose"
        QUALITY = "quality", "Quality of delivery"
        RESPONSIVENESS = "responsiveness", "Participant responsiveness"
        DIFFERENTIATION = "differentiation", "Programme differentiation"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    how_evidenced = models.TextField(
        "how fidelity is evidenced", blank=True, help_text="What an assessor looks at."
    )
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "position", "id"]
        verbose_name_plural = "fidelity criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "name"],
                name="criterion_name_unique_per_innovation",
                violation_error_message="This innovation already has a criterion with this name.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["must_have", "adaptable"]),
                name="criterion_kind_valid",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_must_have(self):
        return self.kind == self.Kind.MUST_HAVE

    @property
    def is_retired(self):
        return self.retired_at is not None


class OutcomeMetric(models.Model):
    class Aggregation(models.TextChoices):
        CUMULATIVE = "cumulative", "Cumulative (each month adds to the total)"
        POINT_IN_TIME = "point_in_time", "Point in time (the latest value stands)"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=50, help_text="For example: carers, children, %.")
    higher_is_better = models.BooleanField(default=True)
    aggregation = models.CharField(
        max_length=15,
        choices=Aggregation.choices,
        default=Aggregation.POINT_IN_TIME,
        help_text="How monthly values roll up across months and sites.",
    )
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "name"],
                name="metric_name_unique_per_innovation",
                violation_error_message="This innovation already has a metric with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class EvidenceSource(models.Model):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", "Evaluation report"
        RESEARCH = "research", "Research paper"
        GUIDANCE = "guidance", "Practice guidance"
        OTHER = "other", "Other"

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="evidence_sources"
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.EVALUATION)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    url = models.URLField("link", max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "position", "id"]

    def __str__(self):
        return self.title


class Resource(models.Model):
    """Toolkits, training and materials that help a site adopt the innovation."""

    class Kind(models.TextChoices):
        TOOLKIT = "toolkit", "Toolkit"
        TRAINING = "training", "Training"
        MATERIALS = "materials", "Materials"
        OTHER = "other", "Other"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.TOOLKIT)
    description = models.TextField(blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["innovation", "position", "id"]

    def __str__(self):
        return self.title
