from beoordeling.models import Commissielid


def commissies_van(user):
    if not user.is_authenticated:
        return Commissielid.objects.none()
    return Commissielid.objects.filter(user=user).select_related("traject__gemeente")
