"""The compiled form of a pack's ``dates`` section: one regular expression and the lookup tables
that ``dates.py`` resolves its matches with. The keys are documented in ``dates.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..lang import Pack
from ..lang.schema import DatesSection, NumbersSection

YEAR = r"(?:18|19|20)\d{2}"
# Where a date expression may start: at the start of a word, or at an opening bracket ("(16/4)").
WORD_START = r"(?:(?<!\w)(?=\w)|(?=\())"


@dataclass(frozen=True, slots=True)
class Rules:
    regex: re.Pattern[str]
    starts: re.Pattern[str]  # the offsets where ``regex`` may match (``WORD_START``)
    follow: re.Pattern[str]  # what may stand between a weekday and its date
    year_after: re.Pattern[str]  # a relative year after a month: "Oktober tahun lalu"
    marker_after: re.Pattern[str]  # a past or next marker after a month: "Juni lalu", "November mendatang"
    months: dict[str, int]
    weekdays: dict[str, int]
    ambiguous: frozenset[str]
    capitalised: bool
    month_first: bool
    past: frozenset[str]
    future: frozenset[str]
    month_cues: frozenset[str]
    relative: dict[str, tuple[str, int]]
    units: dict[str, str]


def _keyed(numbered: dict[int, tuple[str, ...]] | None) -> dict[str, int]:
    """A mapping of number → names, inverted to lower-case name → number."""
    return {norm(name): n for n, names in (numbered or {}).items() for name in names}


def norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alt(words: list[str] | set[str] | dict[str, Any]) -> str:
    forms = sorted({norm(w) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not forms:
        return r"(?!x)x"  # matches nothing
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) + ")"


def load_rules(pack: Pack) -> Rules:
    return pack.cached("dates.rules", lambda: _build_rules(pack))


def _build_rules(pack: Pack) -> Rules:
    """The rules of the pack's ``dates`` section (``schema.DatesSection``, checked when the pack
    loads)."""
    sec = pack.section(DatesSection)
    months = _keyed(sec.months)
    weekdays = _keyed(sec.weekdays)
    relative: dict[str, tuple[str, int]] = {}
    for numbered, kind in ((sec.days, "day"), (sec.weeks, "week"), (sec.relative_months, "month"),
                           (sec.relative_years, "year")):
        for phrase, offset in _keyed(numbered).items():
            relative[phrase] = (kind, offset)
    units = {norm(name): unit for unit, names in (sec.units or {}).items() for name in names}
    order = sec.numeric_order or "dmy"
    past_before, past_after = list(sec.weekday_past_before or ()), list(sec.weekday_past_after or ())
    next_before, next_after = list(sec.weekday_next_before or ()), list(sec.weekday_next_after or ())
    periods = list(sec.period_words or ())
    year_cues = list(sec.year_cues or ())
    ago = list(sec.ago or ())
    numbers = pack.section(NumbersSection)
    number_words = [w for w in numbers.words or {} if " " not in w]
    number_words += [w for w in numbers.articles or () if " " not in w]
    prefixes = list(sec.weekday_prefixes or ())
    day_parts = list(sec.day_parts or ())
    ordinal = _alt(list(sec.ordinal_suffixes or ()))
    of = _alt(list(sec.day_month_links or ()))
    ambiguous = list(sec.ambiguous_months or ())
    month_cues = list(sec.month_cues or ())
    month, weekday = _alt(months), _alt(weekdays)
    before = _alt(past_before + next_before)
    after = _alt(past_after + next_after)
    prefix = _alt(prefixes)
    pattern = "|".join([
        rf"(?P<iso>\b(?P<iy>{YEAR})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d))",
        # 17/11/2021, 17/11/21, 14.03.2025, 14-03-2025 (a two-digit year only with slashes)
        rf"(?P<num3>\(?\b(?P<a1>\d{{1,2}})(?:/(?P<a2>\d{{1,2}})/(?P<a3>{YEAR}|\d{{2}})"
        rf"|(?P<sep>[.-])(?P<a2b>\d{{1,2}})(?P=sep)(?P<a3b>{YEAR}))\b\)?)",
        r"(?P<num2>\((?P<b1>\d{1,2})/(?P<b2>\d{1,2})\))",
        rf"(?P<dmy>\b(?P<d1>\d{{1,2}})(?:{ordinal})?(?:\s*[-–]\s*\d{{1,2}}(?:{ordinal})?)?\s+(?:{of}\s+)?"
        rf"(?P<m1>{month})\b(?:,?\s+(?P<y1>{YEAR})\b)?)",
        rf"(?P<mdy>\b(?P<m2>{month})\.?\s*(?P<d2>\d{{1,2}})(?:{ordinal})?\b(?![:.,/]\d)"
        rf"(?:,?\s+(?P<y2>{YEAR})\b)?)",
        rf"(?P<rel>\b{_alt(relative)}\b)",
        rf"(?P<ago>\b(?P<agon>\d{{1,3}}|{_alt(number_words)})\s+(?P<agou>{_alt(units)})\s+{_alt(ago)}\b)",
        rf"(?P<wd>\b(?:(?P<wb>{before})\s+)?(?:{prefix}\s+)?(?P<wn>{weekday})\b(?:\s+(?P<wa>{after})\b)?)",
        rf"(?P<my>(?:\b(?P<per>{_alt(periods)})\s*)?\b(?P<m3>{month})\b(?:\s+(?P<y3>{YEAR})\b)?)",
        rf"(?P<yr>\b{_alt(year_cues)}\s+(?P<yy>{YEAR})\b(?![.,:/]\d)(?!-\d{{1,2}}-))",
        # a year after a name: "Bom Bali 2002", "Piala AFF 2026" (capitalisation is checked in code)
        rf"(?P<yrn>\b(?P<yname>[^\W\d_][\w'’-]*)\)?\s+(?P<yn>{YEAR})\b(?![.,:/]\d)(?!-\d{{1,2}}-))",
    ])
    rules = Rules(
        # The guard makes every position inside a word fail at once (twice the speed).
        regex=re.compile(WORD_START + "(?:" + pattern + ")", re.IGNORECASE),
        starts=re.compile(WORD_START),
        marker_after=re.compile(rf"\s+(?P<mk>{after})\b", re.IGNORECASE),
        year_after=re.compile(rf"\s+(?P<ry>{_alt([p for p, (u, _) in relative.items() if u == 'year'])})\b",
                              re.IGNORECASE),
        follow=re.compile(rf"\s*(?:{_alt(day_parts)}\b\s*)?,?\s*", re.IGNORECASE),
        months=months, weekdays=weekdays,
        ambiguous=frozenset(norm(w) for w in ambiguous),
        capitalised=bool(sec.capitalised),
        month_first=order == "mdy",
        past=frozenset(norm(w) for w in past_before + past_after),
        future=frozenset(norm(w) for w in next_before + next_after),
        month_cues=frozenset(norm(w) for w in month_cues),
        relative=relative, units=units,
    )
    return rules


def month_names(pack: Pack) -> set[str]:
    """Lower-case month names of the pack (numbers.py uses them to keep day numbers out of counts)."""
    return set(load_rules(pack).months)


def year_cues(pack: Pack) -> set[str]:
    """Lower-case words after which a bare four-digit number is a year."""
    return {norm(w) for w in pack.section(DatesSection).year_cues or ()}
