"""Forms of the selection for the elaborated plan: one form per opened outline bid."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbesteden.constants import TEKST_MIDDEL

JA = "ja"
NEE = "nee"


class SelectieForm(forms.Form):
    """The draft decision for one bid: invite it to elaborate or not, with the feedback.

    The feedback may stay empty while saving a draft; sending needs it for every bid."""

    uitnodigen = forms.TypedChoiceField(
        label=_("Invite to elaborate the plan?"),
        choices=[(JA, _("Yes, invite")), (NEE, _("No, do not invite"))],
        coerce=lambda v: v == JA,
        widget=forms.RadioSelect,
    )
    terugkoppeling = forms.CharField(
        label=_("Feedback for the bidder"),
        required=False,
        max_length=TEKST_MIDDEL,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The bidder reads this. Write what is good about the plan and what can be better. "
            "If you do not invite the bidder, write down the reasons. You must fill this in "
            "for every bid before you send the selection."
        ),
    )

    def __init__(self, *args, bod, **kwargs):
        kwargs.setdefault("prefix", f"bod-{bod.pk}")
        kwargs.setdefault(
            "initial",
            {
                "uitnodigen": JA if bod.uitgenodigd_voor_uitwerking else NEE,
                "terugkoppeling": bod.terugkoppeling,
            },
        )
        super().__init__(*args, **kwargs)
        self.bod = bod
        naam = bod.organisatie.naam
        self.fields["uitnodigen"].label = _("Invite %(bieder)s to elaborate the plan?") % {
            "bieder": naam
        }
        self.fields["terugkoppeling"].label = _("Feedback for %(bieder)s") % {"bieder": naam}
