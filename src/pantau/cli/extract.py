"""`pantau extract`: documents in, JSON Lines of events out (OUTPUT.md)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from typing import IO, NamedTuple

import click

from .. import extract_sources
from ..model import Document
from ..settings import Options
from . import JOBS, input_options
from .paths import output_file

PROGRESS_EVERY = 0.2  # seconds between updates of the terminal progress line


class Line(NamedTuple):
    """One output line, in pieces (``Document.json_parts``, then the newline), and what the run's
    summary counts of it."""

    parts: list[str]
    events: int
    rejected: str | None  # the rejection's reason


def render_line(doc: Document, include_text: bool) -> Line:
    """A coded document as its output line: run by the worker that coded it (``pantau.parallel``)."""
    return Line([*doc.json_parts(include_text=include_text), "\n"], len(doc.events),
                None if doc.rejected is None else doc.rejected.reason)


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    events: int = 0
    rejections: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def add(self, line: Line) -> None:
        self.documents += 1
        self.events += line.events
        if line.rejected is not None:
            self.rejections += 1
            self.reasons[line.rejected] = self.reasons.get(line.rejected, 0) + 1

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def reject_rate(self) -> float:
        return self.rejections / self.documents if self.documents else 0.0

    def line(self) -> str:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items()))
        return (f"pantau: {self.documents} documents, {self.events} events, {self.rejections} rejections"
                f"{f' ({reasons})' if reasons else ''}, {self.seconds:.2f} s")


def write_jsonl(lines: Iterator[Line], out: IO[str], summary: RunSummary) -> None:
    """Write each document's JSON line; on a terminal, keep a live count on stderr.

    Inputs are streamed (a feed or a WARC has no known length), so the progress line counts
    documents, events and rejections rather than showing a percentage."""
    live = sys.stderr.isatty()
    shown = 0.0
    for line in lines:
        summary.add(line)
        out.writelines(line.parts)
        if live and time.perf_counter() - shown > PROGRESS_EVERY:
            shown = time.perf_counter()
            sys.stderr.write(f"\rextracting: {summary.documents} documents, {summary.events} events, "
                             f"{summary.rejections} rejections, {summary.seconds:.0f} s ")
            sys.stderr.flush()
    if live and shown:
        sys.stderr.write("\r\033[K")


@click.command()
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--no-text", is_flag=True, help="Leave the document text out of the output.")
@click.option("--lang", help="Force this language (BCP 47 tag, e.g. id) instead of detecting it.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents that carry none.")
@click.option("--format", "fmt", default="auto", show_default=True,
              help="Input format (auto, text, jsonl, html, rss, warc...).")
@click.option("--keep-duplicates", is_flag=True, help="Keep near-duplicate documents instead of rejecting them.")
@click.option("--max-reject-rate", type=float, default=None,
              help="Exit 1 when more than this share of documents is rejected [default: 0.5].")
@input_options
@click.option("--fetch-links", is_flag=True, help="Feeds: fetch the page of each entry that carries only a link.")
@JOBS
def extract(sources: tuple[str, ...], output: str | None, no_text: bool, lang: str | None, published: str | None,
            fmt: str, keep_duplicates: bool, max_reject_rate: float | None, follow_symlinks: bool,
            fetch_links: bool, text_column: str | None, id_column: str | None, date_column: str | None,
            jobs: int | None) -> None:
    """Extract events from articles: .txt files, .jsonl records, HTML, feeds, WARC, or - for stdin.

    JSON Lines records need `text`; `id`, `lang`, `published`, `title`, `url` are used when present
    and other fields are ignored, so gold files are valid input. One output line per document, in
    input order; documents that cannot be processed carry `rejected` with a reason.

    \b
    Example:
      pantau extract examples/articles.jsonl --no-text -o events.jsonl
      echo "Armenia and Azerbaijan agreed to a ceasefire on Wednesday." | pantau extract - --lang en
      pantau extract examples/articles.jsonl --jobs 2 -o events.jsonl

    Exit codes: 0 done, 1 done but more than --max-reject-rate of the documents were rejected,
    2 usage error (a message says what to fix).
    """
    if not sources:
        raise click.UsageError("give at least one PATH, or - to read standard input.")
    output_file(output, "--output")
    if published is not None:
        from ..ingest.plain import iso_date

        if iso_date(published) is None:
            raise click.BadParameter(f"{published!r} is not a date; write it as 2025-07-08.", param_hint="--published")
    options = Options.from_env(lang=lang, published=published, include_text=not no_text or None,
                               keep_duplicates=keep_duplicates or None, max_reject_rate=max_reject_rate,
                               follow_symlinks=follow_symlinks or None, fetch_links=fetch_links or None,
                               text_column=text_column,
                               id_column=id_column, date_column=date_column)
    if no_text:
        options = options.with_(include_text=False)
    summary = RunSummary()
    target = open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)  # noqa: SIM115
    with target as out:
        lines = extract_sources(list(sources), options=options, fmt=fmt, jobs=jobs,
                                render=partial(render_line, include_text=options.include_text))
        write_jsonl(lines, out, summary)
    click.echo(summary.line(), err=True)
    if summary.reject_rate > options.max_reject_rate:
        click.echo(f"pantau: {summary.reject_rate:.0%} of documents were rejected (limit "
                   f"{options.max_reject_rate:.0%}); see the `rejected` field of each output line.", err=True)
        sys.exit(1)
