"""Who may see and change adoptions.

The rules in sites/access.py are the single definition: the querysets
(`Adoption.objects.visible_to` / `editable_by` and the rest) filter by them, and these
predicates check one person's standing on one adoption against them, so views,
templates and the API cannot disagree.
"""

import rules

from accounts.rules import is_directory_admin, is_signed_in

from . import access
from .models import Adaptation


@rules.predicate
def can_see_adoption(user, adoption):
    if adoption is None:
        return is_signed_in(user)
    return access.allowed(access.SEE, user, adoption)


@rules.predicate
def can_edit_adoption(user, adoption):
    if adoption is None:
        return False
    return access.allowed(access.EDIT, user, adoption)


@rules.predicate
def is_adoption_lead(user, adoption):
    if adoption is None:
        return False
    return access.allowed(access.LEAD_ONLY, user, adoption)


@rules.predicate
def is_originating_partner(user, adoption):
    if adoption is None:
        return False
    return access.allowed(access.PARTNER_ONLY, user, adoption)


rules.add_perm("adoptadapt_sites.view_site", is_signed_in)
rules.add_perm("adoptadapt_sites.add_site", is_directory_admin)
rules.add_perm("adoptadapt_sites.change_site", is_directory_admin)
rules.add_perm("adoptadapt_sites.view_adoption", can_see_adoption)
rules.add_perm("adoptadapt_sites.change_adoption", can_edit_adoption)


# --- monthly progress updates ---


@rules.predicate
def can_submit_update(user, adoption):
    """The lead, or a contributor when the lead lets contributors submit."""
    if adoption is None:
        return False
    return access.allowed(access.SUBMIT_UPDATES, user, adoption)


@rules.predicate
def can_review_update(user, adoption):
    """The originating partner or a chair or member of the adoption's board."""
    if adoption is None:
        return False
    return access.allowed(access.REVIEW_UPDATES, user, adoption)


rules.add_perm("adoptadapt_sites.submit_progressupdate", can_submit_update)
rules.add_perm("adoptadapt_sites.review_progressupdate", can_review_update)
rules.add_perm("adoptadapt_sites.change_contributors_may_submit", is_adoption_lead)


# --- fidelity assessments and adaptations ---


@rules.predicate
def can_assess_fidelity(user, adoption):
    if adoption is None:
        return False
    return access.allowed(access.ASSESS_FIDELITY, user, adoption)


@rules.predicate
def can_withdraw_adaptation(user, adaptation):
    """The lead takes back a proposal the board has not decided yet."""
    if adaptation is None:
        return False
    return adaptation.decision_status == Adaptation.DecisionStatus.PROPOSED and is_adoption_lead(
        user, adaptation.adoption
    )


rules.add_perm("adoptadapt_sites.add_fidelityassessment", can_assess_fidelity)
rules.add_perm("adoptadapt_sites.add_adaptation", can_edit_adoption)
rules.add_perm("adoptadapt_sites.withdraw_adaptation", can_withdraw_adaptation)

# The adoption journey: the team edits; only the lead changes the stage and partners.
rules.add_perm("adoptadapt_sites.change_adoption_partnerships", is_adoption_lead)
rules.add_perm("adoptadapt_sites.change_adoption_stage", is_adoption_lead)
