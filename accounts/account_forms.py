"""Forms for a person's own account and for resetting a forgotten password.

Kept apart from accounts/forms.py (invitations and the people page) so the two
areas can change independently; both build on the project's GOV.UK base form.
"""

from crispy_forms_gds.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm

from adoptadapt.forms import GovUKForm, GovUKFormMixin, GovUKModelForm
from sites.models import Site

from .email_change import email_in_use
from .models import User
from .two_factor import code_shaped

EMAIL_REQUIRED = "Enter your email address"
EMAIL_INVALID = "Enter an email address in the correct format, like name@example.com"


def password_rules() -> str:
    """The configured password validators, said in plain words."""
    rules = []
    for validator in password_validation.get_default_password_validators():
        name = type(validator).__name__
        if name == "MinimumLengthValidator":
            rules.append(f"be at least {validator.min_length} characters long")
        elif name == "UserAttributeSimilarityValidator":
            rules.append("not be too like your name or email address")
        elif name == "CommonPasswordValidator":
            rules.append("not be a commonly used password")
        elif name == "NumericPasswordValidator":
            rules.append("not be only numbers")
    if not rules:
        return ""
    if len(rules) == 1:
        return f"Your password must {rules[0]}."
    return f"Your password must {', '.join(rules[:-1])} and {rules[-1]}."


def _email_field(label: str, *, required_message: str = EMAIL_REQUIRED) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        max_length=254,
        error_messages={"required": required_message, "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


# --- Password reset ---------------------------------------------------------------


class GovUKPasswordResetForm(GovUKFormMixin, PasswordResetForm):
    submit_label = "Send reset link"

    email = _email_field("Email address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "The email address you sign in with."


class GovUKSetPasswordForm(GovUKFormMixin, SetPasswordForm):
    submit_label = "Save password"
    error_messages = {
        "password_mismatch": "The passwords do not match. Enter the same password twice",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "New password"
        first.help_text = password_rules()
        first.error_messages["required"] = "Enter a new password"
        second.label = "Confirm new password"
        second.help_text = "Type the same password again."
        second.error_messages["required"] = "Confirm your new password"


# --- Your account -----------------------------------------------------------------


class AccountForm(GovUKModelForm):
    submit_label = "Save changes"

    organisation = forms.ModelChoiceField(
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label="Not set",
        label="Organisation",
        help_text="The council or organisation you work for.",
    )
    digest_boards = forms.MultipleChoiceField(
        label="Board digests",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Get a regular email summarising each board you sit on.",
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "organisation", "receives_reminders"]
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "job_title": "Job title (optional)",
            "receives_reminders": "Email me reminders when a monthly update is due or overdue",
        }
        error_messages = {
            "first_name": {"required": "Enter your first name"},
            "last_name": {"required": "Enter your last name"},
        }

    def __init__(self, *args, memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["receives_reminders"].help_text = ""
        if self.memberships:
            self.fields["digest_boards"].choices = [
                (str(m.pk), f"{m.board.name} ({m.get_role_display().lower()})")
                for m in self.memberships
            ]
            self.initial.setdefault(
                "digest_boards", [str(m.pk) for m in self.memberships if m.receives_digest]
            )
        else:
            del self.fields["digest_boards"]
        preferences = ["receives_reminders"] + (["digest_boards"] if self.memberships else [])
        self.helper.layout = Layout(
            Fieldset(
                "first_name",
                "last_name",
                "job_title",
                "organisation",
                legend="Your details",
                legend_size="m",
            ),
            Fieldset(*preferences, legend="Email preferences", legend_size="m"),
            Submit("submit", self.submit_label),
        )
        self.helper.inputs = []

    def digest_membership_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data.get("digest_boards", [])}


class EmailChangeForm(GovUKForm):
    submit_label = "Send confirmation link"

    new_email = _email_field("New email address", required_message="Enter your new email address")
    password = forms.CharField(
        label="Your current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
        help_text="So we know it is you asking.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_email(self):
        email = self.cleaned_data["new_email"].strip()
        if email.lower() == self.user.email.lower():
            raise forms.ValidationError("This is already your email address. Enter a different one")
        if email_in_use(email, except_user=self.user):
            raise forms.ValidationError(
                "Someone else already has an account with this email address. "
                "Enter a different email address"
            )
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your password is not correct. Enter your current password")
        return password


# --- Personal API tokens ------------------------------------------------------------


class ApiTokenForm(GovUKForm):
    submit_label = "Create token"

    name = forms.CharField(
        label="What is the token for?",
        help_text="A name to tell your tokens apart, like “Power BI performance report”.",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "The name must be 100 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter what the token is for")
        return name


class SecondFactorCodeForm(GovUKForm):
    """A 6-digit code from an authenticator app (setting one up, or signing in)."""

    submit_label = "Continue"

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now, like 123456.",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code_shaped(code):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code
