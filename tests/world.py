"""A small, complete world every permission test can stand in.

One published innovation adopted at two sites. "Our" adoption is overseen by
"our" board and has a lead, a contributor and an originating partner; the board
has a chair, a member and an observer. The "other" adoption and "other" board
belong to other people, and nobody in the actor list holds a role on them except
the directory admin, who sees everything. The unrelated user works for the same
organisation as the lead, to show that an organisation alone grants nothing.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from governance.models import BoardMembership, GovernanceBoard
from innovations.models import Innovation
from sites.models import Adoption, AdoptionRole, Site

from .factories import (
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    SiteFactory,
    UserFactory,
)

# Everyone the permission matrix asks about, in the order the matrix lists them.
ACTORS = (
    "anonymous",
    "unrelated_user",
    "lead",
    "contributor",
    "originating_partner",
    "board_member",
    "board_chair",
    "board_observer",
    "directory_admin",
)


@dataclass
class World:
    directory_admin: User
    lead: User
    contributor: User
    originating_partner: User
    board_chair: User
    board_member: User
    board_observer: User
    unrelated_user: User
    other_lead: User
    other_board_member: User
    originating_site: Site
    adopting_site: Site
    other_site: Site
    innovation: Innovation
    draft_innovation: Innovation
    archived_innovation: Innovation
    board: GovernanceBoard
    other_board: GovernanceBoard
    adoption: Adoption
    other_adoption: Adoption

    def actor(self, name: str):
        """The user an actor name stands for; AnonymousUser for "anonymous"."""
        if name == "anonymous":
            return AnonymousUser()
        return getattr(self, name)


def build_world() -> World:
    admin = UserFactory(
        email="directory.admin@example.test",
        first_name="Dana",
        last_name="Admin",
        is_directory_admin=True,
        organisation=None,
    )
    originating_site = SiteFactory(name="Originating Borough Council")
    adopting_site = SiteFactory(name="Adopting Borough Council")
    other_site = SiteFactory(name="Other Borough Council")
    innovation = InnovationFactory(
        name="Systemic Units", slug="systemic-units", originating_site=originating_site
    )
    draft_innovation = InnovationFactory(
        name="Unfinished Draft Model",
        slug="unfinished-draft-model",
        status=Innovation.Status.DRAFT,
        originating_site=originating_site,
    )
    archived_innovation = InnovationFactory(
        name="Retired Archived Model",
        slug="retired-archived-model",
        status=Innovation.Status.ARCHIVED,
        originating_site=originating_site,
    )
    board = GovernanceBoardFactory(name="Our Adopters Board", slug="our-adopters-board")
    other_board = GovernanceBoardFactory(name="Other Adopters Board", slug="other-adopters-board")
    adoption = AdoptionFactory(
        actor=admin,
        innovation=innovation,
        adopting_site=adopting_site,
        partner_site=originating_site,
        board=board,
        started_on=datetime.date(2024, 4, 1),
    )
    other_adoption = AdoptionFactory(
        actor=admin,
        innovation=innovation,
        adopting_site=other_site,
        partner_site=originating_site,
        board=other_board,
        started_on=datetime.date(2024, 5, 1),
    )

    def person(first_name, organisation):
        return UserFactory(
            email=f"{first_name.lower()}@example.test",
            first_name=first_name,
            organisation=organisation,
        )

    lead = person("Lee", adopting_site)
    contributor = person("Cora", adopting_site)
    originating_partner = person("Olu", originating_site)
    board_chair = person("Chris", other_site)
    board_member = person("Mina", other_site)
    board_observer = person("Obi", other_site)
    unrelated_user = person("Uma", adopting_site)
    other_lead = person("Otto", other_site)
    other_board_member = person("Oona", other_site)

    for user, role in (
        (lead, AdoptionRole.Role.LEAD),
        (contributor, AdoptionRole.Role.CONTRIBUTOR),
        (originating_partner, AdoptionRole.Role.ORIGINATING_PARTNER),
    ):
        AdoptionRoleFactory(actor=admin, adoption=adoption, user=user, role=role)
    AdoptionRoleFactory(
        actor=admin, adoption=other_adoption, user=other_lead, role=AdoptionRole.Role.LEAD
    )
    for user, role in (
        (board_chair, BoardMembership.Role.CHAIR),
        (board_member, BoardMembership.Role.MEMBER),
        (board_observer, BoardMembership.Role.OBSERVER),
    ):
        BoardMembershipFactory(actor=admin, board=board, user=user, role=role)
    BoardMembershipFactory(
        actor=admin, board=other_board, user=other_board_member, role=BoardMembership.Role.CHAIR
    )

    return World(
        directory_admin=admin,
        lead=lead,
        contributor=contributor,
        originating_partner=originating_partner,
        board_chair=board_chair,
        board_member=board_member,
        board_observer=board_observer,
        unrelated_user=unrelated_user,
        other_lead=other_lead,
        other_board_member=other_board_member,
        originating_site=originating_site,
        adopting_site=adopting_site,
        other_site=other_site,
        innovation=innovation,
        draft_innovation=draft_innovation,
        archived_innovation=archived_innovation,
        board=board,
        other_board=other_board,
        adoption=adoption,
        other_adoption=other_adoption,
    )


# --- fidelity assessments and adaptations ---


def _world_must_have(world: World):
    from innovations.models import FidelityCriterion

    criterion, _ = FidelityCriterion.objects.get_or_create(
        innovation=world.innovation,
        name="Weekly unit meeting",
        defaults={
            "kind": FidelityCriterion.Kind.MUST_HAVE,
            "dimension": FidelityCriterion.Dimension.ADHERENCE,
        },
    )
    return criterion


def world_assessment(world: World, adoption: str = "adoption"):
    """A fidelity assessment of one of the world's adoptions, made when a test asks."""
    from .factories import FidelityAssessmentFactory

    _world_must_have(world)
    target = getattr(world, adoption)
    actor = world.lead if adoption == "adoption" else world.other_lead
    return FidelityAssessmentFactory(actor=actor, adoption=target)


def world_adaptation(world: World, adoption: str = "adoption"):
    """An adaptation touching a must-have, so proposed and awaiting the board."""
    from .factories import AdaptationFactory

    target = getattr(world, adoption)
    actor = world.lead if adoption == "adoption" else world.other_lead
    return AdaptationFactory(
        actor=actor,
        adoption=target,
        criteria=[_world_must_have(world)],
        reasons_organisation="Rural teams cannot meet weekly in person.",
    )


# --- adoption overview and journey ---


def world_journey_row(world: World, kind: str, adoption: str = "adoption"):
    """One row of an adoption's journey (exchange, factor, readiness item or milestone),
    made through its service when a test asks; the adoption's lead is the actor."""
    from sites import services
    from sites.models import ContextFactor, PersonnelExchange, ReadinessItem, Stage

    target = getattr(world, adoption)
    actor = world.lead if adoption == "adoption" else world.other_lead
    if kind == "exchange":
        return services.personnel_exchange_create(
            actor=actor,
            adoption=target,
            kind=PersonnelExchange.Kind.SECONDMENT,
            from_site=world.originating_site,
            to_site=target.adopting_site,
            person_name="Experienced consultant social worker",
            started_on=datetime.date(2024, 6, 1),
        )
    if kind == "factor":
        return services.context_factor_create(
            actor=actor,
            adoption=target,
            domain=ContextFactor.Domain.INNER_SETTING,
            name="Supply of clinicians",
            originating_rating=2,
            adopting_rating=-1,
            nature=ContextFactor.Nature.CONSTRAINT,
            fit=ContextFactor.Fit.GAP,
            mitigation="Joint posts with the health trust.",
        )
    if kind == "readiness":
        return services.readiness_item_create(
            actor=actor,
            adoption=target,
            area=ReadinessItem.Area.WORKFORCE,
            description="Consultant posts approved by HR",
        )
    if kind == "accreditation":
        from sites.models import Accreditation

        return services.accreditation_create(
            actor=actor,
            adoption=target,
            kind=Accreditation.Kind.LICENCE,
            awarding_body="The Model Developers",
            standard="Systemic Units licence",
            status=Accreditation.Status.AWARDED,
            awarded_on=datetime.date(2024, 6, 1),
            expires_on=datetime.date(2027, 6, 1),
        )
    if kind == "milestone":
        return services.milestone_create(
            actor=actor,
            adoption=target,
            stage=Stage.EXPLORATION,
            title="Visit the originating site",
        )
    raise ValueError(kind)


# --- monthly progress updates ---

WORLD_UPDATE_PERIOD = datetime.date(2025, 1, 1)


def world_update_period(world: World, *, other: bool = False, submitted: bool = True) -> str:
    """Make sure the (other) adoption has an update for January 2025, submitted by its
    lead unless `submitted` is False; the period as the URL writes it, "2025-01"."""
    from sites.models import ProgressUpdate
    from sites.services import progress_update_save, progress_update_submit

    adoption = world.other_adoption if other else world.adoption
    lead = world.other_lead if other else world.lead
    update = ProgressUpdate.objects.filter(adoption=adoption, period=WORLD_UPDATE_PERIOD).first()
    if update is None:
        update = progress_update_save(
            actor=lead,
            adoption=adoption,
            period=WORLD_UPDATE_PERIOD,
            fields={"rag": "green", "summary": "Units are running as planned."},
        )
        if submitted:
            progress_update_submit(actor=lead, update=update)
    return "2025-01"


def world_invitation(world: World, *, other: bool = False):
    """A pending invitation, sent by the directory admin, to be a contributor on the
    (other) adoption: our lead may manage the one on our adoption, nobody else may."""
    from accounts.models import Invitation
    from accounts.services import invitation_create

    adoption = world.other_adoption if other else world.adoption
    email = "invitee.other@example.test" if other else "invitee@example.test"
    invitation = Invitation.objects.filter(email=email).first()
    if invitation is None:
        invitation = invitation_create(
            actor=world.directory_admin,
            email=email,
            role="contributor",
            adoption=adoption,
            full_name="Ivy Invitee",
        )
    return invitation


# --- board meetings, decisions and actions ---

WORLD_MEETING_DAY = datetime.date(2025, 1, 14)


def world_meeting(world: World, board: str = "board"):
    """The (other) board's January 2025 meeting, recorded by its chair when a test asks."""
    from governance.models import BoardMeeting
    from governance.services import board_meeting_create

    target = getattr(world, board)
    chair = world.board_chair if board == "board" else world.other_board_member
    meeting = BoardMeeting.objects.filter(board=target, held_on=WORLD_MEETING_DAY).first()
    return meeting or board_meeting_create(
        actor=chair, board=target, held_on=WORLD_MEETING_DAY, attendees=[chair]
    )


def world_action(world: World, board: str = "board"):
    """An open action of the (other) board, agreed at its meeting, owned by its chair."""
    from governance.models import Action
    from governance.services import action_create

    target = getattr(world, board)
    chair = world.board_chair if board == "board" else world.other_board_member
    action = Action.objects.filter(board=target).first()
    return action or action_create(
        actor=chair,
        board=target,
        description="Share the unit meeting guide with every site.",
        owner=chair,
        due_on=datetime.date(2025, 2, 28),
        meeting=world_meeting(world, board),
    )


# --- a combined programme with a conflict between must-haves ---


def world_programme(world: World):
    """Our adoption run as one programme with a second innovation at the adopting
    site (our lead leads both), overseen by our board; one conflict is recorded."""
    from innovations.models import FidelityCriterion
    from sites.models import AdoptionRole, Programme
    from sites.services import must_have_conflict_record, programme_adoptions_set

    from .factories import FidelityCriterionFactory

    programme = Programme.objects.filter(site=world.adopting_site).first()
    if programme is not None:
        return programme
    second = InnovationFactory(
        name="Family Hubs", slug="family-hubs", originating_site=world.originating_site
    )
    second_adoption = AdoptionFactory(
        actor=world.directory_admin,
        innovation=second,
        adopting_site=world.adopting_site,
        board=world.board,
        started_on=datetime.date(2024, 9, 1),
    )
    AdoptionRoleFactory(
        actor=world.directory_admin,
        adoption=second_adoption,
        user=world.lead,
        role=AdoptionRole.Role.LEAD,
    )
    programme = Programme.objects.create(
        site=world.adopting_site, name="Our combined programme", board=world.board
    )
    programme_adoptions_set(
        actor=world.directory_admin,
        programme=programme,
        adoptions=[world.adoption, second_adoption],
    )
    must_have = FidelityCriterionFactory(
        innovation=second, name="A hub in every district", kind=FidelityCriterion.Kind.MUST_HAVE
    )
    must_have_conflict_record(
        actor=world.lead,
        programme=programme,
        first_criterion=_world_must_have(world),
        second_criterion=must_have,
        description="The weekly unit meeting clashes with the hub's opening hours.",
    )
    return programme


def world_conflict(world: World):
    return world_programme(world).conflicts.get()
