"""Inviting people to a role, managing pending invitations, and accepting one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView, TemplateView

from adoptadapt.digits import is_digits
from governance.models import GovernanceBoard
from sites.models import Adoption

from ..forms import ConfirmForm, InvitationAcceptForm, InvitationForm
from ..models import Invitation, User
from ..rules import invitable_roles, is_directory_admin, may_invite_anyone
from ..selectors import pending_invitations
from ..services import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_state,
    invitation_target,
)
from ..tokens import read_invitation_token


def _target_from_query(request):
    """The adoption or board named by ?adoption=<id> or ?board=<slug>, if the person
    can see it (someone else's is a 404), or None for no target."""
    user = request.user
    adoption_id = request.GET.get("adoption")
    board_slug = request.GET.get("board")
    if adoption_id:
        if not is_digits(adoption_id):
            raise Http404
        return get_object_or_404(Adoption.objects.visible_to(user), pk=int(adoption_id))
    if board_slug:
        return get_object_or_404(GovernanceBoard.objects.visible_to(user), slug=board_slug)
    return None


def _target_url(target):
    return target.get_absolute_url() if target is not None else reverse("invitations:list")


class InvitationCreateView(FormView):
    form_class = InvitationForm
    template_name = "accounts/invitation_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.target = _target_from_query(request)
        self.roles = invitable_roles(request.user, self.target)
        if not self.roles:
            raise PermissionDenied("You cannot invite people to this.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roles": self.roles}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "target": self.target,
            "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = invitation_create(
                actor=self.request.user,
                email=data["email"],
                role=data["role"],
                adoption=self.target if isinstance(self.target, Adoption) else None,
                board=self.target if isinstance(self.target, GovernanceBoard) else None,
                full_name=data["full_name"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Invitation sent to {invitation.email} as {invitation.get_role_display().lower()}.",
        )
        return redirect("invitations:list")


class InvitationListView(TemplateView):
    template_name = "accounts/invitation_list.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_invite_anyone(request.user):
            raise PermissionDenied(
                "Only directory admins, board chairs and project leads invite people."
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        invitations = list(pending_invitations(user))
        for invitation in invitations:
            invitation.state = invitation_state(invitation)
        admin = is_directory_admin(user)
        adoptions = Adoption.objects.select_related("innovation", "adopting_site")
        boards = GovernanceBoard.objects.all()
        if not admin:
            adoptions = adoptions.filter(roles__user=user, roles__role="lead")
            boards = boards.filter(memberships__user=user, memberships__role="chair")
        return {
            **super().get_context_data(**kwargs),
            "invitations": invitations,
            "is_admin": admin,
            "adoptions": adoptions.order_by("innovation__name", "adopting_site__name"),
            "boards": boards.order_by("name"),
        }


class InvitationResendView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        invitation = get_object_or_404(pending_invitations(request.user), pk=pk)
        invitation_resend(actor=request.user, invitation=invitation)
        messages.success(
            request, f"A new link was sent to {invitation.email}. Earlier links no longer work."
        )
        return redirect("invitations:list")


class InvitationRevokeView(FormView):
    form_class = ConfirmForm
    template_name = "accounts/invitation_confirm_revoke.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(pending_invitations(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "submit_label": "Withdraw invitation"}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "invitation": self.invitation,
            "target": invitation_target(self.invitation),
        }

    def form_valid(self, form):
        invitation_revoke(actor=self.request.user, invitation=self.invitation)
        messages.success(self.request, f"The invitation to {self.invitation.email} was withdrawn.")
        return redirect("invitations:list")


# --- Accepting: public, reached from the emailed link ------------------------------

REFUSALS = {
    "invalid": (400, "This invitation link is not valid. Check you copied the whole link."),
    "replaced": (
        410,
        "This invitation link has been replaced by a newer one. Use the link in the most "
        "recent invitation email.",
    ),
    "accepted": (410, "This invitation has already been used. Sign in instead."),
    "revoked": (410, "This invitation was withdrawn."),
}


@method_decorator(login_not_required, name="dispatch")
class InvitationAcceptView(View):
    template_name = "accounts/invitation_accept.html"

    def _refuse(self, request, reason, invitation=None):
        if reason == "expired":
            status = 410
            message = (
                f"This invitation link has expired. Ask {invitation.invited_by} to send a new one."
            )
        else:
            status, message = REFUSALS[reason]
        return render(
            request,
            "accounts/invitation_refused.html",
            {"message": message, "reason": reason},
            status=status,
        )

    def _invitation(self, token):
        """(invitation, None) when usable, else (invitation or None, refusal reason)."""
        reading = read_invitation_token(token)
        if not reading.valid:
            return None, "invalid"
        invitation = (
            Invitation.objects.select_related(
                "invited_by", "adoption__innovation", "adoption__adopting_site", "board"
            )
            .filter(pk=reading.invitation_id)
            .first()
        )
        if invitation is None:
            return None, "invalid"
        if invitation.accepted_at:
            return invitation, "accepted"
        if invitation.revoked_at:
            return invitation, "revoked"
        if invitation.nonce != reading.nonce:
            return invitation, "replaced"
        if reading.expired or invitation_state(invitation) == "expired":
            return invitation, "expired"
        return invitation, None

    def _page(self, request, invitation, form=None, status=200):
        existing = User.objects.filter(email__iexact=invitation.email).first()
        user = request.user
        signed_in_as_invitee = (
            existing is not None and user.is_authenticated and user.pk == existing.pk
        )
        if existing is None and form is None:
            form = InvitationAcceptForm(
                initial={
                    "first_name": invitation.full_name.partition(" ")[0],
                    "last_name": invitation.full_name.partition(" ")[2],
                }
            )
        if signed_in_as_invitee and form is None:
            form = ConfirmForm(submit_label="Accept invitation")
        return render(
            request,
            self.template_name,
            {
                "invitation": invitation,
                "target": invitation_target(invitation),
                "existing": existing,
                "signed_in_as_invitee": signed_in_as_invitee,
                "form": form,
                "login_url": f"{reverse('login')}?next={request.path}",
            },
            status=status,
        )

    def get(self, request, token):
        invitation, refusal = self._invitation(token)
        if refusal:
            return self._refuse(request, refusal, invitation)
        return self._page(request, invitation)

    def post(self, request, token):
        invitation, refusal = self._invitation(token)
        if refusal:
            return self._refuse(request, refusal, invitation)
        existing = User.objects.filter(email__iexact=invitation.email).first()
        if existing is not None:
            if not (request.user.is_authenticated and request.user.pk == existing.pk):
                return self._page(request, invitation, status=403)
            person = invitation_accept(invitation=invitation, user=request.user)
        else:
            form = InvitationAcceptForm(request.POST)
            if not form.is_valid():
                return self._page(request, invitation, form=form)
            try:
                person = invitation_accept(
                    invitation=invitation,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    form.add_error(None, error)
                else:
                    form.add_error("password1", error)
                return self._page(request, invitation, form=form)
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        target = invitation_target(invitation)
        messages.success(
            request,
            f"Welcome. You are now {invitation.get_role_display().lower()}"
            + (f" on {target}." if target else "."),
        )
        return redirect(target.get_absolute_url() if target is not None else "home")
