"""Saving through services so every audit-history row names the person responsible."""

from django.db import models


def save_as(instance: models.Model, *, actor, **save_kwargs) -> models.Model:
    """Save `instance`, recording `actor` as the history user (outside a request too)."""
    instance._history_user = actor
    instance.save(**save_kwargs)
    return instance
