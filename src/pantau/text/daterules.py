"""The compiled form of a pack's ``dates`` section: one regular expression and the lookup tables
that ``dates.py`` resolves its matches with. The keys are documented in ``dates.py``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import PackError
from ..lang import Pack

YEAR = r"(?:18|19|20)\d{2}"


@dataclass(frozen=True, slots=True)
class Rules:
    regex: re.Pattern[str]
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


def _list(sec: dict[str, Any], key: str, problems: list[str]) -> list[str]:
    raw = sec.get(key)
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        problems.append(f"dates.{key}: expected a list of strings")
        return []
    return list(raw)


def _keyed(sec: dict[str, Any], key: str, problems: list[str]) -> dict[str, int]:
    """A mapping of number → list of names, inverted to lower-case name → number."""
    raw = sec.get(key) or {}
    out: dict[str, int] = {}
    if not isinstance(raw, dict):
        problems.append(f"dates.{key}: expected a mapping of number to names")
        return out
    for num, names in raw.items():
        try:
            n = int(num)
        except ValueError:
            problems.append(f"dates.{key}.{num}: not a whole number")
            continue
        for name in [names] if isinstance(names, str) else names:
            out[norm(str(name))] = n
    return out


def norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alt(words: list[str] | set[str] | dict[str, Any]) -> str:
    forms = sorted({norm(w) for w in words if w.strip()}, key=lambda w: (-len(w), w))
    if not forms:
        return r"(?!x)x"  # matches nothing
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms) + ")"


KEYS = ("months", "ambiguous_months", "weekdays", "capitalised", "numeric_order", "weekday_prefixes",
         "weekday_past_before", "weekday_past_after", "weekday_next_before", "weekday_next_after",
         "month_cues", "period_words", "year_cues", "days", "weeks", "relative_months", "relative_years",
         "ago", "units", "day_parts", "ordinal_suffixes", "day_month_links")


def load_rules(pack: Pack) -> Rules:
    return pack.cached("dates.rules", lambda: _build_rules(pack))


def _build_rules(pack: Pack) -> Rules:
    sec = pack.mapping("dates")
    problems: list[str] = []
    months = _keyed(sec, "months", problems)
    weekdays = _keyed(sec, "weekdays", problems)
    for name, n in months.items():
        if not 1 <= n <= 12:
            problems.append(f"dates.months: {name!r} has month {n}; months are 1 to 12")
    for name, n in weekdays.items():
        if not 0 <= n <= 6:
            problems.append(f"dates.weekdays: {name!r} has day {n}; weekdays are 0 (Monday) to 6")
    if months and set(months.values()) != set(range(1, 13)):
        missing = sorted(set(range(1, 13)) - set(months.values()))
        problems.append(f"dates.months: no name for month(s) {missing}")
    if weekdays and set(weekdays.values()) != set(range(7)):
        missing = sorted(set(range(7)) - set(weekdays.values()))
        problems.append(f"dates.weekdays: no name for day(s) {missing} (0 is Monday)")
    relative: dict[str, tuple[str, int]] = {}
    for key, kind in (("days", "day"), ("weeks", "week"), ("relative_months", "month"),
                      ("relative_years", "year")):
        for phrase, offset in _keyed(sec, key, problems).items():
            relative[phrase] = (kind, offset)
    units: dict[str, str] = {}
    raw_units = sec.get("units") or {}
    if isinstance(raw_units, dict):
        for unit, names in raw_units.items():
            if unit not in ("day", "week", "month", "year"):
                problems.append(f"dates.units.{unit}: use day, week, month or year")
                continue
            for name in [names] if isinstance(names, str) else names:
                units[norm(str(name))] = unit
    order = str(sec.get("numeric_order", "dmy"))
    if order not in ("dmy", "mdy"):
        problems.append(f"dates.numeric_order: {order!r} is not dmy or mdy")
    past_before, past_after = _list(sec, "weekday_past_before", problems), _list(sec, "weekday_past_after", problems)
    next_before, next_after = _list(sec, "weekday_next_before", problems), _list(sec, "weekday_next_after", problems)
    periods = _list(sec, "period_words", problems)
    year_cues = _list(sec, "year_cues", problems)
    ago = _list(sec, "ago", problems)
    numbers = pack.mapping("numbers")
    number_words = [str(w) for w in (numbers.get("words") or {}) if " " not in str(w)]
    number_words += [str(w) for w in (numbers.get("articles") or []) if " " not in str(w)]
    prefixes = _list(sec, "weekday_prefixes", problems)
    day_parts = _list(sec, "day_parts", problems)
    ordinal = _alt(_list(sec, "ordinal_suffixes", problems))
    of = _alt(_list(sec, "day_month_links", problems))
    ambiguous = _list(sec, "ambiguous_months", problems)
    month_cues = _list(sec, "month_cues", problems)
    problems.extend(f"dates.{k}: unknown key (keys: {', '.join(KEYS)})" for k in sec if k not in KEYS)
    if problems:
        raise PackError([f"{pack.tag}: {p}" for p in problems])
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
        regex=re.compile(r"(?:(?<!\w)(?=\w)|(?=\())(?:" + pattern + ")", re.IGNORECASE),
        marker_after=re.compile(rf"\s+(?P<mk>{after})\b", re.IGNORECASE),
        year_after=re.compile(rf"\s+(?P<ry>{_alt([p for p, (u, _) in relative.items() if u == 'year'])})\b",
                              re.IGNORECASE),
        follow=re.compile(rf"\s*(?:{_alt(day_parts)}\b\s*)?,?\s*", re.IGNORECASE),
        months=months, weekdays=weekdays,
        ambiguous=frozenset(norm(w) for w in ambiguous),
        capitalised=str(sec.get("capitalised", "false")).lower() in ("true", "yes"),
        month_first=order == "mdy",
        past=frozenset(norm(w) for w in past_before + past_after),
        future=frozenset(norm(w) for w in next_before + next_after),
        month_cues=frozenset(norm(w) for w in month_cues),
        relative=relative, units=units,
    )
    return rules


def check_dates(pack: Pack) -> list[str]:
    """Every problem of the pack's ``dates`` section (empty when the rules build)."""
    try:
        load_rules(pack)
    except PackError as exc:
        return list(exc.problems)
    return []


def month_names(pack: Pack) -> set[str]:
    """Lower-case month names of the pack (numbers.py uses them to keep day numbers out of counts)."""
    return set(load_rules(pack).months)


def year_cues(pack: Pack) -> set[str]:
    """Lower-case words after which a bare four-digit number is a year."""
    return {norm(w) for w in _list(pack.mapping("dates"), "year_cues", [])}
