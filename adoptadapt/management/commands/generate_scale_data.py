"""`manage.py generate_scale_data --scale N`: the benchmark's England-scale data set.

The data and how it is built live in `adoptadapt.scale_data`; this command checks that
it may write, and reports. See bench/README.md for the benchmark that uses it.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from adoptadapt import scale_data
from adoptadapt.fragment_cache import STORED_DATA
from innovations.public_pages import DIRECTORY_PAGES


class Command(BaseCommand):
    help = (
        "Generate the benchmark's data set at a scale (1 = every local authority in England, "
        "2,000 adoptions, five years of monthly updates) into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="1 for England scale; 0.1 for a tenth of the rows (default 1).",
        )
        parser.add_argument(
            "--seed", type=int, default=scale_data.DEFAULT_SEED, help="Random seed."
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Empty the database first (everything in it is deleted).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, scale, seed, flush, no_progress, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Refusing to generate benchmark data: DEMO_DATA_ALLOWED is False in these "
                f"settings ({settings.SETTINGS_MODULE}). The data set has accounts with a "
                "published password."
            )
        try:
            plan = scale_data.Plan.for_scale(scale)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        elif not scale_data.database_is_empty():
            raise CommandError(
                "The database is not empty. Generate into an empty database, or pass "
                "--flush to delete everything in it first."
            )
        self.stdout.write(
            f"Generating scale {scale:g}: {plan.sites} organisations, {plan.innovations} "
            f"innovations, {plan.adoptions} adoptions, {plan.boards} boards, "
            f"{plan.adaptations} adaptations, {scale_data.HISTORY_MONTHS} months of history."
        )
        started = time.monotonic()
        progress = None if no_progress else _bar
        counts = scale_data.Generator(plan=plan, seed=seed, progress=progress).generate()
        # Bulk inserts send no signals (innovations/public_pages.py, adoptadapt/fragment_cache.py).
        DIRECTORY_PAGES.bump()
        STORED_DATA.bump()
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {elapsed:.0f} s. Rows written:"))
        for line in scale_data.summary_lines(counts):
            self.stdout.write(line)
        self.stdout.write(
            f"Every account signs in with the password {scale_data.PASSWORD}; the directory "
            f"admin is {scale_data.ADMIN_EMAIL}."
        )


def _bar(**kwargs):
    return tqdm(leave=True, dynamic_ncols=True, **kwargs)
