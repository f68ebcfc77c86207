// Keyboard review for any table whose rows carry data-href: j next, k previous, o open.
// The Workbench's own script (no third-party code); keys are ignored while typing in a field.
(function () {
  "use strict";
  var current = -1;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr[data-href]")); }
  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    all[current].setAttribute("tabindex", "-1");
    all[current].focus();
  }
  // htmx swaps the page body on boosted links: start again at the top of the new table.
  document.addEventListener("htmx:afterSwap", function () { current = -1; });
  document.addEventListener("keydown", function (event) {
    var tag = (event.target && event.target.tagName) || "";
    if (event.altKey || event.ctrlKey || event.metaKey || /INPUT|TEXTAREA|SELECT/.test(tag)) { return; }
    if (event.key === "j") { select(current + 1); }
    else if (event.key === "k") { select(current - 1); }
    else if (event.key === "o" && current >= 0) { window.location.href = rows()[current].dataset.href; }
  });
}());
