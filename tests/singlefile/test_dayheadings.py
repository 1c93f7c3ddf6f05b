"""The date styles people head their days with, read into one date and a title."""

from __future__ import annotations

from datetime import date

import pytest

from learnlog.singlefile.dayheadings import infer_order, read_day_heading, with_year


@pytest.mark.parametrize(
    ("heading", "day", "title"),
    [
        ("Sep 9, 2024", date(2024, 9, 9), None),
        ("September 9, 2024: Soft prompts", date(2024, 9, 9), "Soft prompts"),
        ("Sep 9th, 2024 - LoRA", date(2024, 9, 9), "LoRA"),
        ("Sept. 9, 2024", date(2024, 9, 9), None),
        ("9 September 2024 — Notes", date(2024, 9, 9), "Notes"),
        ("2024-09-09", date(2024, 9, 9), None),
        ("2024/09/09: Slashes", date(2024, 9, 9), "Slashes"),
        ("9/9/2024", date(2024, 9, 9), None),
        ("13/4/2024", date(2024, 4, 13), None),
        ("4/13/2024", date(2024, 4, 13), None),
        ("Day 12: Jan 1, 2017", date(2017, 1, 1), "Day 12"),
        ("Day 21 (September 28, 2025) ✅ Title", date(2025, 9, 28), "Day 21 — Title"),
        ("Tuesday, March 11, 2025", date(2025, 3, 11), None),
        ("2021-01-03 11:38 Title", date(2021, 1, 3), "11:38 Title"),
        ("📅 Sep 9, 2024 ✅ Done.", date(2024, 9, 9), "Done."),
    ],
)
def test_day_styles(heading: str, day: date, title: str | None) -> None:
    read = read_day_heading(heading)
    assert read is not None
    assert (read.kind, read.day, read.title) == ("day", day, title)


@pytest.mark.parametrize(
    "heading",
    [
        "Week 1 - Basics",
        "May 5 things to try",
        "Notes on the 2024-09-09 release",
        "September 2024",
        "Chapter 3, 2024",
        "TODO",
        "Day 12",
    ],
)
def test_not_days(heading: str) -> None:
    assert read_day_heading(heading) is None


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("2024-02-30", "impossible"),
        ("Feb 30, 2024: Leap", "impossible"),
        ("Day 33-40", "range"),
        ("Jan 1-3, 2024", "range"),
        ("3/4/2024", "ambiguous"),
        ("Thursday, January 1", "yearless"),
    ],
)
def test_days_that_cannot_be_placed_say_why(heading: str, kind: str) -> None:
    read = read_day_heading(heading)
    assert read is not None and read.kind == kind and read.day is None and read.reason


def test_date_order_decides_ambiguous_numbers() -> None:
    assert (r := read_day_heading("3/4/2024", "mdy")) and r.day == date(2024, 3, 4)
    assert (r := read_day_heading("3/4/2024", "dmy")) and r.day == date(2024, 4, 3)
    assert (r := read_day_heading("13/4/2024", "mdy")) and r.kind == "impossible"


def test_order_inferred_only_when_unambiguous_dates_agree() -> None:
    assert infer_order(["13/4/2024", "3/4/2024"]) == "dmy"
    assert infer_order(["4/13/2024", "3/4/2024"]) == "mdy"
    assert infer_order(["13/4/2024", "4/13/2024"]) is None
    assert infer_order(["3/4/2024"]) is None


def test_year_for_a_yearless_day_checks_the_weekday() -> None:
    read = read_day_heading("Thursday, January 1")
    assert read is not None
    assert with_year(read, 2015).day == date(2015, 1, 1)  # a Thursday
    wrong = with_year(read, 2016)
    assert wrong.kind == "impossible" and "Thursday does not fall on 2016-01-01" in (wrong.reason or "")


def test_a_weekday_that_does_not_fall_on_the_date_is_reported_not_guessed() -> None:
    read = read_day_heading("Tuesday, February 4, 2024")
    assert read is not None and read.kind == "impossible" and read.day is None
    assert "Tuesday does not fall on 2024-02-04" in (read.reason or "")
    fits = read_day_heading("Tuesday, March 11, 2025")
    assert fits is not None and fits.kind == "day"
