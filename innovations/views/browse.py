"""The public innovation directory."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from sites.models import Adoption

from ..selectors import innovation_detail_queryset, innovation_list


@method_decorator(login_not_required, name="dispatch")
class InnovationListView(ListView):
    template_name = "innovations/innovation_list.html"
    context_object_name = "innovations"
    paginate_by = 20

    def get_queryset(self):
        return innovation_list(self.request.user)


@method_decorator(login_not_required, name="dispatch")
class InnovationDetailView(DetailView):
    template_name = "innovations/innovation_detail.html"
    context_object_name = "innovation"

    def get_queryset(self):
        return innovation_detail_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        criteria = self.object.active_criteria
        context["must_haves"] = [c for c in criteria if c.is_must_have]
        context["adaptables"] = [c for c in criteria if not c.is_must_have]
        context["visible_adoption_ids"] = set(
            Adoption.objects.visible_to(self.request.user)
            .filter(innovation=self.object)
            .values_list("pk", flat=True)
        )
        return context
