"""Who: actor mentions in one sentence, coded as ISO3 (or UNO, EUR, IGO, NGO) plus a sector.

Stages, for each sentence:
1. **Atoms.** One token-keyed index per pack (``PhraseIndex``) holds every phrase of the pack's
   `countries`, `institutions`, `titles`, `groups`, `organisations` and `references` sections, the
   known leaders of ``pantau/data/leaders.yaml`` and CLDR country names (Babel, in the pack's language
   and English). Longest matches left to right; a hyphenated token that matches nothing whole is tried
   part by part (``TNI-Polri``, ``Hamas-led``). Names of countries, organisations and persons must be
   capitalised in the text. Persons the document introduced earlier (``DocActors``) match by name.
2. **Chunks.** Adjacent atoms, with the pack's `actor_words.skip` words between them and a linker
   (``of``, ``di``) before a state, join into one actor: a state (country or demonym), a body
   (institution or organisation), a group, a title with ranks and the capitalised name after them.
   ``Kementerian Pertahanan Armenia``, ``Armenia's defence ministry``, ``Thai army spokesman Major
   General Winthai Suvaree`` and ``pengungsi Rohingya`` are one mention each.
3. **Codes.** A chunk's code comes from its state, else its body, else its title, else the known
   person, else the document's main country (``DocActors.default_country``) for generic bodies and
   groups. The sector comes from the title (an office), or the body a `role: of` title speaks for
   (``spokesman``), or the body, group or rank.

A capital used as a metonym (``Kremlin``, ``Washington``) is an actor with sector GOV, except right
after one of the pack's place prepositions (``in Washington``, ``ke Jakarta``): there it is a place,
left to the place finder.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..lang.loader import Pack
from ..lang.phrases import PhraseIndex, SentenceKeys, clitics_of, expand
from ..lang.schema import ActorModifier, ActorWordsSection, PlacesSection, SyntaxSection
from ..ontology import load_ontology
from ..text.tokens import Token, tokenize, words
from .gazetteer import country_names, load_cities

NAME_KINDS = ("country", "organisation", "person")
PACK_SECTIONS = (("organisations", "organisation"), ("institutions", "institution"), ("titles", "title"),
                 ("groups", "group"), ("references", "reference"), ("countries", "country"))
MAX_NAME = 7  # tokens in a personal name after a title (hyphens count)
MAX_MODIFIERS = 2  # modifiers before (or after) a head noun: "unidentified armed men"
DATELINE_TOKENS = 8  # a dateline ends within this many tokens of the text's start
DATELINE_WEIGHT = 1  # a dateline place counts as one mention (foreign news is datelined at bureaus)
DATELINE_ENDS = (",", "(", "-", "—", "–")  # punctuation that ends a dateline ("KHARTOUM, Sept 20")
NON_STATE = ("UNO", "EUR", "IGO", "NGO", "MNC")  # codes that are not a state (ONTOLOGY.md)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    code: str | None
    sector: str | None
    name: str | None
    kind: str  # country | demonym | institution | person | group | organisation | reference
    refers: str | None = None  # for kind == "reference": pair | speaker | subject | previous | self
    generic: bool = False  # a group or body named by its kind only ("police", "residents"): its code
    # is not in the text; the coder gives it the country of the place where the event happened
    protesting: bool = False  # people in a protest: their attack is a riot (ontology recodes)
    kinds: tuple[str, ...] = ()  # references: the kinds of actor they may stand for ("the group": armed, society)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country | institution | title | group | organisation | reference | person
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    sub: str | None = None  # country: name/demonym/capital/metonym; title: office/of/rank; reference: refers
    capital: bool = False  # the text must be capitalised where it is matched
    start: str | None = None  # persons: in office from (ISO date)
    end: str | None = None
    unknown: bool = False  # groups: who they are is unknown ("orang tak dikenal")
    protesting: bool = False  # groups: people in a protest ("protesters", "massa aksi")
    kinds: tuple[str, ...] = ()  # references: the kinds of actor they may stand for


@dataclass(frozen=True, slots=True)
class Person:
    code: str | None
    sector: str | None
    name: str | None


@dataclass
class DocActors:
    """Per-document memory: persons introduced with a title, and the document's country counts."""

    text: str
    published: str | date | None = None
    persons: dict[tuple[str, ...], Person] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    dateline: str | None = None
    dateline_end: int = 0  # offset where the dateline ends; places before it are not actors
    common: set[str] = field(default_factory=set)  # words the document writes in lowercase
    scanned: bool = False
    # the text's tokens and their lookup keys (``keys.tokens``), when the caller has them
    keys: SentenceKeys | None = field(default=None, repr=False, compare=False)
    # the main country and the named ones, worked out once: ``scan`` fills ``counts`` before the
    # first sentence and nothing changes them after, yet every mention asks
    _main: tuple[str | None, frozenset[str]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.published is not None and not isinstance(self.published, str):
            self.published = self.published.isoformat()[:10]  # a date or datetime

    @property
    def default_country(self) -> str | None:
        """The main country: the most mentioned (a dateline place weighs double), ties to the dateline."""
        return self._settled()[0]

    @property
    def named(self) -> frozenset[str]:
        """The countries the document names."""
        return self._settled()[1]

    def _settled(self) -> tuple[str | None, frozenset[str]]:
        if self._main is None:
            self._main = (self._main_country(), frozenset(self.counts))
        return self._main

    def _main_country(self) -> str | None:
        if not self.counts:
            return self.dateline
        best = max(self.counts.values())
        tied = [c for c, n in self.counts.items() if n == best]
        if self.dateline in tied:
            return self.dateline
        return tied[0]

    def remember(self, name_tokens: tuple[str, ...], person: Person) -> None:
        """Make a person findable by full name and by each name part (first come, first kept)."""
        keys = [name_tokens] + [(t,) for t in name_tokens if len(t) >= 3]
        for key in keys:
            self.persons.setdefault(key, person)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    entry: Entry
    cstart: int
    cend: int
    clitic: bool = False
    part: bool = False  # a piece of a hyphenated token


@dataclass(slots=True)
class _Chunk:
    atoms: list[_Atom] = field(default_factory=list)
    state: _Atom | None = None
    body: _Atom | None = None
    group: _Atom | None = None
    title: _Atom | None = None
    ranks: list[_Atom] = field(default_factory=list)
    person: _Atom | None = None
    name: tuple[int, int] | None = None  # token span of a captured name
    lead: _Atom | None = None  # "Hamas-led gunmen": the name before a hyphenated modifier

    @property
    def end(self) -> int:
        return self.name[1] if self.name else self.atoms[-1].end


def load_leaders() -> list[dict[str, Any]]:
    from ..bundled import bundled
    from ..lang.yamlio import load_strict

    data = load_strict(bundled("pantau", "data", "leaders.yaml").read_text(encoding="utf-8"))
    return list((data or {}).get("leaders") or [])


class ActorFinder:
    """Finds actor mentions in one sentence. Build once per pack (``actor_finder``)."""

    def __init__(self, pack: Pack) -> None:
        self.tag = pack.tag
        self.clitics = clitics_of(pack)
        self.index: PhraseIndex[Entry] = PhraseIndex()
        words = pack.section(ActorWordsSection)
        self.linkers = {w.lower() for w in words.linkers or ()}
        self.particles = {w.lower() for w in words.name_particles or ()}
        self.skip = {w.lower() for w in words.skip or ()}
        self.unknown = {w.lower() for w in words.unknown_modifiers or ()}
        # modifiers of a generic head noun ("student protesters", "warga bersenjata"), on the side the
        # language puts them; the unknown modifiers are modifiers too
        self.modifiers: dict[str, str | None] = {w: None for w in self.unknown}
        self.modifiers.update({r.words.lower(): r.sector for r in pack.entries(ActorModifier)})
        self.modifier_after = pack.section(SyntaxSection).modifier_position == "after"
        self.place_preps = {w.lower() for w in pack.section(PlacesSection).prepositions or ()}
        for section, kind in PACK_SECTIONS:
            for rec in pack.records(section):
                self._add_record(rec, kind, pack)
        for rec in load_leaders():
            entry = Entry("person", rec.get("code"), rec.get("sector"), rec.get("name"), rec.get("role"),
                          True, rec.get("start"), rec.get("end"))
            for alias in [rec["name"], *(rec.get("aliases") or [])]:
                self.index.add(alias, entry)
        for name, code in country_names(tuple(dict.fromkeys((pack.tag, "en")))).items():
            self.index.add(name, Entry("country", code, None, name, "name", True))

    def _add_record(self, rec: dict[str, Any], kind: str, pack: Pack) -> None:
        phrase = rec.get("words") or rec.get("lemma")
        if not phrase:
            return
        sub = rec.get("kind") or rec.get("role") or rec.get("refers")
        if kind == "country":
            sub = sub or "name"
        elif kind == "title":
            sub = sub or "office"
        sector = rec.get("sector")
        if kind == "country" and sub in ("capital", "metonym"):
            sector = sector or "GOV"
        capital = kind in NAME_KINDS and phrase[:1].isupper()
        entry = Entry(kind, rec.get("code"), sector, rec.get("name"), sub, capital, unknown=bool(rec.get("unknown")),
                      protesting=bool(rec.get("protesting")), kinds=tuple(rec.get("kinds") or ()))
        if "lemma" in rec:  # a noun with its inflected forms ("worker" → "workers"), by the pack's morphology
            for form in expand(rec, pack):
                self.index.add(form.tokens, entry, cased=form.case)
            return
        self.index.add(phrase, entry, cased=bool(rec.get("case")))

    # --- stage 1 ------------------------------------------------------------------------------

    def _pick(self, values: tuple[Entry, ...], doc: DocActors) -> Entry:
        if len(values) == 1 or values[0].kind != "person":
            return values[0]
        day = str(doc.published or "9999")
        current = [v for v in values if (v.start or "") <= day <= (v.end or "9999")]
        pool = current or list(values)
        return max(pool, key=lambda v: v.start or "")

    def _atoms(self, keys: SentenceKeys, doc: DocActors) -> list[_Atom]:
        toks = keys.tokens
        out: list[_Atom] = []
        taken = 0
        persons = doc.persons
        texts = keys.text
        for i in self.index.starts(keys, upper=bool(persons)):
            if i < taken:
                continue
            hit = self.index.longest(keys, i)
            if hit is not None:
                entry = self._pick(hit.values, doc)
                if entry.kind == "country" and toks[hit.end - 1].end <= doc.dateline_end:
                    taken = hit.end  # "JERUSALEM/GAZA, Oct 13 (Reuters)": the dateline, not an actor
                    continue
                if self._fits_case(entry, keys, i) and not self._other_person(entry, keys, hit.end):
                    end_tok = toks[hit.end - 1]
                    cend = end_tok.start + len(keys.base_text[hit.end - 1]) if hit.clitic else end_tok.end
                    out.append(_Atom(i, hit.end, entry, toks[i].start, cend, hit.clitic))
                    taken = hit.end
                    continue
            person = self._known_person(keys, i, doc) if persons else None
            if person is not None and not self._other_person(person.entry, keys, person.end):
                out.append(person)
                taken = person.end
        for i, word in enumerate(texts):  # hyphenated words whose capitalised parts the tokenizer kept
            if "-" in word and not any(a.start <= i < a.end for a in out) and \
                    any(part[:1].isupper() for part in word.split("-")[1:]):
                out.extend(self._parts(toks[i], i))
                out.sort(key=lambda a: a.start)
        if self.modifiers:
            self._modify(keys, out)
        return out

    def _modify(self, keys: SentenceKeys, atoms: list[_Atom]) -> None:
        """A generic head noun takes the pack's modifiers next to it into its mention ("armed
        residents", "student protesters", "massa bersenjata"); a modifier with a sector gives it."""
        toks = keys.tokens
        generic = ("group", "institution")
        # a one-word group that is also a modifier ("resistance", "militia") joins the head noun
        # beside it: "resistance forces" is one mention of rebel fighters, not two groups
        word_atoms = {a.start: a for a in atoms if a.end - a.start == 1 and a.entry.kind in generic
                      and not a.entry.code and keys.low[a.start] in self.modifiers}
        taken = {i for a in atoms for i in range(a.start, a.end)} - set(word_atoms)
        absorbed: set[int] = set()
        for a in atoms:
            if a.entry.kind not in generic or a.entry.code or a.part or a.clitic or id(a) in absorbed:
                continue
            sector = None
            if self.modifier_after:
                j = a.end
                while j < len(keys) and j - a.end < MAX_MODIFIERS and j not in taken and keys.low[j] in self.modifiers:
                    sector = sector or self.modifiers[keys.low[j]]
                    j += 1
                if j > a.end:
                    absorbed.update(id(word_atoms[k]) for k in range(a.end, j) if k in word_atoms)
                    a.end, a.cend = j, toks[j - 1].end
            else:
                j = a.start
                while j > 0 and a.start - j < MAX_MODIFIERS and j - 1 not in taken and keys.low[j - 1] in self.modifiers:
                    j -= 1
                    sector = sector or self.modifiers[keys.low[j]]
                if j < a.start:
                    absorbed.update(id(word_atoms[k]) for k in range(j, a.start) if k in word_atoms)
                    a.start, a.cstart = j, toks[j].start
            if sector is not None:
                a.entry = replace(a.entry, sector=sector)
            if a.end - a.start > 1:  # what a head noun took is no other head's modifier
                taken.update(range(a.start, a.end))
        if absorbed:
            atoms[:] = [a for a in atoms if id(a) not in absorbed]

    def _other_person(self, entry: Entry, keys: SentenceKeys, end: int) -> bool:
        """A known person's short alias followed by another capitalised name ("Asif Shahzad") is
        someone else."""
        if entry.kind != "person" or end >= len(keys) or keys.clitic[end - 1]:
            return False
        nxt = keys.tokens[end].text
        return nxt[:1].isupper() and nxt.isalpha() and self.index.longest(keys, end) is None

    @staticmethod
    def _fits_case(entry: Entry, keys: SentenceKeys, i: int) -> bool:
        """Names must be capitalised; a generic group capitalised inside a run of capitalised words
        is part of a name ("Hostages Square"), not the group."""
        upper = keys.tokens[i].text[:1].isupper()
        if entry.capital:
            return upper
        if entry.kind == "group" and upper and i > 0:
            return not keys.tokens[i - 1].text[:1].isupper()
        return True

    def _known_person(self, keys: SentenceKeys, i: int, doc: DocActors) -> _Atom | None:
        if not doc.persons or not keys.tokens[i].text[:1].isupper():
            return None
        toks = keys.tokens
        for length in (3, 2, 1):
            if i + length > len(keys):
                continue
            key = (*keys.low[i:i + length - 1], keys.base[i + length - 1])
            person = doc.persons.get(key) or doc.persons.get(tuple(keys.low[i:i + length]))
            if person is not None:
                last = i + length - 1
                clitic = keys.clitic[last] and key[-1] != keys.low[last]
                cend = toks[last].start + len(keys.base_text[last]) if clitic else toks[last].end
                entry = Entry("person", person.code, person.sector, person.name, "office", True)
                return _Atom(i, i + length, entry, toks[i].start, cend, clitic)
        return None

    def _parts(self, tok: Token, i: int) -> list[_Atom]:
        out = []
        offset = tok.start
        for piece in tok.text.split("-"):
            sub = tokenize(piece)
            if sub:
                keys = SentenceKeys([Token(s.text, s.start + offset, s.end + offset, s.lower) for s in sub], clitics=self.clitics)
                hit = self.index.longest(keys, 0)
                if hit is not None and hit.end == len(keys):
                    entry = hit.values[0]
                    if piece[:1].isupper():  # "Hamas-led", "TNI-Polri"; never "co-chair"
                        out.append(_Atom(i, i + 1, entry, offset, offset + len(piece), part=True))
            offset += len(piece) + 1
        return out

    # --- stage 2 ------------------------------------------------------------------------------

    def _joinable(self, chunk: _Chunk, atom: _Atom, keys: SentenceKeys) -> bool:
        last = chunk.atoms[-1]
        if last.part or atom.part or chunk.name is not None or chunk.person is not None:
            return False
        kind = atom.entry.kind
        first = chunk.atoms[0].entry.kind
        if "reference" in (kind, first):
            return False
        gap = keys.low[last.end:atom.start]
        # "the European Union's foreign affairs spokesperson": a possessor reaches its title over two
        # lowercase modifiers, and nothing else over any gap
        possessed = last.clitic and bool(gap)
        if possessed and not (kind == "title" and len(gap) <= MAX_MODIFIERS and all(
                keys.text[k][:1].islower() and keys.text[k].isalpha() for k in range(last.end, atom.start))):
            return False
        state_like = kind == "country" or (kind in ("institution", "organisation") and atom.entry.code)
        # "a spokesperson for the Israeli military": a title that speaks for a body reaches it too
        spoken_for = kind in ("institution", "organisation") and chunk.body is None and \
            chunk.title is not None and chunk.title.entry.sub == "of"
        for word in () if possessed else gap:
            if word in self.skip or (word in self.linkers and (spoken_for or chunk.state is None and state_like)):
                continue
            return False
        if kind == "country":
            return chunk.state is None and atom.entry.sub not in ("capital", "metonym")
        generic = not atom.entry.code and kind in ("institution", "group")
        if generic and any(not a.entry.code and a.entry.kind in ("institution", "group") for a in chunk.atoms):
            return False  # two generic words are two actors ("rebel positions", "reporters ... forces")
        if kind in ("institution", "organisation"):
            if chunk.body is None:
                return True
            # "the news agency Interfax": a named body replaces a generic one without a state;
            # "Houthi military", "Hamas armed wing": a generic body of a named one
            body = chunk.body.entry
            return (kind == "organisation" and body.kind == "institution" and not body.code
                    and chunk.state is None) or (
                kind == "institution" and body.kind == "organisation" and not atom.entry.code
                and chunk.group is None and chunk.title is None)
        if kind == "title":
            if atom.entry.sub == "rank":
                return True
            return chunk.title is None and not chunk.ranks
        if kind == "group":
            return chunk.group is None and chunk.title is None and not chunk.ranks
        if kind == "person":
            return chunk.title is not None or bool(chunk.ranks)
        return False

    def _add(self, chunk: _Chunk, atom: _Atom) -> None:
        chunk.atoms.append(atom)
        kind = atom.entry.kind
        if kind == "country":
            chunk.state = atom
        elif kind == "institution" and chunk.body is not None and chunk.body.entry.kind == "organisation":
            chunk.group = atom  # a generic body of a named one gives the sector
        elif kind in ("institution", "organisation"):
            chunk.body = atom
        elif kind == "group":
            chunk.group = atom
        elif kind == "title":
            if atom.entry.sub == "rank":
                chunk.ranks.append(atom)
            else:
                chunk.title = atom
        elif kind == "person":
            chunk.person = atom

    def _capture_name(self, chunk: _Chunk, keys: SentenceKeys, atoms: list[_Atom], k: int,
                      common: set[str]) -> int:
        """The capitalised name after a title or rank (``Presiden Rusia Vladimir Putin``); known
        persons inside it are part of it. Returns the index of the first atom after the name."""
        last = chunk.atoms[-1]
        if chunk.person is not None or (chunk.title is None and not chunk.ranks) or last.clitic:
            return k
        toks = keys.tokens
        i = end = last.end
        limit = len(toks)
        for atom in atoms[k:]:
            if atom.entry.kind != "person":
                limit = atom.start
                break
        while i < limit and i - last.end < MAX_NAME:
            word = toks[i].text
            # a capitalised word the document also writes in lowercase is a common word of a
            # title-case headline ("Presiden Tinjau Lokasi Banjir"), not part of a name
            if word[:1].isupper() and word[:1].isalpha() and keys.low[i] not in common:
                i += 1
                end = i
                if keys.clitic[i - 1]:
                    break
            elif keys.low[i] in self.particles or (word == "-" and end == i and i + 1 < limit):
                i += 1
            else:
                break
        if end > last.end:
            chunk.name = (last.end, end)
            while k < len(atoms) and atoms[k].start < end:
                k += 1
        return k

    def _chunks(self, keys: SentenceKeys, atoms: list[_Atom], common: set[str]) -> list[_Chunk]:
        chunks: list[_Chunk] = []
        k = 0
        while k < len(atoms):
            chunk = _Chunk()
            self._add(chunk, atoms[k])
            k += 1
            while k < len(atoms) and self._joinable(chunk, atoms[k], keys):
                self._add(chunk, atoms[k])
                k += 1
            self._find_lead(chunk, keys, chunks)
            k = self._capture_name(chunk, keys, atoms, k, common)
            while k < len(atoms) and self._reopens(chunk, atoms[k], keys):
                # "Kepala Satgas Humas Operasi Damai Cartenz Kombes Pol Arief": the capitalised words
                # were the name of a unit, the body or rank after them leads to the person
                chunk.name = None
                self._add(chunk, atoms[k])
                k += 1
                while k < len(atoms) and self._joinable(chunk, atoms[k], keys):
                    self._add(chunk, atoms[k])
                    k += 1
                k = self._capture_name(chunk, keys, atoms, k, common)
            chunks.append(chunk)
        return chunks

    def _named_state(self, body: _Atom, state: _Atom | None) -> bool:
        """A national body's short name with another country written beside it, where the
        language puts a modifier ("Kemenlu China": China's foreign ministry, though "Kemenlu"
        alone is Indonesia's): the country named wins. An international body keeps its code
        ("UNICEF Indonesia" is UNICEF's office)."""
        if state is None or not body.entry.code or body.entry.code in load_ontology().org_codes:
            return False
        beside = state.start == body.end if self.modifier_after else state.end == body.start
        return beside and state.entry.code != body.entry.code

    @staticmethod
    def _find_lead(chunk: _Chunk, keys: SentenceKeys, chunks: list[_Chunk]) -> None:
        """``Hamas-led gunmen``, ``Pakistan-based militants``: a generic group or body right after
        "<name>-<word>" belongs to that name's state."""
        first = chunk.atoms[0]
        if not chunks or first.entry.kind not in ("group", "institution") or first.entry.code:
            return
        prev = chunks[-1].atoms[-1]
        at = prev.end
        if prev.entry.code and first.start == at + 2 and keys.text[at] == "-" and keys.text[at + 1].islower():
            chunk.lead = prev

    def _reopens(self, chunk: _Chunk, atom: _Atom, keys: SentenceKeys) -> bool:
        if chunk.name is None or atom.part:
            return False
        gap = atom.start - chunk.name[1]
        if gap == 0 and atom.entry.kind == "title" and atom.entry.sub == "rank":
            return True
        # "Kepala Komite Hubungan Luar Negeri di parlemen Armenia": the head of a unit of a body
        linked = gap == 1 and (keys.low[chunk.name[1]] in self.linkers or
                               keys.low[chunk.name[1]] in self.place_preps)
        return (gap == 0 or linked) and atom.entry.kind in ("organisation", "institution") and \
            chunk.body is None and chunk.title is not None and chunk.title.entry.sub == "of"

    @staticmethod
    def _merge_parentheses(keys: SentenceKeys, atoms: list[_Atom]) -> list[_Atom]:
        """``Rapid Support Forces (RSF)``: an acronym in brackets after its body is one atom."""
        out: list[_Atom] = []
        for atom in atoms:
            if out and not atom.part and not out[-1].part:
                prev = out[-1]
                if atom.start == prev.end + 1 and keys.text[prev.end] == "(" and atom.end < len(keys) and \
                        keys.text[atom.end] == ")" and atom.entry.kind == prev.entry.kind and \
                        atom.entry.code == prev.entry.code:
                    prev.end = atom.end + 1
                    prev.cend = keys.tokens[atom.end].end
                    continue
            out.append(atom)
        return out

    # --- stage 3 ------------------------------------------------------------------------------

    def _mention(self, text: str, keys: SentenceKeys, chunk: _Chunk, doc: DocActors) -> Mention | None:
        first, last = chunk.atoms[0], chunk.atoms[-1]
        start = first.cstart
        if chunk.name:
            j = chunk.name[1] - 1  # "Netanyahu's office": the name ends before the clitic
            end = keys.tokens[j].start + len(keys.base_text[j]) if keys.clitic[j] else keys.tokens[j].end
        else:
            end = last.cend
        tok_end = chunk.end
        state, body, group, title = chunk.state, chunk.body, chunk.group, chunk.title
        person = chunk.person
        name: str | None = None
        span = chunk.name
        if span is not None:
            name = text[keys.tokens[span[0]].start:end]
        if first.entry.kind == "reference":
            return Mention(start, end, text[start:end], first.start, tok_end, None, None, None,
                           "reference", first.entry.sub, kinds=first.entry.kinds)
        leader: Entry | None = None
        if span is not None:
            hit = self.index.longest(SentenceKeys(list(keys.tokens[span[0]:span[1]]), clitics=self.clitics), 0)
            if hit is not None and hit.values[0].kind == "person":
                leader = self._pick(hit.values, doc)
        elif person is not None:
            leader = person.entry
        codes = [state.entry.code if state else chunk.lead.entry.code if chunk.lead else None]
        if body is not None and body.entry.kind == "organisation" and not self._named_state(body, state):
            codes.insert(0, body.entry.code)
        elif body is not None:
            codes.append(body.entry.code)
        codes += [group.entry.code if group else None, title.entry.code if title else None,
                  leader.code if leader else None]
        code = next((c for c in codes if c), None)
        if title is not None and len(chunk.atoms) == 1 and name is None and \
                keys.text[first.start][:1].isupper() and first.start > 0 and \
                (keys.text[first.start - 1][:1].isupper() or keys.text[first.start - 1] == "-"):
            return None  # a title word inside a name: "Galaxy Leader", "Sharm el-Sheikh"
        if title is not None or chunk.ranks or person is not None or name is not None:
            kind = "person"
            if title is not None and title.entry.sub == "of" and (body or group):
                sector = (body or group).entry.sector if (body or group) else None  # type: ignore[union-attr]
            elif title is not None:
                sector = title.entry.sector
            elif person is not None:
                sector = person.entry.sector
            elif body is not None:
                sector = body.entry.sector
            else:
                sector = chunk.ranks[0].entry.sector
            if leader is not None and title is None and not chunk.ranks:
                sector = leader.sector
            name = name or (leader.name if leader else None) or (title.entry.name if title else None)
            if name is None and body is not None:
                name = body.entry.name
        elif body is not None:
            kind = body.entry.kind
            sector = group.entry.sector if group and body.entry.kind == "organisation" else body.entry.sector
            name = body.entry.name
        elif group is not None:
            kind, sector, name = "group", group.entry.sector, group.entry.name
        elif state is not None:
            kind = "demonym" if state.entry.sub == "demonym" else "country"
            sector, name = state.entry.sector, state.entry.name
            if state.entry.sub in ("capital", "metonym") and self.is_place(keys, first.start, tok_end):
                return None  # "in Washington", "in Somalia's capital Mogadishu": a place
        else:
            return None
        generic = code is None and kind in ("institution", "group")
        if generic and kind == "group" and group is not None and (
                group.entry.unknown or any(keys.low[k] in self.unknown for k in range(max(0, first.start - 1), tok_end))):
            # "unidentified gunmen", "orang tak dikenal": nobody knows whose they are (ANNOTATION.md)
            return Mention(start, end, text[start:end], first.start, tok_end, None, sector, name, kind)
        if code is None and kind in ("institution", "group", "person"):
            code = doc.default_country
        if kind == "person" and name is not None and chunk.name is not None:
            doc.remember(tuple(keys.low[chunk.name[0]:chunk.name[1]]), Person(code, sector, name))
        elif kind == "person" and person is not None and person.entry.kind == "person" and person.end - person.start > 1:
            # a person the packs know by full name ("Khawaja Asif") is "Asif" later in the story too
            doc.remember(tuple(keys.low[person.start:person.end]), Person(code, sector, person.entry.name))
        return Mention(start, end, text[start:end], first.start, tok_end, code, sector, name, kind, generic=generic,
                       protesting=group is not None and group.entry.protesting)

    def is_place(self, keys: SentenceKeys, i: int, end: int) -> bool:
        """A capital or seat of government at tokens [i, end) names a place, not its government:
        after a place preposition (within three tokens), or set off by a comma before it and
        punctuation or a possessive after it ("Gedung DPR, Jakarta, Senin", "Washington, Manila's
        ally"; "Within hours, New Delhi accused" is the government)."""
        apposed = i > 0 and keys.text[i - 1] == "," and (
            end >= len(keys.text) or not keys.text[end][:1].isalnum() or bool(keys.clitic[end - 1]))
        governed = any(keys.low[j] in self.place_preps and "," not in keys.text[j + 1:i] for j in range(max(0, i - 3), i))
        return apposed or governed  # "Within hours, New Delhi accused": the comma ends the preposition's phrase

    # --- per document -------------------------------------------------------------------------

    def scan(self, doc: DocActors) -> None:
        """Count the document's state mentions (countries, demonyms, capitals, and named bodies and
        persons of one state; news agencies aside) and read its dateline (once per document)."""
        doc.scanned = True
        text = doc.text
        line_end = text.find("\n")
        tokens = doc.keys.tokens if doc.keys is not None else None
        head = _head(text, line_end if line_end >= 0 else min(len(text), 200), tokens)
        at = next((k for k, t in enumerate(head) if t.text in DATELINE_ENDS and (
            t.text != "-" or (t.start > 0 and text[t.start - 1].isspace()))), None)  # not "PORT-AU-PRINCE"
        stop = head[at] if at else None
        # a dateline is a run of capitalised place names at the very start ("NEW DELHI/ISLAMABAD,",
        # "PORT-AU-PRINCE,"); a town the actor packs do not know is looked up among GeoNames cities
        if stop is not None and all(t.text[:1].isupper() or t.text in "/-" for t in head[:at]):
            doc.dateline_end = stop.start
            keys = SentenceKeys(head[:at], clitics=self.clitics)
            for hit in self.index.scan(keys):
                entry = hit.values[0]
                if entry.kind == "country" and entry.code:
                    doc.dateline = doc.dateline or entry.code
                    doc.counts[entry.code] += DATELINE_WEIGHT
            if doc.dateline is None and at:
                city = load_cities().longest(keys, 0)
                if city is not None and city.end == at:
                    biggest = max(city.values, key=lambda c: c.population)
                    if biggest.country:
                        doc.dateline = biggest.country
                        doc.counts[biggest.country] += DATELINE_WEIGHT
        if doc.keys is not None:
            skip = next((k for k, t in enumerate(doc.keys.tokens) if t.start >= doc.dateline_end), doc.keys.n)
            keys = doc.keys.slice(skip, doc.keys.n)
            texts = keys.text
        else:
            texts = words(text[doc.dateline_end:])
            keys = SentenceKeys([], texts, self.clitics)
        doc.common = {w for w in texts if w.islower()}
        for hit in self.index.scan(keys, capitalised=True):
            entry = self._pick(hit.values, doc)
            if entry.code and entry.code not in NON_STATE and entry.sector != "JRN" and \
                    entry.kind in ("country", "organisation", "person") and texts[hit.start][:1].isupper():
                doc.counts[entry.code] += 1
        doc._main = None  # the counts are complete: worked out again at the next question

    def find(self, text: str, tokens: list[Token], doc: DocActors, keys: SentenceKeys | None = None) -> list[Mention]:
        """Non-overlapping actor mentions in one sentence (``tokens`` are that sentence's tokens;
        ``keys``, their lookup keys when the caller has them)."""
        if not doc.scanned:
            self.scan(doc)
        if not tokens:
            return []
        keys = keys if keys is not None else SentenceKeys(tokens, clitics=self.clitics)
        out = []
        for chunk in self._chunks(keys, self._merge_parentheses(keys, self._atoms(keys, doc)), doc.common):
            mention = self._mention(text, keys, chunk, doc)
            if mention is not None:
                out.append(mention)
        return out


def _head(text: str, bound: int, tokens: list[Token] | None) -> list[Token]:
    """The first ``DATELINE_TOKENS`` tokens of ``text[:bound]``: taken from the document's tokens
    when it has them (a token that ends by ``bound`` is the same token there), tokenised again only
    when one of them runs past ``bound`` and would be cut."""
    if tokens is not None:
        first = tokens[:DATELINE_TOKENS]
        if not any(t.end > bound for t in first):
            return first
    return tokenize(text, 0, bound)[:DATELINE_TOKENS]


def actor_finder(pack: Pack) -> ActorFinder:
    """The pack's actor finder, built once and kept in ``pack.cache``."""
    return pack.cached("actor_finder", lambda: ActorFinder(pack))
