"""Housekeeping jobs that belong to no single app."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Delete expired sessions, which Django never removes by itself."""
    call_command("clearsessions")
