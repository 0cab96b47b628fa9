"""What every request is checked for once, before any route reads it: text no service can store in the path's
parameters; a JSON body that parses, is not nested too deeply and holds only storable text.

One place for every service and the portal: webargs, flask-smorest and `request.get_json` each parse the
body on their own, and a string path parameter reaches queries as it is, so the check runs as the app's
`before_request` and answers 4xx naming the field. Query strings and forms go through the shared fields
(shared.web.fields, shared.web.forms), which name the field beside its other problems.
"""
from __future__ import annotations

import functools
import json

from flask import abort, request
from werkzeug.routing import IntegerConverter

from shared.web.errors import ApiError
from shared.web.text import escaped, text_problem
from shared.web.ui import wants_html

MAX_DEPTH = 32  # arrays and objects inside each other; no schema of the network comes near it
DEPTH_MESSAGE = f"Nested too deeply: at most {MAX_DEPTH} levels of arrays and objects."
MAX_PROBLEMS = 20
LARGEST_ROW_ID = 2**63 - 1  # what a 64-bit integer column holds: a larger <int:...> names no row


# Flask's `<int:...>` path parameter, bounded to a row id so that a larger number is 404, not a 500. A partial
# rather than a subclass: the converter stays an IntegerConverter for flask-smorest's OpenAPI and for tests.
row_id_converter = functools.partial(IntegerConverter, max=LARGEST_ROW_ID)


def check_request() -> None:
    """Refuse a path parameter with a NUL (404: it names nothing), a JSON body that does not parse or is nested
    too deeply (400), or one holding a NUL or a lone surrogate (422)."""
    if request.routing_exception is not None:  # no route: the 404 or 405 says more than the input would
        return
    for name, value in (request.view_args or {}).items():
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            if wants_html():
                abort(404)
            raise ApiError(404, "Not found", {name: [problem]})
    if not request.is_json:
        return
    data = request.get_data(cache=True)
    if not data:
        return
    document = parse(data)
    too_deep, texts = problems(document)
    if too_deep is not None:
        raise ApiError(400, DEPTH_MESSAGE, {too_deep: [DEPTH_MESSAGE]})
    if texts:
        raise ApiError(422, "Invalid input", texts)


def parse(data: bytes):
    """The JSON document of a body, or 400 naming the body: every way parsing fails is the client's."""
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:  # deeper than the parser goes
        message = DEPTH_MESSAGE
    except UnicodeDecodeError:
        message = "The body is not UTF-8 text."
    except json.JSONDecodeError as exc:
        message = f"Not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
    except ValueError:  # a number longer than Python converts (4300 digits)
        message = "Not valid JSON: a number has too many digits."
    raise ApiError(400, message, {"json": [message]})


def problems(document) -> tuple[str | None, dict]:
    """The field of the first value nested too deeply (or None), and the unstorable texts by field."""
    texts: dict = {}
    found = 0
    stack: list[tuple[object, tuple]] = [(document, ())]
    while stack and found < MAX_PROBLEMS:
        value, path = stack.pop()
        if isinstance(value, (dict, list)) and len(path) >= MAX_DEPTH:
            return (str(path[0]) if path else "json"), {}
        if isinstance(value, dict):
            for key, item in value.items():
                problem = text_problem(key)
                if problem:
                    _put(texts, (*path, escaped(key)), problem)
                    found += 1
                stack.append((item, (*path, key if not problem else escaped(key))))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                _put(texts, path or ("json",), problem)
                found += 1
    return None, texts


def _put(tree: dict, path: tuple, message: str) -> None:
    """Put a message at a field's path, nested as marshmallow nests its field errors."""
    for part in path[:-1]:
        node = tree.setdefault(part, {})
        if not isinstance(node, dict):  # a key and a value at the same place: keep the first message
            return
        tree = node
    tree.setdefault(path[-1], [])
    if isinstance(tree[path[-1]], list) and message not in tree[path[-1]]:
        tree[path[-1]].append(message)
