"""Read queries about adoptions, each returning everything its page shows in a fixed
number of queries, however many rows there are."""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from .models import Adaptation, Adoption, AdoptionRole, ProgressUpdate, StageChange
from .periods import reporting_period


def _latest_submitted(field: str) -> Subquery:
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
            latest_rag=_latest_submitted("rag"),
            latest_rag_period=_latest_submitted("period"),
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


def adoption_detail_queryset(user) -> QuerySet[Adoption]:
    """One adoption's overview: the people, the stage history and recent updates."""
    return (
        Adoption.objects.visible_to(user)
        .select_related(
            "innovation", "adopting_site", "partner_site", "support_organisation", "board"
        )
        .prefetch_related(
            Prefetch("roles", queryset=AdoptionRole.objects.select_related("user__organisation")),
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("changed_by").order_by(
                    "-changed_on", "-recorded_at"
                ),
            ),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.order_by("-period")[:12],
                to_attr="recent_updates",
            ),
        )
    )
