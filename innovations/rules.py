"""Who may see and change directory entries; the querysets decide, these ask them."""

import rules

from accounts.rules import is_directory_admin

from .models import Innovation


@rules.predicate
def can_see_innovation(user, innovation):
    if innovation is None:
        return True
    return Innovation.objects.visible_to(user).filter(pk=innovation.pk).exists()


@rules.predicate
def can_see_every_adoption(user, innovation):
    """The cross-site view of an innovation's adoptions (directory admins and its
    originating partners)."""
    if innovation is None:
        return False
    return Innovation.objects.adoptions_overseeable_by(user).filter(pk=innovation.pk).exists()


rules.add_perm("innovations.view_innovation", can_see_innovation)
rules.add_perm("innovations.view_innovation_adoptions", can_see_every_adoption)
rules.add_perm("innovations.add_innovation", is_directory_admin)
rules.add_perm("innovations.change_innovation", is_directory_admin)
