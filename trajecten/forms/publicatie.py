"""Forms of the publicatie part."""

from django import forms


class VolgenForm(forms.Form):
    """Follow or stop following. The button says which, so a double click does the same twice;
    without it (an old page) the choice toggles."""

    VOLGEN = "volgen"
    ONTVOLGEN = "ontvolgen"

    actie = forms.ChoiceField(
        choices=[(VOLGEN, VOLGEN), (ONTVOLGEN, ONTVOLGEN)],
        required=False,
        widget=forms.HiddenInput,
    )
