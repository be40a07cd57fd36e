"""The Content-Security-Policy and the other security headers, templates with nothing
inline for that policy to forbid, and `check --deploy` clean in production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from adoptadapt.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Not web pages: emails (mail clients need inline styles) and the board pack, laid out
# for print by WeasyPrint, which reads no style sheet from outside the HTML string.
NOT_WEB_PAGES = ("accounts/email/", "governance/email/", "governance/board_pack.html")

INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def inline_problems(html: str) -> list[str]:
    return [name for name, pattern in INLINE.items() if pattern.search(html)]


def web_page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if not name.startswith(NOT_WEB_PAGES):
            yield name, path


# --- The policy -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "url"),
    [
        (None, "/directory/"),
        (None, "/accounts/login/"),
        (None, "/accounts/password-reset/"),
        ("lead", "/"),
        ("board_member", "/boards/"),
        ("directory_admin", "/people/"),
        (None, "/no-such-page/"),
    ],
)
def test_pages_carry_the_strict_policy(world, client_for, actor, url):
    response = client_for(world.actor(actor) if actor else None).get(url)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_other_security_headers(client):
    response = client.get("/directory/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "camera=()" in PERMISSIONS_POLICY and "geolocation=()" in PERMISSIONS_POLICY


def test_the_admin_carries_the_policy_too(world, client_for):
    world.directory_admin.is_staff = True
    world.directory_admin.is_superuser = True
    world.directory_admin.save()
    response = client_for(world.directory_admin).get("/admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


# --- Nothing inline -----------------------------------------------------------------


def test_no_web_page_template_has_inline_script_or_style():
    found = {
        name: problems
        for name, path in web_page_templates()
        if (problems := inline_problems(path.read_text()))
    }
    assert not found, f"Move these to files under static/ (the CSP forbids them): {found}"


def test_the_template_scan_sees_every_kind_of_inline_code():
    assert inline_problems("<script>alert(1)</script>") == ["inline script"]
    assert inline_problems('<script src="/static/x.js"></script>') == []
    assert inline_problems('<script type="module" src="/a.mjs"></script>') == []
    assert inline_problems("<style>p{}</style>") == ["style element"]
    assert inline_problems('<p style="color:red">') == ["style attribute"]
    assert inline_problems('<a onclick="go()">') == ["event handler attribute"]
    assert inline_problems('<a href="javascript:go()">') == ["javascript: URL"]
    assert inline_problems('<p class="app-style">') == []
    assert len(list(web_page_templates())) > 50


@pytest.mark.parametrize(
    ("actor", "url"),
    [
        (None, "/directory/"),
        (None, "/accounts/login/"),
        ("lead", "/"),
        ("lead", "adoption"),
        ("lead", "/accounts/"),
        ("board_member", "board"),
        ("directory_admin", "/people/"),
        ("directory_admin", "/directory/new/"),
    ],
)
def test_rendered_pages_have_nothing_inline(world, client_for, actor, url):
    """Template tags and form widgets write markup too: check what a browser receives."""
    if url == "adoption":
        url = world.adoption.get_absolute_url()
    elif url == "board":
        url = reverse("boards:detail", kwargs={"slug": world.board.slug})
    response = client_for(world.actor(actor) if actor else None).get(url)
    assert response.status_code == 200
    assert inline_problems(response.content.decode()) == []


def test_forms_with_errors_have_nothing_inline(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    assert "govuk-error-summary" in response.text
    assert inline_problems(response.text) == []


# --- The API documentation ----------------------------------------------------------


def test_the_api_docs_load_their_script_from_a_file_under_the_policy(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert inline_problems(html) == []
    policy = directives(page)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    # Swagger UI's icons are data: images; nothing else is added.
    assert policy["img-src"] == ["'self'", "data:"]
    script = re.search(r'<script src="([^"]*\?[^"]*script=[^"]*)"', html).group(1)
    init = client.get(script.replace("&amp;", "&"))
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()
    assert "/static/css/api-docs.css" in html


# --- Production settings ------------------------------------------------------------


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment
    # never does (check --deploy reports it), so the check runs without it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "adoptadapt.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "adoptadapt.example",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
