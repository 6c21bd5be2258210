"""A possessive date names the noun right after it ("Sunday's bombing", "July's election"): that
noun's event takes it, the other events of the sentence do not; and a later mention with its own
date joins the earlier event told with that date, not a nearer one whose date was only inferred."""

from __future__ import annotations

import pantau

# Thursday 2026-02-12
PUBLISHED = "2026-02-12"


def _dates(doc: pantau.Document) -> list[tuple[str, str, str | None]]:
    return [(e.event, e.trigger_text, e.date) for e in doc.events]


def test_a_possessive_date_is_its_nouns_not_the_sentences_other_events() -> None:
    text = ("Gunmen stormed a police station in the town of Kaduna on Monday, killing four officers.\n\n"
            "Police arrested two local commanders over Tuesday's raid on a checkpoint.")
    doc = pantau.extract(text, lang="en", published=PUBLISHED)
    ordered = [e for e in doc.events if e.trigger_text and "arrested" in e.trigger_text]
    assert ordered and all(e.date != "2026-02-10" for e in ordered), _dates(doc)


def test_a_possessive_date_is_not_the_date_of_a_demand_in_its_sentence() -> None:
    text = ("Thousands of nurses marched through Nairobi on Monday, demanding higher pay in next year's budget.")
    doc = pantau.extract(text, lang="en", published=PUBLISHED)
    assert doc.events and all(e.date == "2026-02-09" for e in doc.events), _dates(doc)


def test_a_sentence_whose_only_date_is_possessive_is_still_read() -> None:
    """"Sunday's blast" holds the date joined to its clitic, and no other date word."""
    text = "Sunday's blast wounded six porters at a market."
    doc = pantau.extract(text, lang="en", published=PUBLISHED)
    assert doc.events and doc.events[0].date == "2026-02-08", _dates(doc)


def test_a_dated_mention_joins_the_event_of_its_date() -> None:
    text = ("Militants attacked an army outpost near the border on Sunday, killing five soldiers, the army said.\n\n"
            "Troops pursued the attackers and, the following day, killed three of them in a nearby forest.\n\n"
            "A regional bloc condemned Sunday's attack on the outpost.")
    doc = pantau.extract(text, lang="en", published=PUBLISHED)
    attacks = [(e.trigger_text, e.date) for e in doc.events if e.event == "ASSAULT"]
    assert attacks == [("attacked", "2026-02-08"), ("killed", "2026-02-09")], _dates(doc)
