"""Who may do what: the shape every app's `permissions.py` follows, and the core's rules.

A predicate answers one question, "may `user` do this to that?", with a `Toestemming`:
truthy when allowed; otherwise falsy with the reason, translated, that the user reads.
Services ask the predicate and refuse with its reason; pages ask the same predicate to show
or hide a button. Nothing restates a rule:

    def mag_publiceren(user, traject) -> Toestemming:
        return als_medewerker(user, traject.gemeente, _("Only officers ... publish."))

    # in the service
    mag_publiceren(actor, traject).vereisen()          # raises NotAllowed(reden)
    # in the page object or template
    {% if acties.publiceren %}<button ...>{% endif %}

A refusal that is about the data rather than about who asks (a deadline passed, a state
that does not allow the move) uses `geweigerd(reden, fout=DomainError)`, so that the service
raises the same error class it always did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from aanbesteden.exceptions import DomainError, NotAllowed
from aanbesteden.models import Gemeente, Medewerker


@dataclass(frozen=True)
class Toestemming:
    """The answer to "may this user do this?": truthy when allowed, else the reason why not."""

    toegestaan: bool
    reden: str = ""
    veld: str | None = None
    fout: type[DomainError] = NotAllowed

    def __bool__(self) -> bool:
        return self.toegestaan

    def vereisen(self) -> None:
        """Raise the refusal (its error class, with the reason and field) when not allowed."""
        if not self.toegestaan:
            raise self.fout(self.reden, veld=self.veld)


TOEGESTAAN = Toestemming(True)


def geweigerd(
    reden: str, *, veld: str | None = None, fout: type[DomainError] = NotAllowed
) -> Toestemming:
    """A refusal with its reason (translated by the caller with gettext)."""
    return Toestemming(False, str(reden), veld, fout)


def alle(*toestemmingen: Toestemming) -> Toestemming:
    """The first refusal among the answers, or allowed. Cheap checks first: it stops early
    only in the sense that every answer was already computed by the caller."""
    for toestemming in toestemmingen:
        if not toestemming:
            return toestemming
    return TOEGESTAAN


def als_ingelogd(user: Any, reden: str) -> Toestemming:
    """The one "needs an account" guard: allowed for a logged-in user, else `reden`."""
    if user is not None and user.is_authenticated:
        return TOEGESTAAN
    return geweigerd(reden)


def is_medewerker(user: Any, gemeente: Gemeente | int | None) -> bool:
    """Whether `user` is an officer (medewerker) of `gemeente` (the object or its id)."""
    if gemeente is None or user is None or not user.is_authenticated:
        return False
    gemeente_id = gemeente.pk if isinstance(gemeente, Gemeente) else gemeente
    # A page that already read the user's gemeenten (`selectors.gemeente_ids_van`, kept on
    # the user object for the request) is answered without a query.
    bekend = getattr(user, "_gemeente_ids", None)
    if bekend is not None:
        return gemeente_id in bekend
    return Medewerker.objects.filter(user=user, gemeente_id=gemeente_id).exists()


def als_medewerker(
    user: Any, gemeente: Gemeente | int | None, reden: str | None = None
) -> Toestemming:
    """The one officer guard: allowed for an officer of `gemeente`, refused with `reden`
    (by default "Only officers of this municipality may do this.") for anyone else."""
    if is_medewerker(user, gemeente):
        return TOEGESTAAN
    return geweigerd(reden or _("Only officers of this municipality may do this."))
