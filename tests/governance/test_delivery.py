"""The delivery state machine (pending → sending → sent | failed) and the one email
function, with the mail provider as the only stand-in."""

import datetime
import smtplib
from unittest import mock

import pytest
import requests
from django.core import mail
from django.utils import timezone
from notifications_python_client.errors import HTTPError

from adoptadapt.mail import (
    PermanentEmailError,
    TransientEmailError,
    email_send,
    email_sent,
)
from governance.delivery import (
    Message,
    delivery_claim,
    delivery_send,
    retry_delay,
    stuck_resolve,
    waiting_deliveries,
)
from governance.digests import digest_plan
from governance.models import DigestDelivery

from .mail_backends import FLAKY, flaky

pytestmark = pytest.mark.django_db
Status = DigestDelivery.Status
PERIOD = datetime.date(2026, 10, 1)
MESSAGE = Message(to="chris@example.test", subject="Digest", text="Text", html="<p>HTML</p>")


@pytest.fixture
def rows(world):
    """The world board's three delivery rows for October 2026, pending."""
    ids = digest_plan(board=world.board, period=PERIOD, now=timezone.now(), queue=False)
    assert len(ids) == 3
    return ids


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.governance.mail_backends.FlakySMTPBackend"
    settings.EMAIL_SEND_MAX_ATTEMPTS = 3
    return flaky


def test_a_claim_moves_a_pending_row_to_sending_once(rows):
    row = delivery_claim(DigestDelivery, rows[0])
    assert (row.status, row.attempts) == (Status.SENDING, 1)
    stored = DigestDelivery.objects.get(pk=rows[0])
    assert (stored.status, stored.attempts, stored.claimed_at) == (
        Status.SENDING,
        1,
        row.claimed_at,
    )
    assert delivery_claim(DigestDelivery, rows[0]) is None


def test_a_sent_row_is_never_claimed_again(rows, mailoutbox):
    result = delivery_send(delivery_claim(DigestDelivery, rows[0]), MESSAGE)
    assert result.sent
    stored = DigestDelivery.objects.get(pk=rows[0])
    assert stored.status == Status.SENT and stored.sent_at is not None
    assert delivery_claim(DigestDelivery, rows[0]) is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].alternatives == [("<p>HTML</p>", "text/html")]


def test_a_transient_failure_goes_back_to_pending_then_fails_at_the_last_attempt(
    rows, flaky_smtp, settings
):
    flaky_smtp(failures=10)
    outcomes = []
    for _ in range(3):
        result = delivery_send(delivery_claim(DigestDelivery, rows[0]), MESSAGE)
        outcomes.append((result.status, result.retry_in))
    base = settings.EMAIL_RETRY_BACKOFF_SECONDS
    assert outcomes == [
        (Status.PENDING, base),
        (Status.PENDING, base * 2),
        (Status.FAILED, None),
    ]
    stored = DigestDelivery.objects.get(pk=rows[0])
    assert (stored.status, stored.attempts) == (Status.FAILED, 3)
    assert "SMTPServerDisconnected" in stored.last_error
    assert FLAKY["calls"] == 3
    assert delivery_claim(DigestDelivery, rows[0]) is None


def test_a_refused_recipient_fails_at_once(rows, settings):
    refused = smtplib.SMTPRecipientsRefused({"chris@example.test": (550, b"No such user")})
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refused):
        result = delivery_send(delivery_claim(DigestDelivery, rows[0]), MESSAGE)
    assert result.status == Status.FAILED
    assert "Recipient refused" in DigestDelivery.objects.get(pk=rows[0]).last_error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (smtplib.SMTPServerDisconnected("gone"), TransientEmailError),
        (ConnectionRefusedError("refused"), TransientEmailError),
        (smtplib.SMTPDataError(451, b"Try again later"), TransientEmailError),
        (smtplib.SMTPDataError(554, b"Message rejected"), PermanentEmailError),
    ],
)
def test_smtp_errors_are_sorted_into_transient_and_permanent(error, kind):
    patch = mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=error)
    with patch, pytest.raises(kind):
        email_send(to="a@example.test", subject="S", text="T")


def test_retry_delay_doubles_each_attempt(settings):
    settings.EMAIL_RETRY_BACKOFF_SECONDS = 60
    assert [retry_delay(attempt) for attempt in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_a_stuck_row_the_provider_cannot_tell_about_is_reported_and_not_requeued(
    rows, settings, caplog
):
    # The locmem backend, like SMTP, cannot be asked what it took.
    settings.EMAIL_STUCK_AFTER_MINUTES = 30
    delivery_claim(DigestDelivery, rows[0])
    now = timezone.now()
    assert stuck_resolve(now=now + datetime.timedelta(minutes=29)).unknown == []
    later = now + datetime.timedelta(minutes=31)
    outcome = stuck_resolve(now=later)
    assert [row.pk for row in outcome.unknown] == [rows[0]]
    assert (outcome.resend, outcome.recovered) == ([], [])
    assert f"id {rows[0]}" in caplog.text
    assert rows[0] not in waiting_deliveries(DigestDelivery, now=later).values_list("pk", flat=True)
    assert DigestDelivery.objects.get(pk=rows[0]).status == Status.SENDING


@pytest.fixture
def email_folder(settings, tmp_path):
    """The embedded default's provider: emails written as files, which it can search."""
    settings.EMAIL_BACKEND = "adoptadapt.mail.FileEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    return tmp_path


def test_the_email_folder_knows_which_references_it_took(email_folder):
    email_send(to="a@example.test", subject="S", text="T", reference="digestdelivery-12")
    assert email_sent("digestdelivery-12") is True
    # A reference that only starts like one it took is not taken.
    assert email_sent("digestdelivery-1") is False
    assert email_sent("digestdelivery-123") is False


def test_smtp_cannot_say_what_it_took(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert email_sent("digestdelivery-1") is None


def test_a_stuck_row_the_provider_took_is_marked_sent_and_not_resent(rows, email_folder):
    row = delivery_claim(DigestDelivery, rows[0])
    # The worker handed the email over, then died before recording it.
    email_send(
        to=row.recipient.email, subject="Digest", text="T", reference=f"digestdelivery-{row.pk}"
    )
    outcome = stuck_resolve(now=timezone.now() + datetime.timedelta(minutes=31))
    assert [stuck.pk for stuck in outcome.recovered] == [row.pk]
    assert (outcome.resend, outcome.unknown) == ([], [])
    stored = DigestDelivery.objects.get(pk=row.pk)
    assert (stored.status, stored.attempts) == (Status.SENT, 1)
    assert len(list(email_folder.iterdir())) == 1


def test_a_stuck_row_the_provider_never_took_goes_back_to_be_sent(rows, email_folder):
    row = delivery_claim(DigestDelivery, rows[0])
    # The worker died before handing the email over.
    later = timezone.now() + datetime.timedelta(minutes=31)
    outcome = stuck_resolve(now=later)
    assert [stuck.pk for stuck in outcome.resend] == [row.pk]
    assert (outcome.recovered, outcome.unknown) == ([], [])
    stored = DigestDelivery.objects.get(pk=row.pk)
    assert (stored.status, stored.last_error) == (
        Status.PENDING,
        "Its worker stopped before sending",
    )
    assert row.pk in waiting_deliveries(DigestDelivery, now=later).values_list("pk", flat=True)
    assert list(email_folder.iterdir()) == []


# --- GOV.UK Notify behind the same function --------------------------------------------


@pytest.fixture
def notify(settings):
    settings.EMAIL_BACKEND = "adoptadapt.mail.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "f3b4c1d2-0000-4000-8000-000000000001"
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client:
        yield client


def _notify_error(status: int) -> HTTPError:
    response = requests.Response()
    response.status_code = status
    response._content = b'{"errors": [{"error": "Error", "message": "No"}]}'
    return HTTPError(response)


def test_notify_sends_the_text_through_its_template(notify):
    email_send(to="a@example.test", subject="Digest", text="Body", html="<p>x</p>", reference="r1")
    notify.assert_called_once_with("test-key")
    notify.return_value.send_email_notification.assert_called_once_with(
        email_address="a@example.test",
        template_id="f3b4c1d2-0000-4000-8000-000000000001",
        personalisation={"subject": "Digest", "body": "Body"},
        reference="r1",
        email_reply_to_id=None,
    )
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("status", "kind"),
    [(500, TransientEmailError), (429, TransientEmailError), (400, PermanentEmailError)],
)
def test_notify_errors_are_sorted_into_transient_and_permanent(notify, status, kind):
    notify.return_value.send_email_notification.side_effect = _notify_error(status)
    with pytest.raises(kind):
        email_send(to="a@example.test", subject="S", text="T")


def test_every_email_goes_through_notify_not_only_digests(notify):
    """Django's own sends (invitations, email changes, password resets) use it too."""
    sent = mail.send_mail("Reset your password", "Follow this link.", None, ["b@example.test"])
    assert sent == 1
    notify.return_value.send_email_notification.assert_called_once_with(
        email_address="b@example.test",
        template_id="f3b4c1d2-0000-4000-8000-000000000001",
        personalisation={"subject": "Reset your password", "body": "Follow this link."},
        reference=None,
        email_reply_to_id=None,
    )
    assert mail.outbox == []


def test_notify_is_asked_by_reference_whether_it_took_an_email(notify):
    search = notify.return_value.get_all_notifications
    search.return_value = {"notifications": [{"id": "n1", "reference": "digestdelivery-4"}]}
    assert email_sent("digestdelivery-4") is True
    search.assert_called_once_with(reference="digestdelivery-4", template_type="email")
    search.return_value = {"notifications": []}
    assert email_sent("digestdelivery-5") is False


def test_a_notify_that_does_not_answer_leaves_it_unknown(notify, rows, caplog):
    notify.return_value.get_all_notifications.side_effect = _notify_error(503)
    assert email_sent("digestdelivery-4") is None
    assert "Could not ask the email provider about digestdelivery-4" in caplog.text
    delivery_claim(DigestDelivery, rows[0])
    outcome = stuck_resolve(now=timezone.now() + datetime.timedelta(minutes=31))
    assert [row.pk for row in outcome.unknown] == [rows[0]]


def test_notify_refusals_are_skipped_when_failing_silently(notify):
    notify.return_value.send_email_notification.side_effect = _notify_error(400)
    assert mail.send_mail("S", "T", None, ["c@example.test"], fail_silently=True) == 0


def test_the_admin_lists_stuck_sends(rows, settings, client_for, directory_admin):
    directory_admin.is_staff = directory_admin.is_superuser = True
    directory_admin.save()
    settings.EMAIL_STUCK_AFTER_MINUTES = 0
    stuck = delivery_claim(DigestDelivery, rows[0])
    response = client_for(directory_admin).get(
        "/admin/governance/digestdelivery/?stuck=yes", follow=True
    )
    assert response.status_code == 200
    assert f"/admin/governance/digestdelivery/{stuck.pk}/" in response.text
    assert f"/admin/governance/digestdelivery/{rows[1]}/" not in response.text
