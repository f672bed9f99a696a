/*
 * Open Acupoints: site-wide switches such as "I am or may be pregnant".
 *
 * A caution with a `switch` in data/cautions.yml becomes a checkbox in the banner of every page
 * and beside the caution itself. When it is on, every point marked with that caution (the
 * .oa-mark[data-caution] the generator writes beside a point in every list, table and routine
 * step) is set apart, whole routine steps whose points all carry it are marked to skip, and a
 * line at the top of the page says how many. The choice stays in this browser (localStorage),
 * is off by default, and without JavaScript the pages are complete and nothing is hidden.
 */
(function () {
  "use strict";

  var KEY = "oa-switch:";

  function isOn(id) {
    try { return localStorage.getItem(KEY + id) === "on"; } catch (error) { return false; }
  }

  function store(id, on) {
    try { if (on) localStorage.setItem(KEY + id, "on"); else localStorage.removeItem(KEY + id); } catch (error) { /* private mode */ }
  }

  function switches() {
    return Array.prototype.map.call(document.querySelectorAll(".oa-switch input[data-switch]"), function (input) {
      return { id: input.dataset.switch, label: input.parentElement.textContent.trim() };
    }).filter(function (s, i, all) { return all.findIndex(function (t) { return t.id === s.id; }) === i; });
  }

  function checkbox(item, extraClass) {
    var label = document.createElement("label");
    label.className = "oa-switch" + (extraClass ? " " + extraClass : "");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.dataset.switch = item.id;
    label.append(input, " " + item.label);
    return label;
  }

  // The steps of a routine: its h2 and what follows up to the next h2.
  function stepOf(heading) {
    var parts = [heading], next = heading.nextElementSibling;
    while (next && next.tagName !== "H2") { parts.push(next); next = next.nextElementSibling; }
    return parts;
  }

  function apply() {
    var content = document.querySelector(".md-content__inner") || document.body;
    content.querySelectorAll(".oa-set-apart, .oa-skip-step").forEach(function (el) { el.classList.remove("oa-set-apart", "oa-skip-step"); });
    content.querySelectorAll(".oa-switch-status").forEach(function (el) { el.remove(); });
    switches().forEach(function (item) {
      var on = isOn(item.id);
      document.querySelectorAll('.oa-switch input[data-switch="' + item.id + '"]').forEach(function (input) {
        input.checked = on;
        input.closest(".oa-switch").hidden = false;
      });
      if (!on) return;
      var points = new Set(), steps = 0;
      content.querySelectorAll('.oa-mark[data-caution="' + item.id + '"]').forEach(function (mark) {
        if (mark.closest(".oa-summary, .md-search-result")) return;  // the point's own page, the search overlay
        var stepLine = mark.closest(".oa-step-points");
        if (stepLine) {
          var all = stepLine.querySelectorAll("a").length, marked = stepLine.querySelectorAll('.oa-mark[data-caution="' + item.id + '"]').length;
          var link = mark.previousElementSibling;
          if (link) { link.classList.add("oa-set-apart"); points.add(link.textContent); }
          var heading = stepLine.previousElementSibling;
          if (marked === all && heading && heading.tagName === "H2" && !heading.classList.contains("oa-skip-step")) {
            stepOf(heading).forEach(function (el) { el.classList.add("oa-skip-step"); });
            steps++;
          }
          return;
        }
        var row = mark.closest("li, tr");
        if (row) { row.classList.add("oa-set-apart"); points.add((row.querySelector("a") || row).textContent); }
      });
      if (!points.size && !steps) return;
      var status = document.createElement("p");
      status.className = "oa-switch-status";
      status.setAttribute("role", "status");
      var count = points.size + (points.size === 1 ? " point" : " points");
      status.textContent = "You said \u201c" + item.label + "\u201d: " + count + " on this page " +
        (points.size === 1 ? "is" : "are") + " set apart" + (steps ? ", and " + steps + (steps === 1 ? " step is" : " steps are") + " marked to skip" : "") + ". ";
      var off = document.createElement("button");
      off.type = "button";
      off.className = "oa-switch-off";
      off.textContent = "Turn this off";
      off.addEventListener("click", function () { store(item.id, false); apply(); });
      status.append(off);
      var title = content.querySelector("h1");
      if (title) title.after(status); else content.prepend(status);
    });
    // The switch beside the caution itself (point pages, a routine's "Leave out if…" block).
    content.querySelectorAll(".oa-switch-slot[data-caution]").forEach(function (slot) {
      if (slot.firstChild) return;
      var item = switches().find(function (s) { return s.id === slot.dataset.caution; });
      if (!item) return;
      var box = checkbox(item, "oa-switch--inline");
      box.querySelector("input").checked = isOn(item.id);
      slot.append(box);
    });
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".oa-switch input[data-switch]")) return;
    store(input.dataset.switch, input.checked);
    apply();
  });

  // Material swaps pages in place (instant navigation) and announces each new page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(apply);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", apply);
  else apply();
})();
