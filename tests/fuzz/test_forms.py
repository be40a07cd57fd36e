"""Every form, fuzzed: whatever is posted, the answer is never a server error; a
rejected submission says what is wrong and writes nothing; an accepted one goes on
to a page of this site.

For each POST URL (tests/fuzz/cases.py) the actor signs in, opens the page the form
is on and the form is read from its HTML; Hypothesis then draws submissions from
it (tests/fuzz/strategies.py), after two it always tries: the form as offered, and
the same with a NUL character on every value. Each example runs in a savepoint that
is rolled back, so every one starts from the same world, which is built once per form.
"""

from copy import deepcopy
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve
from hypothesis import example, given, note

from tests.adoptadapt.test_form_error_coverage import _takes_post, _views
from tests.figures import figure_add

from .answers import has_a_message
from .cases import FUZZ_CASES, FuzzCase
from .html_forms import HtmlForm, SubmitButton, post_forms
from .strategies import as_offered, query_junk, submissions, with_nul
from .writes import Writes, counting_writes

pytestmark = pytest.mark.django_db


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def form_posting_to(
    url_name: str, forms: list[HtmlForm]
) -> tuple[HtmlForm, list[SubmitButton], str]:
    """The form that posts to `url_name`, the buttons that send it there, and where."""
    for form in forms:
        buttons = [b for b in form.buttons if _view_name(b.action or form.action) == url_name]
        if buttons:
            return form, buttons, buttons[0].action or form.action
        if _view_name(form.action) == url_name:
            return form, [], form.action
    pytest.fail(f"no form on the page posts to {url_name}", pytrace=False)


def _with_query(address: str, query: dict[str, list[str]]) -> str:
    """The form's address with `query`'s parameters added (or put in place of its own)."""
    if not query:
        return address
    parts = urlsplit(address)
    merged = {**parse_qs(parts.query, keep_blank_values=True), **query}
    return f"{parts.path}?{urlencode(merged, doseq=True)}"


def _same_site(location: str) -> bool:
    """A redirect that stays on this site: a path, or this host's own address."""
    parts = urlsplit(location)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    # Browsers read "//host" and "/\\host" as another host; Django never writes either.
    return not location.startswith(("//", "/\\", "\\")) and location.isprintable()


def check_answer(case: FuzzCase, data: dict, response, writes: Writes) -> None:
    status = response.status_code
    assert status < 500, f"server error {status}"
    if 300 <= status < 400:
        location = response["Location"]
        assert _same_site(location), f"redirected off the site: {location!r}"
        return
    shown = {template.name for template in response.templates}
    if case.saved_template in shown:
        return
    if not (status == 200 and case.shows_again_button in data):
        assert has_a_message(response), f"a {status} with no message saying what is wrong"
    unexpected = {
        table: rows
        for table, rows in writes.tables.items()
        if table not in case.written_when_rejected
    }
    assert not unexpected, f"a submission not saved ({status}) wrote rows: {unexpected}"


def _client(case: FuzzCase, world, client_for) -> Client:
    return Client() if case.actor == "anonymous" else client_for(world.actor(case.actor))


@pytest.mark.parametrize("case", FUZZ_CASES, ids=lambda case: case.id)
def test_any_submission_gets_an_answer_and_a_rejected_one_writes_nothing(
    case, world, client_for, fuzz_settings
):
    client = _client(case, world, client_for)
    address = case.page(client, world)
    page = client.get(address, follow=True)
    assert page.status_code == 200, f"{address} gave {page.status_code}"
    if page.redirect_chain:
        address = page.redirect_chain[-1][0]
    form, buttons, target = form_posting_to(case.url_name, post_forms(page.text, address))
    signed_in = deepcopy(client.cookies)
    examples = 0

    offered = as_offered(form, buttons)

    @fuzz_settings
    @given(data=submissions(form, buttons), query=query_junk())
    @example(data=offered, query={})  # every run also tries these two first
    @example(data=with_nul(offered), query={})
    def submit(data, query):
        nonlocal examples
        examples += 1
        client.cookies = deepcopy(signed_in)  # an example may sign out or rotate the session
        address = _with_query(target, query)
        note(f"POST {address} {data!r}")
        with transaction.atomic():
            with counting_writes() as writes:
                response = client.post(address, data)
            transaction.set_rollback(True)
        check_answer(case, data, response, writes)

    submit()
    figure_add("fuzz cases run (forms)", examples, item=case.url_name)


def test_every_url_that_takes_a_post_is_fuzzed():
    posts = {name for name, view in _views(get_resolver().url_patterns) if _takes_post(view)}
    fuzzed = {case.url_name for case in FUZZ_CASES}
    missing = sorted(posts - fuzzed)
    assert not missing, (
        "Add these POST URLs to the fuzzer (tests/e2e/form_errors.py, or POST_ONLY in "
        f"tests/fuzz/cases.py): {missing}"
    )
    gone = sorted(fuzzed - posts)
    assert not gone, f"the fuzzer lists URLs that take no POST (or no longer exist): {gone}"
