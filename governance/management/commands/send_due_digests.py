"""Send every board digest that is due now, the same work as the daily beat task.

Sends here, in this process, so it works with no worker running; rows another
process is already sending are left to it. Also lists sends stuck in "sending".
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from governance.delivery import report_stuck
from governance.digests import digest_delivery_send, digests_plan_due


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
        waiting = digests_plan_due(now=now, queue=queue)
        if queue:
            self.stdout.write(f"Queued {len(waiting)} digest email(s) for the workers.")
        else:
            outcomes = {}
            for delivery_id in waiting:
                result = digest_delivery_send(delivery_id)
                outcomes[result.status] = outcomes.get(result.status, 0) + 1
            summary = ", ".join(f"{count} {status}" for status, count in sorted(outcomes.items()))
            self.stdout.write(f"Digest emails: {summary or 'none due'}.")
        stuck = report_stuck(now=now)
        for row in stuck:
            self.stdout.write(
                self.style.WARNING(
                    f"Stuck in sending since {row.claimed_at:%Y-%m-%d %H:%M} UTC, not resent: "
                    f"{row} (id {row.pk})"
                )
            )
