"""Whole public pages kept for visitors who are not signed in, until what they show changes.

A page is stored under the current *version* of the data it shows. Any write to that
data calls `PageCache.bump()` (signal receivers do, for every ORM save and delete, and
so do the few writers that bypass signals), which picks a new random version: the next
visitor renders the page afresh, so nothing from before a change is served after it.
A version is random rather than counted, so a version lost from the cache (evicted,
or a cache restarted) can never come back and revive old pages.

`bump()` changes the version at once and again when the transaction commits. A visitor
rendering between the two reads the data as it was before the commit, and stores it
under the first new version, which the second leaves behind; a rolled-back write only
costs a render.

Off with the PUBLIC_PAGE_CACHE setting (the test suite turns it off). Served only
to requests with no session and no pending messages (a visitor's own
page would carry them), and stored only from a 200 that set no cookie and used no
CSRF token. Entries expire after PAGE_TIMEOUT, which bounds what a deploy that changes
the templates, or a write made while the cache was unreachable, can leave behind. If
the cache fails, pages are rendered as if it were not there.
"""

import functools
import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 300  # seconds
CACHE_ALIAS = "pages"  # settings.CACHES: the pages apart from the rate-limit counts
SAFE_METHODS = frozenset({"GET", "HEAD"})
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
RECENT = 8  # commit callbacks looked through for this cache's own (PageCache.bump)


def _cache():
    return caches[CACHE_ALIAS]


class PageCache:
    """The cached pages of one part of the site, and the version of the data they show."""

    def __init__(self, name: str):
        self.name = name
        self.version_key = f"page-cache:{name}:version"

    def version(self) -> str | None:
        """The current version (one is chosen if there is none); None if the cache fails."""
        try:
            version = _cache().get(self.version_key)
            if version is None:
                _cache().add(self.version_key, uuid.uuid4().hex, timeout=None)
                version = _cache().get(self.version_key)
            return version
        except Exception:  # any cache backend's failure: render without it
            logger.warning("page cache %s: cannot read the version", self.name, exc_info=True)
            return None

    def bump(self) -> None:
        """Something the pages show has changed: now, and again once it is committed.

        The commit-time change is registered once for a run of changes: a transaction
        that already holds it among its last few callbacks (where a run of saves leaves
        it) needs no other, since that callback can only be dropped by a rollback that
        undoes this change too. Loading the demo makes thousands of saves in one
        transaction, and each wrote the version again when it committed.
        """
        self._new_version()
        connection = transaction.get_connection()
        if connection.in_atomic_block and any(
            func == self._new_version for _, func, _ in connection.run_on_commit[-RECENT:]
        ):
            return
        transaction.on_commit(self._new_version)

    def _new_version(self) -> None:
        try:
            _cache().set(self.version_key, uuid.uuid4().hex, timeout=None)
        except Exception:  # pages then live at most PAGE_TIMEOUT past the change
            logger.warning("page cache %s: cannot change the version", self.name, exc_info=True)

    def page_key(self, version: str, request, *, daily: bool) -> str:
        day = timezone.localdate().isoformat() if daily else ""
        address = f"{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page-cache:{self.name}:{version}:{day}:{digest}"


def cached_for_visitors(page_cache: PageCache, *, daily: bool = False):
    """Serve a view's page from `page_cache` to visitors who are not signed in.

    `daily`: the page also depends on today's date (what is current or expired), so a
    new day starts a new entry.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _may_share(request):
                return view(request, *args, **kwargs)
            version = page_cache.version()
            if version is None:
                return view(request, *args, **kwargs)
            key = page_cache.page_key(version, request, daily=daily)
            stored = cache_get(key)
            if stored is not None:
                content, content_type = stored
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if _may_store(request, response):
                cache_set(key, (response.content, response["Content-Type"]))
            return response

        return wrapped

    return decorator


def _may_share(request) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE
        and request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
    )


def _may_store(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not len(messages.get_messages(request))
    )


def cache_get(key: str):
    """What is stored under `key`; None if nothing is, or the cache fails."""
    try:
        return _cache().get(key)
    except Exception:
        logger.warning("page cache: cannot read %s", key, exc_info=True)
        return None


def cache_set(key: str, value) -> None:
    """Store `value` for PAGE_TIMEOUT; a failing cache only logs."""
    try:
        _cache().set(key, value, timeout=PAGE_TIMEOUT)
    except Exception:
        logger.warning("page cache: cannot store %s", key, exc_info=True)
