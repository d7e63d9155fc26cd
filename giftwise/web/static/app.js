/* giftwise pages: label every table cell with its column's header, so a table read as stacked cards on a
   phone still says what each value is. Runs on load and after every HTMX swap. No build step. */
(function () {
  function label(root) {
    root.querySelectorAll("table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) { return; }
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          var text = heads[i] ? heads[i].textContent.trim() : "";
          if (text && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", text); }
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:afterSettle", function () { label(document); });
})();
