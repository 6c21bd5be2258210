"""`pantau langs`: the language packs, their validation and their coverage."""

from __future__ import annotations

from collections.abc import Mapping

import click

from ..errors import PackError


@click.group()
def langs() -> None:
    """List, check and describe the language packs.

    \b
    Example:
      pantau langs list
      pantau langs check
      pantau langs show id
    """


@langs.command("list")
def list_() -> None:
    """One line per pack: tag, name, version, entries.

    \b
    Example:
      pantau langs list
    """
    from ..lang import available_tags, load_pack

    for tag in available_tags():
        try:
            pack = load_pack(tag)
        except PackError as exc:
            click.echo(f"{tag:6} INVALID ({len(exc.problems)} problems; run `pantau langs check`)")
            continue
        n = sum(len(v) for v in pack.sections.values() if isinstance(v, list))
        click.echo(f"{tag:6} {pack.name:12} v{pack.version:4} {n} entries in {len(pack.files)} files")


@langs.command()
def check() -> None:
    """Validate every pack; list every problem at once (exit 3 when there are any).

    \b
    Example:
      pantau langs check
    """
    from ..lang import load_all
    from ..lang.phrases import PhraseIndex

    packs = load_all()
    for tag, pack in packs.items():
        sizes = {s: len(PhraseIndex.of(pack.records(s), pack)) for s in ("events", "claims", "modality", "counts")}
        click.echo(f"{tag}: ok ({', '.join(f'{k} {v} forms' for k, v in sizes.items())})")


@langs.command()
@click.argument("tag")
def show(tag: str) -> None:
    """Coverage of one pack: entries per section, event types and modes covered, examples.

    \b
    Example:
      pantau langs show id
    """
    from ..lang import load_pack
    from ..ontology import load_ontology

    pack = load_pack(tag)
    click.echo(f"{pack.tag}: {pack.name}, version {pack.version}, files: {', '.join(pack.files)}")
    for name, value in sorted(pack.sections.items()):
        if isinstance(value, list):
            click.echo(f"  {name:16} {len(value)} entries")
        elif isinstance(value, Mapping) and name != "meta":
            click.echo(f"  {name:16} {len(value)} keys")
    onto = load_ontology()
    covered: dict[str, set[str]] = {}
    for rec in pack.records("events"):
        covered.setdefault(rec["event"], set()).add(rec.get("mode") or "-")
    click.echo("  event types:")
    for name, et in onto.types.items():
        modes = covered.get(name)
        if not modes:
            click.echo(f"    {name:10} MISSING")
            continue
        missing = [m for m in et.modes if m not in modes]
        click.echo(f"    {name:10} {sum(1 for r in pack.records('events') if r['event'] == name)} triggers"
                   + (f"; modes without a trigger: {', '.join(missing)}" if missing else ""))
