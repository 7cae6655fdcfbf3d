"""Statutory terms counted in days: the ONE rule (Algemene termijnenwet, Atw).

A term of N days that starts on a day D (the event day: the term runs from the day after)
ends at the end of day D + N. When that last day is a Saturday, a Sunday or a generally
recognised public holiday, the term runs through the next day that is none of these
(Atw art. 1(1)); a term of at least three days always holds at least two such working
days (Atw art. 1(2)).

The public holidays are those of Atw art. 3(1): New Year's Day, Easter Monday, Ascension
Day, Whit Monday, Christmas Day and Boxing Day, the day the King's birthday is celebrated
(King's Day, 26 April when the 27th is a Sunday), and 5 May (Liberation Day) EVERY year.
They come from the kept library `holidays` (its Dutch calendar), adjusted to the Atw list:
Good Friday is not in the Atw (the library lists it), and 5 May is in every year (the
library lists it only every fifth year, when it is a national day off). Easter Sunday and
Whit Sunday are Sundays anyway.

Terms counted backwards from a moment ("at least N days before the deadline") are outside
the Atw (art. 4(1)); they do not use this module.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter  # type: ignore[import-untyped]

# Saturday and Sunday (date.weekday()).
WEEKEND = frozenset({5, 6})


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> frozenset[date]:
    """The Atw's generally recognised public holidays of `jaar` (see the module text)."""
    dagen = set(holidays.country_holidays("NL", years=jaar).keys())
    dagen.discard(easter(jaar) - timedelta(days=2))  # Good Friday: not in Atw art. 3(1)
    dagen.add(date(jaar, 5, 5))  # Liberation Day: every year under Atw art. 3(1)
    return frozenset(dagen)


def is_feestdag(dag: date) -> bool:
    return dag in feestdagen(dag.year)


def is_werkdag(dag: date) -> bool:
    """Neither a Saturday, a Sunday nor an Atw public holiday."""
    return dag.weekday() not in WEEKEND and not is_feestdag(dag)


def volgende_werkdag(dag: date) -> date:
    """`dag` itself when it is a working day, else the first working day after it."""
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def termijn_einde(start: date, dagen: int) -> date:
    """The last day (inclusive) of a statutory term of `dagen` calendar days that starts
    on the day after `start`: `start` + `dagen`, moved to the next working day when it is
    not one (Atw art. 1(1)), and extended so that a term of at least three days holds at
    least two working days (Atw art. 1(2)).

    Letters sent on Tuesday 7 April 2026 with a 20-day term: day 20 is Monday 27 April,
    King's Day, so the term runs through Tuesday 28 April.
    """
    if dagen < 0:
        raise ValueError("A term has a non-negative number of days.")
    einde = volgende_werkdag(start + timedelta(days=dagen))
    if dagen >= 3:
        while _werkdagen(start, einde) < 2:
            einde = volgende_werkdag(einde + timedelta(days=1))
    return einde


def _werkdagen(start: date, einde: date) -> int:
    """The working days in start+1 .. einde."""
    return sum(
        1 for n in range(1, (einde - start).days + 1) if is_werkdag(start + timedelta(days=n))
    )
