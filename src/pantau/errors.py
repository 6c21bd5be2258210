"""Exceptions for failures that stop a run: bad packs, bad settings, unusable stores.

Per-document problems are never exceptions that escape: they become ``Rejection`` data.
Every message ends with what to do next.
"""


class PantauError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with (README lists them)."""

    exit_code = 2


class PackError(PantauError):
    """A language pack failed validation; the message lists every problem."""

    exit_code = 3

    def __init__(self, problems: list[str]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in language packs:\n{lines}\n"
                         "Fix the pack files named above (docs/packs.md describes the format).")

    def __reduce__(self) -> tuple[type["PackError"], tuple[list[str]]]:
        return PackError, (self.problems,)  # raised in a worker process, read in the parent


class SettingsError(PantauError):
    exit_code = 2


class IngestError(PantauError):
    exit_code = 4


class StoreError(PantauError):
    exit_code = 5
