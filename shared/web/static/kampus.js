/* Sosiaalinen kampus: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  /* Move focus to a form's error summary so screen reader and keyboard users hear it first. */
  function focusErrorSummary(scope) {
    var summary = (scope || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  /* The menu button (narrow screens): folds the header's tools and the navigation behind one button.
     Without this script the button stays hidden and everything stays open. */
  function setUpMenu() {
    var button = document.querySelector(".site-menu-toggle");
    if (!button) {
      return;
    }
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("menu-open", open);
    }
    button.hidden = false;
    root.classList.add("js-menu");
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* The name of a table for its scroll region: its caption, else the nearest heading before it. */
  function tableLabel(table) {
    if (table.caption && table.caption.textContent.trim()) {
      return table.caption.textContent.trim();
    }
    for (var node = table; node && node !== document.body; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        var heading = /^H[1-6]$/.test(prev.tagName) ? prev : prev.querySelector("h1, h2, h3, h4, h5, h6");
        if (heading && heading.textContent.trim()) {
          return heading.textContent.trim();
        }
      }
    }
    return document.title;
  }

  /* The text of an element that shows on the screen (not its visually hidden parts), in one line. */
  function visibleText(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".visually-hidden").forEach(function (hidden) {
      hidden.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* Tables whose rows become cards on a narrow screen (class table-cards, see kampus.css): every body cell
     gets its column's name (data-label) to show above it, and every part its table role, which a block
     display would otherwise take from screen readers. */
  function labelCardTables(scope) {
    (scope || document).querySelectorAll("table.table-cards").forEach(function (table) {
      var names = [];
      var head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (head) {
        Array.prototype.forEach.call(head.cells, function (cell) {
          for (var span = 0; span < (cell.colSpan || 1); span++) {
            names.push(visibleText(cell));
          }
        });
      }
      table.setAttribute("role", "table");
      Array.prototype.forEach.call(table.children, function (group) {
        if (/^T(HEAD|BODY|FOOT)$/.test(group.tagName)) {
          group.setAttribute("role", "rowgroup");
        }
      });
      Array.prototype.forEach.call(table.rows, function (row) {
        var inHead = row.parentElement === table.tHead;
        var column = 0;
        row.setAttribute("role", "row");
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (inHead) {
            cell.setAttribute("role", "columnheader");
          } else if (cell.tagName === "TH") {
            cell.setAttribute("role", "rowheader");
          } else {
            cell.setAttribute("role", "cell");
            if (names[column]) {
              cell.setAttribute("data-label", names[column]);
            }
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }

  /* Data tables scroll inside their own box, never the whole page; the box is a named region that takes
     keyboard focus (to scroll with the arrow keys) only while it has something to scroll. */
  function wrapTables(scope) {
    labelCardTables(scope);
    (scope || document).querySelectorAll("main table").forEach(function (table) {
      if (table.parentElement.classList.contains("table-scroll")) {
        return;
      }
      var box = document.createElement("div");
      box.className = "table-scroll";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", tableLabel(table));
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
    updateScrollFocus();
  }

  function updateScrollFocus() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }

  /* The header's notification counter, kept current without reloading: server-sent events from the
     portal's stream; when no stream is free (or the browser has none), a poll of the count. Both carry the
     login's cookie also where the portal has an origin of its own (it answers the network's origins). A new
     notification also shows a short message (a toast) linking to where the thing is done. */
  function setUpNotifications() {
    var counter = document.querySelector("[data-notify-stream]");
    if (!counter) {
      return;
    }
    var count = counter.querySelector("[data-notify-count]");
    var toasts = document.querySelector("[data-toasts]");
    var pollSeconds = parseInt(counter.getAttribute("data-notify-poll-seconds"), 10) || 20;
    var latest = null;  /* the newest notification this page has seen; null: no state yet */
    var pollTimer = null;

    function toast(item) {
      var box = document.createElement("p");
      box.className = "toast";
      var anchor = document.createElement("a");
      anchor.href = counter.href;
      anchor.textContent = item.text;
      box.appendChild(anchor);
      toasts.appendChild(box);
      window.setTimeout(function () {
        box.remove();
      }, 10000);
    }

    function show(state) {
      count.textContent = String(state.unread);
      count.hidden = state.unread === 0;
      counter.setAttribute("data-unread", String(state.unread));
      (state["new"] || []).slice().reverse().forEach(toast);
      latest = Math.max(latest || 0, state.latest || 0);
    }

    function since() {
      return latest === null ? "" : "?after=" + latest;
    }

    function poll() {
      fetch(counter.getAttribute("data-notify-poll") + since(), {credentials: "include",
        headers: {"Accept": "application/json"}})
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (state) {
          if (state) {
            show(state);
          }
        })
        .catch(function () {});
    }

    function startPolling() {
      if (pollTimer === null) {
        poll();
        pollTimer = window.setInterval(poll, pollSeconds * 1000);
        window.setTimeout(listen, pollSeconds * 3000);  /* try the stream again later */
      }
    }

    function listen() {
      if (!window.EventSource) {
        startPolling();
        return;
      }
      if (pollTimer !== null) {
        window.clearInterval(pollTimer);
        pollTimer = null;
      }
      var source = new EventSource(counter.getAttribute("data-notify-stream") + since(),
        {withCredentials: true});
      source.onmessage = function (event) {
        show(JSON.parse(event.data));
      };
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED) {  /* refused (busy): the browser does not retry */
          source.close();
          startPolling();
        }
      };
    }

    listen();
  }

  /* A person picker: a plain select of names (what works without this script) gets a search box above it
     that narrows the options as one types; the select keeps the choice, so the form posts the same. */
  function setUpPickers(scope) {
    (scope || document).querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.dataset.pickerReady) {
        return;
      }
      select.dataset.pickerReady = "1";
      var search = document.createElement("input");
      search.type = "search";
      search.id = select.id + "-search";
      search.className = "field__control picker__search";
      search.setAttribute("autocomplete", "off");
      search.setAttribute("aria-controls", select.id);
      var label = document.createElement("label");
      label.className = "field__label";
      label.htmlFor = search.id;
      label.textContent = select.dataset.picker;
      select.parentNode.insertBefore(label, select);
      select.parentNode.insertBefore(search, select);
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      select.parentNode.insertBefore(status, select.nextSibling);
      search.addEventListener("input", function () {
        var words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        Array.prototype.forEach.call(select.options, function (option) {
          var text = option.text.toLocaleLowerCase();
          var match = !option.value || words.every(function (w) { return text.indexOf(w) !== -1; });
          option.hidden = !match;
          if (match && option.value) {
            shown += 1;
          }
        });
        var first = Array.prototype.find.call(select.options, function (o) { return o.value && !o.hidden; });
        var current = select.options[select.selectedIndex];
        if (words.length && first && (!current || !current.value || current.hidden)) {
          select.value = first.value;
        }
        status.textContent = (select.dataset.pickerCount || "{count}").replace("{count}", shown);
      });
    });
  }

  /* The welcome page: the invitation link carries the code after #, which never reaches a server or its
     logs; put it into the form and take it off the address bar. */
  function welcomeCode() {
    var form = document.querySelector("form[data-welcome]");
    var found = /^#code=([A-Za-z0-9-]{1,40})$/.exec(window.location.hash);
    if (form && found && form.elements.code && !form.elements.code.value) {
      form.elements.code.value = found[1];
    }
    if (found && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpNotifications();
    setUpPickers(document);
    welcomeCode();
    wrapTables(document);
    focusErrorSummary(document);
  });

  window.addEventListener("resize", updateScrollFocus);

  /* htmx asks another origin only for an element inside [data-network-read] (intake's client card asks matching,
     which answers the network's own origins: shared.web.cors), with the login's cookie and no header but
     HX-Request: neither this page's CSRF token (the body's hx-headers) nor its address (HX-Current-URL; as the
     Referrer-Policy, nothing of this page's URL leaves its origin). */
  function crossOrigin(path) {
    return new URL(path, window.location.href).origin !== window.location.origin;
  }

  document.addEventListener("htmx:validateUrl", function (event) {
    if (!event.detail.sameHost && !event.detail.elt.closest("[data-network-read]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:configRequest", function (event) {
    if (crossOrigin(event.detail.path) && event.detail.elt.closest("[data-network-read]")) {
      event.detail.withCredentials = true;
      Object.keys(event.detail.headers).forEach(function (name) {
        if (name !== "HX-Request") {
          delete event.detail.headers[name];
        }
      });
    }
  });

  /* After htmx swaps in new content (e.g. a form re-rendered with errors), do the same there. */
  document.addEventListener("htmx:afterSettle", function (event) {
    wrapTables(event.target);
    focusErrorSummary(event.target);
  });
})();
