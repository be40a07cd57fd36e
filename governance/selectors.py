"""Read queries about boards, each a fixed number of queries whatever the size."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from sites.models import Adoption, ProgressUpdate

from .models import BoardMembership, GovernanceBoard


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


def board_detail_queryset(user) -> QuerySet[GovernanceBoard]:
    latest_rag = Subquery(
        ProgressUpdate.objects.filter(adoption=OuterRef("pk"))
        .exclude(status=ProgressUpdate.Status.DRAFT)
        .order_by("-period")
        .values("rag")[:1]
    )
    return GovernanceBoard.objects.visible_to(user).prefetch_related(
        Prefetch(
            "memberships",
            queryset=BoardMembership.objects.select_related("user__organisation"),
        ),
        Prefetch(
            "adoptions",
            queryset=Adoption.objects.select_related("innovation", "adopting_site").annotate(
                latest_rag=latest_rag
            ),
        ),
    )
