"""Forms of the right to challenge: the proposal, the supplement and the officer's answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL
from trajecten.constants import UitdagingStatus, Vorm
from trajecten.models import Uitdaging
from trajecten.routes import UITDAGING_ROUTES, route_van
from trajecten.selectors.uitdaging import gemeenten_voor_uitdaging


def _tekstvak(rows=4):
    return forms.Textarea(attrs={"rows": rows})


def _tekst(label, help_text, rows=4):
    return forms.CharField(
        label=label, help_text=help_text, max_length=TEKST_MIDDEL, widget=_tekstvak(rows)
    )


class UitdagingForm(forms.ModelForm):
    """Parses the proposal; the service `uitdaging_indienen` stores it (never `save()`)."""

    # The stored text grows with the proposer's supplements (up to its model limit); the
    # proposal itself is limited like the other answers.
    wat = Uitdaging._meta.get_field("wat").formfield(
        max_length=TEKST_MIDDEL,
        widget=_tekstvak(5),
        help_text=_("Tell what you would do, for whom, and how often."),
    )

    class Meta:
        model = Uitdaging
        fields = ["gemeente", "titel", "wat", "waar", "waarom", "wie", "nodig"]
        labels = {"gemeente": _("Which municipality?")}
        help_texts = {
            "gemeente": _("The municipality that now does the task or pays for it."),
            "titel": _("A short name, for example: running the community centre in our street."),
            "waar": _("The district or neighbourhood, or the address."),
            "waarom": _("For example: you live there, you know the people, or it costs less."),
            "wie": _(
                "Your group, foundation or company, and who takes part. Others do not see this."
            ),
            "nodig": _("For example: money, a building, a key, or help with permits."),
        }
        widgets = {
            "waarom": _tekstvak(),
            "wie": _tekstvak(3),
            "nodig": _tekstvak(3),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten_voor_uitdaging()
        self.fields["gemeente"].empty_label = _("Choose a municipality")


class AanvullenForm(forms.Form):
    aanvulling = _tekst(
        _("Your answer"),
        _("Your answer is added to your proposal. What you wrote before stays."),
        rows=5,
    )


class AccepterenForm(forms.Form):
    """The officer accepts the proposal and chooses the route (issue 14, point 3)."""

    vorm = forms.ChoiceField(
        label=_("How do you go on?"),
        widget=forms.RadioSelect,
        help_text=_("The proposer is told which route you chose and what it means."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        namen = dict(Vorm.choices)
        self.fields["vorm"].choices = [
            (vorm, f"{namen[vorm]}: {route_van(vorm=vorm).uitleg_bewoner}")
            for vorm in UITDAGING_ROUTES
        ]


class MeerInformatieForm(forms.Form):
    vraag = _tekst(_("Your question to the proposer"), _("The proposer can answer on this page."))


class AfwijzenForm(forms.Form):
    reden = _tekst(
        _("Reasons for declining"),
        _("The proposer reads these reasons. Write them clearly and kindly."),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *UitdagingStatus.choices],
    )
