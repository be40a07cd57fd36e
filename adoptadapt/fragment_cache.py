"""Costly parts of signed-in pages and API answers, kept until anything stored changes.

A board's dashboard for a month takes ~150 ms of CPU to work out and draw at England
scale (bench/RESULTS.md) and is read far more often than what it shows is written.
Templates mark such a part with `{% cached_fragment "name" value ... %}` (the
`adoptadapt` tag library), and the API keeps the data of its answers (api/views.py),
with `kept()`. Each is kept in the `pages` cache under:

- the version of STORED_DATA, which every ORM save or delete of any model, and every
  many-to-many change, replaces (`watch_every_write`), apart from the bookkeeping no
  fragment shows: sessions, sign-in attempts, second-factor devices, the admin's log,
  audit-history rows (written beside the change they record) and a person's last
  sign-in time. Writers that send no signals call `STORED_DATA.bump()` themselves
  (the bulk loaders; the stored monthly figures' raw SQL), and so does every `migrate`
  (a deploy's data migrations, and its new templates). Deliberately coarse: no
  fragment can miss a change by someone forgetting what it depends on, at the price
  of drawing every fragment again after any write;
- today's date, since what is overdue, due, expiring or final moves on with the day;
- the values the template names: whatever the fragment varies with besides the
  stored data (the board, month and page shown; what this viewer may do there).

An entry lasts PAGE_TIMEOUT (5 minutes) at most, which bounds what a write made while
the cache was unreachable can leave behind.

Values are turned into the key with `repr`, so they must be plain values (numbers,
strings, dates, booleans), not model instances. The fragment must hold nothing of the
request itself (no CSRF token, no messages). Off with the FRAGMENT_CACHE setting (the
test suite turns it off); if the cache fails, the fragment is drawn every time.
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .page_cache import PageCache, cache_get, cache_set

STORED_DATA = PageCache("stored-data")

# Models written as a side effect of using the service, which no fragment shows.
BOOKKEEPING_APPS = frozenset({"sessions", "admin", "axes", "otp_totp"})
LAST_LOGIN_ONLY = frozenset({"last_login"})


def kept(name: str, vary_on: list, make: Callable[[], Any]) -> Any:
    """What `make()` gives for `name` and these values: kept, or made now and kept.
    It must be picklable; when `make` raises, nothing is kept."""
    if not settings.FRAGMENT_CACHE:
        return make()
    version = STORED_DATA.version()
    if version is None:
        return make()
    varies = repr([timezone.localdate().isoformat(), *vary_on])
    digest = hashlib.sha256(varies.encode()).hexdigest()
    key = f"fragment:{name}:{version}:{digest}"
    stored = cache_get(key)
    if stored is not None:
        return stored
    made = make()
    cache_set(key, made)
    return made


def is_bookkeeping(model) -> bool:
    return model._meta.app_label in BOOKKEEPING_APPS or issubclass(model, HistoricalChanges)


def _saved(sender, update_fields=None, **kwargs):
    if update_fields is not None and frozenset(update_fields) <= LAST_LOGIN_ONLY:
        return
    if not is_bookkeeping(sender):
        STORED_DATA.bump()


def _deleted(sender, **kwargs):
    if not is_bookkeeping(sender):
        STORED_DATA.bump()


def _m2m_changed(sender, action, **kwargs):
    if action.startswith("post_") and not is_bookkeeping(sender):
        STORED_DATA.bump()


def _migrated(sender, **kwargs):
    STORED_DATA.bump()


def watch_every_write() -> None:
    """Connect the receivers, for every model (AdoptadaptConfig.ready)."""
    post_save.connect(_saved, dispatch_uid="fragment-cache-save")
    post_delete.connect(_deleted, dispatch_uid="fragment-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="fragment-cache-m2m")
    post_migrate.connect(_migrated, dispatch_uid="fragment-cache-migrate")
