"""The command line: every command documents a runnable example, bad input never shows a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau.cli import COMMANDS, cli


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pantau", *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output and "pantau " in result.output


def test_every_command_is_in_the_readme(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    missing = [name for name in COMMANDS if f"pantau {name}" not in readme]
    assert not missing, f"README does not mention: {missing}"


def test_extract_jsonl_with_a_malformed_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = {"id": "a1", "text": "Police arrested five protesters in Nairobi on Monday.", "lang": "en",
            "published": "2025-07-08", "extra": "ignored"}
    src.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2", "text": "  "}) + "\n",
                   encoding="utf-8")
    proc = run("extract", str(src), "--no-text")
    assert "Traceback" not in proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [d["rejected"] and d["rejected"]["reason"] for d in lines] == [None, "parse_error", "empty"]
    assert "in.jsonl:2" in lines[1]["rejected"]["detail"]
    assert "text" not in lines[0]
    assert "3 documents" in proc.stderr and "2 rejections" in proc.stderr
    assert proc.returncode == 1  # 2 of 3 rejected is above the default --max-reject-rate of 0.5


def test_extract_reads_stdin_and_summarises() -> None:
    proc = run("extract", "-", "--lang", "en", "--published", "2021-11-17",
               stdin="Armenia and Azerbaijan agreed to a ceasefire on Wednesday.\n")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["lang"] == "en" and doc["published"] == "2021-11-17"
    assert "1 documents" in proc.stderr


def test_usage_error_exits_2() -> None:
    proc = run("extract")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_langs_check_and_show() -> None:
    proc = run("langs", "check")
    assert proc.returncode == 0, proc.stderr
    assert "en: ok" in proc.stdout and "id: ok" in proc.stdout
    shown = run("langs", "show", "id")
    assert "event types:" in shown.stdout
