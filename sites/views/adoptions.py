"""Pages about one adoption: the overview of its journey."""

from django.utils import timezone
from django.views.generic import DetailView

from accounts.rules import invitable_roles

from ..access import standing_remember
from ..selectors import (
    adoption_detail_queryset,
    current_rag,
    days_in_each_stage,
    journey_tasks,
    milestones_by_stage,
    rag_trend,
    stage_periods,
)


class AdoptionDetailView(DetailView):
    """The adoption overview: the four parts of the journey as a task list, the stage
    and its history, milestones, the RAG trend and the people.

    Someone who may not see the adoption gets a 404.
    """

    template_name = "sites/adoption_detail.html"
    context_object_name = "adoption"

    def get_queryset(self):
        return adoption_detail_queryset(self.request.user, today=timezone.localdate())

    def get_object(self, queryset=None):
        adoption = super().get_object(queryset)
        standing_remember(self.request.user, adoption)
        return adoption

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        adoption = self.object
        today = timezone.localdate()
        periods = stage_periods(adoption.stage_changes.all(), today=today)
        milestones = list(adoption.milestones.all())
        user = self.request.user
        context.update(
            tasks=journey_tasks(adoption, today=today),
            periods=list(reversed(periods)),
            stage_totals=days_in_each_stage(periods),
            milestone_groups=milestones_by_stage(milestones),
            milestone_count=len(milestones),
            milestones_completed=sum(1 for m in milestones if m.is_complete),
            trend=rag_trend(adoption.recent_updates, today=today),
            current_update=current_rag(adoption.recent_updates),
            can_edit=user.has_perm("adoptadapt_sites.change_adoption", adoption),
            can_lead=user.has_perm("adoptadapt_sites.change_adoption_stage", adoption),
            can_invite=bool(invitable_roles(user, adoption)),
            today=today,
        )
        return context
