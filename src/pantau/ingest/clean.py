"""Site furniture that survives HTML extraction, removed line by line with pack data.

trafilatura keeps the article body but real pages leak furniture into it: "read also" links,
advertisement labels, share prompts, comment forms, captchas, author lines. ``BoilerplateFilter``
removes such lines from the extracted text using the ``boilerplate`` section of the document's
language pack (of every pack when the language is unknown). A line is compared after collapsing
whitespace and case-folding; the removed lines are kept in ``Cleaned.removed`` (and counted in the
document's ``meta``), so nothing disappears without trace.

Keys of the ``boilerplate`` section (defined in ``lang/schema.py``; every value is a list
of strings unless said otherwise):

``drop_lines``
    Lines that are furniture when they are the whole line, ignoring surrounding punctuation
    ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Bagikan").
``drop_prefixes``
    Lines that start with one of these ("Baca juga:", "Read more:"). The prefix must end at a
    word boundary, and lines longer than ``prefix_max_words`` words are kept (a body paragraph
    may start like a prompt; a prompt is never a paragraph long).
``drop_containing``
    Lines containing one of these anywhere ("Alamat email Anda tidak akan dipublikasikan").
``cut_at_lines``
    Whole lines after which the rest of the text is furniture (a comment form's heading
    "Tinggalkan Balasan", "Leave a Reply"): the line and everything after it are removed.
``author_prefixes``
    Author lines ("Oleh", "By", "Reporter:", "Pewarta:", "Editor:"): a line of at most
    ``author_max_words`` words that starts with one is removed and the rest of it recorded as
    the author when the page gave none.
``line_patterns``
    Regular expressions matched against the whole (normalised) line, for furniture with a
    shape rather than fixed words.
``prefix_max_words``, ``author_max_words``
    Single numbers (defaults 25 and 8) bounding the two rules above.

Language-neutral shapes are mechanism, not words, and live here: an arithmetic captcha
("4 + 4 =", "7 × 2 = ?") and lines of only punctuation or symbols.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..lang import Pack, available_tags, load_pack
from ..lang.schema import BoilerplateSection

_SPACE = re.compile(r"\s+")
_EDGE = " \t:;,.!?*|·•-–—>»«\"'()[]"
_CAPTCHA = re.compile(r"^\d{1,3}\s*[-+x×*÷/]\s*\d{1,3}\s*=\s*[?_.]*\s*\d{0,3}$")
_SYMBOLS = re.compile(r"^[\W_]+$")
_INITIALS = re.compile(r"^\([A-Z]{2,5}(?:/[A-Z]{2,5})*\)$")  # an editor's initials: "(RAG)", "(ANT/AB)"


def normalise(line: str) -> str:
    return _SPACE.sub(" ", line).strip().casefold()


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[str, ...] = ()
    author: str | None = None


@dataclass
class BoilerplateFilter:
    drop_lines: set[str] = field(default_factory=set)
    drop_prefixes: list[str] = field(default_factory=list)
    drop_containing: list[str] = field(default_factory=list)
    cut_at_lines: set[str] = field(default_factory=set)
    author_prefixes: list[str] = field(default_factory=list)
    line_patterns: list[re.Pattern[str]] = field(default_factory=list)
    prefix_max_words: int = 25
    author_max_words: int = 8

    @classmethod
    def from_packs(cls, packs: Iterable[Pack]) -> BoilerplateFilter:
        out = cls()
        for pack in packs:
            section = pack.section(BoilerplateSection)
            out.drop_lines.update(normalise(w).strip(_EDGE) for w in section.drop_lines or ())
            out.cut_at_lines.update(normalise(w).strip(_EDGE) for w in section.cut_at_lines or ())
            out.drop_prefixes.extend(normalise(w) for w in section.drop_prefixes or ())
            out.drop_containing.extend(normalise(w) for w in section.drop_containing or ())
            out.author_prefixes.extend(normalise(w) for w in section.author_prefixes or ())
            out.line_patterns.extend(re.compile(p, re.I) for p in section.line_patterns or ())
            out.prefix_max_words = section.prefix_max_words or out.prefix_max_words
            out.author_max_words = section.author_max_words or out.author_max_words
        # Longest prefixes first, so "reporter:" wins over a shorter overlapping entry.
        out.drop_prefixes.sort(key=len, reverse=True)
        out.author_prefixes.sort(key=len, reverse=True)
        return out

    @staticmethod
    def _starts(line: str, prefix: str) -> bool:
        if not line.startswith(prefix):
            return False
        rest = line[len(prefix):]
        return not rest or not prefix[-1].isalnum() or not rest[0].isalnum()

    def classify(self, line: str) -> str | None:
        """Why ``line`` is furniture (a rule name), or None when it is content."""
        norm = normalise(line)
        bare = norm.strip(_EDGE)
        if not norm:
            return None
        if bare in self.cut_at_lines:
            return "cut"
        if not bare or _SYMBOLS.match(norm):
            return "symbols"
        if bare in self.drop_lines:
            return "line"
        if _INITIALS.match(line.strip()):
            return "initials"
        if _CAPTCHA.match(norm):
            return "captcha"
        words = len(norm.split())
        sentence = words > 3 and norm.endswith(".")  # "By Tuesday, the fighting had stopped."
        if words <= self.author_max_words and not sentence and any(
                self._starts(norm, p) for p in self.author_prefixes):
            return "author"
        if words <= self.prefix_max_words and any(self._starts(norm, p) for p in self.drop_prefixes):
            return "prefix"
        if any(c in norm for c in self.drop_containing):
            return "contains"
        if any(p.fullmatch(norm) for p in self.line_patterns):
            return "pattern"
        return None

    def author_of(self, line: str) -> str | None:
        stripped = _SPACE.sub(" ", line).strip()
        norm = stripped.casefold()
        for p in self.author_prefixes:
            if self._starts(norm, p):
                name = stripped[len(p):].strip(_EDGE)
                return name or None
        return None

    def clean(self, text: str) -> Cleaned:
        kept: list[str] = []
        removed: list[str] = []
        author: str | None = None
        lines = text.splitlines()
        for i, line in enumerate(lines):
            why = self.classify(line)
            if why is None:
                kept.append(line)
                continue
            if why == "cut":
                removed.extend(x for x in lines[i:] if x.strip())
                break
            if why == "author" and author is None:
                author = self.author_of(line)
            removed.append(line)
        return Cleaned("\n".join(kept).strip("\n"), tuple(removed), author)


@cache
def filter_for(lang: str | None) -> BoilerplateFilter:
    """The filter of ``lang``'s pack, or of every pack when the language is unknown or has no pack."""
    tags = available_tags()
    base = lang.split("-")[0].lower() if lang else None
    chosen = [base] if base in tags else tags
    return BoilerplateFilter.from_packs(load_pack(t) for t in chosen)
