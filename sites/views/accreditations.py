"""An adoption's accreditations and licences: everyone who sees the adoption reads
them; the team (lead and contributors) records and keeps them up to date."""

from django.utils import timezone
from django.views.generic import FormView, TemplateView

from .. import services
from ..forms import AccreditationForm
from ..models import Accreditation
from .journey import AdoptionPageMixin, JourneyFormMixin, RowDeleteView, RowMixin, _model_fields


class AccreditationListView(AdoptionPageMixin, TemplateView):
    template_name = "sites/adoption_accreditations.html"
    section = "accreditations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        accreditations = list(self.adoption.accreditations.order_by("-awarded_on", "-id"))
        for accreditation in accreditations:
            days = accreditation.days_to_expiry(today)
            accreditation.expired = days is not None and days < 0
            accreditation.expiring = accreditation.expires_soon(today)
        context.update(
            accreditations=accreditations, warning_days=Accreditation.EXPIRY_WARNING_DAYS
        )
        return context


class AccreditationCreateView(JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/accreditation_form.html"
    form_class = AccreditationForm
    section = "accreditations"
    success_message = "The accreditation or licence has been added."

    def save(self, form):
        services.accreditation_create(
            actor=self.request.user, adoption=self.adoption, **_model_fields(form)
        )


class AccreditationUpdateView(RowMixin, JourneyFormMixin, FormView):
    form_only = True
    template_name = "sites/accreditation_form.html"
    form_class = AccreditationForm
    model = Accreditation
    section = "accreditations"
    success_message = "The accreditation or licence has been saved."

    def save(self, form):
        services.accreditation_update(
            actor=self.request.user, accreditation=self.get_row(), **_model_fields(form)
        )


class AccreditationDeleteView(RowDeleteView):
    model = Accreditation
    section = "accreditations"
    noun = "accreditation or licence"
    delete_service = services.accreditation_delete
    service_arg = "accreditation"
