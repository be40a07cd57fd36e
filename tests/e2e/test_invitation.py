"""A project lead invites a contributor; the email's link lets them set a password,
and they land signed in on the adoption they were invited to."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from accounts.models import User
from sites.models import AdoptionRole
from tests.factories import DEFAULT_PASSWORD
from tests.world import build_world

from .pages import BasePage, SignInPage

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "kestrel-harbour-lantern-42"


class InvitePage(BasePage):
    def invite(self, *, email: str, name: str, role: str) -> None:
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Full name (optional)").fill(name)
        self.page.get_by_label(role, exact=True).check()
        self.page.get_by_role("button", name="Send invitation").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Invitations")


class AcceptPage(BasePage):
    def open_link(self, url: str):
        self.page.goto(url)
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Accept your invitation")
        return self

    def create_account(self, *, first_name: str, last_name: str, password: str) -> None:
        self.page.get_by_label("First name").fill(first_name)
        self.page.get_by_label("Last name").fill(last_name)
        self.page.get_by_label("Create a password").fill(password)
        self.page.get_by_label("Confirm your password").fill(password)
        self.page.get_by_role("button", name="Create account and accept").click()


def _link_in(message, base_url: str) -> str:
    url = re.search(r"https?://\S+/invitations/accept/\S+/", message.body).group(0)
    return base_url + urlsplit(url).path


def test_invite_accept_sign_in_and_see_the_adoption(
    transactional_db, live_server, browser, screenshots, settings
):
    settings.SITE_URL = live_server.url
    world = build_world()

    lead_context = browser.new_context()
    lead_page: Page = lead_context.new_page()
    SignInPage(lead_page, live_server.url).open().sign_in(world.lead.email, DEFAULT_PASSWORD)
    lead_page.goto(f"{live_server.url}/invitations/new/?adoption={world.adoption.pk}")
    InvitePage(lead_page, live_server.url).invite(
        email="nia.newcomer@example.test", name="Nia Newcomer", role="Contributor"
    )
    expect(
        lead_page.get_by_role("cell", name=re.compile("^nia.newcomer@example.test"))
    ).to_be_visible()
    lead_context.close()

    assert len(mail.outbox) == 1
    link = _link_in(mail.outbox[0], live_server.url)

    newcomer_context = browser.new_context()
    page = newcomer_context.new_page()
    accept = AcceptPage(page, live_server.url).open_link(link)
    expect(page.get_by_text("Lee Tester has invited you")).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Nia")
    accept.screenshot(screenshots / "invitation-accept.png")
    accept.create_account(first_name="Nia", last_name="Newcomer", password=NEW_PASSWORD)

    expect(page).to_have_url(live_server.url + world.adoption.get_absolute_url())
    expect(page.get_by_text("Welcome. You are now contributor")).to_be_visible()
    assert accept.is_signed_in
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.adoption.innovation.name)
    accept.screenshot(screenshots / "invitation-accepted.png")

    person = User.objects.get(email="nia.newcomer@example.test")
    assert AdoptionRole.objects.get(adoption=world.adoption, user=person).role == "contributor"

    # The link is single-use: following it again says so.
    page.goto(link)
    expect(
        page.get_by_text("This invitation has already been used. Sign in instead.")
    ).to_be_visible()
    newcomer_context.close()
