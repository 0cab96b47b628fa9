/* Sosiaalinen kampus: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Move focus to a form's error summary so screen reader and keyboard users hear it first. */
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });

  /* After htmx swaps in new content (e.g. a form re-rendered with errors), do the same there. */
  document.addEventListener("htmx:afterSettle", function (event) {
    focusErrorSummary(event.target);
  });
})();
