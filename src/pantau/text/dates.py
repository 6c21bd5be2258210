"""Date expressions in text, resolved against the publication date, driven by the pack's ``dates``.

``find_dates(text, start, end, pack, published)`` returns every date expression in
``text[start:end]`` as a ``DateMatch`` (offsets into ``text``, ISO date, precision ``day``,
``month`` or ``year``). ``find_dateline(text, pack)`` returns the article's own date near its top.

One regular expression per pack, built from the pack's words, finds candidates; small functions
resolve them. dateparser is used only as a last resort in ``find_dateline`` (short header lines that
no rule reads) and is imported lazily, so importing this module stays cheap.

Pack keys (section ``dates``, an open mapping; values are strings or lists of strings):

``months``
    ``"1"`` … ``"12"`` → names and abbreviations (``Oct``, ``Okt``). ``Jan.`` with a full stop is read too.
``ambiguous_months``
    names that are also common words (``May``, ``March``, ``Jan``): alone, with neither day nor
    year, they count only after a ``month_cues`` word.
``weekdays``
    ``"0"`` (Monday) … ``"6"`` (Sunday) → names.
``capitalised``
    ``"true"``: month and weekday names count only when capitalised (``may`` is a verb,
    ``minggu`` is "week" while ``Minggu`` is Sunday).
``numeric_order``
    ``dmy`` or ``mdy``: how ``13/3`` and ``3/13/2021`` are read when both parts could be a month.
``weekday_prefixes``
    words before a weekday that belong to the expression (``hari`` in ``hari Selasa lalu``).
``ordinal_suffixes``
    letters after a day number (``14th``, ``3rd``).
``day_month_links``
    words between a day and its month (``of`` in ``14th of March``).
``day_parts``
    words that may stand between a weekday and its date (``malam`` in ``Sabtu malam (24/8)``).
``weekday_past_before`` / ``weekday_past_after``
    markers of "the one before" (``last Tuesday``, ``Selasa lalu``): strictly before publication.
``weekday_next_before`` / ``weekday_next_after``
    markers of "the next one" (``next Monday``, ``Senin depan``): strictly after publication.
``month_cues``
    words before a bare month that make it a date (``in June``, ``pada Juni``); not part of the span.
``period_words``
    words before a month that belong to the expression (``early January``, ``akhir Mei``).
``year_cues``
    words after which a bare four-digit number 1800–2099 is a year (``in 2022``, ``pada 2002``);
    ``numbers.py`` uses the same list to keep years out of counts. A year right after a capitalised
    word that does not start the sentence is a year too (``Bom Bali 2002``, ``Piala AFF 2026``).
``days``, ``weeks``, ``relative_months``, ``relative_years``
    offset (``"-1"``, ``"0"``, ``"1"``) → phrases: ``yesterday``/``kemarin``; ``last week``/``pekan lalu``;
    ``last month``; ``last year``/``tahun lalu``.
``ago``, ``units``
    ``N <unit> ago`` (``dua hari lalu``, ``three years ago``): ``units`` maps ``day``/``week``/
    ``month``/``year`` to names; ``N`` is digits, a number word of the ``numbers`` section or one of
    its ``articles`` (``a week ago``).

Resolution rules (``published`` is the article's publication date):

* A full date (``17/11/2021``, ``13 Maret 2025``, ``October 7, 2023``) is itself, precision day.
* A day and month without a year (``(13/3)``, ``Oct 13``, ``Jan. 12``) is the next such day when
  it lies at most ``_AHEAD`` (45) days after ``published`` (announced meetings: "for Aug. 4" in a
  July article), else the most recent one on or before ``published``. A month without a year
  (``early January``, ``pada Juni``) is the most recent such month not after ``published``, except
  the month right after it, which is the coming one ("a strike in late November" in an October
  article). Weekday markers work for months too: ``last March``/``Maret lalu`` is strictly before,
  ``next March``/``November mendatang`` strictly after. Followed by a relative year, a day or
  month takes its year: ``Oktober tahun lalu``, ``13 March last year``.
* A weekday alone (``on Monday``, ``Kamis``) is the most recent such day on or before
  ``published``; with a past marker (``last Tuesday``, ``Selasa lalu``) strictly before it; with a
  next marker strictly after. A weekday followed by a date (``Rabu (17/11/2021)``, ``Kamis (13/3)``,
  ``Friday, October 10``) is that date, and the span covers both.
* ``yesterday``/``today`` give the day. Weeks have no precision of their own: ``last week`` /
  ``pekan lalu`` is the *month* of the day seven days before ``published``; ``this week`` the month
  of ``published``. ``last month`` is a month; ``last year``/``tahun lalu``/``next year`` a year.
* ``N days ago`` is a day; ``N weeks ago`` and ``N months ago`` a month; ``N years ago`` a year.
* Without ``published`` only expressions that carry their own year are returned.
* A reporter-style dateline at a line start (``JERUSALEM/GAZA, Oct 13 (Reuters) -``) dates the
  report, not an event: ``find_dates`` leaves it out and ``find_dateline`` returns it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..lang import Pack
from ..lang.schema import DatesSection, NumbersSection
from .daterules import Rules as _Rules
from .daterules import load_rules as _rules
from .daterules import month_names, year_cues
from .daterules import norm as _norm

__all__ = ["DateMatch", "count_word", "find_dateline", "find_dates", "lead_date", "month_names",
           "shift_date", "year_cues"]

# A day and month without a year up to this many days after publication are read as coming (an
# announced meeting); further ahead, as last year's. The dev articles' future days ("for Aug. 4" in
# a July 29 article) lie within two weeks; past days without a year go back up to eleven months,
# so a past "Jan. 12" recalled in mid-October must stay past: 45 days keeps both.
_AHEAD = 45
_EXPLICIT = ("iso", "num3", "num2", "dmy", "mdy")


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: str  # ISO, partial allowed: "2021-11-16", "2021-11", "2021"
    precision: str  # "day" | "month" | "year"


# --- resolution -----------------------------------------------------------------------------------


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _recent_day(m: int, d: int, published: dt.date | None) -> dt.date | None:
    """The day (month m, day d) a news article means when it gives no year: the next one when it is
    at most ``_AHEAD`` days away (a scheduled meeting "on Aug. 4" in a July article), otherwise the
    most recent one on or before ``published``."""
    if published is None:
        return None
    for year in (published.year, published.year + 1):
        ahead = _day(year, m, d)
        if ahead is not None and published < ahead <= published + dt.timedelta(days=_AHEAD):
            return ahead
    found = _day(published.year, m, d)
    if found is None or found > published:
        found = _day(published.year - 1, m, d)
    return found


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + offset
    return k // 12, k % 12 + 1


def _full_year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _numeric(r: _Rules, a: str, b: str) -> tuple[int, int]:
    """(month, day) from two numeric parts, by the pack's order unless only the other fits."""
    x, y = int(a), int(b)
    if r.month_first:
        return (x, y) if x <= 12 or y > 12 else (y, x)
    return (y, x) if y <= 12 or x > 12 else (x, y)


def _is_name(r: _Rules, text: str) -> bool:
    return not r.capitalised or text[:1].isupper()


def _word_before(text: str, pos: int, floor: int) -> str:
    m = re.search(r"([^\W\d_][\w.-]*)\s*$", text[max(floor, pos - 30):pos])
    return m.group(1).lower() if m else ""


Resolved = tuple[str, str, bool]  # (ISO date, precision, carries its own year)


def _explicit(r: _Rules, m: re.Match[str], published: dt.date | None) -> Resolved | None:
    kind = m.lastgroup
    day: dt.date | None = None
    if kind == "iso":
        day = _day(int(m["iy"]), int(m["im"]), int(m["id"]))
        return (day.isoformat(), "day", True) if day else None
    if kind == "num3":
        month, d = _numeric(r, m["a1"], m["a2"] or m["a2b"])
        day = _day(_full_year(m["a3"] or m["a3b"]), month, d)
        return (day.isoformat(), "day", True) if day else None
    if kind == "num2":
        month, d = _numeric(r, m["b1"], m["b2"])
        day = _recent_day(month, d, published)
        return (day.isoformat(), "day", False) if day else None
    if kind in ("dmy", "mdy"):
        name, dd, y = (m["m1"], m["d1"], m["y1"]) if kind == "dmy" else (m["m2"], m["d2"], m["y2"])
        if not _is_name(r, name):
            return None
        month = r.months[_norm(name)]
        if y:
            day = _day(int(y), month, int(dd))
            return (day.isoformat(), "day", True) if day else None
        day = _recent_day(month, int(dd), published)
        return (day.isoformat(), "day", False) if day else None
    return None


def _resolve(r: _Rules, pack: Pack, text: str, m: re.Match[str], floor: int,
             published: dt.date | None) -> tuple[Resolved, int, int] | None:
    """The date of one candidate and its final span, or None to reject it."""
    kind = m.lastgroup
    start, end = m.span()
    if kind in ("dmy", "mdy", "my") and published is not None and not (m["y1"] or m["y2"] or m["y3"]):
        later = _with_relative_year(r, text, m, published)
        if later is not None:
            return later
    if kind in _EXPLICIT:
        res = _explicit(r, m, published)
        return (res, start, end) if res else None
    if kind == "my":
        name = m["m3"]
        if not _is_name(r, name):
            return None
        month = r.months[_norm(name)]
        if m["y3"]:
            return (f"{int(m['y3']):04d}-{month:02d}", "month", True), start, end
        if published is None:
            return None
        if not m["per"] and (_norm(name) in r.ambiguous or not name[:1].isupper()):
            before = _word_before(text, start, floor)
            if before not in r.month_cues and before not in r.past and before not in r.future \
                    and r.marker_after.match(text, end) is None:
                return None
        after = r.marker_after.match(text, end)
        cue = _norm(after["mk"]) if after else _word_before(text, start, floor)
        if after is not None:
            end = after.end()
        if cue in r.future or (cue not in r.past and month == published.month % 12 + 1):
            year = published.year if month > published.month else published.year + 1  # the coming one
        elif cue in r.past:
            year = published.year if month < published.month else published.year - 1
        else:
            year = published.year if month <= published.month else published.year - 1
        return (f"{year:04d}-{month:02d}", "month", False), start, end
    if kind == "yr":
        return (m["yy"], "year", True), m.start("yy"), end
    if kind == "yrn":
        name = m["yname"]
        first = m.start() == floor or text[max(floor, m.start() - 2):m.start()].rstrip()[-1:] in ".!?\n"
        if not name[:1].isupper() or (first and not (name.isupper() and len(name) > 1)):
            return None
        return (m["yn"], "year", True), m.start("yn"), end
    if kind == "wd":
        if not _is_name(r, m["wn"]):
            return None
        marker = _norm(m["wb"] or m["wa"] or "")
        if not marker:  # a date after the weekday says which one: "Rabu (17/11/2021)"
            dated = _dated_weekday(r, text, end, published)
            if dated is not None:
                return dated[0], start, dated[1]
        if published is None:
            return None
        wanted = r.weekdays[_norm(m["wn"])]
        back = (published.weekday() - wanted) % 7
        if marker in r.past:
            back = back or 7
        elif marker in r.future:
            back = -((wanted - published.weekday()) % 7 or 7)
        return ((published - dt.timedelta(days=back)).isoformat(), "day", False), start, end
    if published is None:
        return None
    if kind == "rel":
        unit, offset = r.relative[_norm(m["rel"])]
        return _offset(published, unit, offset), start, end
    if kind == "ago":
        n = _count(pack, m["agon"])
        if n is None:
            return None
        return _offset(published, r.units[_norm(m["agou"])], -n), start, end
    return None


def _with_relative_year(r: _Rules, text: str, m: re.Match[str],
                        published: dt.date) -> tuple[Resolved, int, int] | None:
    """A day or month followed by a relative year: "Oktober tahun lalu", "13 March last year"."""
    after = r.year_after.match(text, m.end())
    if after is None:
        return None
    name = m["m1"] or m["m2"] or m["m3"]
    if not _is_name(r, name):
        return None
    year = published.year + r.relative[_norm(after["ry"])][1]
    month = r.months[_norm(name)]
    day_text = m["d1"] or m["d2"]
    if day_text:
        day = _day(year, month, int(day_text))
        if day is None:
            return None
        return (day.isoformat(), "day", False), m.start(), after.end()
    return (f"{year:04d}-{month:02d}", "month", False), m.start(), after.end()


def _dated_weekday(r: _Rules, text: str, pos: int, published: dt.date | None) -> tuple[Resolved, int] | None:
    """The explicit date right after a weekday, and where it ends: ``Sabtu malam (24/8)``,
    ``Jumat, 14 Maret 2025``, ``Selasa (20 Mei 2025)``."""
    follow = r.follow.match(text, pos)
    at = follow.end() if follow else pos
    nxt = r.regex.match(text, at)
    paren = False
    if (nxt is None or nxt.lastgroup not in _EXPLICIT) and text.startswith("(", at):
        inner = re.compile(r"\(\s*").match(text, at)
        nxt = r.regex.match(text, inner.end()) if inner else None
        paren = True
    if nxt is None or nxt.lastgroup not in _EXPLICIT:
        return None
    res = _explicit(r, nxt, published)
    if res is None:
        return None
    stop = nxt.end()
    if paren:
        close = re.compile(r"\s*\)").match(text, stop)
        if close is None:
            return None
        stop = close.end()
    return res, stop


def _count(pack: Pack, word: str) -> int | None:
    if word.isdigit():
        return int(word)
    from .numbers import parse_number
    from .tokens import tokenize

    articles = pack.section(NumbersSection).articles or ()
    if word.lower() in {a.lower() for a in articles}:
        return 1  # "a week ago"
    q = parse_number(tokenize(word), pack)
    return q.value if q is not None and not q.approx else None


def _offset(published: dt.date, unit: str, offset: int) -> Resolved:
    if unit == "day":
        return (published + dt.timedelta(days=offset)).isoformat(), "day", False
    if unit == "week":
        day = published + dt.timedelta(days=7 * offset)
        return f"{day.year:04d}-{day.month:02d}", "month", False
    if unit == "month":
        y, mo = _shift_month(published.year, published.month, offset)
        return f"{y:04d}-{mo:02d}", "month", False
    return f"{published.year + offset:04d}", "year", False


def count_word(pack: Pack, word: str) -> int | None:
    """The exact whole number a word writes ("five", "tiga", "12", "a"), or None."""
    return _count(pack, word)


def shift_date(value: str, precision: str, unit: str, count: int) -> tuple[str, str] | None:
    """An ISO day or month (``precision``) moved by ``count`` units, with the precision the move
    leaves, as ``N <unit> ago`` reads: days keep the day, weeks and months give the month, years
    the year. A month moved by days or weeks stays a month (weeks round to months)."""
    try:
        if precision == "month":
            months = count if unit == "month" else 12 * count if unit == "year" else \
                round(count * (7 if unit == "week" else 1) / 30)
            y, mo = _shift_month(int(value[:4]), int(value[5:7]), months)
            return (f"{y:04d}", "year") if unit == "year" else (f"{y:04d}-{mo:02d}", "month")
        date, precision, _ = _offset(dt.date.fromisoformat(value[:10]), unit, count)
        return date, precision
    except ValueError:
        return None


def _scan(text: str, start: int, end: int, pack: Pack, published: dt.date | None,
          anchors: list[int] | None = None) -> list[tuple[DateMatch, bool]]:
    """Every date expression in ``text[start:end]``, left to right. ``anchors``: the offsets, in
    order, of the span's words that name a date or hold a digit (``date_words``). Every expression
    holds one, at most a few words from its start ("this coming Tuesday", "akhir Mei 2025", "in
    2024"): the expression is then tried only from ``LEAD_WORDS`` words before the next anchor, and
    not at all past the last one, instead of at every word of the span. Near an anchor, the
    expression is tried only at the offsets from there to the end of the anchor's word: a search
    that ran on to the end of the sentence cost 60 us, most of a sentence's date reading."""
    r = _rules(pack)
    out: list[tuple[DateMatch, bool]] = []
    pos = start
    while pos < end:
        if anchors is not None:
            k = bisect.bisect_left(anchors, pos)
            if k == len(anchors):
                break
            at = max(pos, _words_back(text, anchors[k], pos, LEAD_WORDS))
            m = _match_from(r, text, at, _word_end(text, anchors[k], end), end)
            if m is None:  # no expression holds this anchor: on to the next one
                pos = max(anchors[k] + 1, pos + 1)
                continue
        else:
            m = r.regex.search(text, pos, end)
            if m is None:
                break
        found = _resolve(r, pack, text, m, start, published)
        if found is None:
            pos = m.start() + 1
            continue
        (date, precision, own_year), s, e = found
        out.append((DateMatch(s, e, text[s:e], date, precision), own_year))
        pos = e
    return out


# How many words before the word that names a date an expression may start: the longest lead the
# patterns allow is two ("this coming Tuesday", "early last week"); one more for safety.
LEAD_WORDS = 3


def _match_from(r: _Rules, text: str, lo: int, hi: int, end: int) -> re.Match[str] | None:
    """The first match of the date expression in ``text[:end]`` that starts in ``[lo, hi]``: what
    ``r.regex.search(text, lo, end)`` finds when it starts there, without searching on past ``hi``.
    It is tried only where it may start (``r.starts``: a word's start or a bracket)."""
    match = r.regex.match
    for start in r.starts.finditer(text, lo, hi + 1):
        m = match(text, start.start(), end)
        if m is not None:
            return m
    return None


def _word_end(text: str, at: int, end: int) -> int:
    """The offset just past the whitespace-separated word that holds offset ``at`` (at most ``end``)."""
    i = at
    while i < end and not text[i].isspace():
        i += 1
    return i


def _words_back(text: str, at: int, floor: int, n: int) -> int:
    """The start of the ``n``-th whitespace-separated word before the one holding offset ``at``,
    not before ``floor``."""
    i = at
    while i > floor and not text[i - 1].isspace():  # the start of the word holding ``at``
        i -= 1
    for _ in range(n):
        while i > floor and text[i - 1].isspace():
            i -= 1
        while i > floor and not text[i - 1].isspace():
            i -= 1
    return i


# The keys whose words name a date by themselves; the rest (cues, markers, suffixes) only join them.
_NAMING_KEYS = ("months", "weekdays", "days", "weeks", "relative_months", "relative_years", "ago", "units")


def date_words(pack: Pack) -> frozenset[str]:
    """The last word of each of the pack's date-naming expressions, lower-cased ("week" of "the
    previous week", "ini" of "hari ini", every month and weekday): a sentence with none of them and
    no digit has no date, and the date expression is not run over it. The words before it in an
    expression ("the", "last", "this") only lead to it, within ``LEAD_WORDS``: taken as anchors
    they would send the expression to nearly every sentence."""
    def words(value: Any) -> list[str]:
        if isinstance(value, str):
            return value.lower().split()[-1:]
        if isinstance(value, dict):
            return [w for v in value.values() for w in words(v)]
        if isinstance(value, (list, tuple)):
            return [w for v in value for w in words(v)]
        return []

    dates = pack.mapping("dates")
    return pack.cached("dates.words", lambda: frozenset(words([dates.get(k) for k in _NAMING_KEYS])))


_JOINED = re.compile(r"[-'’]")


def _date_token(word: str, known: frozenset[str]) -> int:
    """What a token (lower-cased) says of a date: 2, a word of the pack's dates or a digit; 1, such a
    word as a part the tokenizer kept joined to others ("Monday's", "pra-Ramadan"), which the date
    expression sees apart; 0, nothing."""
    if word in known:
        return 2
    if word.isalpha():  # most tokens: a plain word that is no date word
        return 0
    if any(c.isdigit() for c in word):
        return 2
    return 1 if any(part in known for part in _JOINED.split(word)) else 0


def find_dates(text: str, start: int, end: int, pack: Pack,
               published: dt.date | None, tokens: list[Any] | None = None) -> list[DateMatch]:
    """Every date expression in ``text[start:end]``, resolved against ``published``, except a
    reporter-style dateline (``KHARTOUM, Sept 20 (Reuters) -``): it dates the report, not an event
    (``find_dateline`` reads it). Given the span's ``tokens``, a span with no digit and no word of
    the pack's dates is skipped at once, and the others are searched only near such words."""
    anchors = None
    if tokens is not None:
        known = date_words(pack)
        # a plain word that is no date word (most tokens) is told at once, without _date_token
        anchors = [t.start for t in tokens if t.lower in known or (
            not t.lower.isalpha() and _date_token(t.lower, known))]
        if not anchors:  # no date word and no digit, whole or joined: no date
            return []
    return [d for d, _ in _scan(text, start, end, pack, published, anchors)
            if d.precision != "day" or not _reporter_dateline(text, d.start, d.end)]


# A reporter-style dateline: a capitalised place (or places) and a comma at the start of a line,
# then the date, then an agency in brackets and a dash, or just the dash: "JERUSALEM/GAZA, Oct 13
# (Reuters) -". It dates the report, never an event.
_AFTER_DATELINE = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]")
_PLACE_WORDS = 5  # "PORT-AU-PRINCE", "NEW DELHI/ISLAMABAD", "BANGKOK/PHNOM PENH": a few words at most


def _reporter_dateline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].rstrip()
    if not head.endswith(",") or len(head) > 60:
        return False
    place = head[:-1].split(",")[0].strip()
    words = [w for w in re.split(r"[\s/]+", place) if w]
    if not words or len(words) > _PLACE_WORDS or not all(w[:1].isupper() for w in words):
        return False
    return _AFTER_DATELINE.match(text, end) is not None


_DATELINE_CHARS = 600
_HEADER_LINE = 60  # dateparser is tried only on header lines this short...
_HEADER_LINES = 5  # ...among the first this many non-blank lines


def find_dateline(text: str, pack: Pack, published: dt.date | None = None) -> DateMatch | None:
    """The article's own date near its top (first ``_DATELINE_CHARS`` characters).

    The first date that carries its own year at day precision and is not an event's (no month cue
    such as "pada" or "on" before it); or a reporter-style dateline
    (``KHARTOUM, Sept 20 (Reuters) -``), whose missing year comes from ``published``: without
    ``published`` it cannot be resolved and is skipped. Failing both, short header lines are handed
    to dateparser.
    """
    stop = min(len(text), _DATELINE_CHARS)
    for found, own_year in _scan(text, 0, stop, pack, published):
        if found.precision != "day":
            continue
        if _reporter_dateline(text, found.start, found.end):
            return found
        # a date with its year near the top ("Jakarta, Kamis (13/3/2025) -"), not one the lead
        # sentence gives an event ("... bertempur pada Sabtu (11/10/2025) malam": a month cue before it)
        if own_year and not _after_cue(text, found.start, pack):
            return found
    return _dateline_by_dateparser(text, stop, pack, published)


def lead_date(text: str, pack: Pack) -> DateMatch | None:
    """The first date with its own year, at day precision, near the top: what the lead sentence says
    happened ("... ricuh pada Kamis (14/8/2025)"). Not the article's own date, but the best guess at
    it when the article carries none (``find_dateline`` first)."""
    stop = min(len(text), _DATELINE_CHARS)
    return next((found for found, own_year in _scan(text, 0, stop, pack, None)
                 if found.precision == "day" and own_year), None)


def _after_cue(text: str, start: int, pack: Pack) -> bool:
    """The word before a date is one of the pack's month cues ("pada", "on", "in"): an event's date."""
    words = text[max(0, start - 20):start].split()
    return bool(words) and words[-1].lower() in {w.lower() for w in pack.section(DatesSection).month_cues or ()}


def _dateline_by_dateparser(text: str, stop: int, pack: Pack, published: dt.date | None) -> DateMatch | None:
    """Hand the first short header lines with digits to dateparser (whole line, then from its first
    digit on: "Posted 14-Mar-2025 13:05" → "14-Mar-2025 13:05"). A full day, month and year is required."""
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time())
    pos, seen = 0, 0
    for line in text[:stop].split("\n"):
        line_start = pos
        pos += len(line) + 1
        body = line.strip()
        if not body:
            continue
        seen += 1
        if seen > _HEADER_LINES:
            break
        digit = next((k for k, c in enumerate(line) if c.isdigit()), -1)
        if len(body) > _HEADER_LINE or digit < 0:
            continue
        lead = len(line) - len(line.lstrip())
        for a in dict.fromkeys((lead, digit)):
            piece = line[a:].rstrip()
            parsed = _dateparser(piece, pack.tag, settings)
            if parsed is not None:
                return DateMatch(line_start + a, line_start + a + len(piece), piece, parsed.isoformat(), "day")
    return None


def _dateparser(piece: str, tag: str, settings: dict[str, Any]) -> dt.date | None:
    import dateparser  # lazily: importing it costs about a second

    try:
        parsed = dateparser.parse(piece, languages=[tag], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed is not None else None
