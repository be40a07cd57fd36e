"""What every page under /adoptions/<pk>/ shares."""

from functools import cached_property

from django.shortcuts import get_object_or_404

from ..access import standing_remember
from ..models import Adoption
from ..selectors import adoption_page_queryset


class AdoptionMixin:
    """The adoption named in the URL, fetched through the people who may see it.

    Anyone else gets a 404, so the page does not reveal that the adoption exists. The
    person's roles on it come with it, for the page's permission checks.
    """

    # What this page shows of the adoption besides its innovation and site, read with it.
    adoption_related: tuple[str, ...] = ()

    @cached_property
    def adoption(self) -> Adoption:
        user = self.request.user
        adoption = get_object_or_404(
            adoption_page_queryset(user, *self.adoption_related), pk=self.kwargs["pk"]
        )
        standing_remember(user, adoption)
        return adoption

    def get_context_data(self, **kwargs):
        kwargs.setdefault("adoption", self.adoption)
        return super().get_context_data(**kwargs)
