"""Every form in the service, and how to make it show its errors.

`ERROR_CASES` lists, for each URL whose view takes a POST with something a person can
get wrong, who opens it, on which object, and how the form is made invalid (by
default: every text box emptied, then the form's first button pressed). The browser
test (test_form_errors.py) submits each and checks the page that comes back.

`NO_ERROR_STATE` lists the other POST URLs, each with why it has no error state to
show. tests/adoptadapt/test_form_error_coverage.py fails when a URL that takes a POST
is in neither list, so a new form cannot be added without its error state checked.

Nothing here imports Playwright: the coverage test runs without a browser.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.tokens import invitation_token
from tests.world import (
    World,
    world_action,
    world_adaptation,
    world_assessment,
    world_conflict,
    world_invitation,
    world_journey_row,
    world_meeting,
    world_programme,
    world_update_period,
)


def no_kwargs(world: World) -> dict:
    return {}


@dataclass(frozen=True)
class ErrorCase:
    url_name: str
    actor: str
    kwargs: Callable[[World], dict] = no_kwargs
    # Makes the form invalid in the browser (given the Playwright page); by default
    # every text box and textarea of the form is emptied.
    prepare: Callable | None = None
    # The button to press, by its accessible name; by default the form's first.
    button: str | None = None
    # Added to the address, given the world: "?adoption=3".
    query: Callable[[World], str] | None = None
    # The page the form is on, when the URL only takes the POST (same kwargs).
    opens: str | None = None
    case: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.case}]" if self.case else self.url_name

    def path(self, world: World) -> str:
        query = self.query(world) if self.query else ""
        return reverse(self.opens or self.url_name, kwargs=self.kwargs(world)) + query


# --- making a form invalid -----------------------------------------------------------


def new_row(legend_end: str, label: str, text: str = "Half a row"):
    """Fill one field of the blank row at the end of a rows page, leaving the rest."""

    def prepare(page):
        row = page.get_by_role("group", name=re.compile(rf"New {legend_end}$")).last
        row.get_by_label(label, exact=True).fill(text)

    return prepare


def amber_red_without_a_reason(page):
    page.get_by_label("Amber/red", exact=True).check()
    page.get_by_label("Why is the adoption at this status?", exact=True).fill("")


# --- the objects the forms are about -------------------------------------------------


def _own(world):
    return {"pk": world.adoption.pk}


def _row(kind):
    def kwargs(world):
        row = world_journey_row(world, kind)
        return {"pk": row.adoption_id, "item": row.pk}

    return kwargs


def _slug(world):
    return {"slug": world.innovation.slug}


def _board(world):
    return {"slug": world.board.slug}


def _period(world):
    from sites.periods import reporting_period

    return {"pk": world.adoption.pk, "period": reporting_period(timezone.localdate())}


def _password_reset(world):
    user = world.lead
    return {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


def _assessed(world) -> dict:
    """The fidelity form scores the innovation's criteria: make sure there is one."""
    world_assessment(world)
    return {}


def _programme(world):
    return {"slug": world.adopting_site.slug, "pk": world_programme(world).pk}


ERROR_CASES = [
    # --- signing in, accounts and people ---
    ErrorCase("login", "anonymous"),
    ErrorCase("password_reset", "anonymous"),
    ErrorCase("password_reset_confirm", "anonymous", _password_reset),
    ErrorCase("account", "lead"),
    ErrorCase("account_email", "lead"),
    ErrorCase("api_tokens:create", "lead"),
    ErrorCase("two_factor_setup", "directory_admin"),
    ErrorCase("invitations:create", "lead", query=lambda w: f"?adoption={w.adoption.pk}"),
    ErrorCase(
        "invitations:accept",
        "anonymous",
        lambda w: {"token": invitation_token(world_invitation(w))},
    ),
    # --- the directory ---
    ErrorCase("innovations:create", "directory_admin"),
    ErrorCase("innovations:edit", "directory_admin", _slug),
    ErrorCase(
        "innovations:criteria",
        "directory_admin",
        _slug,
        prepare=new_row("criterion", "How fidelity is evidenced"),
    ),
    ErrorCase("innovations:metrics", "directory_admin", _slug, prepare=new_row("metric", "Unit")),
    ErrorCase(
        "innovations:evidence",
        "directory_admin",
        _slug,
        prepare=new_row("evidence source", "Link", "not a web address"),
    ),
    ErrorCase(
        "innovations:resources",
        "directory_admin",
        _slug,
        prepare=new_row("resource", "Link", "not a web address"),
    ),
    ErrorCase("innovations:status", "directory_admin", _slug),
    ErrorCase("innovations:import", "directory_admin"),
    ErrorCase("sites:create", "directory_admin"),
    ErrorCase("sites:edit", "directory_admin", lambda w: {"slug": w.adopting_site.slug}),
    # --- an adoption's journey ---
    ErrorCase("adoptions:exchange_new", "lead", _own),
    ErrorCase("adoptions:exchange_edit", "lead", _row("exchange")),
    ErrorCase("adoptions:context_factor_new", "lead", _own),
    ErrorCase("adoptions:context_factor_edit", "lead", _row("factor")),
    ErrorCase("adoptions:readiness_item_new", "lead", _own),
    ErrorCase("adoptions:readiness_item_edit", "lead", _row("readiness")),
    ErrorCase("adoptions:stage", "lead", _own),
    ErrorCase("adoptions:milestone_new", "lead", _own),
    ErrorCase("adoptions:milestone_edit", "lead", _row("milestone")),
    ErrorCase("adoptions:accreditation_new", "lead", _own),
    ErrorCase("adoptions:accreditation_edit", "lead", _row("accreditation")),
    ErrorCase("sites:conflict_new", "lead", _programme),
    ErrorCase(
        "sites:conflict_edit",
        "lead",
        lambda w: {**_programme(w), "conflict": world_conflict(w).pk},
    ),
    # --- monthly updates, fidelity and adaptations ---
    ErrorCase(
        "adoptions:update_edit",
        "lead",
        _period,
        prepare=amber_red_without_a_reason,
        button="Save as draft",
    ),
    ErrorCase(
        "adoptions:update_submit",
        "lead",
        _period,
        opens="adoptions:update_edit",
        button="Submit update",
    ),
    ErrorCase(
        "adoptions:update_review",
        "originating_partner",
        lambda w: {"pk": w.adoption.pk, "period": world_update_period(w)},
    ),
    ErrorCase("adoptions:assessment_new", "lead", lambda w: _own(w) | _assessed(w)),
    ErrorCase("adoptions:adaptation_new", "lead", _own),
    ErrorCase(
        "adoptions:adaptation_promote",
        "directory_admin",
        lambda w: {"pk": w.adoption.pk, "adaptation_pk": world_adaptation(w).pk},
    ),
    # --- boards ---
    ErrorCase("boards:meeting_create", "board_chair", _board),
    ErrorCase(
        "boards:meeting_edit",
        "board_chair",
        lambda w: {"slug": w.board.slug, "pk": world_meeting(w).pk},
    ),
    ErrorCase(
        "boards:decide",
        "board_member",
        lambda w: {"slug": w.board.slug, "pk": world_adaptation(w).pk},
    ),
    ErrorCase("boards:action_create", "board_member", _board),
    ErrorCase(
        "boards:action_edit",
        "board_member",
        lambda w: {"slug": w.board.slug, "pk": world_action(w).pk},
    ),
    ErrorCase("boards:settings", "board_chair", _board),
]


CONFIRMATION = "a confirmation with a button and no fields: nothing to get wrong"
BUTTON = "a single button on another page, no fields: nothing to get wrong"

NO_ERROR_STATE = {
    "logout": BUTTON,
    "account_email_confirm": CONFIRMATION,
    "api_tokens:revoke": CONFIRMATION,
    "innovations:import_preview": (
        "confirms an import whose problems the preview has already shown; nothing to type"
    ),
    "adoptions:partnerships": "two optional lists where every choice is valid",
    "adoptions:innovation": "one optional text box",
    "adoptions:exchange_delete": CONFIRMATION,
    "adoptions:context_factor_delete": CONFIRMATION,
    "adoptions:readiness_item_delete": CONFIRMATION,
    "adoptions:readiness_item_status": BUTTON,
    "adoptions:milestone_complete": BUTTON,
    "adoptions:milestone_delete": CONFIRMATION,
    "adoptions:accreditation_delete": CONFIRMATION,
    "adoptions:update_who_submits": "two radios, one always chosen: nothing to get wrong",
    "adoptions:adaptation_withdraw": BUTTON,
    "boards:digest_subscription": BUTTON,
    "people:deactivate": CONFIRMATION,
    "people:reactivate": BUTTON,
    "people:directory_admin_remove": CONFIRMATION,
    "people:role_remove": CONFIRMATION,
    "people:role_change": "radios with the current role chosen: nothing to get wrong",
    "invitations:resend": BUTTON,
    "invitations:revoke": CONFIRMATION,
    "two_factor_verify": (
        "the same one-field code form as two_factor_setup, whose error state is checked; "
        "it opens only for someone with an app set up (tests/accounts/test_two_factor.py "
        "checks its errors)"
    ),
}
