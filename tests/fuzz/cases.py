"""Which page each POST URL's form is on, and who opens it: the fuzzer's inventory.

The forms with an error state come from tests/e2e/form_errors.py (ERROR_CASES),
turned into `FuzzCase`s here, not copied. The POST URLs listed there as having no
error state (NO_ERROR_STATE: confirmations, single buttons) are fuzzed too, so each
gets an entry in POST_ONLY below: a button can still be pressed with junk in it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts import email_change, two_factor
from accounts.services import account_deactivate
from tests.api.objects import api_token
from tests.e2e.form_errors import ERROR_CASES, ErrorCase
from tests.factories import UserFactory
from tests.world import World, world_adaptation, world_invitation, world_journey_row

from .strategies import SITES_IMPORT


@dataclass(frozen=True)
class FuzzCase:
    url_name: str
    actor: str
    # Makes whatever the form is about and returns the address of the page it is on
    # (the client is the actor's own, for set-up that lives in the session).
    page: Callable[[Client, World], str]
    # A template that shows a successful submission without redirecting.
    saved_template: str | None = None
    # A button that shows the form again, unjudged and unsaved ("Add another").
    shows_again_button: str | None = None
    # Tables a rejected submission may write, each with why (a record of the attempt).
    written_when_rejected: dict[str, str] = field(default_factory=dict)
    # Tells apart two cases of one URL (as ErrorCase.case does).
    case: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}[{self.case}]" if self.case else self.url_name


def _from_error_case(case: ErrorCase) -> FuzzCase:
    def page(client: Client, world: World) -> str:
        query = case.query(world) if case.query else ""
        return reverse(case.opens or case.url_name, kwargs=case.kwargs(world)) + query

    extra = EXTRAS.get(case.url_name, {})
    return FuzzCase(case.url_name, case.actor, page, case=case.case, **extra)


EXTRAS = {
    # The token is shown once, on the page that answers the POST.
    "api_tokens:create": {"saved_template": "accounts/api_token_created.html"},
    **{
        f"innovations:{rows}": {"shows_again_button": "add"}
        for rows in ("criteria", "metrics", "evidence", "resources")
    },
}


# --- the POST URLs with no error state ------------------------------------------------


def _at(url_name: str, **kwargs) -> Callable[[Client, World], str]:
    """The page named `url_name`, its arguments given the world."""

    def page(client: Client, world: World) -> str:
        return reverse(url_name, kwargs={key: make(world) for key, make in kwargs.items()})

    return page


def _row_page(kind: str, url_name: str, page_name: str | None = None):
    """A journey row's page (the row's own confirmation, or its list)."""

    def page(client: Client, world: World) -> str:
        row = world_journey_row(world, kind)
        if page_name:
            return reverse(page_name, kwargs={"pk": row.adoption_id})
        return reverse(url_name, kwargs={"pk": row.adoption_id, "item": row.pk})

    return page


def _adaptation_detail(client: Client, world: World) -> str:
    adaptation = world_adaptation(world)
    return reverse(
        "adoptions:adaptation_detail",
        kwargs={"pk": adaptation.adoption_id, "adaptation_pk": adaptation.pk},
    )


def _lead_grant_page(url_name: str):
    def page(client: Client, world: World) -> str:
        grant = world.lead.adoption_roles.get(adoption=world.adoption)
        return reverse(
            url_name, kwargs={"pk": world.lead.pk, "kind": "adoption", "grant_pk": grant.pk}
        )

    return page


def _deactivated_lead(client: Client, world: World) -> str:
    account_deactivate(actor=world.directory_admin, user=world.lead)
    return reverse("people:detail", kwargs={"pk": world.lead.pk})


def _second_directory_admin(client: Client, world: World) -> str:
    other = UserFactory(email="second.admin@example.test", is_directory_admin=True)
    return reverse("people:directory_admin_remove", kwargs={"pk": other.pk})


def _email_change_confirm(client: Client, world: World) -> str:
    token = email_change.make_token(world.lead, "lee.moved@example.test")
    return reverse("account_email_confirm", kwargs={"token": token})


def _with_an_app(client: Client, world: World) -> str:
    two_factor.totp_device_confirm(actor=world.directory_admin, key=two_factor.new_key(), step=0)
    return reverse("two_factor_verify")


def _pending_invitations(client: Client, world: World) -> str:
    world_invitation(world)
    return reverse("invitations:list")


def _import_preview(client: Client, world: World) -> str:
    """Upload a one-row file of organisations; the preview is kept in the session."""
    upload = SimpleUploadedFile("sites.csv", SITES_IMPORT, content_type="text/csv")
    response = client.post(reverse("innovations:import"), {"kind": "sites", "file": upload})
    assert response.status_code == 302, "the set-up upload was not accepted"
    return response["Location"]


POST_ONLY = [
    FuzzCase("logout", "lead", _at("account")),
    FuzzCase("account_email_confirm", "lead", _email_change_confirm),
    FuzzCase(
        "api_tokens:revoke", "lead", _at("api_tokens:revoke", pk=lambda w: api_token(w.lead)[0].pk)
    ),
    FuzzCase("innovations:import_preview", "directory_admin", _import_preview),
    FuzzCase(
        "adoptions:partnerships", "lead", _at("adoptions:partnerships", pk=lambda w: w.adoption.pk)
    ),
    FuzzCase(
        "adoptions:innovation", "lead", _at("adoptions:innovation", pk=lambda w: w.adoption.pk)
    ),
    FuzzCase(
        "adoptions:exchange_delete", "lead", _row_page("exchange", "adoptions:exchange_delete")
    ),
    FuzzCase(
        "adoptions:context_factor_delete",
        "lead",
        _row_page("factor", "adoptions:context_factor_delete"),
    ),
    FuzzCase(
        "adoptions:readiness_item_delete",
        "lead",
        _row_page("readiness", "adoptions:readiness_item_delete"),
    ),
    FuzzCase(
        "adoptions:readiness_item_status",
        "lead",
        _row_page("readiness", "adoptions:readiness_item_status", "adoptions:readiness"),
    ),
    FuzzCase(
        "adoptions:milestone_complete",
        "lead",
        _row_page("milestone", "adoptions:milestone_complete", "adoptions:milestones"),
    ),
    FuzzCase(
        "adoptions:milestone_delete", "lead", _row_page("milestone", "adoptions:milestone_delete")
    ),
    FuzzCase(
        "adoptions:accreditation_delete",
        "lead",
        _row_page("accreditation", "adoptions:accreditation_delete"),
    ),
    FuzzCase(
        "adoptions:update_who_submits",
        "lead",
        _at("adoptions:update_list", pk=lambda w: w.adoption.pk),
    ),
    FuzzCase("adoptions:adaptation_withdraw", "lead", _adaptation_detail),
    FuzzCase(
        "boards:digest_subscription",
        "board_member",
        _at("boards:digests", slug=lambda w: w.board.slug),
    ),
    FuzzCase(
        "people:deactivate", "directory_admin", _at("people:deactivate", pk=lambda w: w.lead.pk)
    ),
    FuzzCase("people:reactivate", "directory_admin", _deactivated_lead),
    FuzzCase("people:directory_admin_remove", "directory_admin", _second_directory_admin),
    FuzzCase("people:role_remove", "directory_admin", _lead_grant_page("people:role_remove")),
    FuzzCase("people:role_change", "directory_admin", _lead_grant_page("people:role_change")),
    FuzzCase("invitations:resend", "lead", _pending_invitations),
    FuzzCase(
        "invitations:revoke",
        "lead",
        _at("invitations:revoke", pk=lambda w: world_invitation(w).pk),
    ),
    FuzzCase(
        "two_factor_verify",
        "directory_admin",
        _with_an_app,
        written_when_rejected={
            "otp_totp_totpdevice": "a wrong code is counted on the app's record, to slow "
            "guessing (django-otp's throttling)",
        },
    ),
]

FUZZ_CASES = [_from_error_case(case) for case in ERROR_CASES] + POST_ONLY
