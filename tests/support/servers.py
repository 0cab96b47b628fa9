"""Finding (or starting) the PostgreSQL and RabbitMQ servers the tests use."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

HOW_TO = ("Start PostgreSQL (127.0.0.1:5432, user postgres) and RabbitMQ (127.0.0.1:5672, guest/guest), "
          "or set TEST_DATABASE_URL / TEST_AMQP_URL, or install Docker so testcontainers can start them.")


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _docker_available() -> bool:
    try:
        import docker

        docker.from_env().ping()
        return True
    except Exception:
        return False


@dataclass
class PostgresServer:
    """A PostgreSQL server where tests create and drop their own databases."""

    admin_url: str  # postgresql://user@host:port/postgres
    container: object = None

    def _url_for(self, name: str) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))

    def create_database(self) -> str:
        import psycopg

        name = f"kampus_test_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self._url_for(name).replace("postgresql://", "postgresql+psycopg://", 1)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP DATABASE IF EXISTS "{name}_audit" WITH (FORCE)')  # its audit store (shared.audit)

    def close(self) -> None:
        if self.container is not None:
            self.container.stop()


def find_postgres() -> PostgresServer:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return PostgresServer(url.replace("postgresql+psycopg://", "postgresql://"))
    if _port_open("127.0.0.1", 5432):
        return PostgresServer("postgresql://postgres@127.0.0.1:5432/postgres")
    if _docker_available():
        from testcontainers.postgres import PostgresContainer

        container = PostgresContainer("postgres:16", driver=None).start()
        return PostgresServer(container.get_connection_url(), container)
    pytest.fail("No PostgreSQL for the tests. " + HOW_TO, pytrace=False)


@dataclass
class Broker:
    """A RabbitMQ server that tests may stop and start, with a vhost per test."""

    host: str
    port: int
    user: str
    password: str
    ctl: list[str] | None = None  # command prefix that runs rabbitmqctl
    container: object = None
    vhosts: list[str] = field(default_factory=list)

    def url(self, vhost: str, user: str | None = None, password: str | None = None) -> str:
        user = user or self.user
        password = password or self.password
        return f"amqp://{quote(user)}:{quote(password)}@{self.host}:{self.port}/{quote(vhost, safe='')}"

    def rabbitmqctl(self, *args: str, check: bool = True) -> str:
        if self.ctl is None:
            pytest.fail("This test needs rabbitmqctl (a local RabbitMQ or one in Docker). " + HOW_TO, pytrace=False)
        result = subprocess.run([*self.ctl, *args], capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} failed: {result.stderr or result.stdout}")
        return result.stdout

    def create_vhost(self) -> str:
        vhost = f"kampus-test-{uuid.uuid4().hex[:10]}"
        self.rabbitmqctl("add_vhost", vhost)
        self.rabbitmqctl("set_permissions", "-p", vhost, self.user, ".*", ".*", ".*")
        self.vhosts.append(vhost)
        return self.url(vhost)

    def delete_vhost(self, url: str) -> None:
        from urllib.parse import unquote

        vhost = unquote(urlsplit(url).path.lstrip("/"))
        self.rabbitmqctl("delete_vhost", vhost, check=False)
        if vhost in self.vhosts:
            self.vhosts.remove(vhost)

    def add_user(self, vhost_url: str, name: str, password: str) -> str:
        """Create a user with full rights on the vhost of `vhost_url`; returns its URL."""
        from urllib.parse import unquote

        vhost = unquote(urlsplit(vhost_url).path.lstrip("/"))
        self.rabbitmqctl("add_user", name, password, check=False)
        self.rabbitmqctl("change_password", name, password)
        self.rabbitmqctl("set_permissions", "-p", vhost, name, ".*", ".*", ".*")
        return self.url(vhost, name, password)

    def delete_user(self, name: str) -> None:
        self.rabbitmqctl("delete_user", name, check=False)

    def stop(self) -> None:
        """Stop the broker (connections drop, the port closes)."""
        self.rabbitmqctl("stop_app")

    def start(self) -> None:
        self.rabbitmqctl("start_app")
        self.rabbitmqctl("await_startup")
        deadline = time.monotonic() + 60
        while not _port_open(self.host, self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("RabbitMQ did not come back")
            time.sleep(0.2)

    def close(self) -> None:
        for vhost in list(self.vhosts):
            self.rabbitmqctl("delete_vhost", vhost, check=False)
        if self.container is not None:
            self.container.stop()


def find_broker() -> Broker:
    url = os.environ.get("TEST_AMQP_URL")
    ctl = ["rabbitmqctl"] if shutil.which("rabbitmqctl") else None
    if url:
        parts = urlsplit(url)
        return Broker(parts.hostname or "127.0.0.1", parts.port or 5672, parts.username or "guest",
                      parts.password or "guest", ctl)
    if _port_open("127.0.0.1", 5672) and ctl:
        return Broker("127.0.0.1", 5672, "guest", "guest", ctl)
    if _docker_available():
        from testcontainers.rabbitmq import RabbitMqContainer

        container = RabbitMqContainer("rabbitmq:3.13-management").start()
        wrapped = container.get_wrapped_container()
        return Broker(container.get_container_host_ip(), int(container.get_exposed_port(5672)), "guest", "guest",
                      ["docker", "exec", wrapped.id, "rabbitmqctl"], container)
    pytest.fail("No RabbitMQ for the tests. " + HOW_TO, pytrace=False)
