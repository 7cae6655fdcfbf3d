from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import NotificatieVoorkeur
from aanbesteden.models import User


class NotificatieVoorkeurForm(forms.ModelForm):
    notificatie_voorkeur = forms.ChoiceField(
        label=_("How do you want to receive notifications?"),
        choices=NotificatieVoorkeur.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = User
        fields = ["notificatie_voorkeur"]
