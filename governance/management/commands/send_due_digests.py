"""Send every board digest that is due now, the same work as the daily beat task.

Sends here, in this process, so it works with no worker running; rows another
process is already sending are left to it. First settles sends a dead worker left in
"sending" (governance/delivery.py), and lists those the provider cannot tell about.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from governance.delivery import stuck_resolve
from governance.digests import digest_delivery_send, digests_plan_due
from governance.models import DigestDelivery, ReminderDelivery
from governance.reminders import reminder_delivery_send
from governance.tasks import resends_queue

SENDERS = {DigestDelivery: digest_delivery_send, ReminderDelivery: reminder_delivery_send}


class Command(BaseCommand):
    help = "Compose and send the board digests due today (Europe/London), and report stuck sends."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Hand the sends to the Celery workers instead of sending here.",
        )

    def handle(self, *args, queue, **options):
        now = timezone.now()
        # First the sends a dead worker left in "sending", so a resent row is not missed.
        stuck = stuck_resolve(now=now)
        resend = [(type(row), row.pk) for row in stuck.resend]
        waiting = [(DigestDelivery, pk) for pk in digests_plan_due(now=now, queue=queue)]
        if queue:
            resends_queue(stuck.resend)
            self.stdout.write(f"Queued {len(waiting) + len(resend)} email(s) for the workers.")
        else:
            outcomes = {}
            for model, pk in dict.fromkeys(resend + waiting):
                result = SENDERS[model](pk)
                outcomes[result.status] = outcomes.get(result.status, 0) + 1
            summary = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
            self.stdout.write(f"Digest emails: {summary or 'none due'}.")
        if stuck.recovered:
            self.stdout.write(
                f"Found {len(stuck.recovered)} email(s) the provider had taken before their "
                "worker stopped; marked sent."
            )
        for row in stuck.unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"Stuck in sending since {row.claimed_at:%Y-%m-%d %H:%M} UTC, not resent: "
                    f"{row} (id {row.pk})"
                )
            )
