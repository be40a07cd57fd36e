"""England-scale data for the benchmark (issue 8): `manage.py generate_scale_data`.

At scale 1: every local authority in England (153) and 40 other organisations, 150
innovations with 8–15 criteria and 3–6 metrics each, 2,000 adoptions overseen by 60
boards of very different sizes, five years of monthly updates with their metric values,
quarterly fidelity assessments, 10,000 adaptations, and the boards' meetings, decisions
and actions. Scale N multiplies the counts; the shape of each record (five years of
months, a quarter between assessments, a meeting a month) stays the same, so a page
shows the same kind of thing at every scale, only more or fewer rows of it.

Unlike `load_demo`, this writes with `bulk_create` in batches, not through the services:
a million rows one service call at a time would take hours. So it keeps the services'
rules itself (a submitted update has a RAG and a time, an adaptation touching a must-have
waits for the board until a meeting decides it, scores cover every active criterion, and
so on) and the database's constraints check the rest. The audit history is written for
the directory (sites, innovations, criteria, metrics, boards) and not for the monthly
records, which a real deployment would also have.

Deterministic: the same scale, seed and day give the same rows.
"""

import datetime
import math
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from adoptadapt import scale_words as words
from governance.models import (
    Action,
    BoardMeeting,
    BoardMembership,
    Decision,
    GovernanceBoard,
)
from innovations.models import (
    EvidenceSource,
    FidelityCriterion,
    Innovation,
    OutcomeMetric,
    Resource,
    Theme,
)
from innovations.search import search_documents_refresh
from sites.figures import metric_figures_refresh
from sites.models import (
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    FidelityBand,
    LessonTag,
    MetricTarget,
    MetricValue,
    Milestone,
    PersonnelExchange,
    ProgressUpdate,
    Rag,
    ReadinessItem,
    Site,
    Stage,
    StageChange,
)
from sites.periods import add_months, month_start, next_month
from sites.services import must_have_score

# Everyone signs in with the demo's published password: this is never real data.
PASSWORD = "adopt-and-adapt-demo"  # noqa: S105 - published, like the demo's
EMAIL_DOMAIN = "scale.adoptadapt.test"
ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"
DEFAULT_SEED = 8

# Months of monthly updates, assessments and meetings, whatever the scale.
HISTORY_MONTHS = 60
BATCH_SIZE = 2000
# Adoptions whose monthly records are built and written together.
CHUNK = 100

AT_SCALE_1 = {
    "local_authorities": 153,
    "other_organisations": 40,
    "innovations": 150,
    "adoptions": 2000,
    "boards": 60,
    "adaptations": 10000,
}
# Enough of everything at tiny scales for every page to have something to show.
MINIMUM = {
    "local_authorities": 4,
    "other_organisations": 3,
    "innovations": 3,
    "adoptions": 12,
    "boards": 3,
    "adaptations": 24,
}

RAGS = [Rag.GREEN, Rag.AMBER_GREEN, Rag.AMBER, Rag.AMBER_RED, Rag.RED]
REPORTING_STAGES = {Stage.PREPARATION, Stage.IMPLEMENTATION, Stage.SUSTAINMENT, Stage.PAUSED}
# How much of a cumulative metric's usual monthly amount a stage produces.
STAGE_ACTIVITY = {
    Stage.PREPARATION: 0.3,
    Stage.IMPLEMENTATION: 1.0,
    Stage.SUSTAINMENT: 1.0,
    Stage.PAUSED: 0.2,
}
STAGE_SENTENCE = {
    Stage.PREPARATION: "Preparing the ground.",
    Stage.IMPLEMENTATION: "",
    Stage.SUSTAINMENT: "Now part of business as usual.",
    Stage.PAUSED: "Delivery is paused while the service is restructured.",
}
# Each adoption's final stage, and how often it is reached.
FINAL_STAGES = [
    (Stage.EXPLORATION, 0.02),
    (Stage.PREPARATION, 0.03),
    (Stage.IMPLEMENTATION, 0.50),
    (Stage.SUSTAINMENT, 0.37),
    (Stage.PAUSED, 0.03),
    (Stage.DISCONTINUED, 0.05),
]
STAGE_ROUTE = {
    Stage.EXPLORATION: [],
    Stage.PREPARATION: [Stage.PREPARATION],
    Stage.IMPLEMENTATION: [Stage.PREPARATION, Stage.IMPLEMENTATION],
    Stage.SUSTAINMENT: [Stage.PREPARATION, Stage.IMPLEMENTATION, Stage.SUSTAINMENT],
    Stage.PAUSED: [Stage.PREPARATION, Stage.IMPLEMENTATION, Stage.PAUSED],
    Stage.DISCONTINUED: [Stage.PREPARATION, Stage.IMPLEMENTATION, Stage.DISCONTINUED],
}
# When each stage begins, as a fraction of the time since the adoption started.
STAGE_AT = {
    Stage.PREPARATION: (0.03, 0.07),
    Stage.IMPLEMENTATION: (0.09, 0.15),
    Stage.SUSTAINMENT: (0.45, 0.7),
    Stage.PAUSED: (0.6, 0.9),
    Stage.DISCONTINUED: (0.55, 0.9),
}

# Models whose automatic timestamps the generator sets itself, so history looks lived in.
DATED_FIELDS = [
    (Innovation, "created_at"),
    (Innovation, "updated_at"),
    (Adoption, "created_at"),
    (StageChange, "recorded_at"),
    (AdoptionRole, "granted_at"),
    (ProgressUpdate, "updated_at"),
    (FidelityAssessment, "recorded_at"),
    (Adaptation, "created_at"),
    (GovernanceBoard, "created_at"),
    (BoardMembership, "joined_at"),
    (Decision, "recorded_at"),
]


@dataclass(frozen=True)
class Plan:
    """How many of each thing to make at one scale."""

    scale: float
    local_authorities: int
    other_organisations: int
    innovations: int
    adoptions: int
    boards: int
    adaptations: int

    @classmethod
    def for_scale(cls, scale: float) -> "Plan":
        if not scale > 0:
            raise ValueError("The scale must be greater than 0.")
        counts = {
            name: max(MINIMUM[name], round(count * scale)) for name, count in AT_SCALE_1.items()
        }
        sites = counts["local_authorities"] + counts["other_organisations"]
        # Each site adopts an innovation at most once; keep a fifth of the pairs free.
        counts["adoptions"] = min(counts["adoptions"], int(counts["innovations"] * sites * 0.8))
        return cls(scale=scale, **counts)

    @property
    def sites(self) -> int:
        return self.local_authorities + self.other_organisations


@contextmanager
def timestamps_as_given():
    """Let `auto_now`/`auto_now_add` fields keep the values the generator gives them."""
    saved = []
    for model, name in DATED_FIELDS:
        found = model._meta.get_field(name)
        saved.append((found, found.auto_now, found.auto_now_add))
        found.auto_now = found.auto_now_add = False
    try:
        yield
    finally:
        for found, auto_now, auto_now_add in saved:
            found.auto_now, found.auto_now_add = auto_now, auto_now_add


def database_is_empty() -> bool:
    """Whether there is nothing the generator could collide with."""
    return not (
        get_user_model().objects.exists()
        or Site.objects.exists()
        or Innovation.objects.exists()
        or GovernanceBoard.objects.exists()
    )


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), summing exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [math.floor(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class InnovationInfo:
    innovation: Innovation
    criteria: list[FidelityCriterion] = field(default_factory=list)
    metrics: list[OutcomeMetric] = field(default_factory=list)

    @property
    def must_haves(self) -> list[FidelityCriterion]:
        return [c for c in self.criteria if c.kind == FidelityCriterion.Kind.MUST_HAVE]


@dataclass
class BoardInfo:
    board: GovernanceBoard
    chair_id: int = 0
    member_ids: list[int] = field(default_factory=list)
    meetings: list[BoardMeeting] = field(default_factory=list)


@dataclass
class AdoptionInfo:
    """An adoption and what its monthly records are built from."""

    index: int
    adoption: Adoption
    info: InnovationInfo
    board: BoardInfo | None
    stages: list[tuple[datetime.date, str]]
    lead_id: int = 0
    contributor_id: int | None = None
    partner_id: int | None = None

    def stage_on(self, day: datetime.date) -> str:
        current = self.stages[0][1]
        for changed_on, stage in self.stages:
            if changed_on <= day:
                current = stage
        return current

    def reached(self, stage: str) -> datetime.date | None:
        return next((day for day, s in self.stages if s == stage), None)

    @property
    def ended_on(self) -> datetime.date | None:
        return self.reached(Stage.DISCONTINUED)


class Generator:
    """Builds the whole data set; `generate()` returns the rows written per model."""

    def __init__(
        self,
        *,
        plan: Plan,
        seed: int = DEFAULT_SEED,
        today: datetime.date | None = None,
        progress: Callable | None = None,
    ):
        self.plan = plan
        self.seed = seed
        self.today = today or timezone.localdate()
        real_now = timezone.now()
        if self.today == timezone.localdate(real_now):
            self.now = real_now
        else:
            self.now = self.moment(self.today, 12)
        self.this_month = month_start(self.today)
        self.first_month = add_months(self.this_month, -HISTORY_MONTHS)
        self.progress = progress
        self.counts: dict[str, int] = defaultdict(int)
        self.password_hash = make_password(PASSWORD)
        self.user_model = get_user_model()

    # --- helpers -------------------------------------------------------------------

    def rng(self, *key) -> random.Random:
        """A random stream of its own for each part, so one change does not shift all."""
        return random.Random(":".join(str(part) for part in (self.seed, *key)))  # noqa: S311

    def moment(self, day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
        aware = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return min(aware, getattr(self, "now", aware))

    def write(self, model: type[models.Model], rows: list, *, history_date=None) -> list:
        """Insert `rows` in batches; with `history_date`, their audit history too."""
        if not rows:
            return rows
        rows = model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        if history_date is not None:
            model.history.bulk_history_create(
                rows, batch_size=BATCH_SIZE, default_user=self.admin, default_date=history_date
            )
        self.counts[model._meta.label] += len(rows)
        return rows

    def new_user(self, rng, *, organisation, job_title, index: int, kind: str):
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        local = slugify(f"{first}.{last}").replace("-", ".")
        return self.user_model(
            email=f"{local}.{kind}{index}@{EMAIL_DOMAIN}",
            first_name=first,
            last_name=last,
            organisation=organisation,
            job_title=job_title,
            password=self.password_hash,
            date_joined=self.moment(add_months(self.first_month, -3), 9),
        )

    def step(self, label: str, total: int = 1):
        """A progress bar for one part (or nothing, if progress is off)."""
        if self.progress is None:
            return _NoProgress()
        return self.progress(total=total, desc=label, unit="")

    # --- the whole build -------------------------------------------------------------

    def generate(self) -> dict[str, int]:
        with timestamps_as_given(), transaction.atomic():
            with self.step("directory", 4) as bar:
                self.make_admin()
                self.make_sites()
                bar.update()
                self.make_themes_and_innovations()
                bar.update()
                self.make_boards()
                bar.update()
                self.make_adoptions()
                bar.update()
            self.make_meetings()
            self.make_monthly_records()
            self.make_adaptations()
            self.make_actions()
            # Bulk inserts bypass the services, so the stored search vectors and monthly
            # figures are set here.
            search_documents_refresh()
            metric_figures_refresh()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh statistics, as autovacuum would gather soon after a real load.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return dict(self.counts)

    # --- people and organisations ------------------------------------------------------

    def make_admin(self):
        self.admin = self.user_model(
            email=ADMIN_EMAIL,
            first_name="Scale",
            last_name="Admin",
            is_directory_admin=True,
            is_staff=True,
            is_superuser=True,
            password=self.password_hash,
            date_joined=self.moment(add_months(self.first_month, -6), 9),
        )
        self.write(self.user_model, [self.admin])

    def make_sites(self):
        rng = self.rng("sites")
        created = self.moment(add_months(self.first_month, -6))
        sites = []
        dfe_numbers = rng.sample(range(100, 1000), min(900, self.plan.local_authorities))
        for index in range(self.plan.local_authorities):
            name, region, prefix = words.LOCAL_AUTHORITIES[index % len(words.LOCAL_AUTHORITIES)]
            round_ = index // len(words.LOCAL_AUTHORITIES)
            name = f"{name} {words.COUNCIL_SUFFIX[prefix]}" + (f" {round_ + 1}" if round_ else "")
            sites.append(
                Site(
                    name=name,
                    slug=slugify(name),
                    kind=Site.Kind.LOCAL_AUTHORITY,
                    region=region,
                    gss_code=f"{prefix}{index + 1:06d}",
                    dfe_la_number=dfe_numbers[index] if index < len(dfe_numbers) else None,
                    website=f"https://www.{slugify(name)}.example",
                )
            )
        patterns = words.OTHER_ORGANISATION_PATTERNS
        places = words.OTHER_ORGANISATION_PLACES
        regions = [r for r in Site.Region.values if r not in ("outside_uk",)]
        for index in range(self.plan.other_organisations):
            pattern, kind = patterns[index % len(patterns)]
            place = places[(index // len(patterns) + index) % len(places)]
            round_ = index // (len(patterns) * len(places))
            name = pattern.format(place=place) + (f" {round_ + 1}" if round_ else "")
            sites.append(
                Site(
                    name=name,
                    slug=slugify(name),
                    kind=kind,
                    region=rng.choice(regions),
                    website=f"https://{slugify(name)}.example" if rng.random() < 0.7 else "",
                )
            )
        self.sites = self.write(Site, sites, history_date=created)
        self.local_authorities = self.sites[: self.plan.local_authorities]
        self.others = self.sites[self.plan.local_authorities :]

    # --- the directory ------------------------------------------------------------------

    def innovation_names(self) -> list[str]:
        made = [f"{p} {c}" for p in words.INNOVATION_PREFIXES for c in words.INNOVATION_CORES]
        self.rng("names").shuffle(made)
        names = words.KNOWN_INNOVATIONS + made
        extra = len(names)
        while len(names) < self.plan.innovations:
            names.append(f"{names[len(names) % extra]} {len(names) // extra + 1}")
        return names[: self.plan.innovations]

    def make_themes_and_innovations(self):
        rng = self.rng("directory")
        created = self.moment(add_months(self.first_month, -4))
        self.themes = self.write(
            Theme,
            [Theme(slug=slug, name=name) for slug, name in words.THEMES],
            history_date=created,
        )
        innovations = []
        for index, name in enumerate(self.innovation_names()):
            status = Innovation.Status.PUBLISHED
            if index >= 3:
                status = rng.choices(
                    [
                        Innovation.Status.PUBLISHED,
                        Innovation.Status.DRAFT,
                        Innovation.Status.ARCHIVED,
                    ],
                    [0.92, 0.05, 0.03],
                )[0]
            first_day = add_months(self.first_month, -rng.randint(6, 24))
            changed = self.moment(add_months(self.this_month, -rng.randint(0, 30)), 11)
            innovations.append(
                Innovation(
                    name=name,
                    slug=slugify(name),
                    summary=(
                        f"{name} is {rng.choice(words.APPROACHES)} that "
                        f"{rng.choice(words.OUTCOMES)} for {rng.choice(words.GROUPS)}. "
                        f"{rng.choice(words.HOW)} {rng.choice(words.HOW)}"
                    ),
                    problem_addressed=rng.choice(words.PROBLEMS),
                    originating_site=rng.choice(self.sites),
                    original_constraints=rng.choice(words.CONSTRAINTS),
                    original_assets=rng.choice(words.ASSETS),
                    culture=rng.choice(words.CULTURE),
                    values=rng.choice(words.VALUES),
                    leadership=rng.choice(words.LEADERSHIP),
                    evidence_level=rng.choice(Innovation.EvidenceLevel.values),
                    evidence_summary=rng.choice(words.EVIDENCE),
                    cost_rating=rng.choice([None, 1, 2, 3, 4, 5]),
                    accreditation=(
                        "Sites are licensed by the originating team after a readiness review."
                        if rng.random() < 0.3
                        else ""
                    ),
                    status=status,
                    status_changed_at=changed if status != Innovation.Status.DRAFT else None,
                    status_changed_by=self.admin if status != Innovation.Status.DRAFT else None,
                    created_at=self.moment(first_day, 9),
                    updated_at=changed,
                )
            )
        innovations = self.write(Innovation, innovations, history_date=created)
        self.innovations = [InnovationInfo(i) for i in innovations]

        theme_links, support_links, criteria, metrics, sources, resources = [], [], [], [], [], []
        for info in self.innovations:
            innovation = info.innovation
            for theme in rng.sample(self.themes, rng.randint(1, 3)):
                theme_links.append(
                    Innovation.themes.through(innovation_id=innovation.pk, theme_id=theme.pk)
                )
            supporters = [s for s in self.others if s.pk != innovation.originating_site_id]
            for site in rng.sample(supporters, min(len(supporters), rng.choice([0, 1, 1, 2]))):
                support_links.append(
                    Innovation.support_organisations.through(
                        innovation_id=innovation.pk, site_id=site.pk
                    )
                )
            count = rng.randint(8, 15)
            must_haves = max(3, round(count * rng.uniform(0.35, 0.5)))
            for position, (name, description) in enumerate(rng.sample(words.CRITERIA, count)):
                criteria.append(
                    FidelityCriterion(
                        innovation=innovation,
                        name=name,
                        description=description,
                        kind=FidelityCriterion.Kind.MUST_HAVE
                        if position < must_haves
                        else FidelityCriterion.Kind.ADAPTABLE,
                        dimension=rng.choice(FidelityCriterion.Dimension.values),
                        how_evidenced=rng.choice(words.HOW_EVIDENCED),
                        position=position,
                    )
                )
            count = rng.choices([3, 4, 5, 6], [1, 2, 3, 4])[0]
            for position, (name, unit, aggregation, higher) in enumerate(
                rng.sample(words.METRICS, count)
            ):
                metrics.append(
                    OutcomeMetric(
                        innovation=innovation,
                        name=name,
                        unit=unit,
                        aggregation=aggregation,
                        higher_is_better=higher,
                        position=position,
                    )
                )
            for position, (title, kind, publisher) in enumerate(
                rng.sample(words.EVIDENCE_SOURCES, rng.randint(1, 3))
            ):
                sources.append(
                    EvidenceSource(
                        innovation=innovation,
                        title=f"{innovation.name}: {title.lower()}",
                        kind=kind,
                        publisher=publisher,
                        year=self.today.year - rng.randint(1, 8),
                        url=f"https://evidence.example/{innovation.slug}/{position + 1}",
                        position=position,
                    )
                )
            for position, (title, kind, description) in enumerate(
                rng.sample(words.RESOURCES, rng.randint(1, 3))
            ):
                resources.append(
                    Resource(
                        innovation=innovation,
                        title=title,
                        kind=kind,
                        description=description,
                        url=f"https://resources.example/{innovation.slug}/{position + 1}",
                        position=position,
                    )
                )
        self.write(Innovation.themes.through, theme_links)
        self.write(Innovation.support_organisations.through, support_links)
        by_id = {info.innovation.pk: info for info in self.innovations}
        for criterion in self.write(FidelityCriterion, criteria, history_date=created):
            by_id[criterion.innovation_id].criteria.append(criterion)
        for metric in self.write(OutcomeMetric, metrics, history_date=created):
            by_id[metric.innovation_id].metrics.append(metric)
        self.write(EvidenceSource, sources)
        self.write(Resource, resources)
        self.lesson_tags = self.write(
            LessonTag, [LessonTag(name=name, slug=slugify(name)) for name in words.LESSON_TAGS]
        )

    # --- boards ---------------------------------------------------------------------------

    def board_names(self) -> list[str]:
        made = [f"{r} {t}" for t in words.BOARD_TOPICS for r in words.BOARD_REGIONS]
        self.rng("board names").shuffle(made)
        names = [words.LARGEST_BOARD, *made]
        extra = len(names)
        while len(names) < self.plan.boards:
            names.append(f"{names[len(names) % extra]} {len(names) // extra + 1}")
        return names[: self.plan.boards]

    def make_boards(self):
        rng = self.rng("boards")
        created = self.moment(add_months(self.first_month, -2), 9)
        boards = [
            GovernanceBoard(
                name=name,
                slug=slugify(name),
                description=(
                    "Oversees every adoption in the national programme."
                    if index == 0
                    else "Oversees the adoptions of the region's programme."
                ),
                digest_day=rng.choice([12, 14, 15, 15, 15, 18, 20]),
                created_at=created,
            )
            for index, name in enumerate(self.board_names())
        ]
        self.boards = [
            BoardInfo(b) for b in self.write(GovernanceBoard, boards, history_date=created)
        ]
        people, roles = [], []
        for index, info in enumerate(self.boards):
            members = 9 if index == 0 else rng.randint(3, 7)
            observers = rng.randint(0, 2)
            board_roles = (
                [BoardMembership.Role.CHAIR]
                + [BoardMembership.Role.MEMBER] * members
                + [BoardMembership.Role.OBSERVER] * observers
            )
            for role in board_roles:
                people.append(
                    self.new_user(
                        rng,
                        organisation=rng.choice(self.local_authorities),
                        job_title=rng.choice(words.BOARD_TITLES),
                        index=len(people),
                        kind="board",
                    )
                )
                roles.append((info, role))
        people = self.write(self.user_model, people)
        memberships = []
        for person, (info, role) in zip(people, roles, strict=True):
            if role == BoardMembership.Role.CHAIR:
                info.chair_id = person.pk
            elif role == BoardMembership.Role.MEMBER:
                info.member_ids.append(person.pk)
            memberships.append(
                BoardMembership(
                    board=info.board,
                    user=person,
                    role=role,
                    receives_digest=role == BoardMembership.Role.CHAIR or rng.random() < 0.9,
                    joined_at=created,
                )
            )
        self.write(BoardMembership, memberships)

    def board_weights(self) -> list[float]:
        """Boards of very different sizes; the first clearly the largest (about twice the
        next), as a national programme board would be."""
        others = [(i + 1) ** -0.4 for i in range(1, len(self.boards))]
        return [2 * (others[0] if others else 1), *others]

    # --- adoptions ------------------------------------------------------------------------

    def adoption_pairs(self, rng) -> list[tuple[InnovationInfo, Site]]:
        """Which site adopts which innovation: popular innovations and busy councils get
        more, no pair twice, and never the innovation's own originating site."""
        adoptable = [i for i in self.innovations if i.innovation.status != Innovation.Status.DRAFT]
        innovation_weight = {id(i): 1 / (n + 1) ** 0.6 for n, i in enumerate(adoptable)}
        keyed = []
        for info in adoptable:
            for site in self.sites:
                if site.pk == info.innovation.originating_site_id:
                    continue
                weight = innovation_weight[id(info)] * (
                    3.0 if site.kind == Site.Kind.LOCAL_AUTHORITY else 0.6
                )
                # Weighted sampling without replacement (Efraimidis and Spirakis).
                keyed.append((rng.random() ** (1 / weight), info, site))
        keyed.sort(key=lambda row: row[0], reverse=True)
        return [(info, site) for _, info, site in keyed[: self.plan.adoptions]]

    def stage_route(self, rng, final: str, started_on: datetime.date):
        span = (self.today - started_on).days
        stages = [(started_on, Stage.EXPLORATION)]
        for stage in STAGE_ROUTE[final]:
            low, high = STAGE_AT[stage]
            if final in (Stage.PREPARATION,):
                low, high = 0.3, 0.7
            day = started_on + datetime.timedelta(days=int(span * rng.uniform(low, high)))
            day = min(max(day, stages[-1][0] + datetime.timedelta(days=1)), self.today)
            stages.append((day, stage))
        return stages

    def make_adoptions(self):
        rng = self.rng("adoptions")
        pairs = self.adoption_pairs(rng)
        with_board = len(pairs) - max(1, round(len(pairs) * 0.03))
        board_sizes = apportion(with_board, self.board_weights())
        boards = [
            info for info, size in zip(self.boards, board_sizes, strict=True) for _ in range(size)
        ]
        boards += [None] * (len(pairs) - len(boards))
        rng.shuffle(boards)
        finals, weights = zip(*FINAL_STAGES, strict=True)

        adoptions, self.adoptions = [], []
        for index, ((info, site), board) in enumerate(zip(pairs, boards, strict=True)):
            final = rng.choices(finals, weights)[0]
            if final in (Stage.EXPLORATION, Stage.PREPARATION):
                months_ago = rng.randint(1, 7)
            elif rng.random() < 0.95:
                # Most started before the five years of history, so report every month.
                months_ago = rng.randint(HISTORY_MONTHS + 4, HISTORY_MONTHS + 16)
            else:
                months_ago = rng.randint(10, HISTORY_MONTHS - 2)
            started_on = add_months(self.this_month, -months_ago).replace(day=rng.randint(1, 28))
            stages = self.stage_route(rng, final, started_on)
            originator = info.innovation.originating_site_id
            supporters = [s for s in self.others if s.pk != site.pk]
            adoption = Adoption(
                innovation=info.innovation,
                adopting_site=site,
                partner_site_id=originator if rng.random() < 0.85 else None,
                support_organisation=rng.choice(supporters) if rng.random() < 0.5 else None,
                board=board.board if board else None,
                stage=stages[-1][1],
                started_on=started_on,
                contributors_may_submit=rng.random() < 0.3,
                team_notes=(
                    "Weekly case discussion and a stable team make it work here."
                    if rng.random() < 0.8
                    else ""
                ),
                created_at=self.moment(started_on, 9),
            )
            adoptions.append(adoption)
            self.adoptions.append(AdoptionInfo(index, adoption, info, board, stages))
        self.write(Adoption, adoptions)
        self.make_adoption_people(rng)
        self.make_adoption_records(rng)

    def make_adoption_people(self, rng):
        people, slots = [], []
        partner_for_site: dict[int, int] = {}
        for row in self.adoptions:
            adoption = row.adoption
            people.append(
                self.new_user(
                    rng,
                    organisation=adoption.adopting_site,
                    job_title=rng.choice(words.LEAD_TITLES),
                    index=len(people),
                    kind="lead",
                )
            )
            slots.append((row, "lead"))
            if rng.random() < 0.6:
                people.append(
                    self.new_user(
                        rng,
                        organisation=adoption.adopting_site,
                        job_title=rng.choice(words.CONTRIBUTOR_TITLES),
                        index=len(people),
                        kind="team",
                    )
                )
                slots.append((row, "contributor"))
            partner_site = adoption.partner_site_id
            if partner_site and partner_site not in partner_for_site:
                partner_for_site[partner_site] = len(people)
                people.append(
                    self.new_user(
                        rng,
                        organisation=next(s for s in self.sites if s.pk == partner_site),
                        job_title=rng.choice(words.PARTNER_TITLES),
                        index=len(people),
                        kind="partner",
                    )
                )
                slots.append((None, "partner"))
        people = self.write(self.user_model, people)
        for person, (row, kind) in zip(people, slots, strict=True):
            if kind == "lead":
                row.lead_id = person.pk
            elif kind == "contributor":
                row.contributor_id = person.pk
        partner_ids = {site: people[index].pk for site, index in partner_for_site.items()}
        roles = []
        for row in self.adoptions:
            granted = self.moment(row.adoption.started_on, 9)
            roles.append(
                AdoptionRole(
                    adoption=row.adoption,
                    user_id=row.lead_id,
                    role=AdoptionRole.Role.LEAD,
                    granted_at=granted,
                )
            )
            if row.contributor_id:
                roles.append(
                    AdoptionRole(
                        adoption=row.adoption,
                        user_id=row.contributor_id,
                        role=AdoptionRole.Role.CONTRIBUTOR,
                        granted_at=granted,
                    )
                )
            if row.adoption.partner_site_id:
                row.partner_id = partner_ids[row.adoption.partner_site_id]
                roles.append(
                    AdoptionRole(
                        adoption=row.adoption,
                        user_id=row.partner_id,
                        role=AdoptionRole.Role.ORIGINATING_PARTNER,
                        granted_at=granted,
                    )
                )
        self.write(AdoptionRole, roles)

    def make_adoption_records(self, rng):
        """Stage history, targets and the journey's rows: context, readiness, milestones,
        personnel exchanges."""
        changes, targets, factors, readiness, milestones, exchanges = [], [], [], [], [], []
        domains = list(words.CONTEXT_FACTORS)
        for row in self.adoptions:
            adoption = row.adoption
            for changed_on, stage in row.stages:
                changes.append(
                    StageChange(
                        adoption=adoption,
                        stage=stage,
                        changed_on=changed_on,
                        changed_by_id=row.lead_id,
                        note="" if stage == Stage.EXPLORATION else "Agreed at the board.",
                        recorded_at=self.moment(changed_on, 16),
                    )
                )
            for metric in row.info.metrics:
                if rng.random() < 0.8:
                    targets.append(
                        MetricTarget(
                            adoption=adoption,
                            metric=metric,
                            target=Decimal(self.metric_target(rng, metric)),
                            target_date=add_months(self.this_month, rng.randint(3, 18))
                            if rng.random() < 0.7
                            else None,
                        )
                    )
            for domain in domains:
                fit = rng.choices(
                    [ContextFactor.Fit.ALIGNED, ContextFactor.Fit.GAP, ContextFactor.Fit.BLOCKER],
                    [0.6, 0.3, 0.1],
                )[0]
                factors.append(
                    ContextFactor(
                        adoption=adoption,
                        domain=domain,
                        name=rng.choice(words.CONTEXT_FACTORS[domain]),
                        originating_context=rng.choice(words.CONTEXT_TEXT),
                        adopting_context=rng.choice(words.CONTEXT_TEXT),
                        originating_rating=rng.randint(0, 2),
                        adopting_rating=rng.randint(-2, 2),
                        nature=rng.choice(ContextFactor.Nature.values),
                        fit=fit,
                        mitigation=rng.choice(words.MITIGATIONS) if fit != "aligned" else "",
                    )
                )
            preparing = row.reached(Stage.PREPARATION)
            implementing = row.reached(Stage.IMPLEMENTATION)
            for position, (area, description) in enumerate(words.READINESS.items()):
                if implementing:
                    status = ReadinessItem.Status.DONE
                elif preparing:
                    status = rng.choice(list(ReadinessItem.Status.values))
                else:
                    status = ReadinessItem.Status.NOT_STARTED
                readiness.append(
                    ReadinessItem(
                        adoption=adoption,
                        area=area,
                        description=description,
                        status=status,
                        due_on=adoption.started_on + datetime.timedelta(days=45 * (position + 1)),
                    )
                )
            position = 0
            for stage, titles in words.MILESTONES.items():
                began = row.reached(stage)
                if began is None:
                    continue
                for title in titles:
                    due_on = began + datetime.timedelta(days=60 * (position % 2 + 1))
                    done = due_on <= self.today and rng.random() < 0.9
                    milestones.append(
                        Milestone(
                            adoption=adoption,
                            stage=stage,
                            title=title,
                            due_on=due_on,
                            completed_on=min(due_on, self.today) if done else None,
                            position=position,
                        )
                    )
                    position += 1
            if adoption.partner_site_id and preparing:
                ended = preparing + datetime.timedelta(days=rng.randint(90, 270))
                exchanges.append(
                    PersonnelExchange(
                        adoption=adoption,
                        kind=rng.choice(PersonnelExchange.Kind.values),
                        from_site_id=adoption.partner_site_id,
                        to_site=adoption.adopting_site,
                        person_name=f"{rng.choice(words.FIRST_NAMES)} "
                        f"{rng.choice(words.LAST_NAMES)}",
                        role_description="Practice lead from the originating site",
                        started_on=preparing,
                        ended_on=ended if ended <= self.today else None,
                    )
                )
        self.write(StageChange, changes)
        self.write(MetricTarget, targets)
        self.write(ContextFactor, factors)
        self.write(ReadinessItem, readiness)
        self.write(Milestone, milestones)
        self.write(PersonnelExchange, exchanges)

    # --- metric figures -------------------------------------------------------------------

    @staticmethod
    def is_percentage(metric: OutcomeMetric) -> bool:
        return metric.unit == "%"

    def metric_profile(self, row: AdoptionInfo, metric: OutcomeMetric):
        """(monthly amount) for a cumulative metric; (start, end) for a point-in-time one."""
        rng = self.rng("profile", row.index, metric.pk)
        if metric.aggregation == OutcomeMetric.Aggregation.CUMULATIVE:
            return (rng.uniform(2, 25),)
        if self.is_percentage(metric):
            start, end = rng.uniform(30, 60), rng.uniform(55, 95)
        else:
            start, end = rng.uniform(1, 10), rng.uniform(8, 40)
        if not metric.higher_is_better:
            start, end = end, start
        return (start, end)

    def metric_target(self, rng, metric: OutcomeMetric) -> int:
        if metric.aggregation == OutcomeMetric.Aggregation.CUMULATIVE:
            return rng.randint(100, 900)
        if self.is_percentage(metric):
            return rng.randint(60, 95)
        return rng.randint(10, 45)

    def metric_value(self, rng, metric, profile, progress: float, stage: str) -> Decimal:
        if len(profile) == 1:
            return Decimal(
                max(0, round(profile[0] * STAGE_ACTIVITY[stage] * rng.uniform(0.6, 1.4)))
            )
        start, end = profile
        value = (
            start
            + (end - start) * progress
            + rng.uniform(-1, 1) * max(abs(end - start) * 0.08, 0.3)
        )
        value = max(0.0, value)
        if self.is_percentage(metric) or metric.unit.startswith("cases per"):
            return Decimal(str(round(min(value, 100.0), 1)))
        return Decimal(round(value))

    # --- monthly records: updates, metric values, fidelity ----------------------------------

    def reporting_months(self, row: AdoptionInfo) -> list[tuple[datetime.date, str]]:
        """(period, stage then) for each month the adoption reported on, oldest first."""
        months = []
        period = max(self.first_month, month_start(row.adoption.started_on))
        ended = row.ended_on
        while period < self.this_month:
            month_end = next_month(period) - datetime.timedelta(days=1)
            stage = row.stage_on(month_end)
            if ended and period > month_start(ended):
                break
            if stage in REPORTING_STAGES:
                months.append((period, stage))
            period = next_month(period)
        return months

    def make_monthly_records(self):
        with self.step("monthly records (adoptions)", len(self.adoptions)) as bar:
            for start in range(0, len(self.adoptions), CHUNK):
                chunk = self.adoptions[start : start + CHUNK]
                self.make_updates(chunk)
                self.make_assessments(chunk)
                bar.update(len(chunk))
                bar.set_postfix(
                    updates=self.counts[ProgressUpdate._meta.label],
                    values=self.counts[MetricValue._meta.label],
                    scores=self.counts[CriterionScore._meta.label],
                    refresh=False,
                )

    def make_updates(self, chunk: list[AdoptionInfo]):
        updates, pending_values, pending_tags = [], [], []
        for row in chunk:
            rng = self.rng("updates", row.index)
            months = self.reporting_months(row)
            if not months:
                continue
            profiles = [(m, self.metric_profile(row, m)) for m in row.info.metrics]
            rag_index = rng.choices(range(5), [0.3, 0.3, 0.25, 0.1, 0.05])[0]
            reviewer = row.board.chair_id if row.board else row.partner_id
            for number, (period, stage) in enumerate(months):
                back = (
                    (self.this_month.year - period.year) * 12 + self.this_month.month - period.month
                )
                roll = rng.random()
                if back == 1:
                    # The month being reported on: 55 % submitted, 20 % drafts, 25 % not
                    # started, spread evenly over the adoptions so every scale has each.
                    slot = (row.index * 7) % 20
                    status = "submitted" if slot < 11 else "draft" if slot < 15 else None
                elif back <= 3:
                    status = (
                        "returned" if roll < 0.05 else "submitted" if roll < 0.35 else "accepted"
                    )
                else:
                    status = None if roll < 0.015 else "submitted" if roll < 0.04 else "accepted"
                if status in ("returned", "accepted") and reviewer is None:
                    status = "submitted"
                step = rng.random()
                if step < 0.2:
                    rag_index = max(0, rag_index - 1)
                elif step > 0.82:
                    rag_index = min(4, rag_index + 1)
                if status is None:
                    continue
                rag = RAGS[rag_index]
                update = self.update_row(rng, row, period, stage, status, rag, reviewer)
                updates.append(update)
                values = []
                for position, (metric, profile) in enumerate(profiles):
                    if status == "draft" and position >= 2:
                        break
                    values.append(
                        MetricValue(
                            metric=metric,
                            value=self.metric_value(
                                rng, metric, profile, number / max(1, len(months) - 1), stage
                            ),
                        )
                    )
                pending_values.append(values)
                tags = []
                if update.lessons_learned:
                    tags = rng.sample(self.lesson_tags, rng.randint(1, 2))
                pending_tags.append(tags)
        updates = self.write(ProgressUpdate, updates)
        values, tag_links = [], []
        Through = ProgressUpdate.lesson_tags.through
        for update, rows, tags in zip(updates, pending_values, pending_tags, strict=True):
            for value in rows:
                value.update = update
                values.append(value)
            for tag in tags:
                tag_links.append(Through(progressupdate_id=update.pk, lessontag_id=tag.pk))
        self.write(MetricValue, values)
        self.write(Through, tag_links)

    def update_row(self, rng, row, period, stage, status, rag, reviewer) -> ProgressUpdate:
        draft = status == "draft"
        author = row.contributor_id if row.contributor_id and rng.random() < 0.4 else row.lead_id
        barriers = {"green": 0, "amber_green": 1, "amber": 1}.get(rag, 2)
        summary = " ".join(
            part for part in (STAGE_SENTENCE[stage], rng.choice(words.SUMMARY_BY_RAG[rag])) if part
        )
        update = ProgressUpdate(
            adoption=row.adoption,
            period=period,
            status=status,
            rag=rag if not draft or rng.random() < 0.7 else "",
            rag_explanation=rng.choice(words.RAG_EXPLANATIONS)
            if rag in (Rag.AMBER_RED, Rag.RED)
            else "",
            summary=summary,
            achievements="\n".join(rng.sample(words.ACHIEVEMENTS, 2)),
            barriers_and_risks=""
            if draft
            else "\n".join(rng.sample(words.BARRIERS, barriers))
            or "No significant barriers this month.",
            lessons_learned=rng.choice(words.LESSONS) if not draft and rng.random() < 0.6 else "",
            next_steps="" if draft else "\n".join(rng.sample(words.NEXT_STEPS, 2)),
            created_by_id=author,
            version=1,
        )
        due = next_month(period)
        if draft:
            update.updated_at = self.moment(due + datetime.timedelta(days=rng.randint(0, 4)), 15)
            return update
        late = rng.random() < 0.15
        day = rng.randint(10, 25) if late else rng.randint(1, 9)
        update.submitted_by_id = row.lead_id
        update.submitted_at = self.moment(
            due + datetime.timedelta(days=day - 1), rng.randint(9, 17), rng.randint(0, 59)
        )
        update.version = 2
        update.updated_at = update.submitted_at
        if status in ("returned", "accepted"):
            update.reviewed_by_id = reviewer
            update.reviewed_at = min(
                update.submitted_at + datetime.timedelta(days=rng.randint(1, 10), hours=3),
                self.now,
            )
            update.review_note = rng.choice(words.REVIEW_NOTES) if status == "returned" else ""
            update.version = 3
            update.updated_at = update.reviewed_at
        return update

    def make_assessments(self, chunk: list[AdoptionInfo]):
        assessments, pending = [], []
        for row in chunk:
            implementing = row.reached(Stage.IMPLEMENTATION)
            if implementing is None:
                continue
            rng = self.rng("fidelity", row.index)
            quality = rng.uniform(0.5, 0.95)
            last_day = min(self.today, row.ended_on or self.today)
            assessed_on = add_months(month_start(implementing), 3).replace(day=20)
            while assessed_on < self.first_month:
                assessed_on = add_months(assessed_on, 3)
            number = 0
            while assessed_on <= last_day:
                method = FidelityAssessment.Method.SELF
                assessor = row.lead_id
                if number % 4 == 3 and row.partner_id:
                    method, assessor = FidelityAssessment.Method.ORIGINATING_TEAM, row.partner_id
                elif number % 8 == 5:
                    method = FidelityAssessment.Method.PEER
                level = min(
                    0.98, max(0.2, quality + 0.1 * math.sin(number / 3) + rng.gauss(0, 0.05))
                )
                scores = []
                for criterion in row.info.criteria:
                    roll = rng.random()
                    if criterion.kind == FidelityCriterion.Kind.MUST_HAVE:
                        score = (
                            "met"
                            if roll < level
                            else "partly_met"
                            if roll < level + (1 - level) * 0.6
                            else "not_met"
                        )
                    else:
                        score = "met" if roll < 0.7 else "partly_met"
                    scores.append((criterion, score))
                percent = must_have_score(scores)
                band = FidelityBand.for_score(percent)
                assessments.append(
                    FidelityAssessment(
                        adoption=row.adoption,
                        assessed_on=assessed_on,
                        method=method,
                        assessed_by_id=assessor,
                        summary=words.ASSESSMENT_SUMMARIES[band] if band else "",
                        must_have_score=percent,
                        recorded_at=self.moment(
                            assessed_on + datetime.timedelta(days=rng.randint(0, 3)), 14
                        ),
                    )
                )
                co_assessor = (
                    row.lead_id if method == FidelityAssessment.Method.ORIGINATING_TEAM else None
                )
                pending.append((scores, co_assessor))
                number += 1
                assessed_on = add_months(assessed_on, 3)
        assessments = self.write(FidelityAssessment, assessments)
        rows, co_assessors = [], []
        Through = FidelityAssessment.co_assessors.through
        for assessment, (scores, co_assessor) in zip(assessments, pending, strict=True):
            for criterion, score in scores:
                rows.append(
                    CriterionScore(
                        assessment=assessment,
                        criterion=criterion,
                        score=score,
                        evidence_note=words.SCORE_NOTES[score],
                    )
                )
            if co_assessor:
                co_assessors.append(
                    Through(fidelityassessment_id=assessment.pk, user_id=co_assessor)
                )
        self.write(CriterionScore, rows)
        self.write(Through, co_assessors)

    # --- boards' meetings, adaptations and decisions -----------------------------------------

    def make_meetings(self):
        rng = self.rng("meetings")
        meetings, attendance = [], []
        for info in self.boards:
            month = self.first_month
            while month <= self.this_month:
                held_on = month.replace(day=rng.randint(16, 24))
                if held_on <= self.today:
                    meeting = BoardMeeting(
                        board=info.board,
                        held_on=held_on,
                        notes=rng.choice(words.MEETING_NOTES),
                        other_attendees="Representatives of the adopting sites"
                        if rng.random() < 0.5
                        else "",
                    )
                    meetings.append(meeting)
                    present = [
                        info.chair_id,
                        *rng.sample(info.member_ids, min(3, len(info.member_ids))),
                    ]
                    attendance.append(present)
                    info.meetings.append(meeting)
                month = next_month(month)
        meetings = self.write(BoardMeeting, meetings)
        Through = BoardMeeting.attendees.through
        self.write(
            Through,
            [
                Through(boardmeeting_id=meeting.pk, user_id=user_id)
                for meeting, present in zip(meetings, attendance, strict=True)
                for user_id in present
            ],
        )

    def make_adaptations(self):
        rng = self.rng("adaptations")
        eligible = [row for row in self.adoptions if row.reached(Stage.PREPARATION)]
        Status = Adaptation.DecisionStatus
        adaptations, pending_criteria, decisions_for = [], [], []
        with self.step("adaptations", self.plan.adaptations) as bar:
            for _ in range(self.plan.adaptations):
                row = rng.choice(eligible)
                first = max(row.reached(Stage.PREPARATION), self.first_month)
                last = min(self.today, row.ended_on or self.today)
                made_on = first + datetime.timedelta(
                    days=rng.randint(0, max(0, (last - first).days))
                )
                title, description = rng.choice(words.ADAPTATIONS)
                relation = rng.choices(list(Adaptation.FidelityRelation.values), [0.7, 0.1, 0.2])[0]
                criteria = rng.sample(row.info.criteria, rng.choice([0, 1, 1, 2, 3]))
                if row.board is None:
                    # Nobody could decide: log only what needs no board decision.
                    criteria = [c for c in criteria if c.kind != FidelityCriterion.Kind.MUST_HAVE]
                    if relation == Adaptation.FidelityRelation.INCONSISTENT:
                        relation = Adaptation.FidelityRelation.CONSISTENT
                needs_decision = relation == Adaptation.FidelityRelation.INCONSISTENT or any(
                    c.kind == FidelityCriterion.Kind.MUST_HAVE for c in criteria
                )
                created_at = self.moment(made_on + datetime.timedelta(days=rng.randint(0, 6)), 11)
                adaptation = Adaptation(
                    adoption=row.adoption,
                    title=title,
                    description=description,
                    made_on=made_on,
                    phase=rng.choice(Adaptation.Phase.values),
                    planning=rng.choice(Adaptation.Planning.values),
                    decided_by=rng.choice(Adaptation.Decider.values),
                    what_modified=rng.choice(Adaptation.Modified.values),
                    level_of_delivery=rng.choice(Adaptation.Level.values),
                    modification_type=rng.choice(Adaptation.ModificationType.values),
                    fidelity_relation=relation,
                    goal=rng.choice(Adaptation.Goal.values),
                    reasons_organisation=rng.choice(words.ADAPTATION_REASONS),
                    reasons_recipient=rng.choice(words.ADAPTATION_REASONS)
                    if rng.random() < 0.4
                    else "",
                    needs_board_decision=needs_decision,
                    logged_by_id=row.lead_id,
                    created_at=created_at,
                )
                meeting = None
                if not needs_decision:
                    adaptation.decision_status = Status.APPROVED
                    adaptation.decided_at = created_at
                    adaptation.decision_rationale = (
                        "Recorded by the project lead; no board decision needed."
                    )
                else:
                    meeting = self.deciding_meeting(row.board, made_on)
                    roll = rng.random()
                    if meeting is None or roll < 0.02:
                        meeting = None  # still waiting for the board
                    elif roll < 0.1:
                        meeting = None
                        adaptation.decision_status = Status.WITHDRAWN
                        adaptation.decided_at = min(
                            created_at + datetime.timedelta(days=rng.randint(1, 20)), self.now
                        )
                        adaptation.decision_rationale = "Withdrawn by the project lead."
                    else:
                        outcome = Status.APPROVED if roll < 0.8 else Status.REJECTED
                        adaptation.decision_status = outcome
                        adaptation.decided_at = self.moment(meeting.held_on, 16)
                        adaptation.decision_rationale = words.DECISION_RATIONALES[outcome]
                adaptations.append(adaptation)
                pending_criteria.append(criteria)
                decisions_for.append((row, meeting))
                bar.update()
        adaptations = self.write(Adaptation, adaptations)
        Through = Adaptation.criteria.through
        self.write(
            Through,
            [
                Through(adaptation_id=adaptation.pk, fidelitycriterion_id=criterion.pk)
                for adaptation, criteria in zip(adaptations, pending_criteria, strict=True)
                for criterion in criteria
            ],
        )
        decisions = []
        for adaptation, (row, meeting) in zip(adaptations, decisions_for, strict=True):
            if meeting is None:
                continue
            decisions.append(
                Decision(
                    meeting=meeting,
                    adaptation=adaptation,
                    title=f"{row.adoption.adopting_site.name}: {adaptation.title}"[:200],
                    outcome=adaptation.decision_status,
                    rationale=adaptation.decision_rationale,
                    recorded_by_id=row.board.chair_id,
                    recorded_at=adaptation.decided_at,
                )
            )
        for info in self.boards:
            for meeting in info.meetings:
                if rng.random() < 0.3:
                    decisions.append(
                        Decision(
                            meeting=meeting,
                            title=rng.choice(words.NOTED_TITLES),
                            outcome=Decision.Outcome.NOTED,
                            rationale=words.DECISION_RATIONALES["noted"],
                            recorded_by_id=info.chair_id,
                            recorded_at=self.moment(meeting.held_on, 17),
                        )
                    )
        self.write(Decision, decisions)

    def deciding_meeting(self, board: BoardInfo, made_on: datetime.date) -> BoardMeeting | None:
        """The board's first meeting at least a week after the adaptation was made."""
        ready = made_on + datetime.timedelta(days=7)
        return next((m for m in board.meetings if m.held_on >= ready), None)

    def make_actions(self):
        rng = self.rng("actions")
        actions = []
        for info in self.boards:
            owners = [info.chair_id, *info.member_ids]
            for meeting in info.meetings:
                for _ in range(rng.choice([0, 1, 1, 2, 3])):
                    due_on = meeting.held_on + datetime.timedelta(days=rng.randint(14, 56))
                    if due_on < self.today - datetime.timedelta(days=30):
                        status = rng.choices(
                            [Action.Status.DONE, Action.Status.CANCELLED, Action.Status.OPEN],
                            [0.85, 0.05, 0.1],
                        )[0]
                    else:
                        status = rng.choice([Action.Status.OPEN, Action.Status.IN_PROGRESS])
                    completed_on = None
                    if status == Action.Status.DONE:
                        completed_on = min(
                            self.today, due_on + datetime.timedelta(days=rng.randint(-10, 10))
                        )
                    actions.append(
                        Action(
                            board=info.board,
                            meeting=meeting,
                            description=rng.choice(words.ACTIONS),
                            owner_id=rng.choice(owners) if rng.random() < 0.9 else None,
                            due_on=due_on,
                            status=status,
                            completed_on=completed_on,
                            progress_note=rng.choice(words.PROGRESS_NOTES),
                        )
                    )
        self.write(Action, actions)


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int = 1):
        pass

    def set_postfix(self, **kwargs):
        pass


def generate(
    *,
    scale: float,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    progress: Callable | None = None,
) -> dict[str, int]:
    """Build the data set at `scale` into the (empty) default database."""
    return Generator(
        plan=Plan.for_scale(scale), seed=seed, today=today, progress=progress
    ).generate()


def summary_lines(counts: dict[str, int]) -> Iterable[str]:
    for label, count in sorted(counts.items(), key=lambda item: -item[1]):
        yield f"  {count:>9,}  {label}"


# --- What the benchmark measures ---------------------------------------------------------

DIRECTORY_SEARCH = "family support"


@dataclass(frozen=True)
class BenchPages:
    """The pages the benchmark measures, and who looks at each: the largest board's
    chair, the lead of one of its adoptions (one with a draft for the reporting month),
    or someone not signed in."""

    board: GovernanceBoard
    chair: models.Model
    adoption: Adoption
    lead: models.Model
    innovation: Innovation
    period: datetime.date

    @classmethod
    def find(cls, today: datetime.date | None = None) -> "BenchPages":
        from sites.periods import reporting_period

        period = reporting_period(today or timezone.localdate())
        board = (
            GovernanceBoard.objects.annotate(size=models.Count("adoptions"))
            .order_by("-size", "pk")
            .first()
        )
        chair = BoardMembership.objects.get(board=board, role=BoardMembership.Role.CHAIR).user
        # The adoption with the longest history among those with a draft to finish, or
        # failing that (at tiny scales) one whose month's update is not started yet.
        on_board = Adoption.objects.filter(board=board).order_by("started_on", "pk")
        adoption = (
            on_board.filter(
                updates__period=period, updates__status=ProgressUpdate.Status.DRAFT
            ).first()
            or on_board.exclude(updates__period=period)
            .filter(stage__in=[Stage.IMPLEMENTATION, Stage.SUSTAINMENT])
            .first()
            or on_board.first()
        )
        lead = AdoptionRole.objects.get(adoption=adoption, role=AdoptionRole.Role.LEAD).user
        innovation = (
            Innovation.objects.published()
            .annotate(size=models.Count("adoptions"))
            .order_by("-size", "pk")
            .first()
        )
        return cls(board, chair, adoption, lead, innovation, period)

    def pages(self) -> dict[str, tuple[str, str]]:
        """{name: (path, who)}, who being "anonymous", "lead" or "chair"."""
        search = DIRECTORY_SEARCH.replace(" ", "+")
        return {
            "directory_search": (f"/directory/?q={search}", "anonymous"),
            "innovation_page": (self.innovation.get_absolute_url(), "anonymous"),
            "adoption_overview": (self.adoption.get_absolute_url(), "lead"),
            "update_form": (
                f"/adoptions/{self.adoption.pk}/updates/{self.period:%Y-%m}/",
                "lead",
            ),
            "board_dashboard": (self.board.get_absolute_url(), "chair"),
            "api_progress_updates": ("/api/progress-updates/", "chair"),
        }
