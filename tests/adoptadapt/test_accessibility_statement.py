"""The accessibility statement at /accessibility/: public, in the order UK public-sector
statements use, naming the organisation and contact address the deployment sets."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The sections of the sample statement for the 2018 accessibility regulations, in order.
SECTIONS = [
    "Using this website",
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that’s not within the scope of the accessibility regulations",
    "What we’re doing to improve accessibility",
    "Preparation of this statement",
]


def _headings(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", heading).strip()
        for heading in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    ]


def test_the_statement_is_public_and_has_every_section_in_order(anonymous_client):
    response = anonymous_client.get(reverse("accessibility"))
    assert response.status_code == 200
    html = response.text
    assert "<title>Accessibility statement – Adopt &amp; Adapt</title>" in html
    assert "Accessibility statement for Adopt &amp; Adapt" in html
    headings = [h for h in _headings(html) if h in SECTIONS]
    assert headings == SECTIONS
    assert "partially compliant" in html
    assert "Web Content Accessibility Guidelines version 2.2" in html
    assert "Equality and Human Rights Commission" in html


def test_the_organisation_and_contact_address_come_from_settings(anonymous_client, settings):
    settings.SERVICE_ORGANISATION = "Northshire County Council"
    settings.ACCESSIBILITY_EMAIL = "digital.access@northshire.example"
    html = anonymous_client.get(reverse("accessibility")).text
    assert "This website is run by Northshire County Council." in html
    assert 'href="mailto:digital.access@northshire.example"' in html
    assert "Northshire County Council is committed to making this website accessible" in html


def test_the_defaults_need_no_environment(anonymous_client):
    html = anonymous_client.get(reverse("accessibility")).text
    assert "This website is run by the Adopt &amp; Adapt team." in html
    assert "The Adopt &amp; Adapt team is committed" in html
    assert 'href="mailto:accessibility@adoptadapt.localhost"' in html


def test_it_says_when_it_was_prepared_and_reviewed(anonymous_client):
    html = anonymous_client.get(reverse("accessibility")).text
    assert re.search(r"This statement was prepared on \d{1,2} \w+ \d{4}\.", html)
    assert re.search(r"It was last reviewed on \d{1,2} \w+ \d{4}\.", html)


def test_every_page_links_to_it_from_the_footer(client_for, world):
    for client, url in (
        (client_for(None), reverse("innovations:list")),
        (client_for(world.lead), reverse("home")),
    ):
        html = client.get(url).text
        footer = html[html.index('<footer class="govuk-footer">') :]
        assert f'href="{reverse("accessibility")}">Accessibility statement</a>' in footer
