"""Backups (issue 9): the README's procedure, scripts/backup-database.sh then
scripts/restore-database.sh, brings back every table, row, sequence, constraint and index
of a database full of committed demo data, and refuses to restore over other data.

The scripts are the procedure itself, so what is tested here is what an operator runs.
"""

import datetime
import io
import os
import re
import secrets
import shutil
import subprocess
import sys
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from psycopg2 import sql

from accounts.models import User
from accounts.services import api_token_create, invitation_create
from accounts.two_factor import new_key, totp_device_confirm
from governance.digests import digest_plan
from governance.models import GovernanceBoard
from governance.reminders import reminders_plan_due
from sites.models import Adoption, Stage
from sites.periods import due_date, reporting_period
from sites.services import (
    first_of_month,
    lesson_tag_get_or_create,
    milestone_create,
    progress_update_save,
)
from tests.availability import missing_service
from tests.figures import figure_add

REPO = Path(__file__).resolve().parents[2]
BACKUP = REPO / "scripts" / "backup-database.sh"
RESTORE = REPO / "scripts" / "restore-database.sh"
OUR_APPS = ("accounts", "innovations", "adoptadapt_sites", "governance")


@pytest.fixture
def postgres_tools():
    """The round trip needs PostgreSQL and its client programs; skip (or fail in CI)."""
    if connection.vendor != "postgresql":
        missing_service(
            "backup and restore are tested on PostgreSQL: set DATABASE_URL=postgres://… "
            "(the embedded SQLite database is backed up with sqlite3 .backup, see the README)"
        )
    for tool in ("pg_dump", "pg_restore", "psql"):
        if shutil.which(tool) is None:
            missing_service(f"{tool} not installed: apt-get install postgresql-client")


def database_url(name: str) -> str:
    """A libpq URL for database `name` on the test database's server, as its role."""
    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    host = quote(settings["HOST"] or "localhost", safe="")
    port = settings["PORT"] or "5432"
    return f"postgresql://{user}{password}@{host}:{port}/{quote(name, safe='')}"


def connect(name: str):
    """A connection of its own (autocommit), outside the test's Django connection."""
    raw = psycopg2.connect(database_url(name))
    raw.autocommit = True
    return closing(raw)


@contextmanager
def scratch_database():
    """A new, empty database beside the test database, dropped however the test ends."""
    test_database = connection.settings_dict["NAME"]
    name = f"{test_database}_restore_{secrets.token_hex(4)}"
    with connect(test_database) as admin, admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with connect(test_database) as admin, admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def run(*command) -> subprocess.CompletedProcess:
    # The project's own scripts, with arguments built here.
    return subprocess.run(  # noqa: S603
        [str(part) for part in command], capture_output=True, text=True, timeout=300, check=False
    )


def table_contents(name: str) -> dict[str, tuple[int, str]]:
    """Every table in the public schema: its row count and an MD5 of its rows as text,
    in the order of that text (so it needs no primary key and ignores physical order)."""
    with connect(name) as raw, raw.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = sorted(row[0] for row in cursor.fetchall())
        contents = {}
        for table in tables:
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text),"
                    " '')) FROM public.{} AS r"
                ).format(sql.Identifier(table))
            )
            contents[table] = cursor.fetchone()
    return contents


# pg_restore re-parses CHECK and partial-index expressions, and PostgreSQL then prints an
# IN list's casts in other places ("(ARRAY['a'::varchar])::text[]" comes back as
# "ARRAY[('a'::varchar)::text]"): the same expression, so casts and brackets are ignored.
CASTS_AND_BRACKETS = re.compile(r"::(character varying|text)(\[\])?|[()\s]")


def schema_objects(name: str) -> dict[str, set]:
    """The sequences' positions, and every constraint and index with its definition."""
    queries = {
        "sequences": "SELECT 'sequence', sequencename, last_value::text FROM pg_sequences "
        "WHERE schemaname = 'public'",
        "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace",
        "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes "
        "WHERE schemaname = 'public'",
    }
    found = {}
    with connect(name) as raw, raw.cursor() as cursor:
        for kind, query in queries.items():
            cursor.execute(query)
            found[kind] = {
                (table, object_name, CASTS_AND_BRACKETS.sub("", definition or ""))
                for table, object_name, definition in cursor.fetchall()
            }
    return found


def some_of_everything() -> None:
    """The demo data, and the records it does not make: tokens, invitations, milestones,
    lesson tags, digests, reminders, a session and a second factor."""
    call_command("load_demo", stdout=io.StringIO())
    admin = User.objects.get(email="admin@demo.adoptadapt.test")
    lead = User.objects.get(email="lead@demo.adoptadapt.test")
    adoption = Adoption.objects.filter(roles__user=lead, roles__role="lead").first()
    api_token_create(actor=lead, name="Reporting spreadsheet")
    invitation_create(
        actor=admin,
        email="new.contributor@example.test",
        role="contributor",
        adoption=adoption,
        full_name="Nia Newcomer",
    )
    milestone_create(
        actor=lead,
        adoption=adoption,
        stage=Stage.IMPLEMENTATION,
        title="First practice units running",
        due_on=datetime.date(2026, 3, 31),
    )
    tag = lesson_tag_get_or_create(actor=lead, name="Recruiting consultant social workers")
    now = timezone.now()
    period = reporting_period(timezone.localdate(now))
    update = progress_update_save(
        actor=lead,
        adoption=adoption,
        period=first_of_month(timezone.localdate(now)),
        fields={"rag": "amber", "summary": "Recruitment is behind plan."},
    )
    update.lesson_tags.add(tag)
    for board in GovernanceBoard.objects.all():
        digest_plan(board=board, period=period, now=now, queue=False)
    due_day = datetime.datetime.combine(due_date(period), datetime.time(12), datetime.UTC)
    reminders_plan_due(now=due_day, queue=False)
    totp_device_confirm(actor=admin, key=new_key(), step=1)
    Client().force_login(lead)


def empty_model_tables(contents: dict[str, tuple[int, str]]) -> list[str]:
    """Our apps' own model tables (not audit history, not many-to-many) with no rows."""
    tables = {
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    }
    return sorted(table for table in tables if contents[table][0] == 0)


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_keeps_every_row(postgres_tools, tmp_path):
    some_of_everything()
    source = connection.settings_dict["NAME"]
    before = table_contents(source)
    assert not empty_model_tables(before), "add rows for these tables to some_of_everything()"
    dump = tmp_path / "adoptadapt.dump"

    backup = run(BACKUP, database_url(source), dump)
    assert backup.returncode == 0, backup.stderr
    assert dump.stat().st_size > 0
    assert not Path(f"{dump}.partial").exists()

    with scratch_database() as restored:
        restore = run(RESTORE, dump, database_url(restored))
        assert restore.returncode == 0, restore.stderr
        after = table_contents(restored)
        assert after.keys() == before.keys()
        differing = [table for table in before if before[table] != after[table]]
        assert not differing, f"tables whose rows differ after the round trip: {differing}"
        restored_objects, source_objects = schema_objects(restored), schema_objects(source)
        for kind, objects in source_objects.items():
            assert restored_objects[kind] == objects, (
                f"{kind} missing: {sorted(objects - restored_objects[kind])}; "
                f"extra: {sorted(restored_objects[kind] - objects)}"
            )
        # The restored database needs no migration: it is the schema this code expects.
        check = subprocess.run(  # noqa: S603 - manage.py from our own virtualenv
            [sys.executable, "manage.py", "migrate", "--check", "--noinput"],
            cwd=REPO,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "adoptadapt.settings.test",
                "DATABASE_URL": database_url(restored),
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr

    figure_add("backup round trip: tables compared", len(before))
    figure_add("backup round trip: rows compared", sum(count for count, _ in before.values()))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(postgres_tools, tmp_path):
    dump = tmp_path / "adoptadapt.dump"
    backup = run(BACKUP, database_url(connection.settings_dict["NAME"]), dump)
    assert backup.returncode == 0, backup.stderr

    with scratch_database() as target, connect(target) as raw, raw.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (note text)")
        cursor.execute("INSERT INTO kept VALUES ('already here')")
        restore = run(RESTORE, dump, database_url(target))

        assert restore.returncode != 0
        assert "refusing to restore" in restore.stderr
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        assert [row[0] for row in cursor.fetchall()] == ["kept"]
        cursor.execute("SELECT note FROM kept")
        assert cursor.fetchall() == [("already here",)]


def test_scripts_explain_their_arguments():
    for script in (BACKUP, RESTORE):
        called = run(script)
        assert called.returncode == 2
        assert called.stderr.startswith("usage: ")
