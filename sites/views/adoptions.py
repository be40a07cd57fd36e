"""Pages about one adoption: the overview of its journey."""

from functools import cached_property

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView

from accounts.rules import invitable_roles

from ..access import standing_remember
from ..models import Adoption
from ..selectors import (
    adoption_detail_queryset,
    current_rag,
    days_in_each_stage,
    journey_tasks,
    milestones_by_stage,
    rag_trend,
    stage_periods,
)


class AdoptionOverview:
    """The overview's body, worked out only when the template asks: when the body is
    kept (`{% cached_fragment %}`, adoptadapt/fragment_cache.py), it does not."""

    def __init__(self, user, pk: int, *, today):
        self.user, self.pk, self.today = user, pk, today

    @cached_property
    def adoption(self):
        return get_object_or_404(adoption_detail_queryset(self.user, today=self.today), pk=self.pk)

    @cached_property
    def _periods(self):
        return stage_periods(self.adoption.stage_changes.all(), today=self.today)

    @cached_property
    def _milestones(self):
        return list(self.adoption.milestones.all())

    def tasks(self):
        return journey_tasks(self.adoption, today=self.today)

    def periods(self):
        return list(reversed(self._periods))

    def stage_totals(self):
        return days_in_each_stage(self._periods)

    def milestone_groups(self):
        return milestones_by_stage(self._milestones)

    def milestone_count(self):
        return len(self._milestones)

    def milestones_completed(self):
        return sum(1 for m in self._milestones if m.is_complete)

    def trend(self):
        return rag_trend(self.adoption.recent_updates, today=self.today)

    def current_update(self):
        return current_rag(self.adoption.recent_updates)


class AdoptionDetailView(DetailView):
    """The adoption overview: the four parts of the journey as a task list, the stage
    and its history, milestones, the RAG trend and the people.

    Someone who may not see the adoption gets a 404. The adoption is read here only
    for that, the heading and this person's rights; the body is worked out when it is
    not kept (`AdoptionOverview`).
    """

    template_name = "sites/adoption_detail.html"
    context_object_name = "adoption"

    def get_queryset(self):
        user = self.request.user
        return (
            Adoption.objects.visible_to(user)
            .with_viewer_standing(user)
            .select_related("innovation", "adopting_site")
        )

    def get_object(self, queryset=None):
        adoption = super().get_object(queryset)
        standing_remember(self.request.user, adoption)
        return adoption

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        adoption = self.object
        today = timezone.localdate()
        user = self.request.user
        context.update(
            overview=AdoptionOverview(user, adoption.pk, today=today),
            can_edit=user.has_perm("adoptadapt_sites.change_adoption", adoption),
            can_lead=user.has_perm("adoptadapt_sites.change_adoption_stage", adoption),
            can_invite=bool(invitable_roles(user, adoption)),
            today=today,
        )
        return context
