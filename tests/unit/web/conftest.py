"""A minimal Flask app with the shared web front, and a small HTML reader for assertions."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask, g, render_template

from shared.auth import ANONYMOUS, Principal
from shared.auth.policy import public
from shared.web.ui import init_ui

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture
def app() -> Flask:
    """An "intake" app with the UI and two pages; set app.config["TEST_PRINCIPAL"] to sign someone in."""
    app = Flask("ui_test")
    app.config.update(SECRET_KEY="test", TESTING=True, TEST_PRINCIPAL=ANONYMOUS)
    init_ui(app, "intake")

    @app.before_request
    def _sign_in():
        g.principal = app.config["TEST_PRINCIPAL"]

    @app.get("/clients")
    @public
    def clients():
        return render_template("base.html")

    @app.get("/clients/<int:number>")
    @public
    def client(number):
        return render_template("base.html")

    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sign_in(app):
    """sign_in("manager", locale=None): the app's requests come from such a user from now on."""
    def sign_in(*roles: str, locale: str | None = None) -> Principal:
        who = Principal(user_id="u1", username="maija", name="Maija Manageri", organisation="sataedu",
                        roles=frozenset(roles), locale=locale)
        app.config["TEST_PRINCIPAL"] = who
        return who

    return sign_in


@pytest.fixture
def request_as(app):
    """with request_as(principal, "/path", method=..., data=...): a request context to render templates in."""
    @contextmanager
    def request_as(who: Principal = ANONYMOUS, path: str = "/", **kwargs):
        with app.test_request_context(path, **kwargs):
            g.principal = who
            yield

    return request_as


@pytest.fixture
def html():
    """html(text): the parsed document, to query with find/find_all."""
    return parse


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def text(self) -> str:
        return " ".join(" ".join(c.split()) if isinstance(c, str) else c.text for c in self.children).strip()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Descendants by tag and attribute values (an attribute given as True only has to be present)."""
        def matches(el: Element) -> bool:
            if tag is not None and el.tag != tag:
                return False
            for name, value in attrs.items():
                name = name.rstrip("_").replace("_", "-")
                if name not in el.attrs or (value is not True and el.attrs[name] != value):
                    return False
            return True

        return [el for el in self.iter() if matches(el)]

    def find(self, tag: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
