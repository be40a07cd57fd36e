"""The project's base form: GOV.UK Design System rendering through crispy-forms-gds."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class GovUKFormMixin:
    """Builds the crispy helper every form shares: GOV.UK fields and one submit button.

    Errors are shown in the error summary at the top of the page (the template's
    `{% error_summary form %}`), so the helper does not repeat non-field errors.
    """

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.label_size = "s"
        self.helper.legend_size = "s"
        # Templates write the <form> tag themselves (action, csrf, novalidate).
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", self.submit_label))


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, turning down an id too large for any row as "not one of the choices".

    Django checks each id's type but not its size, and SQLite cannot bind an integer
    of more than 64 bits in the query that follows, so a tampered id was a server error.
    """

    def clean(self, value):
        for chosen in value if isinstance(value, list | tuple) else ():
            try:
                too_large = abs(int(chosen)) >= 2**63
            except (TypeError, ValueError):
                continue  # not a number: Django's own check turns it down
            if too_large:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": chosen},
                )
        return super().clean(value)


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass


class SignInForm(GovUKFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account has been deactivated. Ask a directory admin to restore it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}
        )
        self.fields["username"].error_messages["required"] = "Enter your email address."
        self.fields["password"].error_messages["required"] = "Enter your password."
        # AuthenticationForm sets the field's max_length after building it, so nothing
        # checked it: an address far too long went on to the database, where SQLite's
        # case-insensitive match failed on the pattern (a server error, not a wrong login).
        longest = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(longest, f"Email address must be {longest} characters or less.")
        )
