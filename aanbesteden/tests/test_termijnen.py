"""Statutory terms follow the Algemene termijnenwet (aanbesteden/termijnen.py): the last day
moves past Saturdays, Sundays and the Atw's public holidays, from the kept `holidays`
calendar adjusted to the Atw's own list."""

from datetime import date

import pytest

from aanbesteden.termijnen import feestdagen, is_werkdag, termijn_einde


def test_the_issue_example_kings_day_moves_the_standstill_to_tuesday_28_april_2026():
    # Sent on Tuesday 7 April 2026; day 20 is Monday 27 April, King's Day.
    assert date(2026, 4, 27).weekday() == 0
    assert termijn_einde(date(2026, 4, 7), 20) == date(2026, 4, 28)


@pytest.mark.parametrize(
    "dag,werkdag",
    [
        (date(2026, 1, 1), False),  # New Year's Day
        (date(2026, 4, 3), True),  # Good Friday: not in Atw art. 3(1)
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 27), False),  # King's Day
        (date(2026, 5, 5), False),  # Liberation Day, every year (not only every fifth)
        (date(2027, 5, 5), False),
        (date(2026, 5, 14), False),  # Ascension Day
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2026, 12, 25), False),
        (date(2026, 12, 26), False),  # a Saturday and Boxing Day
        (date(2026, 12, 28), True),
        (date(2026, 4, 25), False),  # a Saturday
        (date(2026, 4, 26), False),  # a Sunday
        (date(2026, 4, 28), True),
    ],
)
def test_working_days_follow_the_atw_list(dag, werkdag):
    assert is_werkdag(dag) is werkdag


def test_kings_day_is_the_day_it_is_celebrated():
    # 27 April 2025 was a Sunday: King's Day was Saturday 26 April.
    assert date(2025, 4, 26) in feestdagen(2025)
    assert date(2025, 4, 27) not in feestdagen(2025)


@pytest.mark.parametrize(
    "start,dagen,einde",
    [
        (date(2026, 3, 3), 20, date(2026, 3, 23)),  # a Monday: unchanged
        (date(2026, 3, 2), 20, date(2026, 3, 23)),  # Sunday 22 March -> Monday
        (date(2026, 4, 15), 20, date(2026, 5, 6)),  # Liberation Day 5 May 2026 -> 6 May
        (date(2026, 4, 24), 20, date(2026, 5, 15)),  # Ascension Day 14 May -> Friday 15 May
        (date(2026, 3, 14), 20, date(2026, 4, 3)),  # Good Friday stays the last day
        (date(2026, 12, 5), 20, date(2026, 12, 28)),  # Friday 25 Dec, weekend -> Monday
    ],
)
def test_a_term_ending_on_a_weekend_or_holiday_moves_to_the_next_working_day(start, dagen, einde):
    assert termijn_einde(start, dagen) == einde


def test_a_term_of_three_days_or_more_holds_two_working_days():
    # Atw art. 1(2): from Wednesday 24 December 2025, three days end on Saturday 27
    # December -> Monday 29; only one working day (the 29th) lies in it, so Tuesday 30.
    assert termijn_einde(date(2025, 12, 24), 3) == date(2025, 12, 30)


def test_a_negative_term_is_refused():
    with pytest.raises(ValueError):
        termijn_einde(date(2026, 1, 1), -1)
