"""Pages about one adoption."""

from django.views.generic import DetailView

from ..selectors import adoption_detail_queryset


class AdoptionDetailView(DetailView):
    """The adoption overview. Someone who may not see the adoption gets a 404."""

    template_name = "sites/adoption_detail.html"
    context_object_name = "adoption"

    def get_queryset(self):
        return adoption_detail_queryset(self.request.user)
