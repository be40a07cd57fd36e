"""Readiness checks for /healthz: can we reach the database and the Celery broker?"""

from django.conf import settings
from django.db import DatabaseError, connection
from kombu import Connection


def database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return False, type(error).__name__
    return True, connection.vendor


def broker_ok() -> tuple[bool, str]:
    """Connect to the broker named in settings, giving up after HEALTHZ_BROKER_TIMEOUT."""
    url = settings.CELERY_BROKER_URL
    timeout = settings.HEALTHZ_BROKER_TIMEOUT
    options = dict(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}))
    if url.startswith(("redis://", "rediss://")):
        options.update(socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        with Connection(url, connect_timeout=timeout, transport_options=options) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            transport = conn.transport_cls
    except Exception as error:  # any failure means "not reachable"
        return False, type(error).__name__
    return True, str(transport)
