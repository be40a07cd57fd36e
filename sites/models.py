"""Organisations, and what happens at them: adoptions and everything logged against one."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.rules import is_signed_in

from . import access

gss_code_validator = RegexValidator(
    r"^[ENSW]\d{8}$",
    "Enter an ONS GSS code: a letter E, W, S or N followed by 8 digits, like E09000012.",
)


class Site(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        FOSTERING_PROVIDER = "fostering_provider", "Independent fostering provider"
        VOLUNTARY = "voluntary", "Voluntary organisation"
        HEALTH_TRUST = "health_trust", "Health trust"
        OTHER = "other", "Other"

    class Region(models.TextChoices):
        NORTH_EAST = "north_east", "North East"
        NORTH_WEST = "north_west", "North West"
        YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
        EAST_MIDLANDS = "east_midlands", "East Midlands"
        WEST_MIDLANDS = "west_midlands", "West Midlands"
        EAST = "east", "East of England"
        LONDON = "london", "London"
        SOUTH_EAST = "south_east", "South East"
        SOUTH_WEST = "south_west", "South West"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
        OUTSIDE_UK = "outside_uk", "Outside the UK"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=20, choices=Region.choices)
    gss_code = models.CharField(
        "ONS GSS code",
        max_length=9,
        blank=True,
        validators=[gss_code_validator],
        help_text="The Office for National Statistics code, for example E09000012.",
    )
    dfe_la_number = models.PositiveSmallIntegerField(
        "DfE LA number",
        null=True,
        blank=True,
        validators=[MinValueValidator(100), MaxValueValidator(999)],
        help_text="The Department for Education's 3-digit local authority number.",
    )
    website = models.URLField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gss_code"],
                condition=~Q(gss_code=""),
                name="site_gss_code_unique",
                violation_error_message="Another organisation already has this ONS GSS code.",
            ),
            models.UniqueConstraint(
                fields=["dfe_la_number"],
                name="site_dfe_la_number_unique",
                violation_error_message="Another organisation already has this DfE LA number.",
            ),
            models.CheckConstraint(
                condition=Q(dfe_la_number__isnull=True)
                | Q(dfe_la_number__gte=100, dfe_la_number__lte=999),
                name="site_dfe_la_number_3_digits",
                violation_error_message="The DfE LA number must have 3 digits.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sites:detail", kwargs={"slug": self.slug})


class Stage(models.TextChoices):
    EXPLORATION = "exploration", "Exploration"
    PREPARATION = "preparation", "Preparation"
    IMPLEMENTATION = "implementation", "Implementation"
    SUSTAINMENT = "sustainment", "Sustainment"
    PAUSED = "paused", "Paused"
    DISCONTINUED = "discontinued", "Discontinued"


class Rag(models.TextChoices):
    """Five-point delivery confidence, as UK programme boards report it."""

    GREEN = "green", "Green"
    AMBER_GREEN = "amber_green", "Amber/green"
    AMBER = "amber", "Amber"
    AMBER_RED = "amber_red", "Amber/red"
    RED = "red", "Red"


class AdoptionQuerySet(models.QuerySet):
    """The one place that decides which adoptions a person may see or edit: each method
    filters by a rule in sites/access.py, which also answers for a single adoption."""

    def _allowed(self, rule, user):
        if not is_signed_in(user):
            return self.none()
        if rule.lets_in_everyone(user):
            return self.all()
        return self.filter(rule.condition(user))

    def visible_to(self, user):
        return self._allowed(access.SEE, user)

    def editable_by(self, user):
        return self._allowed(access.EDIT, user)

    def fidelity_assessable_by(self, user):
        """The lead, contributors and the originating partner record fidelity assessments."""
        return self._allowed(access.ASSESS_FIDELITY, user)

    def updates_submittable_by(self, user):
        """The lead submits monthly updates; contributors too where the lead allows it."""
        return self._allowed(access.SUBMIT_UPDATES, user)

    def updates_reviewable_by(self, user):
        """The originating partner and the board's chair and members review monthly
        updates; never the people who write them (the lead and contributors)."""
        return self._allowed(access.REVIEW_UPDATES, user)

    def with_viewer_standing(self, user):
        """Each adoption with `user`'s roles on it and its board, which
        `access.standing_remember` keeps for the request's permission checks."""
        if not is_signed_in(user):
            return self
        return self.annotate(**access.standing_annotations(user))


class Adoption(models.Model):
    """An adopting site taking up an innovation."""

    innovation = models.ForeignKey(
        "innovations.Innovation", on_delete=models.PROTECT, related_name="adoptions"
    )
    adopting_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="adoptions")
    partner_site = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        related_name="partnered_adoptions",
        null=True,
        blank=True,
        verbose_name="originating partner site",
        help_text="The site that runs the innovation already and is helping this one.",
    )
    support_organisation = models.ForeignKey(
        Site,
        on_delete=models.PROTECT,
        related_name="supported_adoptions",
        null=True,
        blank=True,
    )
    board = models.ForeignKey(
        "governance.GovernanceBoard",
        on_delete=models.SET_NULL,
        related_name="adoptions",
        null=True,
        blank=True,
        verbose_name="governance board",
    )
    stage = models.CharField(max_length=15, choices=Stage.choices, default=Stage.EXPLORATION)
    started_on = models.DateField()
    programme = models.ForeignKey(
        "Programme",
        on_delete=models.SET_NULL,
        related_name="adoptions",
        null=True,
        blank=True,
        help_text="The combined programme this adoption is run in, with the site's others.",
    )
    contributors_may_submit = models.BooleanField(
        default=False,
        help_text="Whether contributors may submit monthly updates, or only draft them.",
    )
    team_notes = models.TextField(
        "what makes it work",
        blank=True,
        help_text="The team's own notes on what makes the innovation work.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["innovation__name", "adopting_site__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "adopting_site"],
                name="adoption_unique_per_site",
                violation_error_message="This site has already adopted this innovation.",
            ),
            models.CheckConstraint(
                condition=~Q(partner_site=models.F("adopting_site")),
                name="adoption_partner_is_another_site",
                violation_error_message=(
                    "The originating partner must be a different site from the adopting site."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.innovation} at {self.adopting_site}"

    def get_absolute_url(self):
        return reverse("adoptions:detail", kwargs={"pk": self.pk})


class StageChange(models.Model):
    """One dated move of an adoption from stage to stage: the stage history."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(max_length=15, choices=Stage.choices)
    changed_on = models.DateField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "changed_on", "recorded_at"]
        get_latest_by = ["changed_on", "recorded_at"]

    def __str__(self):
        return f"{self.get_stage_display()} from {self.changed_on:%-d %B %Y}"


class Milestone(models.Model):
    """A milestone activity of an adoption, planned and then completed."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(
        max_length=15, choices=Stage.choices, help_text="The stage the activity belongs to."
    )
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "position", "due_on", "id"]

    def __str__(self):
        return self.title

    @property
    def is_complete(self):
        return self.completed_on is not None


class AdoptionRole(models.Model):
    """A person's role on one adoption."""

    class Role(models.TextChoices):
        LEAD = "lead", "Project lead"
        CONTRIBUTOR = "contributor", "Contributor"
        ORIGINATING_PARTNER = "originating_partner", "Originating partner"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="adoption_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "user"],
                name="one_role_per_adoption",
                violation_error_message="This person already has a role on this adoption.",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.adoption}"


class MetricTarget(models.Model):
    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="targets")
    metric = models.ForeignKey(
        "innovations.OutcomeMetric", on_delete=models.PROTECT, related_name="targets"
    )
    target = models.DecimalField(max_digits=12, decimal_places=2)
    target_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "metric"],
                name="one_target_per_metric_per_adoption",
                violation_error_message="This adoption already has a target for this metric.",
            ),
        ]

    def __str__(self):
        return f"{self.metric}: {self.target}"


class ContextFactor(models.Model):
    """One factor of the context diagnosis, compared between the two sites."""

    class Domain(models.TextChoices):
        INNOVATION = "innovation", "Innovation"
        OUTER_SETTING = "outer_setting", "Outer setting"
        INNER_SETTING = "inner_setting", "Inner setting"
        INDIVIDUALS = "individuals", "Individuals"
        PROCESS = "process", "Implementation process"

    class Nature(models.TextChoices):
        CONSTRAINT = "constraint", "Constraint"
        ASSET = "asset", "Asset"

    class Fit(models.TextChoices):
        ALIGNED = "aligned", "Aligned"
        GAP = "gap", "Gap"
        BLOCKER = "blocker", "Blocker"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="context_factors")
    domain = models.CharField(max_length=15, choices=Domain.choices)
    name = models.CharField(max_length=200)
    originating_context = models.TextField("what the originating site had", blank=True)
    adopting_context = models.TextField("what this site has", blank=True)
    originating_rating = models.SmallIntegerField(
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
        help_text="From −2 (strongly hindering) to +2 (strongly helping).",
    )
    adopting_rating = models.SmallIntegerField(
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
        help_text="From −2 (strongly hindering) to +2 (strongly helping).",
    )
    nature = models.CharField(max_length=10, choices=Nature.choices)
    fit = models.CharField(max_length=10, choices=Fit.choices)
    mitigation = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "domain", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(originating_rating__gte=-2, originating_rating__lte=2),
                name="context_originating_rating_range",
                violation_error_message="Ratings go from −2 to +2.",
            ),
            models.CheckConstraint(
                condition=Q(adopting_rating__gte=-2, adopting_rating__lte=2),
                name="context_adopting_rating_range",
                violation_error_message="Ratings go from −2 to +2.",
            ),
            models.UniqueConstraint(
                fields=["adoption", "domain", "name"],
                name="context_factor_unique",
                violation_error_message=(
                    "This adoption already has a factor with this name in this domain."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class ReadinessItem(models.Model):
    """One item of the "prepare the ground" checklist."""

    class Area(models.TextChoices):
        WORKFORCE = "workforce", "Workforce"
        PERMISSIONS = "permissions", "Permissions and approvals"
        PARTNER_AGENCIES = "partner_agencies", "Partner-agency relationships"
        CULTURE = "culture", "Culture"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="readiness_items")
    area = models.CharField(max_length=20, choices=Area.choices)
    description = models.CharField(max_length=300)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    due_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "area", "id"]

    def __str__(self):
        return self.description


class PersonnelExchange(models.Model):
    """People shared between sites: how practice travels with those who know it."""

    class Kind(models.TextChoices):
        SECONDMENT = "secondment", "Secondment"
        STAFF_EXCHANGE = "staff_exchange", "Staff exchange"
        BOARD_SEAT = "board_seat", "Board seat"
        COACHING = "coaching", "Coaching"
        VISIT = "visit", "Visit"

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="personnel_exchanges"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    from_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="exchanges_out")
    to_site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="exchanges_in")
    person_name = models.CharField(max_length=200, blank=True)
    role_description = models.CharField("role", max_length=200, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["adoption", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_site=models.F("to_site")),
                name="exchange_between_two_sites",
                violation_error_message="An exchange must be between two different sites.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="exchange_ends_after_start",
                violation_error_message="The end date must be on or after the start date.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.from_site} → {self.to_site}"


class LessonTag(models.Model):
    """A tag on lessons learned, so lessons can be found and shared across adopters."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgressUpdate(models.Model):
    """The monthly update: one per adoption per month (period = first day of the month)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for revision"
        ACCEPTED = "accepted", "Accepted"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="updates")
    period = models.DateField(help_text="The first day of the month reported on.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    rag = models.CharField("RAG status", max_length=15, choices=Rag.choices, blank=True)
    rag_explanation = models.TextField("why this RAG status", blank=True)
    summary = models.TextField(blank=True)
    achievements = models.TextField(blank=True)
    barriers_and_risks = models.TextField(blank=True)
    lessons_learned = models.TextField(blank=True)
    lesson_tags = models.ManyToManyField(LessonTag, blank=True, related_name="updates")
    next_steps = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    # Optimistic locking: a save carries the version it started from and is refused
    # if someone else saved in between, so concurrent edits are never lost silently.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[lesson_tags])

    class Meta:
        # By the adoption's id, not the adoption: ordering by the relation sorts by the
        # adoption's own ordering (innovation and site names), which joined both tables
        # into every read of updates, subqueries and `.first()` included. The admin
        # list keeps the names' order (ProgressUpdateAdmin.ordering).
        ordering = ["adoption_id", "-period"]
        get_latest_by = "period"
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "period"],
                name="one_update_per_adoption_per_month",
                violation_error_message="There is already an update for this adoption and month.",
            ),
            models.CheckConstraint(
                condition=Q(period__day=1),
                name="update_period_is_first_of_month",
                violation_error_message="The period must be the first day of a month.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(rag=""),
                name="update_rag_required_once_submitted",
                violation_error_message="Select a RAG status before submitting.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | ~Q(rag__in=["amber_red", "red"])
                | ~Q(rag_explanation=""),
                name="update_explanation_required_for_amber_red_and_red",
                violation_error_message="Explain why the status is amber/red or red.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="update_submitted_has_time",
                violation_error_message="A submitted update must record when it was submitted.",
            ),
        ]

    def __str__(self):
        return f"{self.adoption} – {self.period:%B %Y}"


class MetricValue(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="values")
    metric = models.ForeignKey(
        "innovations.OutcomeMetric", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["update", "metric"], name="one_value_per_metric_per_update"
            ),
        ]

    def __str__(self):
        return f"{self.metric.name}: {self.value}"


class MonthlyFigure(models.Model):
    """Derived from the metric values of reported (not draft) updates, and rebuilt by
    `sites.figures.metric_figures_refresh` whenever they change: one row per adoption,
    metric and month with a value, carrying the running total and the moment from
    which every value up to that month had been submitted. Dashboards read a site's
    figure to date from here instead of adding up years of monthly values."""

    # The indexes below lead with the adoption, so it needs none of its own.
    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    metric = models.ForeignKey(
        "innovations.OutcomeMetric", on_delete=models.CASCADE, related_name="+"
    )
    period = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    total_to_date = models.DecimalField(max_digits=18, decimal_places=2)
    submitted_at = models.DateTimeField(help_text="When this month's update was submitted.")
    known_from = models.DateTimeField(
        help_text="When the last of the values up to this month was submitted."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "metric", "period"], name="one_figure_per_metric_per_month"
            ),
        ]
        indexes = [
            # The figures that were not all known yet at a moment: late submissions.
            models.Index(fields=["adoption", "known_from"], name="figure_known_from"),
        ]

    def __str__(self):
        return f"{self.metric_id} at adoption {self.adoption_id}, {self.period:%B %Y}"


class FidelityBand(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"

    @classmethod
    def for_score(cls, percent):
        """Low 0–50 %, moderate 51–79 %, high 80–100 %."""
        if percent is None:
            return None
        if percent >= 80:
            return cls.HIGH
        if percent > 50:
            return cls.MODERATE
        return cls.LOW


class FidelityAssessment(models.Model):
    class Method(models.TextChoices):
        SELF = "self", "Self-assessment"
        PEER = "peer", "Peer review"
        ORIGINATING_TEAM = "originating_team", "Originating team"
        ACCREDITOR = "accreditor", "Accreditor"

    adoption = models.ForeignKey(
        Adoption, on_delete=models.CASCADE, related_name="fidelity_assessments"
    )
    assessed_on = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    co_assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_assessed_fidelity"
    )
    summary = models.TextField(blank=True)
    # Kept with the assessment (worked out from the scores when they are recorded)
    # so dashboards can sort and band without re-scoring every criterion.
    must_have_score = models.PositiveSmallIntegerField("must-have score (%)", null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[co_assessors])

    class Meta:
        ordering = ["adoption", "-assessed_on"]
        get_latest_by = "assessed_on"
        constraints = [
            models.CheckConstraint(
                condition=Q(must_have_score__isnull=True) | Q(must_have_score__lte=100),
                name="assessment_score_is_a_percentage",
                violation_error_message="The must-have score is a percentage from 0 to 100.",
            ),
        ]
        indexes = [
            # An adoption's latest assessment as of a date (dashboards, heatmaps): the
            # first entry at or before it, instead of sorting every quarter's assessment.
            models.Index(
                fields=["adoption", "-assessed_on", "-id"], name="assessment_latest_first"
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()} of {self.adoption}, {self.assessed_on:%-d %B %Y}"

    @property
    def band(self):
        return FidelityBand.for_score(self.must_have_score)


class CriterionScore(models.Model):
    class Score(models.TextChoices):
        MET = "met", "Met"
        PARTLY_MET = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"
        NOT_ASSESSED = "not_assessed", "Not assessed"

    assessment = models.ForeignKey(
        FidelityAssessment, on_delete=models.CASCADE, related_name="scores"
    )
    # PROTECT: a criterion that has been scored is retired, never deleted.
    criterion = models.ForeignKey(
        "innovations.FidelityCriterion", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.CharField(max_length=15, choices=Score.choices)
    evidence_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="one_score_per_criterion"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_score_display()}"


class Adaptation(models.Model):
    """A change made to the innovation at this site, coded after FRAME (Wiltshire Stirman)."""

    class Phase(models.TextChoices):
        PRE_IMPLEMENTATION = "pre_implementation", "Pre-implementation or planning"
        IMPLEMENTATION = "implementation", "Implementation"
        SCALE_UP = "scale_up", "Scale-up"
        SUSTAINMENT = "sustainment", "Sustainment"

    class Planning(models.TextChoices):
        PLANNED_PROACTIVE = "planned_proactive", "Planned, proactive"
        PLANNED_REACTIVE = "planned_reactive", "Planned, reactive"
        UNPLANNED_REACTIVE = "unplanned_reactive", "Unplanned, reactive"

    class Decider(models.TextChoices):
        POLITICAL_LEADERS = "political_leaders", "Political leaders"
        PROGRAMME_LEADER = "programme_leader", "Programme leader"
        FUNDER = "funder", "Funder"
        ADMINISTRATOR = "administrator", "Administrator"
        PROGRAMME_MANAGER = "programme_manager", "Programme manager"
        DEVELOPER = "developer", "Innovation developer (originating site)"
        RESEARCHER = "researcher", "Researcher or evaluator"
        DELIVERY_TEAM = "delivery_team", "Delivery team"
        PRACTITIONER = "practitioner", "Individual practitioner"
        RECIPIENTS = "recipients", "Children, young people or families"
        COMMUNITY = "community", "Community members"

    class Modified(models.TextChoices):
        CONTENT = "content", "Content"
        CONTEXT_FORMAT = "context_format", "Context: format"
        CONTEXT_SETTING = "context_setting", "Context: setting"
        CONTEXT_PERSONNEL = "context_personnel", "Context: personnel"
        CONTEXT_POPULATION = "context_population", "Context: population"
        TRAINING = "training", "Training"
        EVALUATION = "evaluation", "Evaluation"
        IMPLEMENTATION_ACTIVITIES = "implementation_activities", "Implementation activities"

    class Level(models.TextChoices):
        INDIVIDUAL_RECIPIENT = "individual_recipient", "Individual child or family"
        GROUP = "group", "Group or cohort"
        PRACTITIONER = "practitioner", "Individual practitioner"
        TEAM = "team", "Team or unit"
        ORGANISATION = "organisation", "Organisation"
        SYSTEM = "system", "Network, system or community"

    class ModificationType(models.TextChoices):
        TAILORING = "tailoring", "Tailoring, tweaking or refining"
        ADDING = "adding", "Adding elements"
        REMOVING = "removing", "Removing or skipping elements"
        SHORTENING = "shortening", "Shortening or condensing"
        LENGTHENING = "lengthening", "Lengthening or extending"
        SUBSTITUTING = "substituting", "Substituting elements"
        REORDERING = "reordering", "Reordering elements"
        INTEGRATING = "integrating", "Integrating another approach"
        REPEATING = "repeating", "Repeating elements"
        LOOSENING = "loosening", "Loosening structure"
        DEPARTING = "departing", "Departing from the innovation"

    class FidelityRelation(models.TextChoices):
        CONSISTENT = "consistent", "Fidelity-consistent"
        INCONSISTENT = "inconsistent", "Fidelity-inconsistent"
        UNKNOWN = "unknown", "Unknown"

    class Goal(models.TextChoices):
        REACH = "reach", "Increase reach or engagement"
        RETENTION = "retention", "Increase retention"
        FEASIBILITY = "feasibility", "Improve feasibility"
        FIT = "fit", "Improve fit with recipients"
        CULTURE = "culture", "Address cultural factors"
        EFFECTIVENESS = "effectiveness", "Improve effectiveness or outcomes"
        COST = "cost", "Reduce cost"
        SATISFACTION = "satisfaction", "Increase satisfaction"

    class DecisionStatus(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="adaptations")
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What was changed, in a few sentences.")
    made_on = models.DateField("date of the adaptation")
    phase = models.CharField("when", max_length=20, choices=Phase.choices)
    planning = models.CharField("planned or unplanned", max_length=20, choices=Planning.choices)
    decided_by = models.CharField("who decided", max_length=20, choices=Decider.choices)
    what_modified = models.CharField("what was modified", max_length=30, choices=Modified.choices)
    level_of_delivery = models.CharField(max_length=25, choices=Level.choices)
    modification_type = models.CharField(
        "type of modification", max_length=15, choices=ModificationType.choices
    )
    fidelity_relation = models.CharField(
        "relation to fidelity", max_length=15, choices=FidelityRelation.choices
    )
    goal = models.CharField(max_length=15, choices=Goal.choices)
    reasons_sociopolitical = models.TextField("sociopolitical reasons", blank=True)
    reasons_organisation = models.TextField("organisation or setting reasons", blank=True)
    reasons_provider = models.TextField("provider reasons", blank=True)
    reasons_recipient = models.TextField("recipient reasons", blank=True)
    criteria = models.ManyToManyField(
        "innovations.FidelityCriterion",
        related_name="adaptations",
        blank=True,
        verbose_name="criteria it touches",
    )
    needs_board_decision = models.BooleanField(
        default=False,
        help_text="Set when the adaptation touches a must-have or is fidelity-inconsistent.",
    )
    decision_status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    decision_rationale = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[criteria])

    class Meta:
        ordering = ["adoption", "-made_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision_status__in=["approved", "rejected"])
                | Q(decided_at__isnull=False),
                name="adaptation_decision_is_dated",
                violation_error_message=(
                    "An approved or rejected adaptation must record when it was decided."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def awaiting_decision(self):
        return self.needs_board_decision and self.decision_status == self.DecisionStatus.PROPOSED


class Programme(models.Model):
    """Several innovations adopted at one site and run as one programme (Bradford runs
    No Wrong Door and Mockingbird together), overseen by one shared board."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="How the innovations fit together.")
    board = models.ForeignKey(
        "governance.GovernanceBoard",
        on_delete=models.SET_NULL,
        related_name="programmes",
        null=True,
        blank=True,
        verbose_name="shared governance board",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["site__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "name"],
                name="programme_name_unique_per_site",
                violation_error_message="This site already has a programme with this name.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.site})"

    def get_absolute_url(self):
        return reverse("sites:programme", kwargs={"slug": self.site.slug, "pk": self.pk})


class MustHaveConflict(models.Model):
    """Where a must-have of one innovation in a programme pulls against a must-have of
    another, and how the site resolves it."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="conflicts")
    first_criterion = models.ForeignKey(
        "innovations.FidelityCriterion", on_delete=models.PROTECT, related_name="+"
    )
    second_criterion = models.ForeignKey(
        "innovations.FidelityCriterion", on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("how they conflict")
    resolution = models.TextField("how it is resolved", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first_criterion=models.F("second_criterion")),
                name="conflict_between_two_criteria",
                violation_error_message="A conflict is between two different must-haves.",
            ),
            models.UniqueConstraint(
                fields=["programme", "first_criterion", "second_criterion"],
                name="one_conflict_per_pair_per_programme",
                violation_error_message="This conflict has already been recorded.",
            ),
            models.CheckConstraint(
                condition=Q(status="open", resolved_at__isnull=True)
                | (Q(status="resolved", resolved_at__isnull=False) & ~Q(resolution="")),
                name="conflict_resolution_recorded",
                violation_error_message="A resolved conflict must say how it was resolved.",
            ),
        ]

    def __str__(self):
        return f"{self.first_criterion} and {self.second_criterion}"


# The statuses in which a site holds its accreditation or licence (until it expires).
ACCREDITATION_HELD = ("awarded", "conditions")


class AccreditationQuerySet(models.QuerySet):
    def held_on(self, day):
        """Awarded (with or without conditions) and not expired on that day."""
        return self.filter(status__in=ACCREDITATION_HELD, awarded_on__lte=day).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day)
        )

    def expiring_between(self, first_day, last_day):
        return self.filter(
            status__in=ACCREDITATION_HELD, expires_on__gte=first_day, expires_on__lte=last_day
        )


class Accreditation(models.Model):
    """An adoption's accreditation or licence to deliver the innovation."""

    # How far ahead an expiry is flagged: on the adoption, the board dashboard and digest.
    EXPIRY_WARNING_DAYS = 90

    class Kind(models.TextChoices):
        ACCREDITATION = "accreditation", "Accreditation"
        LICENCE = "licence", "Licence"

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied for"
        AWARDED = "awarded", "Awarded"
        CONDITIONS = "conditions", "Awarded with conditions"
        LAPSED = "lapsed", "Lapsed"

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="accreditations")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    awarding_body = models.CharField(max_length=200)
    standard = models.CharField("standard or licence name", max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    awarded_on = models.DateField("award date", null=True, blank=True)
    expires_on = models.DateField("expiry date", null=True, blank=True)
    evidence_url = models.URLField("evidence link", max_length=500, blank=True)
    conditions = models.TextField("conditions or notes", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["adoption", "expires_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["applied", "lapsed"]) | Q(awarded_on__isnull=False),
                name="accreditation_award_is_dated",
                violation_error_message="An awarded accreditation or licence needs its award date.",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(awarded_on__isnull=True)
                | Q(expires_on__gt=models.F("awarded_on")),
                name="accreditation_expires_after_award",
                violation_error_message="The expiry date must be after the award date.",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="accreditation_expiry")]

    def __str__(self):
        return f"{self.standard} ({self.awarding_body})"

    @property
    def is_held(self) -> bool:
        return self.status in ACCREDITATION_HELD

    def days_to_expiry(self, day) -> int | None:
        """Days from `day` until a held accreditation expires (negative once it has);
        None when it is not held or never expires."""
        if not self.is_held or self.expires_on is None:
            return None
        return (self.expires_on - day).days

    def expires_soon(self, day) -> bool:
        days = self.days_to_expiry(day)
        return days is not None and 0 <= days <= self.EXPIRY_WARNING_DAYS
