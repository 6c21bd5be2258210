"""Every example in every command's --help runs, as written, in a folder set up like a user's:
the repository's examples and gold, a local site standing in for example.org, a built corpus."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from pantau.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tests"))  # for webserver.free_port

from webserver import free_port  # noqa: E402

SHARED = ROOT.parent / "shared"
GROUPS = {"clusters": ["list", "show", "split", "build", "score"], "langs": ["list", "check", "show"],
          "ceasefires": ["show"]}


def examples() -> list[tuple[str, str]]:
    """(command, example line) in help order; continuation lines joined."""
    runner = CliRunner()
    out: list[tuple[str, str]] = []
    for name in sorted(COMMANDS):
        for args in [[name]] + [[name, sub] for sub in GROUPS.get(name, [])]:
            text = runner.invoke(cli, [*args, "--help"]).output
            block = text.split("Example:", 1)[1] if "Example:" in text else ""
            lines: list[str] = []
            for line in block.splitlines()[1:]:
                if not line.strip():
                    break
                lines.append(line.strip())
            joined = "\n".join(lines).replace("\\\n", " ")
            out += [(" ".join(args), x) for x in joined.splitlines() if (" ".join(args), x) not in out]
    return out


ARTICLE = ("<html lang='en'><head><title>Clash {n}</title></head><body><article><h1>Clash {n}</h1>"
           "<p>Soldiers clashed with gunmen near the northern border crossing on Friday, the army said.</p>"
           "<p>Two soldiers were wounded and {n} suspects were detained after the exchange of fire.</p>"
           "</article></body></html>")


class Site:
    """A local stand-in for example.org: two news pages and a feed of them."""

    def __init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                path = self.path.split("?")[0]
                if path.startswith("/news/"):
                    body, ctype = ARTICLE.format(n=path.rsplit("/", 1)[1]).encode(), "text/html; charset=utf-8"
                elif path == "/rss.xml":
                    items = "".join(f"<item><title>Clash {n}</title><link>{site.base}/news/{n}</link>"
                                    f"<guid>n{n}</guid></item>" for n in (1, 2))
                    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()
                    ctype = "application/rss+xml"
                elif path == "/robots.txt":
                    body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    from pantau.ingest.corpus import build_example_corpus

    top = tmp_path_factory.mktemp("user")
    work = top / "work"
    work.mkdir()
    (top / "shared").symlink_to(shared)
    (work / "examples").symlink_to(ROOT / "examples")
    (work / "tests").mkdir()
    (work / "tests" / "gold").symlink_to(ROOT / "tests" / "gold")
    corpus = build_example_corpus(top / "corpus")
    (work / "news").mkdir()
    for page in corpus.pages[:6]:
        shutil.copy(page.path, work / "news" / page.path.name)  # type: ignore[arg-type]
    shutil.copy(corpus.warc_path, work / "crawl.warc.gz")
    return work


def test_every_help_example_runs(home: Path) -> None:
    site = Site()
    (home / "feeds.txt").write_text(f"{site.base}/rss.xml\n")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PANTAU_STORE_WAIT": "60"}
    ran = []
    first = ("ingest", "extract")  # a user fills a store before querying it
    for command, line in sorted(examples(), key=lambda e: (e[0] not in first, first.index(e[0]) if e[0] in first else 0)):
        line = line.replace("https://example.org", site.base)
        if "c1a2b3..." in line:
            listed = subprocess.run("pantau clusters list --format csv --modality all", shell=True, cwd=home, env=env,
                                    capture_output=True, text=True, check=True).stdout.splitlines()
            line = line.replace("c1a2b3...", listed[1].split(",")[0])
        if "--every" in line and "--store" in line:  # the monitor: one poll, then Ctrl-C ends it cleanly
            proc = subprocess.Popen("exec " + line, shell=True, cwd=home, env=env, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            assert proc.stderr is not None
            said = ""
            while "pantau: poll 1 " not in said and proc.poll() is None:
                said += proc.stderr.readline()
            os.killpg(proc.pid, signal.SIGINT)
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0 and "2 new documents" in said and "stopped;" in err, (line, said + err)
            ran.append(line)
            continue
        if "--every" in line:  # runs until stopped: one poll, then Ctrl-C
            proc = subprocess.Popen("exec " + line, shell=True, cwd=home, env=env, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            deadline = time.monotonic() + 120
            news = home / "news.jsonl"
            while time.monotonic() < deadline and not (news.exists() and news.read_text().count("\n") >= 2):
                time.sleep(0.2)
            os.killpg(proc.pid, signal.SIGINT)
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 130 and "Traceback" not in err and "interrupted" in err, (line, err)
            assert (home / "news.jsonl").read_text().count("\n") == 2
            ran.append(line)
            continue
        if command == "serve":  # serves until stopped: answer one request, then Ctrl-C
            port = free_port()
            line = line.replace("--port 8000", f"--port {port}")
            proc = subprocess.Popen("exec " + line, shell=True, cwd=home, env=env, stderr=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True, start_new_session=True)
            deadline = time.monotonic() + 120
            answer = None
            while time.monotonic() < deadline and answer is None and proc.poll() is None:
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                except httpx.HTTPError:
                    time.sleep(0.2)
            os.killpg(proc.pid, signal.SIGINT)
            out, err = proc.communicate(timeout=60)
            assert answer is not None and answer.status_code == 200 and answer.json()["total"] > 0, (line, out, err)
            assert "Traceback" not in err, (line, err)
            ran.append(line)
            continue
        proc = subprocess.run(line, shell=True, cwd=home, env=env, capture_output=True, text=True, timeout=900)
        # 0 done; 1 done with more rejections than --max-reject-rate (a report, not a failure)
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, (command, line, proc.stderr[-2000:])
        ran.append(line)
    assert len(ran) >= 25 and any(re.search(r"--engine dask", x) for x in ran)
