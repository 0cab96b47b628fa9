"""A browsable page of the service's OpenAPI document, rendered on the server."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template_string

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ spec.info.title }} API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>{{ spec.info.title }} <small>{{ spec.info.version }}</small></h1>
<p>{{ spec.info.get('description', '') }}</p>
<p>Machine-readable: <a href="{{ url_for('api-docs.openapi_json') }}">openapi.json</a></p>
{% for path, ops in spec.get('paths', {}).items() %}
  {% for method, op in ops.items() if method in ('get','post','put','patch','delete') %}
  <section>
    <h2><code>{{ method.upper() }} {{ path }}</code></h2>
    <p>{{ op.get('summary', '') }}</p>
    {% if op.get('parameters') %}<h3>Parameters</h3><ul>
      {% for p in op.parameters -%}
      <li><code>{{ p.name }}</code> ({{ p['in'] }}){% if p.required %} required{% endif %}</li>{% endfor %}
    </ul>{% endif %}
    <h3>Responses</h3><ul>
      {% for code, r in op.get('responses', {}).items() -%}
      <li><code>{{ code }}</code> {{ r.get('description', '') }}</li>{% endfor %}
    </ul>
  </section>
  {% endfor %}
{% endfor %}
{% if spec.get('components', {}).get('schemas') %}<h2>Schemas</h2>
  {% for name, schema in spec.components.schemas.items() %}
  <section><h3 id="{{ name }}">{{ name }}</h3><ul>
    {% for field, prop in schema.get('properties', {}).items() %}
      <li><code>{{ field }}</code>: {{ prop.get('type', prop.get('$ref', '')) }}
        {%- if field in schema.get('required', []) %} (required){% endif %}</li>
    {% endfor %}</ul></section>
  {% endfor %}
{% endif %}
</main></body></html>"""


def docs_blueprint() -> Blueprint:
    bp = Blueprint("apidocs", __name__)

    @bp.get("/api/docs")
    def docs():
        """The OpenAPI document as a readable page."""
        spec = current_app.extensions["kampus_api"].spec.to_dict()
        return render_template_string(PAGE, spec=spec)

    return bp
