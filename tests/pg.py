"""A throwaway PostgreSQL cluster for the tests, from Debian's ``postgresql`` package.

Loaded as a pytest plugin by tests/conftest.py. One cluster per test session (per xdist
worker): ``initdb`` into a temp dir, ``pg_ctl start`` on a free 127.0.0.1 port with its socket in
the same dir, stopped and removed at the end. When running as root the server runs as the
``postgres`` system user (PostgreSQL refuses root), which owns the temp dir.

Each test gets a fresh database copied from a template migrated once per session, so a test
on PostgreSQL costs one CREATE DATABASE. When PostgreSQL cannot be started, every test that
needs it FAILS with a sentence saying why: team mode is a product feature, not an optional
extra, so it is never skipped silently.

Tests marked ``postgres`` that use the ``db`` / ``db_url`` fixtures run on both backends.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest

from watchlist.core.db import open_database

PG_USER = "watchlist_test"
# A real password on TCP connections (scram-sha-256), so the tests can check that it never
# reaches logs, messages or exports.
PG_PASSWORD = "pw-9f3b-never-shown"
TEMPLATE_DB = "watchlist_template"
BACKENDS = ("sqlite", "postgresql")
INSTALL_HINT = "install Debian's postgresql package (it is in TEST_DEBIAN_PACKAGES)"


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL could not be started; the message says why and what to do."""


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl (the newest Debian version, else PATH)."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailableError(f"PostgreSQL's initdb was not found; {INSTALL_HINT}.")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running throwaway cluster; ``url(name)`` gives a SQLAlchemy URL for a database."""

    root: Path
    bindir: Path
    port: int
    run_as: str | None
    _admin: psycopg.Connection[tuple[object, ...]] | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres", *, password: str | None = PG_PASSWORD) -> str:
        """A ``postgresql+psycopg`` URL over TCP, with the test password unless told otherwise."""
        auth = f"{PG_USER}:{password}" if password is not None else PG_USER
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def _command(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            self._command(*args), capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = ""
            if self.log_file.exists():
                log = self.log_file.read_text(errors="replace")[-2000:]
            raise PostgresUnavailableError(
                f"'{Path(args[0]).name}' failed (exit {result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-2000:]}\n{log}".strip()
            )

    @classmethod
    def start(cls) -> PostgresCluster:
        """initdb and start a cluster, or raise PostgresUnavailableError saying why."""
        bindir = find_bindir()
        run_as: str | None = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailableError(
                    f"Running as root but there is no 'postgres' system user to run the server; "
                    f"{INSTALL_HINT}."
                ) from None
            run_as = "postgres"
        # The server's user must reach its dir: /tmp is open to all, a root-only TMPDIR is not.
        root = Path(tempfile.mkdtemp(prefix="watchlist-pg-", dir="/tmp" if run_as else None))
        if run_as:
            shutil.chown(root, user=run_as, group=None)
        cluster = cls(root=root, bindir=bindir, port=_free_port(), run_as=run_as)
        try:
            cluster._initdb()
            cluster._start_server()
            cluster._admin = psycopg.connect(cluster.url().replace("+psycopg", ""), autocommit=True)
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _initdb(self) -> None:
        pwfile = self.root / "pwfile"
        pwfile.write_text(PG_PASSWORD + "\n")
        if self.run_as:
            shutil.chown(pwfile, user=self.run_as, group=None)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            PG_USER,
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        pwfile.unlink()

    def _start_server(self) -> None:
        # Durability is irrelevant for a throwaway cluster; speed matters.
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-o",
            options,
        )

    def execute(self, sql: str) -> None:
        """Run one statement as the superuser, outside any transaction."""
        assert self._admin is not None
        self._admin.execute(sql.encode())

    def create_database(self, name: str, *, template: str = "template0") -> str:
        """Create database ``name`` as a copy of ``template``; return its URL."""
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name``, disconnecting anyone still on it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and remove every file of the cluster."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run(
                self._command(
                    str(self.bindir / "pg_ctl"),
                    "stop",
                    "-m",
                    "immediate",
                    "-w",
                    "-D",
                    str(self.data_dir),
                ),
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """The session's PostgreSQL cluster; a test using it fails when PostgreSQL cannot start."""
    cluster: PostgresCluster | None = None
    reason = ""
    try:
        cluster = PostgresCluster.start()
    except (PostgresUnavailableError, OSError, subprocess.SubprocessError, psycopg.Error) as exc:
        reason = str(exc)
    if cluster is None:
        pytest.fail(f"PostgreSQL could not be started for the team-mode tests: {reason}", False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PostgresCluster) -> str:
    """Name of a database migrated to head once per session, copied for each test."""
    database = open_database(pg_cluster.create_database(TEMPLATE_DB))
    database.dispose()
    return TEMPLATE_DB


@pytest.fixture
def pg_database_url(pg_cluster: PostgresCluster, pg_template: str) -> Iterator[str]:
    """URL of a fresh, migrated PostgreSQL database, dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    url = pg_cluster.create_database(name, template=pg_template)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture
def empty_pg_database_url(pg_cluster: PostgresCluster) -> Iterator[str]:
    """URL of a fresh PostgreSQL database with no tables at all."""
    name = f"e_{uuid.uuid4().hex[:16]}"
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """Which backend the ``db`` fixture opens: sqlite unless the test runs on both."""
    return str(getattr(request, "param", "sqlite"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests marked ``postgres`` that use the ``db`` fixtures on both backends."""
    if "db_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("postgres"):
        metafunc.parametrize("db_backend", BACKENDS, indirect=True)
