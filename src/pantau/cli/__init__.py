"""The `pantau` command line: a thin adapter over the library (STYLE rule 5).

Commands are registered once, in COMMANDS, as "module:function"; each module is imported only
when its command runs, so `pantau --help` stays fast. Exit codes: 0 success, 1 finished with
rejections above --max-reject-rate, 2 usage error, 3 language pack error, 4 input error,
5 store error.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from ..errors import PantauError

COMMANDS: dict[str, str] = {
    "extract": "pantau.cli.extract:extract",
    "eval": "pantau.cli.evaluate:evaluate",
    "langs": "pantau.cli.langs:langs",
    "demo": "pantau.cli.demo:demo",
    "fetch": "pantau.cli.fetch:fetch",
    "watch": "pantau.cli.fetch:watch",
    "ingest": "pantau.cli.store:ingest",
    "events": "pantau.cli.store:events",
    "stats": "pantau.cli.store:stats",
    "export": "pantau.cli.store:export",
    "clusters": "pantau.cli.store:clusters",
    "ceasefires": "pantau.cli.ceasefires:ceasefires",
    "alerts": "pantau.cli.alerts:alerts",
    "serve": "pantau.cli.serve:serve",
}


JOBS = click.option("--jobs", "-j", type=click.IntRange(1), default=None,
                    help="Worker processes [default: every core]. The output is the same for any number.")


_INPUT = (
    click.option("--follow-symlinks", is_flag=True, help="In folders, also read links that point outside them."),
    click.option("--text-column", help="CSV input: the column with the text [default: text, body, content, notes...]."),
    click.option("--id-column", help="CSV input: the column with the document id [default: id, doc_id...]."),
    click.option("--date-column", help="CSV input: the column with the publication date [default: published, date...]."),
)


def stacked(options: tuple[Any, ...]) -> Any:
    """A decorator applying ``options`` (click options) in their order, as if written one by one."""
    def apply(f: Any) -> Any:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


input_options = stacked(_INPUT)
"""How sources are read, shared by the commands that read them (`extract`, `ingest`)."""


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, target in COMMANDS.items() if _available(target))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _available(target):
            return None
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


def _available(target: str) -> bool:
    module = target.split(":")[0]
    return importlib.util.find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pantau")
def cli() -> None:
    """pantau: news text in English and Indonesian to claims-aware PLOVER event data.

    \b
    Example:
      pantau extract examples/articles.jsonl --no-text
    """


def main(argv: list[str] | None = None) -> Any:
    """Entry point: PantauError becomes one paragraph on stderr and its documented exit code."""
    try:
        return cli.main(args=argv, prog_name="pantau", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("\npantau: interrupted; what was written so far is kept, and running the command again "
                   "goes on from there.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PantauError as exc:
        click.echo(f"pantau: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("\npantau: interrupted; re-run the same command to continue.", err=True)
        sys.exit(130)
    except OSError as exc:  # a path the checks of each command did not foresee: still one line
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(f"pantau: cannot use{where}: {exc.strerror or exc}; check the path and its permissions.",
                   err=True)
        sys.exit(4)
    except Exception as exc:  # a bug: one paragraph, the traceback only on request
        if os.environ.get("PANTAU_DEBUG"):
            raise
        click.echo(f"pantau: internal error ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}). "
                   "Run again with PANTAU_DEBUG=1 to see where, and please report it.", err=True)
        sys.exit(1)
