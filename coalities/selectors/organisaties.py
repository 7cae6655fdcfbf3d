from coalities.models import Lidmaatschap, Organisatie


def lidmaatschappen_van(user):
    if not user.is_authenticated:
        return Lidmaatschap.objects.none()
    return Lidmaatschap.objects.filter(user=user).select_related("organisatie")


def organisatie_profiel(pk):
    """An organisation's profile is public: it is reused for every bid."""
    return Organisatie.objects.get(pk=pk)
