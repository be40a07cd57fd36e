"""Every adoption of one innovation across all boards: for directory admins and the
innovation's originating partners, who follow how it spreads and where it drifts.
Anyone else gets a 404, so the page does not say which innovations have partners."""

from django.utils import timezone
from django.views.generic import DetailView

from governance.heatmaps import fidelity_heatmaps
from sites.models import Adoption, FidelityBand

from ..models import Innovation
from ..selectors import every_adoption_of


class InnovationAdoptionsView(DetailView):
    template_name = "innovations/innovation_adoptions.html"
    context_object_name = "innovation"
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return Innovation.objects.adoptions_overseeable_by(self.request.user)

    def get_context_data(self, **kwargs):
        innovation = self.object
        adoptions = list(every_adoption_of(innovation, as_of=timezone.now()))
        for adoption in adoptions:
            adoption.fidelity_band = FidelityBand.for_score(adoption.latest_fidelity_score)
        visible_ids = set(
            Adoption.objects.visible_to(self.request.user)
            .filter(innovation=innovation)
            .values_list("pk", flat=True)
        )
        heatmap = next(iter(fidelity_heatmaps(adoptions)), None)
        return super().get_context_data(
            adoptions=adoptions,
            visible_adoption_ids=visible_ids,
            heatmap=heatmap,
            board_count=len({adoption.board_id for adoption in adoptions if adoption.board_id}),
            **kwargs,
        )
