"""Invitations: who may invite whom to what, the signed single-use link, and what
accepting one does (and records in the audit trail)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.rules import can_invite, invitable_roles
from accounts.services import (
    InvitationUnusable,
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from accounts.tokens import invitation_token, read_invitation_token
from governance.models import BoardMembership
from sites.models import AdoptionRole
from tests.world import ACTORS

pytestmark = pytest.mark.django_db

PASSWORD = "a-sturdy-passphrase-2025"
ALL_ROLES = [role for role, _label in Invitation.Role.choices]


# --- Who may invite whom to what ----------------------------------------------------

# Roles each actor may grant on our adoption, our board, the other board, and with no
# target (directory admin).
EXPECTED = {
    "anonymous": ([], [], [], []),
    "unrelated_user": ([], [], [], []),
    "lead": (["contributor"], [], [], []),
    "contributor": ([], [], [], []),
    "originating_partner": ([], [], [], []),
    "board_member": ([], [], [], []),
    "board_chair": ([], ["chair", "member", "observer"], [], []),
    "board_observer": ([], [], [], []),
    "directory_admin": (
        ["lead", "contributor", "originating_partner"],
        ["chair", "member", "observer"],
        ["chair", "member", "observer"],
        ["directory_admin"],
    ),
}


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_invite_whom_to_what(world, actor):
    user = world.actor(actor)
    targets = (world.adoption, world.board, world.other_board, None)
    for target, expected in zip(targets, EXPECTED[actor], strict=True):
        assert invitable_roles(user, target) == expected, (actor, target)
        for role in ALL_ROLES:
            assert can_invite(user, role, target) == (role in expected), (actor, role, target)


def test_a_lead_cannot_invite_a_directory_admin_or_a_board_member(world):
    for role, target in (("directory_admin", None), ("member", world.board)):
        with pytest.raises(PermissionDenied):
            invitation_create(actor=world.lead, email="x@example.test", role=role, board=target)
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=world.lead, email="x@example.test", role="lead", adoption=world.adoption
        )
    assert not Invitation.objects.exists()


def test_a_lead_cannot_invite_to_someone_elses_adoption(world):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=world.lead,
            email="x@example.test",
            role="contributor",
            adoption=world.other_adoption,
        )


def test_a_chair_cannot_invite_to_another_board(world):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=world.board_chair, email="x@example.test", role="member", board=world.other_board
        )


def test_inviting_someone_to_a_role_they_hold_is_refused_clearly(world):
    with pytest.raises(ValidationError, match="already has this role"):
        invitation_create(
            actor=world.lead,
            email=world.contributor.email.upper(),
            role="contributor",
            adoption=world.adoption,
        )


def test_a_second_pending_invitation_to_the_same_role_is_refused(world):
    invitation_create(
        actor=world.lead, email="new@example.test", role="contributor", adoption=world.adoption
    )
    with pytest.raises(ValidationError, match="Resend it instead"):
        invitation_create(
            actor=world.lead, email="NEW@example.test", role="contributor", adoption=world.adoption
        )


# --- The email and the link -----------------------------------------------------------


def _invite(world, django_capture_on_commit_callbacks, **fields):
    fields = {
        "actor": world.lead,
        "email": "new.person@example.test",
        "role": "contributor",
        "adoption": world.adoption,
        "full_name": "Nia Newcomer",
        **fields,
    }
    with django_capture_on_commit_callbacks(execute=True):
        return invitation_create(**fields)


def _link_path(message) -> str:
    url = re.search(r"https?://\S+/invitations/accept/\S+/", message.body).group(0)
    return urlsplit(url).path


def test_the_invitation_email_carries_a_link_in_text_and_html(
    world, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://adoptadapt.example.gov.uk"
    invitation = _invite(world, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.test"]
    assert "Lee" in message.body and "contributor" in message.body
    assert "https://adoptadapt.example.gov.uk/invitations/accept/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert invitation_token(invitation).replace(":", "") in html.replace(":", "")
    assert invitation.sent_at is not None


def test_accepting_as_a_new_person_creates_the_account_role_and_signs_in(
    world, django_capture_on_commit_callbacks, client
):
    _invite(world, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert "Lee" in page.text and "contributor" in page.text
    response = client.post(
        path,
        {
            "first_name": "Nia",
            "last_name": "Newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == world.adoption.get_absolute_url()
    person = User.objects.get(email="new.person@example.test")
    assert int(client.session[SESSION_KEY]) == person.pk
    assert person.check_password(PASSWORD)
    grant = AdoptionRole.objects.get(adoption=world.adoption, user=person)
    assert grant.role == "contributor"
    # The audit trail: the lead granted the role; the newcomer accepted the invitation.
    assert grant.history.latest().history_user == world.lead
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == person and invitation.accepted_at is not None
    assert invitation.history.latest().history_user == person
    assert client.get(world.adoption.get_absolute_url()).status_code == 200


def test_a_weak_or_mismatched_password_is_refused_and_nothing_is_created(
    world, django_capture_on_commit_callbacks, client
):
    _invite(world, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[0])
    weak = client.post(
        path, {"first_name": "Nia", "last_name": "", "password1": "123", "password2": "123"}
    )
    assert weak.status_code == 200
    assert "govuk-error-summary" in weak.text
    assert 'value="Nia"' in weak.text
    mismatch = client.post(
        path,
        {"first_name": "Nia", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert "The passwords do not match" in mismatch.text
    assert not User.objects.filter(email="new.person@example.test").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_existing_person_gets_the_role_added_when_they_accept_signed_in(
    world, django_capture_on_commit_callbacks, client_for, client
):
    person = world.unrelated_user
    _invite(world, django_capture_on_commit_callbacks, email=person.email.upper())
    path = _link_path(mail.outbox[0])
    # Signed out: asked to sign in as that email, and posting changes nothing.
    signed_out = client.get(path)
    assert "Sign in to accept" in signed_out.text
    assert client.post(path, {}).status_code == 403
    # Signed in as someone else: told to sign in as the invited person.
    assert "sign out first" in client_for(world.contributor).get(path).text
    # Signed in as them: one button.
    own = client_for(person)
    assert "Accept invitation" in own.get(path).text
    response = own.post(path, {})
    assert response["Location"] == world.adoption.get_absolute_url()
    assert AdoptionRole.objects.get(adoption=world.adoption, user=person).role == "contributor"
    assert User.objects.filter(email__iexact=person.email).count() == 1


def test_a_board_invitation_makes_a_board_member(world, django_capture_on_commit_callbacks):
    invitation = _invite(
        world,
        django_capture_on_commit_callbacks,
        actor=world.board_chair,
        role="observer",
        adoption=None,
        board=world.board,
    )
    person = invitation_accept(invitation=invitation, first_name="Bo", password=PASSWORD)
    membership = BoardMembership.objects.get(board=world.board, user=person)
    assert membership.role == "observer"
    assert membership.history.latest().history_user == world.board_chair


def test_a_directory_admin_invitation_makes_a_directory_admin(
    world, django_capture_on_commit_callbacks
):
    invitation = _invite(
        world,
        django_capture_on_commit_callbacks,
        actor=world.directory_admin,
        role="directory_admin",
        adoption=None,
    )
    person = invitation_accept(invitation=invitation, first_name="Di", password=PASSWORD)
    person.refresh_from_db()
    assert person.is_directory_admin


# --- Refusals: expired, reused, withdrawn, replaced, tampered ----------------------------


def test_an_expired_link_is_refused_naming_the_inviter(
    world, django_capture_on_commit_callbacks, client, settings
):
    settings.INVITATION_MAX_AGE_DAYS = 7
    _invite(world, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[0])
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    with time_machine.travel(later):
        response = client.get(path)
        assert response.status_code == 410
        assert "This invitation link has expired. Ask Lee" in response.text
        posted = client.post(
            path, {"first_name": "N", "password1": PASSWORD, "password2": PASSWORD}
        )
        assert posted.status_code == 410
        with pytest.raises(InvitationUnusable):
            invitation_accept(
                invitation=Invitation.objects.get(), first_name="N", password=PASSWORD
            )
    assert not User.objects.filter(email="new.person@example.test").exists()


def test_a_link_within_its_age_still_works(world, django_capture_on_commit_callbacks, client):
    _invite(world, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert client.get(path).status_code == 200


def test_a_used_link_is_refused(world, django_capture_on_commit_callbacks, client):
    _invite(world, django_capture_on_commit_callbacks)
    path = _link_path(mail.outbox[0])
    data = {"first_name": "Nia", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(path, data).status_code == 302
    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "This invitation has already been used. Sign in instead." in again.text
    assert client.post(path, data).status_code == 410
    assert User.objects.filter(email="new.person@example.test").count() == 1


def test_a_withdrawn_invitation_is_refused(world, django_capture_on_commit_callbacks, client):
    invitation = _invite(world, django_capture_on_commit_callbacks)
    invitation_revoke(actor=world.lead, invitation=invitation)
    response = client.get(_link_path(mail.outbox[0]))
    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.text
    invitation.refresh_from_db()
    assert invitation.history.latest().history_user == world.lead


def test_resending_kills_the_old_link(world, django_capture_on_commit_callbacks, client):
    invitation = _invite(world, django_capture_on_commit_callbacks)
    old_path = _link_path(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(actor=world.lead, invitation=invitation)
    new_path = _link_path(mail.outbox[1])
    assert new_path != old_path
    assert client.get(old_path).status_code == 410
    assert client.get(new_path).status_code == 200


@pytest.mark.parametrize(
    "token",
    ["garbage", "eyJpIjoxLCJuIjoieCJ9:1tXyz:forged", "", "a:b:c:d", "%00"],
)
def test_a_tampered_or_garbled_link_is_refused_never_a_500(world, client, token):
    response = client.get(f"/invitations/accept/{token}/") if token else None
    if response is not None:
        assert response.status_code == 400
        assert (
            "This invitation link is not valid. Check you copied the whole link." in response.text
        )
    assert not read_invitation_token(token).valid


def test_a_token_edited_to_name_another_invitation_is_refused(
    world, django_capture_on_commit_callbacks, client
):
    invitation = _invite(world, django_capture_on_commit_callbacks)
    token = invitation_token(invitation)
    payload, rest = token.split(":", 1)
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + ":" + rest
    assert client.get(reverse("invitations:accept", args=[forged])).status_code == 400


def test_revoking_an_accepted_invitation_or_resending_it_is_refused(
    world, django_capture_on_commit_callbacks
):
    invitation = _invite(world, django_capture_on_commit_callbacks)
    invitation_accept(invitation=invitation, first_name="Nia", password=PASSWORD)
    with pytest.raises(InvitationUnusable):
        invitation_revoke(actor=world.lead, invitation=invitation)
    with pytest.raises(InvitationUnusable):
        invitation_resend(actor=world.lead, invitation=invitation)


def test_only_those_who_could_invite_may_resend_or_revoke(
    world, django_capture_on_commit_callbacks
):
    invitation = _invite(world, django_capture_on_commit_callbacks)
    for actor in (world.contributor, world.board_chair, world.other_lead):
        with pytest.raises(PermissionDenied):
            invitation_revoke(actor=actor, invitation=invitation)
        with pytest.raises(PermissionDenied):
            invitation_resend(actor=actor, invitation=invitation)


# --- The pages ---------------------------------------------------------------------------


def test_the_invite_form_offers_only_roles_the_inviter_may_grant(world, client_for):
    lead_page = client_for(world.lead).get(f"/invitations/new/?adoption={world.adoption.pk}")
    assert lead_page.status_code == 200
    assert 'value="contributor"' in lead_page.text
    assert 'value="lead"' not in lead_page.text
    assert 'value="directory_admin"' not in lead_page.text
    admin_page = client_for(world.directory_admin).get(
        f"/invitations/new/?adoption={world.adoption.pk}"
    )
    for role in ("lead", "contributor", "originating_partner"):
        assert f'value="{role}"' in admin_page.text


@pytest.mark.parametrize(
    ("actor", "query", "status"),
    [
        ("lead", "adoption={other_adoption}", 404),
        ("contributor", "adoption={adoption}", 403),
        ("lead", "adoption=abc", 404),
        # Found by the fuzzer (tests/fuzz): a superscript two was a server error.
        ("lead", "adoption=%C2%B2", 404),
        ("board_chair", "board=our-adopters-board", 200),
        ("board_chair", "board=other-adopters-board", 404),
        ("board_member", "board=our-adopters-board", 403),
        ("lead", "", 403),
    ],
)
def test_the_invite_form_checks_its_target(world, client_for, actor, query, status):
    query = query.format(adoption=world.adoption.pk, other_adoption=world.other_adoption.pk)
    response = client_for(world.actor(actor)).get(f"/invitations/new/?{query}")
    assert response.status_code == status


def test_posting_the_invite_form_sends_and_lists_the_invitation(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.lead)
    url = f"/invitations/new/?adoption={world.adoption.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "fresh@example.test", "role": "contributor"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    listing = client.get("/invitations/")
    assert "fresh@example.test" in listing.text


def test_a_lead_cannot_post_a_role_they_may_not_grant(world, client_for):
    response = client_for(world.lead).post(
        f"/invitations/new/?adoption={world.adoption.pk}",
        {"email": "fresh@example.test", "role": "lead"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert 'value="fresh@example.test"' in response.text
    assert not Invitation.objects.exists()


def test_the_invite_form_says_when_the_person_already_holds_the_role(world, client_for):
    response = client_for(world.lead).post(
        f"/invitations/new/?adoption={world.adoption.pk}",
        {"email": world.contributor.email, "role": "contributor"},
    )
    assert response.status_code == 200
    assert "already has this role" in response.text


def test_pending_invitations_page_query_count_does_not_grow(world, client_for):
    from accounts.services import invitation_create as create
    from tests.querycount import assert_queries_do_not_grow

    create(actor=world.directory_admin, email="a@example.test", role="directory_admin")

    def grow():
        for n in range(4):
            create(
                actor=world.directory_admin,
                email=f"b{n}@example.test",
                role="member",
                board=world.board,
            )

    assert_queries_do_not_grow(client_for(world.directory_admin), "/invitations/", grow=grow)
