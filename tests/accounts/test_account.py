"""The account page: details, email preferences, roles, and a confirmed email change."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from accounts.models import User
from governance.models import BoardMembership
from tests.factories import (
    DEFAULT_PASSWORD,
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    GovernanceBoardFactory,
    UserFactory,
)
from tests.querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

ACCOUNT_URL = "/accounts/"
EMAIL_URL = "/accounts/email/"


def _details(user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name or "Person",
        "job_title": user.job_title,
        "organisation": user.organisation_id or "",
        "receives_reminders": "on" if user.receives_reminders else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- The page -------------------------------------------------------------------------


def test_the_page_lists_the_persons_roles(world, client_for):
    world.lead.is_directory_admin = False
    page = client_for(world.lead).get(ACCOUNT_URL)

    assert page.status_code == 200
    assert "Your account" in page.text
    assert world.lead.email in page.text
    assert f'href="{world.adoption.get_absolute_url()}"' in page.text
    assert "Project lead" in page.text
    assert "You are not on a governance board." in page.text
    assert "You maintain the innovation directory" not in page.text


def test_board_members_see_their_boards_and_directory_admins_their_role(world, client_for):
    member_page = client_for(world.board_member).get(ACCOUNT_URL)
    admin_page = client_for(world.directory_admin).get(ACCOUNT_URL)

    assert world.board.name in member_page.text
    assert f'href="{world.board.get_absolute_url()}"' in member_page.text
    assert "You have no role on an adoption." in member_page.text
    assert "You maintain the innovation directory" in admin_page.text


def test_navigation_offers_your_account_to_people_signed_in(world, client_for):
    assert 'href="/accounts/"' in client_for(world.contributor).get("/").text
    assert "Your account" not in client_for(None).get("/directory/").text


def test_the_page_needs_a_query_budget_that_does_not_grow_with_roles(world, client_for):
    person = UserFactory()
    AdoptionRoleFactory(actor=world.directory_admin, user=person)
    BoardMembershipFactory(actor=world.directory_admin, user=person)
    client = client_for(person)

    def nine_more_of_each():
        for _ in range(9):
            AdoptionRoleFactory(actor=world.directory_admin, user=person)
            BoardMembershipFactory(actor=world.directory_admin, user=person)

    assert_queries_do_not_grow(
        client, ACCOUNT_URL, grow=nine_more_of_each, small="1 role", large="10 roles"
    )
    assert client.get(ACCOUNT_URL).text.count('name="digest_boards"') == 10


# --- Saving details and preferences ---------------------------------------------------


def test_saving_details_is_audited_with_the_person(world, client_for):
    user = world.contributor
    response = client_for(user).post(
        ACCOUNT_URL,
        _details(
            user,
            first_name="Corazon",
            last_name="Aquino",
            job_title="Practice lead",
            organisation=world.other_site.pk,
            receives_reminders=None,
        ),
        follow=True,
    )

    assert response.redirect_chain == [(ACCOUNT_URL, 302)]
    assert "Your account details have been saved." in response.text
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.job_title) == (
        "Corazon",
        "Aquino",
        "Practice lead",
    )
    assert user.organisation == world.other_site
    assert user.receives_reminders is False
    latest = user.history.first()
    assert latest.history_user == user
    assert latest.first_name == "Corazon"


def test_digest_preferences_are_saved_per_board(world, client_for):
    user = world.board_chair
    second_board = GovernanceBoardFactory(name="Second Board")
    kept = BoardMembership.objects.get(user=user, board=world.board)
    dropped = BoardMembershipFactory(actor=world.directory_admin, user=user, board=second_board)

    page = client_for(user).get(ACCOUNT_URL)
    assert "Second Board (member)" in page.text

    client_for(user).post(ACCOUNT_URL, _details(user, digest_boards=[str(kept.pk)]))

    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.receives_digest is True
    assert dropped.receives_digest is False
    assert dropped.history.first().history_user == user


def test_someone_elses_membership_cannot_be_switched_off(world, client_for):
    others = BoardMembership.objects.get(user=world.board_member, board=world.board)

    response = client_for(world.board_chair).post(
        ACCOUNT_URL, _details(world.board_chair, digest_boards=[str(others.pk)])
    )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    others.refresh_from_db()
    assert others.receives_digest is True


def test_a_missing_name_redisplays_the_form_keeping_what_was_typed(world, client_for):
    user = world.contributor
    response = client_for(user).post(
        ACCOUNT_URL, _details(user, first_name="", job_title="Typed title")
    )

    assert response.status_code == 200
    assert "Enter your first name" in response.text
    assert 'value="Typed title"' in response.text
    user.refresh_from_db()
    assert user.job_title != "Typed title"


# --- Changing the email address -------------------------------------------------------


def _confirm_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/email/confirm/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _ask(client, new_email, password=DEFAULT_PASSWORD):
    return client.post(EMAIL_URL, {"new_email": new_email, "password": password}, follow=True)


def test_email_change_is_confirmed_by_the_new_address(
    world, client_for, django_capture_on_commit_callbacks
):
    user = world.lead
    client = client_for(user)

    with django_capture_on_commit_callbacks(execute=True):
        sent = _ask(client, "lee.new@example.test")

    assert "Check your email" in sent.text
    assert "lee.new@example.test" in sent.text
    to_new, to_old = mail.outbox
    assert to_new.to == ["lee.new@example.test"]
    assert to_old.to == ["lee@example.test"]
    assert "lee.new@example.test" in to_old.body
    user.refresh_from_db()
    assert user.email == "lee@example.test"  # nothing changes until the link is followed

    link = _confirm_path(to_new)
    confirm_page = client.get(link)
    assert "Confirm your new email address" in confirm_page.text
    user.refresh_from_db()
    assert user.email == "lee@example.test"  # following the link alone changes nothing

    done = client.post(link, follow=True)
    assert "Your email address is now lee.new@example.test." in done.text
    user.refresh_from_db()
    assert user.email == "lee.new@example.test"
    assert user.history.first().history_user == user

    reused = client.post(link)
    assert "This link has already been used" in reused.text


def test_a_link_followed_signed_out_asks_to_sign_in_first(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client_for(world.lead), "lee.new@example.test")
    link = _confirm_path(mail.outbox[0])

    response = client_for(None).get(link)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/email/confirm/")


def test_an_address_in_use_is_refused_whatever_its_case(world, client_for):
    response = _ask(client_for(world.lead), "CORA@Example.Test")

    assert "Someone else already has an account with this email address" in response.text
    assert "govuk-error-summary" in response.text
    assert 'value="CORA@Example.Test"' in response.text
    assert mail.outbox == []


def test_a_wrong_password_is_refused(world, client_for):
    response = _ask(client_for(world.lead), "lee.new@example.test", password="not my password")

    assert "Your password is not correct" in response.text
    assert mail.outbox == []


def test_an_address_taken_after_the_link_was_sent_is_refused(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "wanted@example.test")
    link = _confirm_path(mail.outbox[0])
    UserFactory(email="Wanted@example.test")

    response = client.post(link)

    assert "Someone else now has an account with this email address." in response.text
    assert User.objects.get(pk=world.lead.pk).email == "lee@example.test"


def test_a_tampered_link_is_refused(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.lead)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "lee.new@example.test")
    link = _confirm_path(mail.outbox[0])
    tampered = link[:-2] + ("A/" if link[-2] != "A" else "B/")

    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 200
        assert "This link is not valid" in response.text
    assert User.objects.get(pk=world.lead.pk).email == "lee@example.test"


def test_an_expired_link_is_refused(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.lead)
    sent_at = datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)
    with (
        time_machine.travel(sent_at, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        _ask(client, "lee.new@example.test")
    link = _confirm_path(mail.outbox[0])

    with time_machine.travel(sent_at + datetime.timedelta(days=2, minutes=1), tick=False):
        # Signed in again: the first session has long expired.
        response = client_for(world.lead).post(link)

    assert "This link has expired" in response.text
    assert User.objects.get(pk=world.lead.pk).email == "lee@example.test"


def test_someone_elses_link_is_refused(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client_for(world.lead), "lee.new@example.test")
    link = _confirm_path(mail.outbox[0])

    response = client_for(world.contributor).post(link)

    assert "This link is for a different account" in response.text
    assert User.objects.get(pk=world.contributor.pk).email == "cora@example.test"
    assert User.objects.get(pk=world.lead.pk).email == "lee@example.test"


def test_adoption_factory_roles_render_as_links(world, client_for):
    person = UserFactory()
    adoption = AdoptionFactory(actor=world.directory_admin)
    AdoptionRoleFactory(actor=world.directory_admin, user=person, adoption=adoption)

    page = client_for(person).get(ACCOUNT_URL)

    assert f'href="{adoption.get_absolute_url()}"' in page.text
