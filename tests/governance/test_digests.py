"""Composing, planning and archiving a board's monthly digest, and the pages for it."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from governance.digests import digest_compose, digest_period, digest_plan, digests_plan_due
from governance.models import BoardDigest, BoardMembership, DigestDelivery, GovernanceBoard

from ..factories import BoardMembershipFactory, GovernanceBoardFactory, ProgressUpdateFactory
from ..querycount import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
OCTOBER = datetime.date(2026, 10, 1)


def at(*when) -> datetime.datetime:
    return datetime.datetime(*when, tzinfo=UTC)


# --- composing ---------------------------------------------------------------------


def test_the_digest_summarises_the_month_with_absolute_links(world, settings):
    settings.SITE_URL = "https://adopt.example.org"
    with time_machine.travel(at(2026, 11, 3, 9), tick=False):
        ProgressUpdateFactory(
            actor=world.lead,
            adoption=world.adoption,
            period=OCTOBER,
            rag="amber",
            lessons_learned="Start with one unit <script>alert(1)</script>.",
            submit=True,
        )
        composed = digest_compose(board=world.board, period=OCTOBER, now=timezone.now())
    assert composed.subject == "Our Adopters Board: digest for October 2026"
    dashboard = "https://adopt.example.org/boards/our-adopters-board/?month=2026-10"
    for part in (composed.text, composed.html):
        assert dashboard in part
        assert "https://adopt.example.org/boards/our-adopters-board/digests/" in part
        for heading in ("RAG", "not reported", "Fidelity", "awaiting a board decision"):
            assert heading.lower() in part.lower()
        assert "Lessons learned".lower() in part.lower()
        assert "Overdue actions".lower() in part.lower()
    assert "Start with one unit <script>alert(1)</script>." in composed.text
    # In the HTML the lesson is escaped, and everything is styled inline.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in composed.html
    assert "<script" not in composed.html
    for external in ("<link", "<img", "<style", "@import", "url("):
        assert external not in composed.html
    assert 'style="' in composed.html


def test_who_has_not_reported_names_the_days_overdue(world):
    with time_machine.travel(at(2026, 11, 15, 9), tick=False):
        composed = digest_compose(board=world.board, period=OCTOBER, now=timezone.now())
    assert "Systemic Units at Adopting Borough Council: 5 days overdue" in composed.text


# --- planning ----------------------------------------------------------------------


def test_planning_stores_one_digest_and_a_row_per_opted_in_active_member(world):
    BoardMembership.objects.filter(user=world.board_observer).update(receives_digest=False)
    type(world.board_member).objects.filter(pk=world.board_member.pk).update(is_active=False)
    now = timezone.now()
    first = digest_plan(board=world.board, period=OCTOBER, now=now, queue=False)
    again = digest_plan(board=world.board, period=OCTOBER, now=now, queue=False)
    assert first == again
    assert BoardDigest.objects.filter(board=world.board).count() == 1
    assert list(DigestDelivery.objects.values_list("recipient", flat=True)) == [
        world.board_chair.pk
    ]


def test_a_digest_is_due_from_its_day_to_the_end_of_the_month(world):
    GovernanceBoard.objects.filter(pk=world.board.pk).update(digest_day=12)
    GovernanceBoard.objects.filter(pk=world.other_board.pk).update(digest_day=28)
    with time_machine.travel(at(2026, 11, 11, 6, 15), tick=False):
        digests_plan_due(now=timezone.now(), queue=False)
    assert not BoardDigest.objects.exists()
    with time_machine.travel(at(2026, 11, 20, 6, 15), tick=False):
        digests_plan_due(now=timezone.now(), queue=False)
    assert list(BoardDigest.objects.values_list("board__slug", "period")) == [
        ("our-adopters-board", OCTOBER)
    ]


@pytest.mark.parametrize(
    ("moment", "period"),
    [
        # Last Sunday of March 2026: clocks go forward at 01:00 UTC.
        (at(2026, 3, 29, 0, 30), datetime.date(2026, 2, 1)),
        (at(2026, 3, 29, 1, 30), datetime.date(2026, 2, 1)),
        (at(2026, 3, 29, 6, 15), datetime.date(2026, 2, 1)),
        # 23:30 UTC on 31 March is already 1 April in London (BST).
        (at(2026, 3, 31, 23, 30), datetime.date(2026, 3, 1)),
        # Last Sunday of October 2026: clocks go back at 01:00 UTC.
        (at(2026, 10, 25, 0, 30), datetime.date(2026, 9, 1)),
        (at(2026, 10, 25, 1, 30), datetime.date(2026, 9, 1)),
        (at(2026, 10, 25, 6, 15), datetime.date(2026, 9, 1)),
        # 23:30 UTC on 31 October is still 31 October in London (GMT again).
        (at(2026, 10, 31, 23, 30), datetime.date(2026, 9, 1)),
        (at(2026, 11, 1, 0, 30), datetime.date(2026, 10, 1)),
    ],
)
def test_the_period_is_worked_out_in_london_around_the_clock_changes(world, moment, period):
    GovernanceBoard.objects.update(digest_day=1)
    with time_machine.travel(moment, tick=False):
        assert digest_period(timezone.localdate()) == period
        digests_plan_due(now=timezone.now(), queue=False)
    assert set(BoardDigest.objects.values_list("period", flat=True)) == {period}


def test_beat_runs_the_daily_jobs_clear_of_the_clock_change_hours():
    assert django_settings.CELERY_TIMEZONE == "UTC"
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    for name in ("send-due-digests", "send-due-reminders"):
        hours = schedule[name]["schedule"].hour
        assert hours and all(3 <= hour <= 21 for hour in hours), (name, hours)


# --- management commands -----------------------------------------------------------


def test_preview_digest_prints_without_storing_or_sending(world, mailoutbox):
    out = io.StringIO()
    call_command("preview_digest", world.board.slug, "--month", "2026-10", stdout=out)
    assert out.getvalue().startswith("Subject: Our Adopters Board: digest for October 2026")
    assert "WHO HAS NOT REPORTED" in out.getvalue()
    html = io.StringIO()
    call_command("preview_digest", world.board.slug, "--month", "2026-10", "--html", stdout=html)
    assert "<!DOCTYPE html>" in html.getvalue()
    assert not BoardDigest.objects.exists()
    assert mailoutbox == []


def test_send_due_digests_sends_each_once(world, mailoutbox):
    GovernanceBoard.objects.update(digest_day=1)
    out = io.StringIO()
    call_command("send_due_digests", stdout=out)
    assert "Digest emails: 4 sent." in out.getvalue()
    call_command("send_due_digests", stdout=out)
    assert "Digest emails: none due." in out.getvalue()
    assert sorted(address for message in mailoutbox for address in message.to) == sorted(
        user.email
        for user in (
            world.board_chair,
            world.board_member,
            world.board_observer,
            world.other_board_member,
        )
    )


def test_send_due_digests_finishes_what_a_dead_worker_left(world, settings, tmp_path):
    """Two sends stuck in "sending": the provider (the email folder) took one, not the
    other. The command marks the first sent and sends the second; nobody gets two."""
    from adoptadapt.mail import email_send
    from governance.delivery import delivery_claim, delivery_reference

    settings.EMAIL_BACKEND = "adoptadapt.mail.FileEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    settings.EMAIL_STUCK_AFTER_MINUTES = 0
    GovernanceBoard.objects.update(digest_day=1)
    rows = digests_plan_due(now=timezone.now(), queue=False)
    taken, lost = (delivery_claim(DigestDelivery, pk) for pk in rows[:2])
    email_send(to=taken.recipient.email, subject="D", text="T", reference=delivery_reference(taken))

    out = io.StringIO()
    call_command("send_due_digests", stdout=out)

    assert "Digest emails: 3 sent." in out.getvalue()
    assert "Found 1 email(s) the provider had taken" in out.getvalue()
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}
    sent_to = [
        line.removeprefix("To: ")
        for path in tmp_path.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]
    assert sorted(sent_to) == sorted(row.recipient.email for row in DigestDelivery.objects.all())
    assert lost.recipient.email in sent_to


def test_the_catch_up_sends_an_earlier_months_rows_left_pending(world, mailoutbox):
    """Planned while the broker was down, and the month turned before it came back."""
    september = datetime.date(2026, 9, 1)
    owed = digest_plan(board=world.board, period=september, now=timezone.now(), queue=False)
    assert len(owed) == 3
    GovernanceBoard.objects.update(digest_day=28)  # nothing due this month yet
    with time_machine.travel(at(2026, 11, 3, 9), tick=False):
        assert digests_plan_due(now=timezone.now(), queue=False) == owed
        call_command("send_due_digests", stdout=io.StringIO())
    assert set(
        DigestDelivery.objects.filter(period=september).values_list("status", flat=True)
    ) == {"sent"}
    assert len(mailoutbox) == 3
    assert {message.subject for message in mailoutbox} == {
        f"{world.board.name}: digest for September 2026"
    }


# --- pages -------------------------------------------------------------------------


@pytest.fixture
def archived(world):
    """October's digest of the world board, with a lesson that holds markup."""
    with time_machine.travel(at(2026, 11, 20, 9), tick=False):
        ProgressUpdateFactory(
            actor=world.lead,
            adoption=world.adoption,
            period=OCTOBER,
            rag="green",
            lessons_learned='Plan early "<b>bold</b>"',
            submit=True,
        )
        digest_plan(board=world.board, period=OCTOBER, now=timezone.now(), queue=False)
    return BoardDigest.objects.get(board=world.board)


def test_the_archive_lists_the_boards_digests(world, archived, client_for):
    response = client_for(world.board_observer).get(
        reverse("boards:digests", kwargs={"slug": world.board.slug})
    )
    assert "October 2026" in response.text
    assert reverse("boards:digest", kwargs={"slug": world.board.slug, "month": OCTOBER}) in (
        response.text
    )
    assert "Stop emailing me the digest" in response.text


def test_a_digest_is_shown_as_sent_inside_a_sandboxed_frame(world, archived, client_for):
    client = client_for(world.board_member)
    kwargs = {"slug": world.board.slug, "month": OCTOBER}
    page = client.get(reverse("boards:digest", kwargs=kwargs)).text
    email_url = reverse("boards:digest_email", kwargs=kwargs)
    assert f'sandbox src="{email_url}"' in page
    assert "<b>bold</b>" not in page
    # The frame's document is the stored HTML as sent, with what people typed escaped,
    # under a policy of its own: the email's inline styles, and nothing else.
    email = client.get(email_url)
    assert email.content.decode() == archived.body_html
    assert "&lt;b&gt;bold&lt;/b&gt;" in email.text and "<b>bold</b>" not in email.text
    policy = email["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "sandbox" in policy
    assert "default-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "script-src" not in policy
    assert email["X-Frame-Options"] == "SAMEORIGIN"


def test_a_member_stops_and_restarts_the_digest(world, client_for):
    client = client_for(world.board_member)
    url = reverse("boards:digest_subscription", kwargs={"slug": world.board.slug})
    membership = BoardMembership.objects.get(board=world.board, user=world.board_member)
    response = client.post(url, {"receives_digest": "no"})
    assert response["Location"] == reverse("boards:digests", kwargs={"slug": world.board.slug})
    membership.refresh_from_db()
    assert membership.receives_digest is False
    client.post(url, {"receives_digest": "yes"})
    membership.refresh_from_db()
    assert membership.receives_digest is True
    response = client.post(url, {"receives_digest": "maybe"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text


def test_the_chair_sets_the_digest_day(world, client_for):
    client = client_for(world.board_chair)
    url = reverse("boards:settings", kwargs={"slug": world.board.slug})
    response = client.post(url, {"digest_day": "29"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert "28 or less" in response.text
    response = client.post(url, {"digest_day": "abc"})
    assert "Enter the day as a number" in response.text
    response = client.post(url, {"digest_day": "14"})
    assert response.status_code == 302
    world.board.refresh_from_db()
    assert world.board.digest_day == 14
    assert world.board.history.latest().history_user == world.board_chair


def test_the_archive_query_count_does_not_grow_with_digests(client_for):
    board = GovernanceBoardFactory()
    member = BoardMembershipFactory(board=board).user
    months = iter(datetime.date(2020 + n // 12, n % 12 + 1, 1) for n in range(40))

    def add(count):
        for _ in range(count):
            digest_plan(board=board, period=next(months), now=timezone.now(), queue=False)

    add(2)
    assert_queries_do_not_grow(
        client_for(member),
        reverse("boards:digests", kwargs={"slug": board.slug}),
        grow=lambda: add(20),
        small="2 digests",
        large="22 digests",
    )
