"""A worker started again loads the templates an earlier worker of its service compiled (shared.web.template_cache),
and shows the same page; a template changed since is compiled again, and a folder others may write is not used."""
from __future__ import annotations

import os

import pytest
from flask import Flask, render_template_string
from jinja2 import DictLoader

from shared.web import template_cache

PAGE = "<h1>{{ title }}</h1>{% for n in numbers %}<p>{{ n * 2 }}</p>{% endfor %}"


def worker(templates: dict[str, str], folder) -> Flask:
    """A new worker's app: its own template cache, the folder shared with the service's other workers."""
    app = Flask("template_cache_test")
    app.jinja_env.loader = DictLoader(templates)
    assert template_cache.keep_compiled(app, folder)
    return app


def shown(app: Flask, name: str) -> str:
    with app.app_context():
        return app.jinja_env.get_template(name).render(title="Hei", numbers=[1, 2])


def test_a_new_worker_renders_the_page_without_compiling_it(tmp_path, monkeypatch):
    folder = template_cache.folder("reporting", str(tmp_path), 4321)
    first = worker({"page.html": PAGE}, folder)
    assert shown(first, "page.html") == "<h1>Hei</h1><p>2</p><p>4</p>"
    assert len(os.listdir(folder)) == 1 and os.stat(folder).st_mode & 0o777 == 0o700

    second = worker({"page.html": PAGE}, folder)
    monkeypatch.setattr(second.jinja_env, "compile", lambda *a, **k: pytest.fail("compiled again"))
    assert shown(second, "page.html") == "<h1>Hei</h1><p>2</p><p>4</p>"


def test_a_changed_template_is_compiled_again(tmp_path):
    folder = template_cache.folder("reporting", str(tmp_path), 4321)
    assert shown(worker({"page.html": PAGE}, folder), "page.html") == "<h1>Hei</h1><p>2</p><p>4</p>"
    changed = worker({"page.html": PAGE.replace("n * 2", "n * 3")}, folder)
    assert shown(changed, "page.html") == "<h1>Hei</h1><p>3</p><p>6</p>"


def test_a_folder_removed_under_a_worker_fails_no_page(tmp_path):
    import shutil

    folder = template_cache.folder("reporting", str(tmp_path), 4321)
    app = worker({"page.html": PAGE, "other.html": "{{ title }}!"}, folder)
    assert shown(app, "page.html") == "<h1>Hei</h1><p>2</p><p>4</p>"
    shutil.rmtree(folder)  # e.g. by the master's on_exit while this worker still answers
    assert shown(app, "other.html") == "Hei!"  # compiled in the worker, not kept
    assert not folder.exists()


def test_a_folder_that_others_may_write_is_not_used(tmp_path):
    folder = tmp_path / "open"
    folder.mkdir()
    folder.chmod(0o777)
    app = Flask("template_cache_test")
    assert not template_cache.keep_compiled(app, folder)
    assert app.jinja_env.bytecode_cache is None
    with app.app_context():
        assert render_template_string("{{ 1 + 1 }}") == "2"  # compiled as before, in the worker only


def test_each_master_of_each_service_has_its_own_folder(tmp_path):
    base = str(tmp_path)
    assert len({template_cache.folder("reporting", base, 1), template_cache.folder("intake", base, 1),
                template_cache.folder("reporting", base, 2)}) == 3
