"""Render a board's digest for a month without storing or sending it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from governance.digests import digest_compose, digest_period
from governance.models import GovernanceBoard
from governance.months import parse_month


class Command(BaseCommand):
    help = "Print a board's digest for a month (default: the one its next digest covers)."

    def add_arguments(self, parser):
        parser.add_argument("board", help="The board's slug, as in /boards/<slug>/.")
        parser.add_argument("--month", help="The month the digest covers, as YYYY-MM.")
        parser.add_argument(
            "--html", action="store_true", help="Print the HTML part instead of the plain text."
        )

    def handle(self, *args, board, month, html, **options):
        found = GovernanceBoard.objects.filter(slug=board).first()
        if found is None:
            raise CommandError(f"No board has the slug {board!r}.")
        now = timezone.now()
        period = parse_month(month) if month else digest_period(timezone.localdate(now))
        if period is None:
            raise CommandError(f"Give the month as YYYY-MM, not {month!r}.")
        composed = digest_compose(board=found, period=period, now=now)
        self.stdout.write(f"Subject: {composed.subject}\n")
        self.stdout.write(composed.html if html else composed.text)
