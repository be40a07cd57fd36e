"""Writes about directory entries. Each function is one transaction and names its actor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from adoptadapt.audit import save_as

from .models import Innovation

ALLOWED_MOVES = {
    Innovation.Status.DRAFT: {Innovation.Status.PUBLISHED},
    Innovation.Status.PUBLISHED: {Innovation.Status.ARCHIVED, Innovation.Status.DRAFT},
    Innovation.Status.ARCHIVED: {Innovation.Status.PUBLISHED},
}


@transaction.atomic
def innovation_set_status(*, actor, innovation: Innovation, status: str) -> Innovation:
    """Move an entry along draft → published → archived, recording who and when."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if status not in ALLOWED_MOVES[innovation.status]:
        raise ValidationError(
            f"A {innovation.get_status_display().lower()} entry cannot be moved to "
            f"{Innovation.Status(status).label.lower()}."
        )
    innovation.status = status
    innovation.status_changed_at = timezone.now()
    innovation.status_changed_by = actor
    return save_as(innovation, actor=actor)
