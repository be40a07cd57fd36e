"""Forms for inviting people, accepting an invitation and managing people's roles."""

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts

from adoptadapt.forms import GovUKForm
from sites.models import Site

from .models import Invitation


class InvitationForm(GovUKForm):
    submit_label = "Send invitation"

    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the email address of the person to invite.",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    full_name = forms.CharField(
        label="Full name (optional)",
        required=False,
        max_length=200,
        help_text="Used to greet them in the email.",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)",
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label="Not set",
        help_text="Where they work. Only used if they do not have an account yet.",
    )
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role to invite them to."},
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Invitation.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0]


class InvitationAcceptForm(GovUKForm):
    """For someone without an account: their name and a password, twice."""

    submit_label = "Create account and accept"

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter your first name."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password."},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = " ".join(password_validators_help_texts())

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error(
                "password2", "The passwords do not match. Enter the same password twice."
            )
        return cleaned


class ConfirmForm(GovUKForm):
    """A form with nothing but a button, for confirming an action."""

    def __init__(self, *args, submit_label: str = "Confirm", **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)


class RoleChangeForm(GovUKForm):
    submit_label = "Change role"

    role = forms.ChoiceField(
        label="New role",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role."},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = choices


class PeopleSearchForm(GovUKForm):
    submit_label = "Search"

    q = forms.CharField(label="Name or email", required=False, max_length=200)
