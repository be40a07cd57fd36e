"""Who may see and change adoptions.

The querysets (`Adoption.objects.visible_to` / `editable_by`) are the single
definition; these predicates ask them about one object, so views, templates and
the API cannot disagree.
"""

import rules

from accounts.rules import is_directory_admin, is_signed_in

from .models import Adoption, AdoptionRole


def _holds_role(user, adoption, roles):
    if not is_signed_in(user) or adoption is None:
        return False
    return adoption.roles.filter(user=user, role__in=roles).exists()


@rules.predicate
def can_see_adoption(user, adoption):
    if adoption is None:
        return is_signed_in(user)
    return Adoption.objects.visible_to(user).filter(pk=adoption.pk).exists()


@rules.predicate
def can_edit_adoption(user, adoption):
    if adoption is None:
        return False
    return Adoption.objects.editable_by(user).filter(pk=adoption.pk).exists()


@rules.predicate
def is_adoption_lead(user, adoption):
    return _holds_role(user, adoption, [AdoptionRole.Role.LEAD])


@rules.predicate
def is_originating_partner(user, adoption):
    return _holds_role(user, adoption, [AdoptionRole.Role.ORIGINATING_PARTNER])


rules.add_perm("adoptadapt_sites.view_site", is_signed_in)
rules.add_perm("adoptadapt_sites.add_site", is_directory_admin)
rules.add_perm("adoptadapt_sites.change_site", is_directory_admin)
rules.add_perm("adoptadapt_sites.view_adoption", can_see_adoption)
rules.add_perm("adoptadapt_sites.change_adoption", can_edit_adoption)
rules.add_perm("adoptadapt_sites.submit_progressupdate", is_adoption_lead)
