"""Django admin for people: email sign-in, organisation, and the roles they hold."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from adoptadapt import security
from governance.models import BoardMembership
from sites.models import AdoptionRole

from .models import Invitation, User
from .role_admin import LogsRoleChangesMixin


class EmailIsUniqueMixin:
    """Emails are unique ignoring case (the user_email_unique_ci constraint), said plainly."""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise ValidationError("Someone already signs in with this email address.")
        return email


class UserCreationForm(EmailIsUniqueMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(EmailIsUniqueMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"  # noqa: DJ007 - UserAdmin's fieldsets choose what is shown


class AdoptionRoleInline(admin.TabularInline):
    model = AdoptionRole
    fk_name = "user"
    fields = ["adoption", "role", "granted_at"]
    readonly_fields = ["granted_at"]
    autocomplete_fields = ["adoption"]
    extra = 0
    verbose_name_plural = "roles on adoptions"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("adoption__innovation", "adoption__adopting_site")
        )


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    fk_name = "user"
    fields = ["board", "role", "receives_digest", "joined_at"]
    readonly_fields = ["joined_at"]
    autocomplete_fields = ["board"]
    extra = 0
    verbose_name_plural = "board memberships"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("board")


@admin.register(User)
class UserAdmin(LogsRoleChangesMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Personal details",
            {"fields": ["first_name", "last_name", "organisation", "job_title"]},
        ),
        ("In this service", {"fields": ["is_directory_admin", "receives_reminders"]}),
        (
            "Django admin permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Important dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        ),
        (
            "Personal details",
            {"fields": ["first_name", "last_name", "organisation", "job_title"]},
        ),
        ("In this service", {"fields": ["is_directory_admin", "receives_reminders"]}),
    ]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "organisation",
        "job_title",
        "is_directory_admin",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "is_directory_admin",
        "receives_reminders",
        "is_active",
        "is_staff",
        "is_superuser",
        "organisation__kind",
        "groups",
    ]
    list_select_related = ["organisation"]
    search_fields = ["email", "first_name", "last_name", "job_title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["last_login", "date_joined"]
    ordering = ["email"]
    inlines = [AdoptionRoleInline, BoardMembershipInline]

    # Flags that give a person powers, with the role name their security events carry.
    PRIVILEGE_FLAGS = {
        "is_directory_admin": Invitation.Role.DIRECTORY_ADMIN.value,
        "is_staff": "django_admin_staff",
        "is_superuser": "django_admin_superuser",
    }

    def get_inlines(self, request, obj):
        # Roles are granted once the person exists.
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        """Saves, and logs the powers and (de)activations changed here as security
        events, as the services do for the same changes made in the service's pages."""
        super().save_model(request, obj, form, change)
        for flag, role in self.PRIVILEGE_FLAGS.items():
            if flag in form.changed_data and (change or getattr(obj, flag)):
                granted = getattr(obj, flag)
                security.log_event_on_commit(
                    security.ROLE_GRANTED if granted else security.ROLE_REMOVED,
                    user=request.user,
                    subject_user_id=obj.pk,
                    role=role,
                )
        if change and "is_active" in form.changed_data:
            security.log_event_on_commit(
                security.ACCOUNT_REACTIVATED if obj.is_active else security.ACCOUNT_DEACTIVATED,
                user=request.user,
                subject_user_id=obj.pk,
            )

    def get_readonly_fields(self, request, obj=None):
        """Only superusers hand out superuser status or Django permissions."""
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["is_superuser", "groups", "user_permissions"]
        return fields


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    """Invitations are sent, resent and revoked from the service's own pages; here
    they can be looked up, and only revoked (so a leaked link stops working)."""

    list_display = ["email", "role", "adoption", "board", "invited_by", "created_at", "state"]
    list_filter = ["role"]
    list_select_related = [
        "adoption__innovation",
        "adoption__adopting_site",
        "board",
        "invited_by",
    ]
    search_fields = ["email", "full_name"]
    readonly_fields = [
        "email",
        "full_name",
        "role",
        "adoption",
        "board",
        "organisation",
        "invited_by",
        "created_at",
        "sent_at",
        "accepted_at",
        "accepted_by",
    ]
    exclude = ["nonce"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="state")
    def state(self, obj):
        if obj.accepted_at:
            return "Accepted"
        if obj.revoked_at:
            return "Revoked"
        return "Pending"
