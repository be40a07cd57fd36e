"""Role changes made in the Django admin are security events too.

Adoption roles and board memberships can be granted and removed on their own admin
pages and as inlines of a person, an adoption or a board. The services log each change
(accounts/services.py); `LogsRoleChangesMixin` does the same for every admin path, so
the security log does not depend on where a directory admin made the change.
"""

from adoptadapt import security
from governance.models import BoardMembership
from sites.models import AdoptionRole

from .services import grant_target

ROLE_MODELS = (AdoptionRole, BoardMembership)
# Changing any of these hands someone a role they did not hold before.
GRANTING_FIELDS = {"role", "adoption", "board", "user"}


def _log(event: str, request, grants) -> None:
    for grant in grants:
        security.log_event_on_commit(
            event,
            user=request.user,
            subject_user_id=grant.user_id,
            role=grant.role,
            **grant_target(grant),
        )


class LogsRoleChangesMixin:
    """For a ModelAdmin of a role model, or of a model with role inlines."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if isinstance(obj, ROLE_MODELS) and (
            not change or GRANTING_FIELDS & set(form.changed_data)
        ):
            _log(security.ROLE_GRANTED, request, [obj])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        if isinstance(obj, ROLE_MODELS):
            _log(security.ROLE_REMOVED, request, [obj])

    def delete_queryset(self, request, queryset):
        grants = list(queryset) if issubclass(queryset.model, ROLE_MODELS) else []
        super().delete_queryset(request, queryset)
        _log(security.ROLE_REMOVED, request, grants)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if not issubclass(formset.model, ROLE_MODELS):
            return
        regranted = [
            grant for grant, fields in formset.changed_objects if GRANTING_FIELDS & set(fields)
        ]
        _log(security.ROLE_GRANTED, request, [*formset.new_objects, *regranted])
        _log(security.ROLE_REMOVED, request, formset.deleted_objects)
