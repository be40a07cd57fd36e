"""What every page under /adoptions/<pk>/ shares."""

from functools import cached_property

from django.shortcuts import get_object_or_404

from ..models import Adoption
from ..selectors import adoption_page_queryset


class AdoptionMixin:
    """The adoption named in the URL, fetched through the people who may see it.

    Anyone else gets a 404, so the page does not reveal that the adoption exists.
    """

    @cached_property
    def adoption(self) -> Adoption:
        return get_object_or_404(adoption_page_queryset(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("adoption", self.adoption)
        return super().get_context_data(**kwargs)
