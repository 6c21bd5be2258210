"""A real PostgreSQL server on loopback for the test session (pytest plugin and helper).

Usage in a conftest or test module::

    pytest_plugins = ["tests.pgserver"]      # or import the fixture

    def test_x(pg_url): ...                  # postgresql://pantau@127.0.0.1:PORT/pantau

The server runs from Debian's ``postgresql`` package (binaries under /usr/lib/postgresql/*/bin).
``initdb`` refuses to run as root, so when the tests run as root the cluster is created and
started as the ``postgres`` user, in a temporary directory that user owns. Authentication is
``md5`` with a password, so the wrong-password test is real. When no PostgreSQL binaries exist the
fixture skips with a reason naming the package to install.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "pantau-test-pw"
SUPERUSER_PASSWORD = "postgres-test-pw"


@dataclass
class PgServer:
    bindir: Path
    datadir: Path
    port: int
    as_user: str | None

    @property
    def url(self) -> str:
        return f"postgresql://pantau:{PASSWORD}@127.0.0.1:{self.port}/pantau"

    def database_url(self, name: str) -> str:
        return f"postgresql://pantau:{PASSWORD}@127.0.0.1:{self.port}/{name}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        env = {**os.environ, "PGPASSWORD": SUPERUSER_PASSWORD}  # for psql as the superuser only
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120, env=env)

    def create_database(self, name: str) -> str:
        """A fresh, empty database owned by the test role; returns its URL."""
        self.run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", "postgres",
                 "-v", "ON_ERROR_STOP=1", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
                 "-c", f'CREATE DATABASE "{name}" OWNER pantau')
        return self.database_url(name)

    def stop(self) -> None:
        """Stop the server and delete its directory."""
        self.run("pg_ctl", "-D", str(self.datadir), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.datadir.parent, ignore_errors=True)


def find_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> PgServer:
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("no PostgreSQL binaries (install Debian's `postgresql` package)")
    as_user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise FileNotFoundError("running as root and no `postgres` user to run initdb as") from None
        as_user = "postgres"
    root = Path(tempfile.mkdtemp(prefix="pantau-pg-"))
    datadir = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(SUPERUSER_PASSWORD + "\n")
    if as_user:
        entry = pwd.getpwnam(as_user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        os.chown(pwfile, entry.pw_uid, entry.pw_gid)
    server = PgServer(bindir=bindir, datadir=datadir, port=free_port(), as_user=as_user)
    server.run("initdb", "-D", str(datadir), "-U", "postgres", "--auth=md5", f"--pwfile={pwfile}",
               "-E", "UTF8", "--locale=C")
    with open(datadir / "postgresql.conf", "a") as conf:
        conf.write(f"\nlisten_addresses = '127.0.0.1'\nport = {server.port}\n"
                   f"unix_socket_directories = '{root}'\nfsync = off\nsynchronous_commit = off\n"
                   "full_page_writes = off\nmax_connections = 50\nshared_buffers = 256MB\n")
    server.run("pg_ctl", "-D", str(datadir), "-l", str(root / "log"), "-w", "-t", "60", "start")
    server.run("psql", "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", "postgres",
               "-v", "ON_ERROR_STOP=1", "-c", f"CREATE ROLE pantau LOGIN PASSWORD '{PASSWORD}' CREATEDB",
               "-c", "CREATE DATABASE pantau OWNER pantau")
    return server


_shared: list[PgServer | str] = []


def shared_server() -> PgServer:
    """One server per test process, however many modules import the fixture; stopped at exit."""
    if not _shared:
        try:
            server = start_server()
        except FileNotFoundError as exc:
            _shared.append(str(exc))
        else:
            _shared.append(server)

            atexit.register(server.stop)
    found = _shared[0]
    if isinstance(found, str):
        pytest.skip(f"PostgreSQL tests skipped: {found}")
    return found


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    yield shared_server()


_counter = iter(range(1_000_000))


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh empty database for one test."""
    return pg_server.create_database(f"t{os.getpid()}_{next(_counter)}_{int(time.time()) % 100000}")
