"""`manage.py load_demo`: the demo directory, adoptions, boards and people.

Safe to run again: everything is looked up by its natural key first and only what is
missing is written, all in one transaction. The dated history (stage changes, monthly
updates, fidelity assessments, board meetings) is dated from today, so it is written only
with the adoption or board it belongs to; a later run in another month adds nothing
rather than a second, shifted history. To refresh the dates, start from an empty database.

Writes go through the services where one exists, and through `save_as` otherwise, so the
audit history names who did what.
"""

import datetime
import random
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from adoptadapt import demo_data
from adoptadapt.audit import save_as
from governance.models import Action, BoardMeeting, BoardMembership, Decision, GovernanceBoard
from governance.services import (
    action_create,
    action_update,
    adaptation_decide,
    board_meeting_create,
    board_membership_grant,
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
from innovations.services import innovation_set_status
from sites.figures import metric_figures_refresh
from sites.models import (
    Accreditation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityBand,
    MetricTarget,
    MustHaveConflict,
    PersonnelExchange,
    Programme,
    ProgressUpdate,
    ReadinessItem,
    Site,
    Stage,
)
from sites.periods import next_month
from sites.services import (
    accreditation_create,
    adaptation_log,
    adoption_create,
    adoption_role_grant,
    adoption_stage_change,
    fidelity_assessment_record,
    must_have_conflict_record,
    must_have_score,
    programme_adoptions_set,
    progress_update_accept,
    progress_update_return,
    progress_update_save,
    progress_update_submit,
)

DEMO_PASSWORD = "adopt-and-adapt-demo"

# The apps whose rows the summary counts.
APP_LABELS = ["accounts", "innovations", "adoptadapt_sites", "governance"]

# Stages in which a site reports monthly.
REPORTING_STAGES = {Stage.PREPARATION, Stage.IMPLEMENTATION, Stage.SUSTAINMENT, Stage.PAUSED}

# How much of a cumulative metric's usual monthly amount a stage produces.
STAGE_ACTIVITY = {
    Stage.PREPARATION: 0.3,
    Stage.IMPLEMENTATION: 1.0,
    Stage.SUSTAINMENT: 1.0,
    Stage.PAUSED: 0.2,
}

ASSESSMENT_SUMMARY = {
    FidelityBand.LOW: (
        "Several must-haves are not in place. The gaps and a plan to close them have gone "
        "to the board."
    ),
    FidelityBand.MODERATE: (
        "Most must-haves are in place; the gaps are known and being worked on."
    ),
    FidelityBand.HIGH: "The must-haves are in place and practice is consistent with the model.",
}

SCORE_NOTE = {
    CriterionScore.Score.MET: "In place and consistent across the sample.",
    CriterionScore.Score.PARTLY_MET: "In place in some teams or for part of the period.",
    CriterionScore.Score.NOT_MET: "Not in place at the time of the assessment.",
}


class Command(BaseCommand):
    help = (
        "Load the demo directory, sites, adoptions, boards and sign-in accounts. "
        "Idempotent; refused where settings.DEMO_DATA_ALLOWED is False."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Refusing to load demo data: DEMO_DATA_ALLOWED is False in these settings "
                f"({settings.SETTINGS_MODULE}). The demo creates accounts with a published "
                "password and must never be loaded into a real deployment."
            )
        before = _row_counts()
        with transaction.atomic():
            DemoLoader(today=timezone.localdate()).load()
        after = _row_counts()
        created = {name: after[name] - before.get(name, 0) for name in after}
        created = {name: n for name, n in created.items() if n}
        if created:
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            self._write_summary(created)
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already loaded: nothing to add."))
        self._write_accounts()

    def _write_summary(self, created):
        history = sum(n for (name, is_history), n in created.items() if is_history)
        self.stdout.write("Rows created:")
        for (name, is_history), n in created.items():
            if not is_history:
                self.stdout.write(f"  {n:>5}  {name}")
        self.stdout.write(f"  {history:>5}  audit history records")

    def _write_accounts(self):
        users = demo_data.USERS
        email_width = max(len(u["email"]) for u in users)
        role_width = max(len(u["role"]) for u in users)
        line = f"  {{:<{email_width}}}  {{:<{role_width}}}  {{}}"
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"Demo accounts: every one signs in with the password  {DEMO_PASSWORD}"
            )
        )
        self.stdout.write(line.format("Email", "Role", "What they'll see"))
        self.stdout.write(line.format("-" * email_width, "-" * role_width, "-" * 16))
        for index, user in enumerate(users):
            if index == 7:
                self.stdout.write("")
            self.stdout.write(line.format(user["email"], user["role"], user["sees"]))
        self.stdout.write("")


def _row_counts() -> dict[tuple[str, bool], int]:
    """Rows per model, keyed by (plural name, whether it is an audit-history model)."""
    counts = {}
    for label in APP_LABELS:
        for model in apps.get_app_config(label).get_models():
            key = (str(model._meta.verbose_name_plural), model.__name__.startswith("Historical"))
            counts[key] = model._default_manager.count()
    return counts


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


class DemoLoader:
    """Writes the demo content, skipping whatever already exists."""

    def __init__(self, *, today: datetime.date):
        self.today = today
        self.now = timezone.now()
        self.this_month = today.replace(day=1)
        self.sites: dict[str, Site] = {}
        self.themes: dict[str, Theme] = {}
        self.innovations: dict[str, Innovation] = {}
        self.criteria: dict[tuple[str, str], FidelityCriterion] = {}
        self.metrics: dict[tuple[str, str], OutcomeMetric] = {}
        self.users: dict = {}
        self.boards: dict[str, GovernanceBoard] = {}
        self.new_boards: set[str] = set()
        self.adoptions: dict[str, Adoption] = {}
        self._password_hash = None
        self.admin = None

    # --- helpers -------------------------------------------------------------------

    def month(self, months_back: int, day: int = 1) -> datetime.date:
        """A day in the month `months_back` months before this one (negative: ahead)."""
        year, month = divmod(_month_index(self.this_month) - months_back, 12)
        return datetime.date(year, month + 1, min(day, 28))

    def moment(self, day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
        aware = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return min(aware, self.now)

    def save(self, instance, actor=None):
        instance.full_clean()
        return save_as(instance, actor=actor or self.admin)

    @property
    def password_hash(self) -> str:
        # Hashed once: every demo account shares the published password.
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

    # --- the whole load --------------------------------------------------------------

    def load(self):
        self.load_admin()
        self.load_sites()
        self.finish_admin()
        self.load_themes()
        self.load_innovations()
        self.load_users()
        self.load_boards()
        for row in demo_data.ADOPTIONS:
            self.load_adoption(row)
        for row in demo_data.BOARDS:
            if row["slug"] in self.new_boards:
                self.load_meetings(row)
        self.load_lineage()
        self.load_programmes()
        self.load_accreditations()
        # Some entries are written directly, not through the services that keep it.
        search_documents_refresh()

    # --- people --------------------------------------------------------------------

    def _find_user(self, email: str):
        return get_user_model().objects.filter(email__iexact=email).first()

    def _new_user(self, row: dict, organisation: Site | None):
        return get_user_model()(
            email=row["email"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            organisation=organisation,
            job_title=row.get("job_title", ""),
            is_directory_admin=row.get("is_directory_admin", False),
            is_staff=row.get("is_staff", False),
            is_superuser=row.get("is_superuser", False),
            password=self.password_hash,
        )

    def load_admin(self):
        """The directory admin comes first: everything else is recorded as theirs."""
        row = demo_data.USERS[0]
        admin = self._find_user(row["email"])
        if admin is None:
            admin = self._new_user(row, organisation=None)
            admin.full_clean(exclude=["organisation"])
            admin.save()
            self._admin_needs_organisation = True
        else:
            self._admin_needs_organisation = False
        self.admin = admin
        self.users[row["key"]] = admin

    def finish_admin(self):
        if self._admin_needs_organisation:
            self.admin.organisation = self.sites[demo_data.USERS[0]["organisation"]]
            save_as(self.admin, actor=self.admin)

    def load_users(self):
        for row in demo_data.USERS[1:]:
            user = self._find_user(row["email"])
            if user is None:
                user = self.save(self._new_user(row, self.sites[row["organisation"]]))
            self.users[row["key"]] = user

    # --- organisations and the directory -------------------------------------------

    def load_sites(self):
        for row in demo_data.SITES:
            match = Q(slug=row["slug"]) | Q(name=row["name"])
            if row.get("gss_code"):
                match |= Q(gss_code=row["gss_code"])
            if row.get("dfe_la_number"):
                match |= Q(dfe_la_number=row["dfe_la_number"])
            site = Site.objects.filter(match).first()
            if site is None:
                site = self.save(Site(**row))
            self.sites[row["slug"]] = site

    def load_themes(self):
        for slug, name in demo_data.THEMES:
            theme = Theme.objects.filter(Q(slug=slug) | Q(name=name)).first()
            self.themes[slug] = theme or self.save(Theme(slug=slug, name=name))

    def load_innovations(self):
        for row in demo_data.INNOVATIONS:
            innovation = Innovation.objects.filter(
                Q(slug=row["slug"]) | Q(name=row["name"])
            ).first()
            is_new = innovation is None
            if is_new:
                originating = row.get("originating_site")
                innovation = self.save(
                    Innovation(
                        slug=row["slug"],
                        name=row["name"],
                        summary=row["summary"],
                        problem_addressed=row.get("problem_addressed", ""),
                        originating_site=self.sites[originating] if originating else None,
                        original_constraints=row.get("original_constraints", ""),
                        original_assets=row.get("original_assets", ""),
                        culture=row.get("culture", ""),
                        values=row.get("values", ""),
                        leadership=row.get("leadership", ""),
                        evidence_level=row["evidence_level"],
                        evidence_summary=row.get("evidence_summary", ""),
                        cost_rating=row.get("cost_rating"),
                        accreditation=row.get("accreditation", ""),
                    )
                )
                innovation.themes.set([self.themes[s] for s in row["themes"]])
                innovation.support_organisations.set(
                    [self.sites[s] for s in row["support_organisations"]]
                )
            self.innovations[row["slug"]] = innovation
            self.load_directory_parts(innovation, row)
            if is_new:
                self.move_to_status(innovation, row["status"])

    def move_to_status(self, innovation: Innovation, status: str):
        path = {
            Innovation.Status.DRAFT: [],
            Innovation.Status.PUBLISHED: [Innovation.Status.PUBLISHED],
            Innovation.Status.ARCHIVED: [Innovation.Status.PUBLISHED, Innovation.Status.ARCHIVED],
        }[status]
        for step in path:
            innovation = innovation_set_status(actor=self.admin, innovation=innovation, status=step)
        self.innovations[innovation.slug] = innovation

    def load_directory_parts(self, innovation: Innovation, row: dict):
        slug = row["slug"]
        for position, spec in enumerate(row["criteria"]):
            criterion = innovation.criteria.filter(name=spec["name"]).first()
            if criterion is None:
                criterion = self.save(
                    FidelityCriterion(
                        innovation=innovation,
                        name=spec["name"],
                        description=spec.get("description", ""),
                        kind=spec["kind"],
                        dimension=spec["dimension"],
                        how_evidenced=spec.get("how_evidenced", ""),
                        position=position,
                    )
                )
            self.criteria[slug, spec["key"]] = criterion
        for position, spec in enumerate(row["metrics"]):
            metric = innovation.metrics.filter(name=spec["name"]).first()
            if metric is None:
                metric = self.save(
                    OutcomeMetric(
                        innovation=innovation,
                        name=spec["name"],
                        description=spec.get("description", ""),
                        unit=spec["unit"],
                        higher_is_better=spec["higher_is_better"],
                        aggregation=spec["aggregation"],
                        position=position,
                    )
                )
            self.metrics[slug, spec["key"]] = metric
        for position, spec in enumerate(row["evidence_sources"]):
            if not innovation.evidence_sources.filter(title=spec["title"]).exists():
                self.save(EvidenceSource(innovation=innovation, position=position, **spec))
        for position, spec in enumerate(row["resources"]):
            if not innovation.resources.filter(title=spec["title"]).exists():
                self.save(Resource(innovation=innovation, position=position, **spec))

    # --- boards ----------------------------------------------------------------------

    def load_boards(self):
        for row in demo_data.BOARDS:
            board = GovernanceBoard.objects.filter(
                Q(slug=row["slug"]) | Q(name=row["name"])
            ).first()
            if board is None:
                self.new_boards.add(row["slug"])
                board = self.save(
                    GovernanceBoard(
                        slug=row["slug"],
                        name=row["name"],
                        description=row["description"],
                        digest_day=row["digest_day"],
                    )
                )
            self.boards[row["slug"]] = board
            for user_key, role, receives_digest in row["members"]:
                user = self.users[user_key]
                if not BoardMembership.objects.filter(board=board, user=user).exists():
                    board_membership_grant(
                        actor=self.admin,
                        board=board,
                        user=user,
                        role=role,
                        receives_digest=receives_digest,
                    )

    def board_chair(self, board: GovernanceBoard):
        membership = (
            board.memberships.filter(role=BoardMembership.Role.CHAIR).select_related("user").first()
        )
        return membership.user if membership else self.admin

    def load_meetings(self, row: dict):
        board = self.boards[row["slug"]]
        chair = self.board_chair(board)
        for spec in row["meetings"]:
            held_on = self.month(spec["m"], spec["day"])
            meeting = BoardMeeting.objects.filter(board=board, held_on=held_on).first()
            if meeting is None:
                meeting = board_meeting_create(
                    actor=chair,
                    board=board,
                    held_on=held_on,
                    attendees=[self.users[key] for key in spec["attendees"]],
                    other_attendees=spec["other_attendees"],
                    notes=spec["notes"],
                )
            for decision_spec in spec["decisions"]:
                self.load_decision(meeting, decision_spec, chair)
            for action_spec in spec["actions"]:
                if board.actions.filter(description=action_spec["description"]).exists():
                    continue
                action = action_create(
                    actor=chair,
                    board=board,
                    meeting=meeting,
                    description=action_spec["description"],
                    owner=self.users[action_spec["owner"]],
                    due_on=self.month(*action_spec["due"]),
                )
                if action_spec["status"] != Action.Status.OPEN:
                    completed = action_spec.get("completed")
                    action_update(
                        actor=chair,
                        action=action,
                        status=action_spec["status"],
                        due_on=action.due_on,
                        completed_on=self.month(*completed) if completed else None,
                    )

    def load_decision(self, meeting: BoardMeeting, spec: dict, chair):
        """A decision about an adaptation goes through `adaptation_decide`, then is dated
        to the afternoon of its meeting, as if recorded then. Other decisions (noted,
        or about the programme) name no adaptation and are saved as they are."""
        if not spec.get("adaptation"):
            if not meeting.decisions.filter(title=spec["title"]).exists():
                self.save(
                    Decision(
                        meeting=meeting,
                        title=spec["title"],
                        outcome=spec["outcome"],
                        rationale=spec["rationale"],
                        recorded_by=chair,
                    ),
                    actor=chair,
                )
            return
        adoption_key, title = spec["adaptation"]
        adaptation = self.adoptions[adoption_key].adaptations.get(title=title)
        if not adaptation.awaiting_decision:
            return
        decision = adaptation_decide(
            actor=chair,
            adaptation=adaptation,
            meeting=meeting,
            outcome=spec["outcome"],
            rationale=spec["rationale"],
        )
        decided_at = self.moment(meeting.held_on, 16)
        decision.recorded_at = decided_at
        save_as(decision, actor=chair, update_fields=["recorded_at"])
        adaptation.refresh_from_db()
        adaptation.decided_at = decided_at
        save_as(adaptation, actor=chair, update_fields=["decided_at"])

    # --- adoptions -------------------------------------------------------------------

    def load_adoption(self, row: dict):
        innovation = self.innovations[row["innovation"]]
        site = self.sites[row["site"]]
        lead = self.users[next(user for user, role in row["roles"] if role == "lead")]
        rng = random.Random(row["key"])
        stages = [
            (self.month(m, rng.randint(2, 26)), stage, note) for m, stage, note in row["stages"]
        ]
        adoption = Adoption.objects.filter(innovation=innovation, adopting_site=site).first()
        is_new = adoption is None
        if is_new:
            started_on, first_stage, first_note = stages[0]
            adoption = adoption_create(
                actor=lead,
                innovation=innovation,
                adopting_site=site,
                started_on=started_on,
                stage=first_stage,
                partner_site=self.sites[row["partner"]] if row["partner"] else None,
                support_organisation=self.sites[row["support"]] if row["support"] else None,
                board=self.boards[row["board"]] if row["board"] else None,
                team_notes=row.get("team_notes", ""),
            )
            first_change = adoption.stage_changes.get()
            if first_note:
                first_change.note = first_note
                self.save(first_change, actor=lead)
            # The stage history belongs to the adoption's creation: written only then.
            for changed_on, stage, note in stages[1:]:
                adoption_stage_change(
                    actor=lead, adoption=adoption, stage=stage, changed_on=changed_on, note=note
                )
            adoption.refresh_from_db()
        self.adoptions[row["key"]] = adoption

        for user_key, role in row["roles"]:
            user = self.users[user_key]
            if not AdoptionRole.objects.filter(adoption=adoption, user=user).exists():
                adoption_role_grant(actor=self.admin, adoption=adoption, user=user, role=role)

        self.load_targets(adoption, row, lead)
        self.load_context(adoption, row, lead)
        self.load_readiness(adoption, row, stages, lead)
        self.load_exchanges(adoption, row, lead)
        if is_new:
            self.load_updates(adoption, row, stages, lead)
            self.load_assessments(adoption, row)
        self.load_adaptations(adoption, row)

    def load_targets(self, adoption: Adoption, row: dict, lead):
        for metric_key, (target, months_back) in row["targets"].items():
            metric = self.metrics[row["innovation"], metric_key]
            if not MetricTarget.objects.filter(adoption=adoption, metric=metric).exists():
                self.save(
                    MetricTarget(
                        adoption=adoption,
                        metric=metric,
                        target=Decimal(target),
                        target_date=self.month(months_back),
                    ),
                    actor=lead,
                )

    def load_context(self, adoption: Adoption, row: dict, lead):
        templates = demo_data.CONTEXT_FACTORS[row["innovation"]]
        for factor_key, adopting, adopting_rating, nature, fit, mitigation in row["context"]:
            domain, name, originating, originating_rating = templates[factor_key]
            if adoption.context_factors.filter(domain=domain, name=name).exists():
                continue
            self.save(
                ContextFactor(
                    adoption=adoption,
                    domain=domain,
                    name=name,
                    originating_context=originating,
                    adopting_context=adopting,
                    originating_rating=originating_rating,
                    adopting_rating=adopting_rating,
                    nature=nature,
                    fit=fit,
                    mitigation=mitigation,
                ),
                actor=lead,
            )

    def load_readiness(self, adoption: Adoption, row: dict, stages, lead):
        items = demo_data.READINESS[row["innovation"]]
        stage_dates = {stage: day for day, stage, _ in stages}
        preparing_from = stage_dates.get(Stage.PREPARATION, self.month(-1))
        for index, (area, description) in enumerate(items):
            if adoption.readiness_items.filter(description=description).exists():
                continue
            if adoption.stage == Stage.EXPLORATION:
                status = "in_progress" if index == 0 else "not_started"
            elif adoption.stage == Stage.PREPARATION:
                status = "done" if index < len(items) // 2 else "in_progress"
                if index == len(items) - 1:
                    status = "not_started"
            elif adoption.stage == Stage.IMPLEMENTATION and index == len(items) - 1:
                status = "in_progress"
            else:
                status = "done"
            due_on = datetime.date.fromordinal(preparing_from.toordinal() + 45 * (index + 1))
            notes = ""
            if status == "in_progress":
                notes = "Under way; reported monthly until done."
            self.save(
                ReadinessItem(
                    adoption=adoption,
                    area=area,
                    description=description,
                    status=status,
                    due_on=due_on,
                    notes=notes,
                ),
                actor=lead,
            )

    def load_exchanges(self, adoption: Adoption, row: dict, lead):
        for kind, source, target, person, role, start_m, end_m, notes in row["exchanges"]:
            from_site, to_site = self.sites[source], self.sites[target]
            if adoption.personnel_exchanges.filter(
                kind=kind, from_site=from_site, to_site=to_site, person_name=person
            ).exists():
                continue
            started_on = self.month(start_m, 3)
            ended_on = None
            if end_m is not None:
                ended_on = self.month(end_m, 4) if end_m == start_m else self.month(end_m, 28)
            self.save(
                PersonnelExchange(
                    adoption=adoption,
                    kind=kind,
                    from_site=from_site,
                    to_site=to_site,
                    person_name=person,
                    role_description=role,
                    started_on=started_on,
                    ended_on=ended_on,
                    notes=notes,
                ),
                actor=lead,
            )

    # --- monthly updates -------------------------------------------------------------

    def stage_during(self, stages, period: datetime.date) -> str:
        """The stage in force at the end of the month `period` starts."""
        month_end = next_month(period) - datetime.timedelta(days=1)
        current = stages[0][1]
        for changed_on, stage, _ in stages:
            if changed_on <= month_end:
                current = stage
        return current

    def load_updates(self, adoption: Adoption, row: dict, stages, lead):
        words = demo_data.NARRATIVE.get(row["innovation"])
        if not words:
            return
        author = self.users[row.get("update_author", "")] if row.get("update_author") else lead
        metric_specs = [
            (self.metrics[row["innovation"], key], spec) for key, spec in row["values"].items()
        ]
        explanations = iter(words["explanations"] * 12)
        for index, code in enumerate(row["rag"]):
            months_back = 12 - index
            period = self.month(months_back)
            if code == "-":
                continue
            rag = demo_data.RAG_CODES[code]
            explanation = next(explanations) if rag in ("amber_red", "red") else ""
            if ProgressUpdate.objects.filter(adoption=adoption, period=period).exists():
                continue
            stage = self.stage_during(stages, period)
            assert stage in REPORTING_STAGES, (row["key"], period, stage)
            rng = random.Random(f"{row['key']}:{period.isoformat()}")
            is_latest = months_back == 1
            draft = is_latest and row["latest"] == "draft"
            fields = self.update_fields(words, rng, rag, explanation, stage, draft=draft)
            values = {}
            for position, (metric, spec) in enumerate(metric_specs):
                if draft and position >= 2:
                    break
                values[metric] = self.metric_value(metric, spec, index, stage, rng)
            update = progress_update_save(
                actor=author,
                adoption=adoption,
                period=period,
                fields=fields,
                metric_values=values,
            )
            if draft:
                continue
            update = progress_update_submit(actor=lead, update=update)
            submitted_on = next_month(period).replace(day=rng.randint(2, 13))
            update.submitted_at = self.moment(submitted_on, rng.randint(9, 17), rng.randint(0, 59))
            save_as(update, actor=lead, update_fields=["submitted_at", "updated_at"])
            reviewer = self.board_chair(adoption.board) if adoption.board else None
            if is_latest and row["latest"] == "returned":
                update = progress_update_return(
                    actor=reviewer or self.admin, update=update, note=row["review_note"]
                )
            elif months_back >= 3 and reviewer is not None:
                # The board has worked through all but the last two months' updates.
                update = progress_update_accept(actor=reviewer, update=update)
            else:
                continue
            update.reviewed_at = self.moment(submitted_on + datetime.timedelta(days=2), 15)
            save_as(update, actor=update.reviewed_by, update_fields=["reviewed_at", "updated_at"])
        # The submission times above were set directly, after the service had used its own.
        metric_figures_refresh(adoption_ids=[adoption.pk])

    def update_fields(self, words, rng, rag, explanation, stage, *, draft: bool) -> dict:
        summary = " ".join(
            part
            for part in (demo_data.STAGE_SENTENCE[stage], rng.choice(demo_data.SUMMARY_BY_RAG[rag]))
            if part
        )
        fields = {
            "rag": rag,
            "rag_explanation": explanation,
            "summary": summary,
            "achievements": "\n".join(rng.sample(words["achievements"], 2)),
        }
        if draft:
            return fields
        barrier_count = {"green": 0, "amber_green": 1, "amber": 1}.get(rag, 2)
        barriers = rng.sample(words["barriers"], min(barrier_count, len(words["barriers"])))
        fields.update(
            barriers_and_risks="\n".join(barriers) or "No significant barriers this month.",
            lessons_learned=rng.choice(words["lessons"]),
            next_steps="\n".join(rng.sample(words["next_steps"], 2)),
        )
        return fields

    def metric_value(self, metric: OutcomeMetric, spec, index: int, stage: str, rng) -> Decimal:
        if spec[0] == "cum":
            amount = spec[1] * STAGE_ACTIVITY[stage] * rng.uniform(0.6, 1.4)
            return Decimal(max(0, round(amount)))
        first, last = spec[1], spec[2]
        value = first + (last - first) * index / 11
        value += rng.uniform(-1, 1) * max(abs(last - first) * 0.08, 0.3)
        value = max(0.0, value)
        if metric.unit == "%" or metric.unit.startswith("per "):
            return Decimal(str(round(value, 1)))
        return Decimal(round(value))

    # --- fidelity and adaptations ----------------------------------------------------

    def load_assessments(self, adoption: Adoption, row: dict):
        criteria = list(adoption.innovation.criteria.filter(retired_at__isnull=True))
        must_haves = [c for c in criteria if c.is_must_have]
        lead = next(u for u, r in row["roles"] if r == "lead")
        partner = next((u for u, r in row["roles"] if r == "originating_partner"), None)
        for months_back, method, aim, assessor_key in row["fidelity"]:
            assessed_on = self.month(months_back, 20)
            if adoption.fidelity_assessments.filter(assessed_on=assessed_on).exists():
                continue
            rng = random.Random(f"{row['key']}:fidelity:{assessed_on.isoformat()}")
            scores = self.scores_for(must_haves, aim, rng)
            for criterion in criteria:
                if not criterion.is_must_have:
                    scores[criterion] = rng.choice(
                        [CriterionScore.Score.MET, CriterionScore.Score.PARTLY_MET]
                    )
            score = must_have_score(scores.items())
            assessment = fidelity_assessment_record(
                actor=self.users[assessor_key],
                adoption=adoption,
                assessed_on=assessed_on,
                method=method,
                scores={c: (s, SCORE_NOTE[s]) for c, s in scores.items()},
                summary=ASSESSMENT_SUMMARY[FidelityBand.for_score(score)],
            )
            # The service has no co-assessors yet; add the other side of the partnership.
            co_assessor = {"originating_team": lead, "accreditor": lead, "peer": partner}.get(
                method
            )
            if co_assessor and co_assessor != assessor_key:
                assessment.co_assessors.add(self.users[co_assessor])

    @staticmethod
    def scores_for(must_haves, aim: int, rng) -> dict:
        """Met / partly met / not met across the must-haves, scoring close to `aim` %."""
        count = len(must_haves)
        half_points = round(aim / 100 * 2 * count)
        met = max(0, half_points - count)
        partly = half_points - 2 * met
        outcomes = (
            [CriterionScore.Score.MET] * met
            + [CriterionScore.Score.PARTLY_MET] * partly
            + [CriterionScore.Score.NOT_MET] * (count - met - partly)
        )
        rng.shuffle(outcomes)
        return dict(zip(must_haves, outcomes, strict=True))

    def load_adaptations(self, adoption: Adoption, row: dict):
        for spec in row["adaptations"]:
            if adoption.adaptations.filter(title=spec["title"]).exists():
                continue
            frame = {
                name: value
                for name, value in spec.items()
                if name not in {"m", "day", "criteria", "by"}
            }
            adaptation_log(
                actor=self.users[spec["by"]],
                adoption=adoption,
                criteria=[self.criteria[row["innovation"], key] for key in spec["criteria"]],
                made_on=self.month(spec["m"], spec["day"]),
                **frame,
            )

    # --- lineage, combined programmes and accreditation -------------------------------

    def load_lineage(self):
        for row in demo_data.LINEAGE:
            innovation = self.innovations[row["innovation"]]
            if innovation.adapted_from_id is None:
                innovation.adapted_from = self.innovations[row["adapted_from"]]
                innovation.adapted_at = self.sites[row["adapted_at"]]
                innovation.adapted_by = row["adapted_by"]
                innovation.lineage_changes = row["changes"]
                innovation.lineage_reasons = row["reasons"]
                self.save(innovation)

    def load_programmes(self):
        for row in demo_data.PROGRAMMES:
            site = self.sites[row["site"]]
            programme = Programme.objects.filter(site=site, name=row["name"]).first()
            if programme is not None:
                continue
            programme = self.save(
                Programme(
                    site=site,
                    name=row["name"],
                    description=row["description"],
                    board=self.boards[row["board"]],
                )
            )
            programme_adoptions_set(
                actor=self.admin,
                programme=programme,
                adoptions=[self.adoptions[key] for key in row["adoptions"]],
            )
            for spec in row["conflicts"]:
                conflict = must_have_conflict_record(
                    actor=self.users[spec["recorded_by"]],
                    programme=programme,
                    first_criterion=self.criteria[spec["first"]],
                    second_criterion=self.criteria[spec["second"]],
                    description=spec["description"],
                )
                # Recorded some weeks ago, so the dashboards and timeline show it then.
                MustHaveConflict.objects.filter(pk=conflict.pk).update(
                    recorded_at=self.now - datetime.timedelta(days=spec["days_ago"])
                )

    def load_accreditations(self):
        for row in demo_data.ACCREDITATIONS:
            adoption = self.adoptions[row["adoption"]]
            if Accreditation.objects.filter(adoption=adoption, standard=row["standard"]).exists():
                continue
            accreditation_create(
                actor=self.admin,
                adoption=adoption,
                kind=row["kind"],
                awarding_body=row["awarding_body"],
                standard=row["standard"],
                status=row["status"],
                awarded_on=self.month(row["awarded_months_back"], 12),
                expires_on=self.today + datetime.timedelta(days=row["expires_in_days"]),
                evidence_url="",
                conditions=row["conditions"],
            )
