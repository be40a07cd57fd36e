"""Read queries about boards, each a fixed number of queries whatever the size."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from sites.models import AdoptionRole

from .models import Action, BoardMeeting, BoardMembership, Decision, GovernanceBoard


def boards_for_person(user) -> QuerySet[GovernanceBoard]:
    """Boards someone sits on, with their role and how many adoptions each oversees."""
    return (
        GovernanceBoard.objects.filter(memberships__user=user)
        .annotate(
            my_role=Subquery(
                BoardMembership.objects.filter(board=OuterRef("pk"), user=user).values("role")[:1]
            ),
            adoption_count=Count("adoptions", distinct=True),
        )
        .order_by("name")
    )


def board_list(user) -> QuerySet[GovernanceBoard]:
    return (
        GovernanceBoard.objects.visible_to(user)
        .annotate(
            adoption_count=Count("adoptions", distinct=True),
            member_count=Count("memberships", distinct=True),
        )
        .order_by("name")
    )


def board_members(board: GovernanceBoard) -> QuerySet[BoardMembership]:
    """The board's members, chair first, for the dashboard's side panel."""
    return board.memberships.select_related("user__organisation").order_by(
        "role", "user__first_name", "user__last_name"
    )


# --- meetings, decisions and actions ------------------------------------------------


def _count_of(model, field: str):
    """How many `model` rows point at the outer row: a subquery, so counts never multiply."""
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def board_meetings(board: GovernanceBoard) -> QuerySet[BoardMeeting]:
    """A board's meetings, latest first, with how many attended and what came of each."""
    return (
        BoardMeeting.objects.filter(board=board)
        .annotate(
            attendee_count=_count_of(BoardMeeting.attendees.through, "boardmeeting"),
            decision_count=_count_of(Decision, "meeting"),
            action_count=_count_of(Action, "meeting"),
        )
        .order_by("-held_on", "-pk")
    )


def board_meeting_detail(board: GovernanceBoard) -> QuerySet[BoardMeeting]:
    """Meetings of the board with their attendees, decisions and actions for one page."""
    return BoardMeeting.objects.filter(board=board).prefetch_related(
        Prefetch(
            "attendees",
            queryset=User.objects.select_related("organisation").order_by(
                "first_name", "last_name", "email"
            ),
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related(
                "recorded_by",
                "adaptation__adoption__innovation",
                "adaptation__adoption__adopting_site",
            ).order_by("recorded_at", "pk"),
        ),
        Prefetch(
            "actions",
            queryset=Action.objects.select_related("owner").order_by("due_on", "pk"),
        ),
    )


ACTION_FILTERS = {
    "open": [Action.Status.OPEN, Action.Status.IN_PROGRESS],
    "done": [Action.Status.DONE, Action.Status.CANCELLED],
    "all": None,
}


def board_actions(board: GovernanceBoard, show: str = "open") -> QuerySet[Action]:
    """A board's actions, soonest due first, with their owners and meetings."""
    actions = Action.objects.filter(board=board).select_related("owner", "meeting")
    statuses = ACTION_FILTERS.get(show)
    if statuses:
        actions = actions.filter(status__in=statuses)
    return actions.order_by("due_on", "pk")


def action_owner_choices(board: GovernanceBoard) -> QuerySet[User]:
    """Who may own a board's action: its members and the leads of the adoptions it oversees."""
    leads = AdoptionRole.objects.filter(adoption__board=board, role=AdoptionRole.Role.LEAD)
    return User.objects.filter(
        Q(board_memberships__board=board) | Q(pk__in=leads.values("user_id")), is_active=True
    ).distinct()
