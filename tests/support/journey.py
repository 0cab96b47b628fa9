"""A person's journey through the site in a real browser, with checks on every page it reaches.

`Walk` wraps a Playwright page. Each time the journey arrives at a page (`arrive`), it checks that
- the page is in the journey's language (`<html lang>`),
- axe-core (vendored, WCAG 2.1 A/AA) finds no violation and no "needs review" result outside the allow-list
  (tests/e2e/axe_allowlist.toml),
- the page does not scroll sideways on a 390 × 844 phone (the same page, resized and back to 1280 px),
- no visible label calls a required control optional.
A form is checked with `refuse`: it is sent empty and with invalid values (the browser's own validation off,
so that the server's messages are what is seen), and every refused field must carry a readable message in the
page's language beside it (the field's error element, named by its aria-describedby).
Failures are collected, not raised, so that one run reports every defect of a journey; `assert_clean` ends it.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests/support/vendor/axe-core/axe.min.js"
ALLOWLIST = ROOT / "tests/e2e/axe_allowlist.toml"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The words a label uses to say a field is optional (the catalogue's sv is "frivilligt").
OPTIONAL = {"fi": ["vapaaehtoinen", "ei pakollinen"], "sv": ["valfri", "frivillig"], "en": ["optional"]}
LANGUAGE_BUTTON = "header form.language-switch button[name=lang][value={lang}]"
SCREENSHOTS_ENV = "KAMPUS_GUIDE_SCREENSHOTS"
FIRST = "\x00first"  # send(): the first real option of a select or radio group

AXE_RUN = """async tags => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations', 'incomplete'], elementRef: true});
  // Each node's own selector, and its ancestry (tag[role]) for the allow-list: axe's selector may be short.
  const chain = el => { const out = []; for (let e = el; e && e.tagName; e = e.parentElement)
    out.unshift(e.tagName.toLowerCase() + (e.getAttribute('role') ? `[role=${e.getAttribute('role')}]` : ''));
    return out.join(' > '); };
  const pick = list => list.map(x => ({id: x.id, help: x.help,
     nodes: x.nodes.map(n => ({target: n.target.join(' '), chain: n.element ? chain(n.element) : '',
                               html: n.html.slice(0, 160)}))}));
  return {violations: pick(r.violations), incomplete: pick(r.incomplete)};
}"""

# Visible labels and legends that say "optional", with whether their control is marked required.
OPTIONAL_LABELS = """words => {
  const out = [];
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  for (const label of document.querySelectorAll('main label, main legend')) {
    const text = label.innerText.toLowerCase();
    if (!visible(label) || !words.some(w => text.includes(w))) continue;
    let controls = [];
    if (label.tagName === 'LEGEND') controls = [...label.parentElement.querySelectorAll('input, select, textarea')];
    else if (label.control) controls = [label.control];
    const required = controls.some(c => c.required || c.getAttribute('aria-required') === 'true');
    out.push({text: label.innerText.trim(), name: controls.length ? controls[0].name : '', required});
  }
  return out;
}"""

# Every control of a form marked invalid, with the text of the elements its aria-describedby names.
FIELD_ERRORS = """form => {
  const out = [];
  const seen = new Set();
  for (const c of form.querySelectorAll('[aria-invalid=true]')) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const holder = c.closest('fieldset[aria-describedby]') || c;
    const ids = (holder.getAttribute('aria-describedby') || c.getAttribute('aria-describedby') || '').split(/\\s+/);
    const errors = ids.filter(i => i.endsWith('-error')).map(i => document.getElementById(i)).filter(Boolean);
    const visible = errors.some(e => !!(e.offsetWidth || e.offsetHeight));
    out.push({name: c.name, error: errors.map(e => e.innerText.replace(/\\s+/g, ' ').trim()).join(' '), visible});
  }
  return out;
}"""


# Empty a form as a person starting over would; the browser's own validation off (the server's messages count).
CLEAR = """f => {
  f.noValidate = true;
  for (const e of f.elements) {
    if (e.type === 'checkbox' || e.type === 'radio') e.checked = false;
    else if (e.tagName === 'SELECT') { if (e.options[0] && e.options[0].value === '') e.selectedIndex = 0; }
    else if (!['hidden', 'submit', 'button', 'fieldset'].includes(e.type)) e.value = '';
  }
}"""


@cache
def allowlist() -> list[dict]:
    """The justified "needs review" results axe may report: rule id, selector pattern, reason."""
    entries = tomllib.loads(ALLOWLIST.read_text(encoding="utf-8")).get("incomplete", [])
    for entry in entries:
        assert entry.get("rule") and entry.get("selector") and entry.get("reason", "").strip(), entry
    return entries


@cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;true"


def allowed(rule: str, target: str, chain: str = "") -> bool:
    """Whether the allow-list accepts this result: its pattern found in axe's selector or the node's ancestry
    (e.g. "html > body > main > figure > svg[role=img] > text")."""
    return any(e["rule"] == rule and (re.search(e["selector"], target) or re.search(e["selector"], chain))
               for e in allowlist())


@cache
def catalogue_strings() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The English source strings of every message catalogue (ours and WTForms'), and each language's
    translations: a message that is an English source on a Finnish page was not translated."""
    import wtforms
    from babel.messages.pofile import read_po

    sources: set[str] = set()
    translated: dict[str, set[str]] = {"fi": set(), "sv": set()}
    folders = [*ROOT.glob("shared/translations"), *ROOT.glob("services/*/translations"),
               Path(wtforms.__file__).parent / "locale"]
    for folder in folders:
        for lang in ("fi", "sv"):
            po = folder / lang / "LC_MESSAGES" / ("wtforms.po" if "wtforms" in str(folder) else "messages.po")
            if not po.exists():
                continue
            with po.open("rb") as handle:
                catalogue = read_po(handle)
            for message in catalogue:
                if not message.id:
                    continue
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strs = message.string if isinstance(message.string, tuple) else (message.string,)
                sources.update(i for i in ids if "%" not in i and "{" not in i)
                translated[lang].update(s for s in strs if s)
    return frozenset(sources), {k: frozenset(v) for k, v in translated.items()}


def wrong_language(text: str, lang: str) -> bool:
    """True when `text` is a catalogue's English source on a Finnish or Swedish page, or a Finnish or Swedish
    translation on an English page."""
    sources, translated = catalogue_strings()
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]
    for part in parts:
        if lang in ("fi", "sv") and part in sources and part not in translated[lang]:
            return True
        if lang == "en" and part not in sources and any(part in translated[other] for other in ("fi", "sv")):
            return True
    return False


@dataclass
class Walk:
    """One journey of one person in one language; `failures` collects what is wrong on the way."""

    page: object
    server: str
    lang: str
    role: str
    failures: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    scanned: set[str] = field(default_factory=set)

    # -- moving -------------------------------------------------------------------------------------------
    def start(self, username: str) -> None:
        """From the front page: choose the language with its button, then log in with the login form."""
        self.page.goto(self.server + "/")
        self.arrive(lang="fi")  # the browser asks for Finnish: the site's first language until one is chosen
        if self.lang != "fi":
            with self.page.expect_navigation():
                self.page.locator(LANGUAGE_BUTTON.format(lang=self.lang)).click()
            self.arrive()
        self.page.locator("main form input[name=username]").fill(username)
        self.page.locator("main form input[name=password]").fill("demo")
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").click()
        self.arrive()

    def follow(self, href: str, within: str = "main", nth: int = 0, text: str | None = None) -> None:
        """Click the `nth` link in `within` whose address matches the regular expression `href` (and whose text
        is `text`, when given: a name from the data, the same in every language)."""
        links = self.page.locator(f"{within} a[href]")
        hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        texts = links.evaluate_all("els => els.map(e => e.innerText.trim())")
        matching = [i for i, h in enumerate(hrefs) if re.search(href, h or "") and text in (None, texts[i])]
        assert len(matching) > (nth if nth >= 0 else -nth - 1), \
            f"{self.where()}: no link to {href!r} in {within} (links: {hrefs[:30]})"
        with self.page.expect_navigation():
            links.nth(matching[nth]).click()
        self.arrive()

    def nav(self, href: str) -> None:
        """Follow the main navigation (the menu) to `href`."""
        self.follow(href, within="nav.site-nav")

    def click(self, locator) -> None:
        """Click a button that loads a page (a form's button)."""
        with self.page.expect_navigation():
            locator.click()
        self.arrive()

    def where(self) -> str:
        return f"[{self.role}/{self.lang}] {urlsplit(self.page.url).path}"

    def fail(self, text: str) -> None:
        line = f"{self.where()}: {text}"
        if line not in self.failures:
            self.failures.append(line)

    # -- checks on arrival --------------------------------------------------------------------------------
    def arrive(self, lang: str | None = None) -> None:
        self.page.wait_for_load_state()
        self.visited.append(urlsplit(self.page.url).path)
        shown = self.page.locator("html").get_attribute("lang")
        if shown != (lang or self.lang):
            self.fail(f"the page's language is {shown!r}, not {lang or self.lang!r}")
        self.scan()
        self.fits_a_phone()
        self.no_required_field_is_optional()

    def scan(self) -> None:
        """axe-core with the WCAG 2.1 A/AA rules: no violation, no needs-review result outside the allow-list."""
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the site's Content-Security-Policy does not govern
            # (a <script> tag would be refused, rightly), so the page's own policy stays as it is.
            self.page.evaluate(axe_source())
        result = self.page.evaluate(AXE_RUN, WCAG)
        path = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<id>", urlsplit(self.page.url).path)
        for kind in ("violations", "incomplete"):
            for rule in result[kind]:
                targets = [n["target"] for n in rule["nodes"]
                           if kind == "violations" or not allowed(rule["id"], n["target"], n["chain"])]
                key = f"{kind}:{rule['id']}:{path}"
                if not targets or key in self.scanned:
                    continue
                self.scanned.add(key)
                word = "violation" if kind == "violations" else "needs review (not in the allow-list)"
                more = f" and {len(targets) - 2} more" if len(targets) > 2 else ""
                self.fail(f"axe {word} {rule['id']} ({rule['help']}) at {' | '.join(targets[:2])}{more}")

    def fits_a_phone(self) -> None:
        self.page.set_viewport_size(PHONE)
        try:
            wide = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if wide[0] > wide[1]:
                self.fail(f"scrolls sideways on a 390 px phone (document {wide[0]} px wide)")
        finally:
            self.page.set_viewport_size(DESKTOP)

    def no_required_field_is_optional(self, refused: set[str] = frozenset()) -> None:
        for label in self.page.evaluate(OPTIONAL_LABELS, OPTIONAL[self.lang]):
            if label["required"] or (label["name"] and label["name"] in refused):
                self.fail(f"the label {label['text']!r} says optional, but the field {label['name']!r} is required")

    # -- forms ----------------------------------------------------------------------------------------------
    def form(self, form: str, valid: dict[str, str | bool], invalid: dict[str, str] | None = None, *,
             empty_is_valid: bool = False, expect_empty: set[str] | None = None,
             expect_invalid: set[str] | None = None, button: str = "button[type=submit]") -> None:
        """Use the form `form` (a selector) as a person who gets it wrong first:
        1. sent empty: refused with a message beside a field (those in `expect_empty` among them) — or, for a
           form whose every field is optional (`empty_is_valid`), accepted without a message;
        2. sent with the `valid` values except the `invalid` ones: refused beside the invalid fields
           (`expect_invalid`, by default every field in `invalid`);
        3. sent with the `valid` values: accepted (the journey goes on from the page it leads to).
        A value per control name; FIRST chooses the first real option of a select or radio group; True/False
        ticks a checkbox. The browser's own validation is off, so that the server's messages are what is seen."""
        if empty_is_valid:
            self._send(form, {}, button)
            refused = self._messages(form)
            if refused:
                self.fail(f"the form {form!r} has no required field but refuses it empty: {refused}")
            self.arrive()
            if self.page.locator(form).count() == 0:  # saved and taken elsewhere: back to the form, as with Back
                self.page.go_back()
                self.arrive()
        else:
            self._refused(form, {}, button, expect_empty or set())
        if invalid:
            self._refused(form, {**valid, **invalid}, button, expect_invalid or set(invalid))
        self._send(form, valid, button)
        refused = self._messages(form)
        assert not refused, f"{self.where()}: the form {form!r} refused a valid entry {valid}: {refused}"
        self.arrive()

    def _fill(self, locator, values: dict[str, str | bool]) -> None:
        locator.evaluate(CLEAR)  # what the page or an earlier attempt left in the form
        for name, value in values.items():
            control = locator.locator(f"[name='{name}']")
            kind = control.first.evaluate("e => e.type")
            if kind in ("radio", "checkbox") and value == FIRST:
                control.first.check()
            elif kind == "checkbox" and isinstance(value, str):  # one of a group, by the words of its label
                locator.get_by_label(value, exact=False).first.check()
            elif kind == "checkbox":
                control.first.set_checked(bool(value))
            elif kind == "radio":
                locator.locator(f"[name='{name}'][value='{value}']").check()
            elif kind.startswith("select"):
                if value == FIRST:
                    options = control.first.evaluate("s => [...s.options].map(o => o.value)")
                    control.first.select_option(next(o for o in options if o))
                else:  # an option's value, or words of its text (a name from the data)
                    options = control.first.evaluate("s => [...s.options].map(o => [o.value, o.text])")
                    control.first.select_option(next((v for v, t in options if value in (v, t) or value in t), value))
            else:  # set directly: a date or number control would otherwise refuse to take an invalid value
                control.first.evaluate("(e, v) => { e.value = v; }", str(value))

    def _send(self, form: str, values: dict[str, str | bool], button: str) -> None:
        locator = self.page.locator(form).first
        assert locator.count(), f"{self.where()}: no form {form!r}"
        self._fill(locator, values)
        with self.page.expect_navigation():
            locator.locator(button).last.click()
        self.page.wait_for_load_state()

    def _messages(self, form: str) -> list[dict]:
        """The fields of the form (as the page now shows it) marked invalid, with the messages beside them."""
        shown = self.page.locator(form).first
        return shown.evaluate(FIELD_ERRORS) if shown.count() else []

    def _refused(self, form: str, values: dict[str, str | bool], button: str, expect: set[str]) -> None:
        what = ("values " + ", ".join(f"{k}={str(v)[:20]!r}" for k, v in values.items())) if values else "empty"
        self._send(form, values, button)
        if self.page.locator(form).count() == 0:
            self.fail(f"the form sent {what} was accepted (no form {form!r} after sending)")
            self.arrive()
            return
        errors = self._messages(form)
        if not errors:
            self.fail(f"the form sent {what} shows no message beside any field")
        for error in errors:
            if not error["error"] or not error["visible"]:
                self.fail(f"the field {error['name']!r} is marked invalid ({what}) without a visible message "
                          "beside it (aria-describedby → …-error)")
            elif wrong_language(error["error"], self.lang) or re.search(r"%\(|\{\w+\}|\.:", error["error"]):
                self.fail(f"the message beside {error['name']!r} is not readable {self.lang}: {error['error']!r}")
        refused = {e["name"] for e in errors}
        missing = expect - refused
        if missing:
            self.fail(f"the form sent {what} gives no message beside {sorted(missing)} (refused: {sorted(refused)})")
        if not values:
            self.no_required_field_is_optional(refused)
        self.arrive()

    # -- pictures for the user guide -------------------------------------------------------------------------
    def picture(self, name: str, phone: bool = False) -> None:
        """Save a screenshot for docs/guide/img when KAMPUS_GUIDE_SCREENSHOTS names the folder (Finnish only)."""
        folder = os.environ.get(SCREENSHOTS_ENV)
        if not folder or self.lang != "fi":
            return
        target = Path(folder)
        if not target.is_absolute():
            target = ROOT / target
        target.mkdir(parents=True, exist_ok=True)
        if phone:
            self.page.set_viewport_size(PHONE)
        try:
            self.page.screenshot(path=str(target / f"{name}.png"), full_page=not phone)
        finally:
            self.page.set_viewport_size(DESKTOP)

    def assert_clean(self) -> None:
        assert not self.failures, (f"{len(self.failures)} problems on the {self.role} journey in {self.lang} "
                                   f"({len(self.visited)} pages):\n" + "\n".join(self.failures))
