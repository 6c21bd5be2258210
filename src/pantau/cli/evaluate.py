"""`pantau eval`: extract gold documents and score them (OUTPUT.md "Gold files and scoring")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..errors import PantauError
from . import JOBS


def load_gold(paths: tuple[str, ...]) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in paths:
        p = Path(path)
        if not p.is_file():
            raise click.UsageError(f"no gold file {path!r}: give paths to gold JSON Lines files.")
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PantauError(f"{path}:{n} is not valid JSON ({exc.msg}); fix or remove that line.") from None
            if not isinstance(doc, dict) or "id" not in doc or "text" not in doc or "events" not in doc:
                raise PantauError(f"{path}:{n} is not a gold document (needs id, text, events; see OUTPUT.md).")
            docs.append(doc)
    return docs


def run_eval(gold: list[dict[str, Any]], jobs: int | None = 1) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Extract every gold document and score; returns (result, system documents)."""
    from functools import partial

    from .. import extract_many
    from ..evaluation import score
    from ..model import Document
    from ..settings import Options

    records = [{"id": d["id"], "text": d["text"], "lang": d.get("lang"), "published": d.get("published"),
                "title": d.get("title"), "url": d.get("url")} for d in gold]
    system = list(extract_many(records, options=Options(), jobs=jobs, render=partial(Document.to_dict, include_text=False)))
    return score(gold, system), system


@click.command()
@click.argument("gold", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--misses", is_flag=True, help="Also list missed gold events and spurious system events.")
@click.option("--errors", "show_errors", is_flag=True,
              help="Also list, for matched events, each wrong field with its sentence, grouped by field.")
@click.option("--system-output", type=click.Path(dir_okay=False), help="Also write the system output here.")
@JOBS
def evaluate(gold: tuple[str, ...], as_json: bool, misses: bool, show_errors: bool, system_output: str | None,
             jobs: int | None) -> None:
    """Extract the documents of gold files and score the events against the gold.

    Scoring follows OUTPUT.md exactly (the same numbers as shared/tools/score_gold.py): relaxed and
    strict precision, recall and F1 overall, per language and per event type, and field accuracy
    on relaxed matches. Gold events that carry an ``acled`` classification (short single-event
    notes) add an ACLED report: notes with no typed prediction, event-type and sub-type accuracy,
    fatalities exact.

    \b
    Example:
      pantau eval ../shared/eval/dev/*.jsonl
      pantau eval tests/gold/project-id.jsonl --misses
      pantau eval tests/gold/notes-en.jsonl --errors
    """
    from ..evaluation import format_errors, format_table

    docs = load_gold(gold)
    result, system = run_eval(docs, jobs=jobs)
    if system_output:
        with open(system_output, "w", encoding="utf-8") as f:
            for d in system:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    listed = result.pop("misses")
    wrong = result.pop("errors")
    if as_json:
        if misses:
            result["misses"] = listed
        if show_errors:
            result["errors"] = wrong
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(format_table(result))
    if misses:
        click.echo("misses:")
        for m in listed:
            what = m.get("gold") or m.get("system") or {}
            brief = {k: what.get(k) for k in ("event", "mode", "actor", "recipient", "claimant", "modality",
                                              "evidence", "trigger") if what.get(k) not in (None, [], {})}
            click.echo(f"  {m['doc']} {m['kind']:8} {json.dumps(brief, ensure_ascii=False)}")
    if show_errors:
        click.echo("wrong fields on matched events:")
        click.echo(format_errors(wrong))
