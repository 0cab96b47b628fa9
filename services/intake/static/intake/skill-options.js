/* Skill fields of the competence need form: suggest ESCO skills as you type (the form works without this). */
(function () {
  "use strict";

  var script = document.currentScript;
  var searchUrl = script && script.getAttribute("data-search-url");
  var timer = null;

  function fill(list, hits) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    hits.forEach(function (hit) {
      var option = document.createElement("option");
      option.value = hit.label;
      list.appendChild(option);
    });
  }

  function search(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var query = input.value.trim();
    if (!list || !searchUrl || query.length < 2) {
      return;
    }
    fetch(searchUrl + "?limit=8&q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : [];
    }).then(function (hits) {
      fill(list, hits);
    }).catch(function () { /* suggestions are a convenience only */ });
  }

  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-skill-search]")) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input); }, 200);
  });
})();
