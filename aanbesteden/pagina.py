"""What every view does the same way: find the object or answer 404, and run a service
showing its refusal to the user.

    traject = of_404(selectors.traject_voor, request.user, pk)

    uitkomst = uitvoeren(request, services.bod_indienen, form=form,
                         gelukt=_("Your bid is submitted."), actor=request.user, bod=bod)
    if uitkomst:
        return redirect(...)

A selector raises `ObjectDoesNotExist` (any model's `DoesNotExist`) for what the user may
not see; `of_404` turns it into a 404, so that "not yours" and "not there" look alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.forms import Form
from django.http import Http404, HttpRequest

from aanbesteden.exceptions import DomainError

T = TypeVar("T")


def of_404(selector: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Ask the selector; what it cannot find for this user is a 404."""
    try:
        return selector(*args, **kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Uitkomst:
    """What a service gave back (`waarde`), or that it refused (`fout`): falsy then."""

    waarde: Any = None
    fout: DomainError | None = None

    def __bool__(self) -> bool:
        return self.fout is None


def fout_tonen(request: HttpRequest, exc: DomainError, form: Form | None = None) -> None:
    """Show a domain error: at its field of `form` when it names one the form has, on the
    form as a whole when there is a form, otherwise as a message on the next page."""
    if form is not None:
        veld = exc.veld if exc.veld in form.fields else None
        form.add_error(veld, str(exc))
    else:
        messages.error(request, str(exc))


def uitvoeren(
    request: HttpRequest,
    service: Callable[..., Any],
    /,
    *,
    form: Form | None = None,
    gelukt: str | None = None,
    **kwargs: Any,
) -> Uitkomst:
    """Run `service(**kwargs)`. On success show `gelukt` (if given) as a message; on a
    `DomainError` show it with `fout_tonen`. Returns an `Uitkomst`, truthy on success."""
    try:
        waarde = service(**kwargs)
    except DomainError as exc:
        fout_tonen(request, exc, form)
        return Uitkomst(fout=exc)
    if gelukt:
        messages.success(request, gelukt)
    return Uitkomst(waarde=waarde)
