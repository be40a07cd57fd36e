"""Read queries about adoptions, each returning everything its page shows in a fixed
number of queries, however many rows there are."""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from accounts.models import User
from innovations.models import FidelityCriterion, Innovation, OutcomeMetric

from .models import (
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    MetricTarget,
    Milestone,
    PersonnelExchange,
    ProgressUpdate,
    ReadinessItem,
    Stage,
    StageChange,
)
from .periods import PeriodStatus, period_status, previous_month, reporting_period


def latest_submitted(field: str) -> Subquery:
    """A field of the adoption's latest update that is not a draft (for an annotation)."""
    return Subquery(
        ProgressUpdate.objects.filter(adoption=OuterRef("pk"))
        .exclude(status=ProgressUpdate.Status.DRAFT)
        .order_by("-period")
        .values(field)[:1]
    )


def adoptions_for_person(user, *, today: datetime.date) -> QuerySet[Adoption]:
    """The adoptions someone holds a role on, with what "my work" shows for each."""
    period = reporting_period(today)
    period_update = ProgressUpdate.objects.filter(adoption=OuterRef("pk"), period=period)
    return (
        Adoption.objects.filter(roles__user=user)
        .select_related("innovation", "adopting_site", "board")
        .annotate(
            my_role=Subquery(
                AdoptionRole.objects.filter(adoption=OuterRef("pk"), user=user).values("role")[:1]
            ),
            period_update_status=Subquery(period_update.values("status")[:1]),
            last_assessed_on=Subquery(
                FidelityAssessment.objects.filter(adoption=OuterRef("pk"))
                .order_by("-assessed_on")
                .values("assessed_on")[:1]
            ),
            latest_rag=latest_submitted("rag"),
            latest_rag_period=latest_submitted("period"),
            awaiting_decision_count=Count(
                "adaptations",
                filter=Q(
                    adaptations__needs_board_decision=True,
                    adaptations__decision_status=Adaptation.DecisionStatus.PROPOSED,
                ),
                distinct=True,
            ),
        )
        .order_by("innovation__name", "adopting_site__name")
    )


def adoption_detail_queryset(user, *, today: datetime.date | None = None) -> QuerySet[Adoption]:
    """One adoption's overview: the people, the stage history, the journey's counts,
    milestones and recent updates (with `today`: the twelve months up to last month)."""
    if today is None:
        updates = ProgressUpdate.objects.order_by("-period")[:12]
    else:
        updates = ProgressUpdate.objects.filter(
            period__gte=trend_months(today)[0], period__lte=trend_months(today)[-1]
        ).order_by("-period")
    return (
        _adoption_overview_base()
        .visible_to(user)
        .with_viewer_standing(user)
        .prefetch_related(
            Prefetch("roles", queryset=AdoptionRole.objects.select_related("user__organisation")),
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("changed_by").order_by(
                    "-changed_on", "-recorded_at"
                ),
            ),
            Prefetch("updates", queryset=updates, to_attr="recent_updates"),
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "due_on", "id")),
        )
    )


@functools.cache
def _adoption_overview_base() -> QuerySet[Adoption]:
    """What every overview shares, built once per process: its thirteen journey counts
    took longer to build on each request (~5 ms) than the database takes to run them.
    Never evaluated itself; each use filters a copy."""
    return with_journey_counts(
        Adoption.objects.select_related(
            "innovation",
            "adopting_site",
            "partner_site",
            "support_organisation",
            "board",
            "programme__site",
        )
    )


# --- fidelity assessments and adaptations ---

# How far each score is from "met", to tell a criterion that drifts from one that holds.
SCORE_RANK = {
    CriterionScore.Score.MET: 2,
    CriterionScore.Score.PARTLY_MET: 1,
    CriterionScore.Score.NOT_MET: 0,
}


def fidelity_assessments(adoption: Adoption) -> QuerySet[FidelityAssessment]:
    """An adoption's assessments, newest first, with who assessed them."""
    return (
        FidelityAssessment.objects.filter(adoption=adoption)
        .select_related("assessed_by")
        .prefetch_related(Prefetch("co_assessors", queryset=User.objects.order_by("first_name")))
        .order_by("-assessed_on", "-recorded_at")
    )


def fidelity_assessment_detail_queryset(adoption: Adoption) -> QuerySet[FidelityAssessment]:
    """One assessment with every score, must-haves first."""
    return fidelity_assessments(adoption).prefetch_related(
        Prefetch(
            "scores",
            queryset=CriterionScore.objects.select_related("criterion").order_by(
                "-criterion__kind", "criterion__position", "criterion__id"
            ),
        )
    )


@dataclass
class TrendRow:
    criterion: FidelityCriterion
    scores: list  # one per assessment, oldest first; None where it was not scored
    direction: str  # "falling", "rising", "steady" or "" (fewer than two scores)


@dataclass
class FidelityTrend:
    assessments: list  # oldest first
    must_haves: list[TrendRow]
    adaptables: list[TrendRow]


def _direction(scores: list) -> str:
    rated = [SCORE_RANK[s] for s in scores if s in SCORE_RANK]
    if len(rated) < 2:
        return ""
    if rated[-1] < rated[-2]:
        return "falling"
    if rated[-1] > rated[-2]:
        return "rising"
    return "steady"


def fidelity_trend(adoption: Adoption, *, last: int = 6) -> FidelityTrend:
    """Each criterion's score over the last `last` assessments, in three queries.

    Criteria retired after they were scored stay in the table so history keeps its
    meaning; active criteria never scored yet show as gaps.
    """
    assessments = list(
        FidelityAssessment.objects.filter(adoption=adoption)
        .select_related("assessed_by")
        .order_by("-assessed_on", "-recorded_at")[:last]
    )[::-1]
    column = {assessment.pk: index for index, assessment in enumerate(assessments)}
    scored: dict[int, list] = {}
    for assessment_id, criterion_id, score in CriterionScore.objects.filter(
        assessment_id__in=column
    ).values_list("assessment_id", "criterion_id", "score"):
        scored.setdefault(criterion_id, [None] * len(assessments))[column[assessment_id]] = score
    criteria = FidelityCriterion.objects.filter(innovation_id=adoption.innovation_id).filter(
        Q(retired_at__isnull=True) | Q(pk__in=scored)
    )
    rows = []
    for criterion in criteria.order_by("position", "id"):
        scores = scored.get(criterion.pk, [None] * len(assessments))
        rows.append(TrendRow(criterion, scores, _direction(scores)))
    return FidelityTrend(
        assessments=assessments,
        must_haves=[row for row in rows if row.criterion.is_must_have],
        adaptables=[row for row in rows if not row.criterion.is_must_have],
    )


def adaptations_for_adoption(adoption: Adoption) -> QuerySet[Adaptation]:
    """An adoption's adaptations, newest first, with the criteria each touches."""
    return (
        Adaptation.objects.filter(adoption=adoption)
        .select_related("logged_by")
        .prefetch_related(
            Prefetch(
                "criteria",
                queryset=FidelityCriterion.objects.order_by("-kind", "position", "id"),
            )
        )
        .order_by("-made_on", "-id")
    )


def adaptations_with_board_decision(adoption: Adoption) -> QuerySet[Adaptation]:
    """The adaptations log: each adaptation with the board's approval or rejection, if
    any, as `board_decisions` (one query for the page, whatever its length)."""
    from governance.models import Decision

    return adaptations_for_adoption(adoption).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.filter(
                outcome__in=[Decision.Outcome.APPROVED, Decision.Outcome.REJECTED]
            ).select_related("meeting", "recorded_by"),
            to_attr="board_decisions",
        )
    )


def adaptation_detail_queryset(adoption: Adoption) -> QuerySet[Adaptation]:
    """One adaptation with the board decisions made about it and their meetings."""
    from governance.models import Decision

    return adaptations_for_adoption(adoption).prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("meeting__board", "recorded_by").order_by(
                "meeting__held_on", "recorded_at"
            ),
        )
    )


# --- sites (organisations) ---------------------------------------------------


def site_list() -> QuerySet:
    """Organisations for the sites list; everything it shows is on the row."""
    from .models import Site

    return Site.objects.order_by("name")


@dataclass
class SiteLink:
    """Another site this one learns from, or that learns from it, and how."""

    site: object
    ways: list[str]


def _links(pairs) -> list[SiteLink]:
    by_site: dict[int, SiteLink] = {}
    for other, way in pairs:
        link = by_site.setdefault(other.pk, SiteLink(site=other, ways=[]))
        if way not in link.ways:
            link.ways.append(way)
    return sorted(by_site.values(), key=lambda link: link.site.name)


def site_page(site, user) -> dict:
    """What the organisation page shows the viewer, in a fixed number of queries.

    Which sites adopt what, and who partners whom, is public on the directory's
    pages; the detail of an adoption (and its programme) is only for those who may
    see it.
    """
    from innovations.models import Innovation

    from .models import Programme
    from .timeline import combined_timeline

    visible = Innovation.objects.visible_to(user).order_by("name")
    touching = list(
        Adoption.objects.filter(
            Q(adopting_site=site)
            | Q(partner_site=site)
            | Q(support_organisation=site)
            | Q(innovation__originating_site=site)
        )
        .filter(innovation__in=visible)
        .select_related(
            "innovation__originating_site", "adopting_site", "partner_site", "support_organisation"
        )
        .order_by("innovation__name")
    )
    visible_ids = set(
        Adoption.objects.visible_to(user)
        .filter(pk__in=[adoption.pk for adoption in touching])
        .values_list("pk", flat=True)
    )
    exchanges = list(
        PersonnelExchange.objects.filter(Q(from_site=site) | Q(to_site=site))
        .select_related("from_site", "to_site", "adoption__innovation")
        .order_by("-started_on", "-pk")
    )
    lineage = list(
        visible.filter(Q(adapted_at=site) | Q(adapted_from__originating_site=site))
        .exclude(adapted_from=None)
        .select_related("adapted_from__originating_site", "adapted_at")
    )

    adoptions, learns_from, learners = [], [], []
    for adoption in touching:
        name = adoption.innovation.name
        adoption.is_visible = adoption.pk in visible_ids
        if adoption.adopting_site_id == site.pk:
            adoptions.append(adoption)
            origin = adoption.innovation.originating_site
            if origin is not None and origin.pk != site.pk:
                learns_from.append((origin, f"{name} began there"))
            if adoption.partner_site is not None:
                learns_from.append((adoption.partner_site, f"originating partner for {name}"))
            if adoption.support_organisation is not None:
                learns_from.append((adoption.support_organisation, f"supports its {name}"))
        else:
            learners.append((adoption.adopting_site, f"adopts {name}"))
    for exchange in exchanges:
        kind = exchange.get_kind_display().lower()
        if exchange.to_site_id == site.pk:
            learns_from.append((exchange.from_site, f"{kind} to here"))
        else:
            learners.append((exchange.to_site, f"{kind} from here"))
    for innovation in lineage:
        parent = innovation.adapted_from
        if innovation.adapted_at_id == site.pk and parent.originating_site is not None:
            learns_from.append(
                (parent.originating_site, f"{innovation.name} was adapted here from {parent.name}")
            )
        if parent.originating_site_id == site.pk and innovation.adapted_at is not None:
            learners.append(
                (innovation.adapted_at, f"adapted {parent.name} into {innovation.name}")
            )

    programmes = list(Programme.objects.filter(site=site).select_related("board").order_by("name"))
    in_programme = [a for a in adoptions if a.is_visible and a.programme_id is not None]
    timeline = combined_timeline(
        in_programme,
        [p for p in programmes if any(a.programme_id == p.pk for a in in_programme)],
        limit=PROGRAMME_EVENTS_ON_SITE_PAGE * max(1, len(programmes)),
    )
    for programme in programmes:
        programme.site = site
        programme.visible_adoptions = [a for a in in_programme if a.programme_id == programme.pk]
        programme.recent_events = [e for e in timeline if e.programme_id == programme.pk][
            :PROGRAMME_EVENTS_ON_SITE_PAGE
        ]
    return {
        "originated_innovations": list(visible.filter(originating_site=site)),
        "supported_innovations": list(visible.filter(support_organisations=site)),
        "adoptions": adoptions,
        "programmes": [p for p in programmes if p.visible_adoptions],
        "people": list(
            User.objects.filter(organisation=site, is_active=True).order_by(
                "first_name", "last_name", "email"
            )
        ),
        "exchanges": exchanges,
        "learns_from": _links(learns_from),
        "learners": _links(learners),
    }


# How many of a programme's latest events its site's page shows.
PROGRAMME_EVENTS_ON_SITE_PAGE = 8


# --- The adoption journey: the overview's task list and its sub-pages ----------------


def _count(queryset: QuerySet, *, per: str = "adoption", distinct: str | None = None):
    """A correlated count, so that several counts on one row do not multiply each other."""
    counted = Count(distinct, distinct=True) if distinct else Count("pk")
    return Coalesce(
        Subquery(
            queryset.order_by().values(per).annotate(n=counted).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def with_journey_counts(queryset: QuerySet[Adoption]) -> QuerySet[Adoption]:
    """Annotate what `journey_tasks` needs, one subquery per count, no query per row."""
    here = {"adoption": OuterRef("pk")}
    support_links = Innovation.support_organisations.through
    return queryset.annotate(
        journey_partner_people=_count(
            AdoptionRole.objects.filter(**here, role=AdoptionRole.Role.ORIGINATING_PARTNER)
        ),
        journey_exchanges=_count(PersonnelExchange.objects.filter(**here)),
        journey_support_organisations_listed=_count(
            support_links.objects.filter(innovation=OuterRef("innovation")), per="innovation"
        ),
        journey_must_haves=_count(
            FidelityCriterion.objects.filter(
                innovation=OuterRef("innovation"),
                kind=FidelityCriterion.Kind.MUST_HAVE,
                retired_at__isnull=True,
            ),
            per="innovation",
        ),
        journey_factors=_count(ContextFactor.objects.filter(**here)),
        journey_domains=_count(ContextFactor.objects.filter(**here), distinct="domain"),
        journey_readiness_items=_count(ReadinessItem.objects.filter(**here)),
        journey_readiness_done=_count(
            ReadinessItem.objects.filter(**here, status=ReadinessItem.Status.DONE)
        ),
        journey_assessments=_count(FidelityAssessment.objects.filter(**here)),
        journey_latest_assessment_on=Subquery(
            FidelityAssessment.objects.filter(**here)
            .order_by("-assessed_on")
            .values("assessed_on")[:1]
        ),
        journey_adaptations=_count(Adaptation.objects.filter(**here)),
        journey_awaiting_decision=_count(
            Adaptation.objects.filter(
                **here,
                needs_board_decision=True,
                decision_status=Adaptation.DecisionStatus.PROPOSED,
            )
        ),
    )


class TaskStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", COMPLETED: "Completed"}


@dataclass(frozen=True)
class JourneyTask:
    """One part of the journey as the overview's task list shows it."""

    key: str
    title: str
    status: str
    hint: str
    url_name: str

    @property
    def status_label(self) -> str:
        return TaskStatus.LABELS[self.status]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last_day in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _status(*, started: bool, completed: bool) -> str:
    if completed:
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_STARTED


def _partnership_task(adoption: Adoption) -> JourneyTask:
    has_partner = adoption.partner_site_id is not None
    needs_support = adoption.journey_support_organisations_listed > 0
    has_support = adoption.support_organisation_id is not None
    missing = []
    if not has_partner:
        missing.append("an originating partner site")
    if needs_support and not has_support:
        missing.append("a support organisation")
    if not adoption.journey_partner_people:
        missing.append("someone from the originating partner")
    if not adoption.journey_exchanges:
        missing.append("a personnel exchange")
    started = any(
        (has_partner, has_support, adoption.journey_partner_people, adoption.journey_exchanges)
    )
    status = _status(started=started, completed=not missing)
    if status == TaskStatus.COMPLETED:
        hint = (
            f"{_plural(adoption.journey_partner_people, 'originating partner')}, "
            f"{_plural(adoption.journey_exchanges, 'personnel exchange')}"
        )
    else:
        hint = "Still to record: " + ", ".join(missing)
    return JourneyTask(
        "partnerships", "Partnerships and shared personnel", status, hint, "adoptions:partnerships"
    )


def _innovation_task(adoption: Adoption) -> JourneyTask:
    has_notes = bool(adoption.team_notes.strip())
    has_must_haves = adoption.journey_must_haves > 0
    status = _status(started=has_notes, completed=has_notes and has_must_haves)
    if not has_notes:
        hint = "Write the team's notes on what makes it work"
    elif not has_must_haves:
        hint = "The directory entry does not name its must-haves yet"
    else:
        hint = f"Notes written; {_plural(adoption.journey_must_haves, 'must-have')} to keep"
    return JourneyTask(
        "innovation", "Understand the innovation", status, hint, "adoptions:innovation"
    )


def _context_task(adoption: Adoption) -> JourneyTask:
    domains = len(ContextFactor.Domain)
    items, done = adoption.journey_readiness_items, adoption.journey_readiness_done
    completed = adoption.journey_domains == domains and items > 0 and done == items
    started = adoption.journey_factors > 0 or items > 0
    hint = (
        f"{adoption.journey_domains} of {domains} domains diagnosed; "
        f"{done} of {_plural(items, 'readiness item')} done"
    )
    return JourneyTask(
        "context",
        "Understand the new context",
        _status(started=started, completed=completed),
        hint,
        "adoptions:context",
    )


def _fidelity_task(adoption: Adoption, *, today: datetime.date) -> JourneyTask:
    latest = adoption.journey_latest_assessment_on
    recent = latest is not None and latest >= months_before(today, 6)
    awaiting = adoption.journey_awaiting_decision
    started = adoption.journey_assessments > 0 or adoption.journey_adaptations > 0
    parts = [
        f"Last fidelity assessment {latest:%-d %B %Y}" if latest else "No fidelity assessment yet"
    ]
    if latest and not recent:
        parts.append("more than six months ago")
    parts.append(f"{_plural(awaiting, 'adaptation')} awaiting a board decision")
    return JourneyTask(
        "fidelity",
        "Balance fidelity with flexibility",
        _status(started=started, completed=recent and awaiting == 0),
        "; ".join(parts),
        "adoptions:assessment_list",
    )


def journey_tasks(adoption: Adoption, *, today: datetime.date) -> list[JourneyTask]:
    """The four parts of the journey and their status, from `with_journey_counts`.

    1. Partnerships: completed with a partner site, a support organisation (when the
       innovation lists any), someone from the originating partner and an exchange.
    2. The innovation: completed once the team's notes are written and the directory
       entry names its must-haves.
    3. The context: completed when factors cover all five CFIR domains and every
       readiness item (at least one) is done.
    4. Fidelity: completed with an assessment in the last six months and no
       adaptation awaiting a board decision.
    Each is in progress once anything of it is recorded, otherwise not started.
    """
    return [
        _partnership_task(adoption),
        _innovation_task(adoption),
        _context_task(adoption),
        _fidelity_task(adoption, today=today),
    ]


@dataclass(frozen=True)
class StagePeriod:
    change: StageChange
    ended_on: datetime.date | None
    days: int

    @property
    def is_current(self) -> bool:
        return self.ended_on is None


def stage_periods(changes, *, today: datetime.date) -> list[StagePeriod]:
    """The stage history as periods, oldest first: each lasts until the next change,
    the current one until today."""
    ordered = sorted(changes, key=lambda c: (c.changed_on, c.recorded_at))
    periods = []
    for change, following in zip(ordered, [*ordered[1:], None], strict=True):
        ended_on = following.changed_on if following else None
        days = ((ended_on or today) - change.changed_on).days
        periods.append(StagePeriod(change, ended_on, max(days, 0)))
    return periods


def days_in_each_stage(periods: list[StagePeriod]) -> list[tuple[str, int]]:
    """(stage label, total days) in the order the stages were first reached."""
    totals: dict[str, int] = {}
    for period in periods:
        stage = period.change.stage
        totals[stage] = totals.get(stage, 0) + period.days
    return [(Stage(stage).label, days) for stage, days in totals.items()]


def trend_months(today: datetime.date) -> list[datetime.date]:
    """The twelve reporting months up to last month, oldest first."""
    months = [reporting_period(today)]
    while len(months) < 12:
        months.insert(0, previous_month(months[0]))
    return months


@dataclass(frozen=True)
class TrendMonth:
    period: datetime.date
    update: ProgressUpdate | None

    @property
    def rag(self) -> str:
        """The RAG reported, only once the update has been submitted."""
        if self.update is None or self.update.status == ProgressUpdate.Status.DRAFT:
            return ""
        return self.update.rag


def rag_trend(updates, *, today: datetime.date) -> list[TrendMonth]:
    by_period = {update.period: update for update in updates}
    return [TrendMonth(month, by_period.get(month)) for month in trend_months(today)]


def current_rag(updates) -> ProgressUpdate | None:
    """The latest update that has been submitted (drafts do not count)."""
    submitted = [u for u in updates if u.status != ProgressUpdate.Status.DRAFT and u.rag]
    return max(submitted, key=lambda u: u.period, default=None)


def milestones_by_stage(milestones) -> list[tuple[str, str, list[Milestone]]]:
    """(stage, label, milestones) for each stage that has any, in journey order."""
    grouped: dict[str, list[Milestone]] = {stage: [] for stage in Stage.values}
    for milestone in milestones:
        grouped[milestone.stage].append(milestone)
    return [(stage, Stage(stage).label, rows) for stage, rows in grouped.items() if rows]


def adoption_page_queryset(user, *related: str) -> QuerySet[Adoption]:
    """The adoption a journey sub-page belongs to, with what every header shows (its
    innovation and site) and the `related` objects that page shows. Only those: each
    join costs PostgreSQL more to plan than to run (all six planned in ~3 ms, the
    query ran in 0.4; bench/RESULTS.md)."""
    return (
        Adoption.objects.visible_to(user)
        .with_viewer_standing(user)
        .select_related("innovation", "adopting_site", *related)
    )


def personnel_exchanges_for(adoption: Adoption) -> QuerySet[PersonnelExchange]:
    return adoption.personnel_exchanges.select_related("from_site", "to_site").order_by(
        "-started_on", "-id"
    )


def adoption_people(adoption: Adoption) -> QuerySet[AdoptionRole]:
    return adoption.roles.select_related("user__organisation").order_by(
        "role", "user__first_name", "user__last_name"
    )


def context_factors_by_domain(adoption: Adoption) -> list[tuple[str, str, list[ContextFactor]]]:
    """(domain, label, factors) for all five CFIR domains, so gaps show as empty."""
    grouped: dict[str, list[ContextFactor]] = {domain: [] for domain in ContextFactor.Domain}
    for factor in adoption.context_factors.order_by("name"):
        grouped[factor.domain].append(factor)
    return [(d, ContextFactor.Domain(d).label, rows) for d, rows in grouped.items()]


def readiness_items_by_area(adoption: Adoption) -> list[tuple[str, str, list[ReadinessItem]]]:
    grouped: dict[str, list[ReadinessItem]] = {area: [] for area in ReadinessItem.Area}
    for item in adoption.readiness_items.order_by("due_on", "id"):
        grouped[item.area].append(item)
    return [(a, ReadinessItem.Area(a).label, rows) for a, rows in grouped.items()]


def active_criteria(adoption: Adoption) -> list[FidelityCriterion]:
    return list(
        FidelityCriterion.objects.filter(
            innovation=adoption.innovation_id, retired_at__isnull=True
        ).order_by("position", "id")
    )


# --- monthly progress updates ---


def _update_with_people() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.select_related("created_by", "submitted_by", "reviewed_by")


def update_months(
    adoption: Adoption, periods: list[datetime.date], *, today: datetime.date
) -> list[tuple[PeriodStatus, ProgressUpdate | None]]:
    """Each of `periods` with its status and its update (if any), in one query."""
    if not periods:
        return []
    updates = {
        update.period: update
        for update in _update_with_people().filter(
            adoption=adoption, period__gte=min(periods), period__lte=max(periods)
        )
    }
    return [
        (
            period_status(
                period,
                update_status=updates[period].status if period in updates else None,
                today=today,
            ),
            updates.get(period),
        )
        for period in periods
    ]


def latest_returned_update(adoption: Adoption) -> ProgressUpdate | None:
    """The update most recently returned for revision and not yet resubmitted."""
    return (
        _update_with_people()
        .filter(adoption=adoption, status=ProgressUpdate.Status.RETURNED)
        .order_by("-period")
        .first()
    )


@dataclass
class UpdateFormData:
    """Everything the monthly update page shows besides the form's own fields."""

    update: ProgressUpdate | None
    previous: ProgressUpdate | None
    metrics: list
    targets: dict  # metric id → MetricTarget
    previous_values: dict  # metric id → MetricValue
    values: dict  # metric id → MetricValue


def update_form_data(adoption: Adoption, period: datetime.date) -> UpdateFormData:
    """The month's update, last month's, the innovation's active outcome metrics and
    this adoption's targets, in a fixed number of queries."""
    updates = {
        update.period: update
        for update in _update_with_people()
        .filter(adoption=adoption, period__in=[period, previous_month(period)])
        .prefetch_related("values", "lesson_tags")
    }
    update, previous = updates.get(period), updates.get(previous_month(period))
    metrics = list(
        OutcomeMetric.objects.filter(innovation=adoption.innovation_id, retired_at__isnull=True)
    )
    targets = {t.metric_id: t for t in MetricTarget.objects.filter(adoption=adoption)}
    return UpdateFormData(
        update=update,
        previous=previous,
        metrics=metrics,
        targets=targets,
        previous_values={v.metric_id: v for v in previous.values.all()} if previous else {},
        values={v.metric_id: v for v in update.values.all()} if update else {},
    )


def adoptions_awaiting_review(user) -> QuerySet[Adoption]:
    """Adoptions with submitted updates this person may review (as originating partner
    or board chair or member): how many wait, and the newest and oldest month waiting."""
    waiting = Q(updates__status=ProgressUpdate.Status.SUBMITTED)
    return (
        Adoption.objects.updates_reviewable_by(user)
        .select_related("innovation", "adopting_site")
        .annotate(
            awaiting_review_count=Count("updates", filter=waiting),
            newest_awaiting=Max("updates__period", filter=waiting),
            oldest_awaiting=Min("updates__period", filter=waiting),
        )
        .filter(awaiting_review_count__gt=0)
        .order_by("innovation__name", "adopting_site__name")
    )
