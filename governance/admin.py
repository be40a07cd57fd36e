"""Django admin for boards, their meetings, decisions and actions, and the emails sent."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from accounts.role_admin import LogsRoleChangesMixin
from sites.admin import PeriodListFilter

from .delivery import stuck_deliveries
from .models import (
    Action,
    BoardMeeting,
    BoardMembership,
    Decision,
    DigestDelivery,
    GovernanceBoard,
    ReminderDelivery,
)


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    fields = ["user", "role", "receives_digest", "joined_at"]
    readonly_fields = ["joined_at"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(GovernanceBoard)
class GovernanceBoardAdmin(LogsRoleChangesMixin, SimpleHistoryAdmin):
    list_display = ["name", "digest_day", "member_count", "adoption_count", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]  # the count annotations group, which drops Meta.ordering
    fields = ["name", "slug", "description", "digest_day", "adoptions_overseen", "created_at"]
    readonly_fields = ["adoptions_overseen", "created_at"]
    inlines = [BoardMembershipInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("memberships", distinct=True),
                adoption_count=Count("adoptions", distinct=True),
            )
        )

    @admin.display(description="members", ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description="adoptions", ordering="adoption_count")
    def adoption_count(self, obj):
        return obj.adoption_count

    @admin.display(description="adoptions it oversees")
    def adoptions_overseen(self, obj):
        if obj.pk is None:
            return "-"
        adoptions = obj.adoptions.select_related("innovation", "adopting_site")
        return (
            ", ".join(str(adoption) for adoption in adoptions) or "None yet (set on the adoption)"
        )


@admin.register(BoardMembership)
class BoardMembershipAdmin(LogsRoleChangesMixin, SimpleHistoryAdmin):
    list_display = ["user", "board", "role", "receives_digest", "joined_at"]
    list_filter = ["role", "receives_digest", "board"]
    list_select_related = ["user", "board"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "board__name"]
    autocomplete_fields = ["board", "user"]
    readonly_fields = ["joined_at"]


class ReadOnlyDecisionMixin:
    """Decisions are shown here, never written: deciding an adaptation goes through
    `governance.services.adaptation_decide` (the board's decide page), which checks who
    decides and that the adaptation still awaits the board, and records the outcome on
    the adaptation in the same transaction. A decision added, changed or deleted here
    would leave the adaptation and its decision disagreeing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionInline(ReadOnlyDecisionMixin, admin.StackedInline):
    model = Decision
    fields = ["title", "outcome", "adaptation", "rationale", "recorded_by", "recorded_at"]
    readonly_fields = fields
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by", "adaptation")


class MeetingActionFormSet(BaseInlineFormSet):
    """An action recorded at a meeting belongs to that meeting's board."""

    def save_new(self, form, commit=True):
        form.instance.board_id = self.instance.board_id
        return super().save_new(form, commit)


class ActionInline(admin.TabularInline):
    model = Action
    formset = MeetingActionFormSet
    fields = ["description", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")


@admin.register(BoardMeeting)
class BoardMeetingAdmin(SimpleHistoryAdmin):
    list_display = ["board", "held_on", "decision_count", "action_count"]
    list_filter = ["board"]
    list_select_related = ["board"]
    search_fields = ["board__name", "notes"]
    autocomplete_fields = ["board", "attendees"]
    date_hierarchy = "held_on"
    ordering = ["board__name", "-held_on"]
    fields = ["board", "held_on", "attendees", "other_attendees", "notes"]
    inlines = [DecisionInline, ActionInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .annotate(
                decision_count=Count("decisions", distinct=True),
                action_count=Count("actions", distinct=True),
            )
        )

    @admin.display(description="decisions", ordering="decision_count")
    def decision_count(self, obj):
        return obj.decision_count

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, obj):
        return obj.action_count

    def has_delete_permission(self, request, obj=None):
        """A meeting with decisions stays: deleting it would delete them too."""
        if obj is not None and obj.decisions.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Decision)
class DecisionAdmin(ReadOnlyDecisionMixin, SimpleHistoryAdmin):
    list_display = ["title", "outcome", "meeting", "adaptation", "recorded_by", "recorded_at"]
    list_filter = ["outcome", "meeting__board"]
    list_select_related = ["meeting__board", "adaptation", "recorded_by"]
    search_fields = ["title", "rationale", "meeting__board__name", "adaptation__title"]
    fields = [
        "meeting",
        "title",
        "outcome",
        "adaptation",
        "rationale",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = "__all__"  # noqa: DJ007 - the admin chooses what is shown

    def clean(self):
        cleaned = super().clean()
        board, meeting = cleaned.get("board"), cleaned.get("meeting")
        if board and meeting and meeting.board_id != board.pk:
            self.add_error("meeting", "Choose a meeting of this board.")
        return cleaned


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    form = ActionForm
    list_display = ["description_start", "board", "owner", "due_on", "status", "completed_on"]
    list_filter = ["status", "board"]
    list_select_related = ["board", "owner"]
    search_fields = ["description", "board__name", "owner__email", "owner__last_name"]
    autocomplete_fields = ["board", "meeting", "owner"]
    date_hierarchy = "due_on"

    @admin.display(description="action", ordering="description")
    def description_start(self, obj):
        return str(obj)


class StuckListFilter(admin.SimpleListFilter):
    """Sends a worker claimed and never finished: whether the email went is unknown,
    so nothing resends them; check the mail provider's log first."""

    title = "stuck in sending"
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", f"For over {settings.EMAIL_STUCK_AFTER_MINUTES} minutes")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        stuck = stuck_deliveries(queryset.model, now=timezone.now()).values("pk")
        return queryset.filter(pk__in=stuck)


class DeliveryAdmin(admin.ModelAdmin):
    """Send records: one row per recipient per period is what keeps sending exactly-once.

    Only the workers write them; adding, editing or deleting one here could send an
    email twice or hide a failure, so the admin only shows them.
    """

    list_filter = ["status", StuckListFilter, PeriodListFilter]
    date_hierarchy = "period"
    search_fields = ["recipient__email", "recipient__first_name", "recipient__last_name"]

    @admin.display(description="period", ordering="period")
    def month(self, obj):
        return f"{obj.period:%B %Y}"

    @admin.display(description="last error")
    def last_error_start(self, obj):
        return obj.last_error[:80]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(DeliveryAdmin):
    list_display = [
        "board",
        "recipient",
        "month",
        "status",
        "attempts",
        "sent_at",
        "last_error_start",
    ]
    list_filter = [*DeliveryAdmin.list_filter, "board"]
    list_select_related = ["board", "recipient"]
    search_fields = [*DeliveryAdmin.search_fields, "board__name", "digest__subject"]
    fieldsets = [
        (None, {"fields": ["board", "digest", "recipient", "period", "status"]}),
        (
            "Sending",
            {"fields": ["attempts", "last_error", "created_at", "claimed_at", "sent_at"]},
        ),
    ]


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(DeliveryAdmin):
    list_display = [
        "adoption",
        "recipient",
        "month",
        "kind",
        "sequence",
        "status",
        "attempts",
        "sent_at",
        "last_error_start",
    ]
    list_filter = [*DeliveryAdmin.list_filter, "kind"]
    list_select_related = ["adoption__innovation", "adoption__adopting_site", "recipient"]
    search_fields = [
        *DeliveryAdmin.search_fields,
        "adoption__innovation__name",
        "adoption__adopting_site__name",
    ]
    fieldsets = [
        (None, {"fields": ["adoption", "recipient", "period", "kind", "sequence", "status"]}),
        (
            "Sending",
            {"fields": ["attempts", "last_error", "created_at", "claimed_at", "sent_at"]},
        ),
    ]
