/*
 * Open Acupoints: My points. A star on every point and routine page (the .oa-save element the
 * generator writes under the title) saves the page in this browser's localStorage: no account,
 * nothing sent anywhere. The My points page lists what was saved, can run the saved points one
 * after the other with the player (javascripts/player.js), and shows each point as a card with
 * its figure, how to find it and how to press it, which prints on one page.
 *
 * The cards are taken from the points' own pages (fetched, and cached for offline use by the
 * service worker), so they always match the site and carry its escaping: nothing here turns
 * text into HTML.
 */
(function () {
  "use strict";

  var KEY = "oa-my-points";
  var XLINK = "http://www.w3.org/1999/xlink";

  function saved() {
    try {
      var items = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(items) ? items.filter(function (i) { return i && typeof i.id === "string" && typeof i.path === "string"; }) : [];
    } catch (error) { return []; }
  }

  function keep(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); return true; } catch (error) { return false; }
  }

  function same(a, b) { return a.kind === b.kind && a.id === b.id; }

  // The site's root URL: the manifest sits there (overrides/main.html), on a sub-path too.
  function root() {
    var manifest = document.querySelector('link[rel="manifest"]');
    if (manifest) return new URL(".", manifest.href);
    var config = document.getElementById("__config");
    try { return new URL(JSON.parse(config.textContent).base + "/", location.href); } catch (error) { return new URL("/", location.href); }
  }

  function here() {
    var base = root().pathname, path = location.pathname;
    return path.indexOf(base) === 0 ? path.slice(base.length) : path.replace(/^\//, "");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(label, name, className) {
    var b = el("button", "md-button oa-my-points__button" + (className ? " " + className : ""), label);
    b.type = "button";
    if (name) b.setAttribute("aria-label", name);
    return b;
  }

  // The star under a page's title.
  function star(slot) {
    var item = { kind: slot.dataset.saveKind, id: slot.dataset.saveId, title: slot.dataset.saveTitle, path: here() };
    var toggle = button("", null, "oa-save__star");
    var note = el("span", "oa-save__note");
    note.setAttribute("role", "status");
    function show() {
      var on = saved().some(function (i) { return same(i, item); });
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "★ Saved in My points" : "☆ Save to My points";
    }
    toggle.addEventListener("click", function () {
      var items = saved(), on = items.some(function (i) { return same(i, item); });
      var next = on ? items.filter(function (i) { return !same(i, item); }) : items.concat([item]);
      if (!keep(next)) { note.textContent = "This browser does not let the site save anything."; return; }
      show();
      note.textContent = on ? "Removed from My points." : "Saved. Find it under My points.";
    });
    slot.textContent = "";
    slot.append(toggle, " ", note);
    slot.hidden = false;
    show();
  }

  // A saved point's page, reduced to what a card shows and what the player needs.
  function fetchPoint(item) {
    var url = new URL(item.path, root());
    return fetch(url.href).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      function section(id, selector) {
        var heading = doc.getElementById(id), next = heading && heading.nextElementSibling;
        while (next && next.tagName !== "H2") {
          if (next.matches(selector)) return next;
          next = next.nextElementSibling;
        }
        return null;
      }
      var player = doc.querySelector(".oa-player[data-oa-player]"), data = null;
      try { data = player ? JSON.parse(player.getAttribute("data-oa-player")) : null; } catch (error) { data = null; }
      return {
        item: item, url: url, doc: doc, data: data,
        figure: doc.querySelector(".oa-figure"),
        cautions: doc.querySelector(".oa-summary"),
        finding: section("find-it-yourself", "ol"),
        pressing: section("how-to-press", "ul"),
      };
    }).catch(function () { return { item: item, url: url, failed: true }; });
  }

  // Copy a node from a fetched page: links made absolute, and the drawings a figure refers to
  // (<use xlink:href="#…">) copied once into this page so the figure is complete offline.
  function adopt(node, source, defs) {
    var copy = document.importNode(node, true);
    copy.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", new URL(a.getAttribute("href"), source.url).href); });
    copy.querySelectorAll("use").forEach(function (use) {
      var href = use.getAttributeNS(XLINK, "href") || use.getAttribute("href") || "";
      if (href.charAt(0) === "#") {
        var id = href.slice(1);
        if (!document.getElementById(id)) {
          var target = source.doc.getElementById(id);
          if (target) defs.append(document.importNode(target, true));
        }
      } else if (href) {
        use.setAttributeNS(XLINK, "xlink:href", new URL(href, source.url).href);
      }
    });
    return copy;
  }

  function card(source, defs) {
    var box = el("article", "oa-card");
    var title = el("h3", "oa-card__title");
    var link = el("a", null, source.item.title);
    link.href = source.url.href;
    title.append(link);
    box.append(title);
    if (source.failed) {
      box.append(el("p", null, "This page could not be loaded (offline and not opened before?). Open it once with a network."));
      return box;
    }
    if (source.cautions) box.append(adopt(source.cautions, source, defs));
    if (source.figure) box.append(adopt(source.figure, source, defs));
    if (source.finding) {
      box.append(el("h4", null, "Find it"));
      box.append(adopt(source.finding, source, defs));
    }
    if (source.pressing) {
      box.append(el("h4", null, "Press"));
      box.append(adopt(source.pressing, source, defs));
    }
    return box;
  }

  function list(items, render) {
    var ol = el("ol", "oa-my-points__list");
    items.forEach(function (item, i) {
      var li = el("li");
      var a = el("a", null, item.title);
      a.href = new URL(item.path, root()).href;
      li.append(a, " ");
      var up = button("↑", "Move " + item.title + " up"), down = button("↓", "Move " + item.title + " down");
      var remove = button("Remove", "Remove " + item.title + " from My points");
      up.disabled = i === 0;
      down.disabled = i === items.length - 1;
      function move(by) {
        var all = saved(), at = all.findIndex(function (x) { return same(x, item); }), to = at + by;
        if (at < 0 || to < 0 || to >= all.length) return;
        var moved = all.splice(at, 1)[0];
        all.splice(to, 0, moved);
        keep(all);
        render();
      }
      up.addEventListener("click", function () { move(-1); });
      down.addEventListener("click", function () { move(1); });
      remove.addEventListener("click", function () { keep(saved().filter(function (x) { return !same(x, item); })); render(); });
      var tools = el("span", "oa-my-points__tools");
      tools.append(up, down, remove);
      li.append(tools);
      ol.append(li);
    });
    return ol;
  }

  function page(container) {
    document.querySelectorAll(".oa-needs-script").forEach(function (p) { p.hidden = true; });
    container.hidden = false;
    var generation = 0;
    function render() {
      var mine = ++generation;
      var items = saved(), points = items.filter(function (i) { return i.kind === "point"; });
      var routines = items.filter(function (i) { return i.kind === "routine"; });
      container.textContent = "";
      if (!items.length) {
        container.append(el("p", "oa-my-points__empty", "Nothing saved yet. Open a point or a routine and press ☆ Save to My points under its title."));
        return;
      }
      if (points.length) {
        container.append(el("h2", null, "Points (" + points.length + ")"), list(points, render));
      }
      if (routines.length) {
        container.append(el("h2", null, "Routines (" + routines.length + ")"), list(routines, render));
      }
      if (!points.length) return;
      var playerHere = el("div", "oa-player");
      var actions = el("p", "oa-my-points__actions");
      var print = button("Print as a card", "Print my points as a one-page card");
      print.addEventListener("click", function () { window.print(); });
      actions.append(print);
      var cards = el("section", "oa-cards");
      cards.setAttribute("aria-label", "My points as a card");
      var defs = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      defs.setAttribute("class", "oa-my-points__defs");
      defs.setAttribute("aria-hidden", "true");
      container.append(el("h2", null, "Press them in turn"), playerHere, actions, cards, defs);
      var status = el("p", "oa-my-points__status", "Loading the points…");
      status.setAttribute("role", "status");
      cards.append(status);
      Promise.all(points.map(fetchPoint)).then(function (sources) {
        if (mine !== generation) return;
        status.remove();
        sources.forEach(function (source) { cards.append(card(source, defs)); });
        var steps = sources.filter(function (s) { return s.data && s.data.steps && s.data.steps.length; }).map(function (s) { return s.data.steps[0]; });
        var skipped = sources.length - steps.length;
        if (steps.length && window.openAcupointsPlayer) {
          window.openAcupointsPlayer.mount(playerHere, { kind: "my-points", name: "My points", steps: steps });
        }
        if (skipped) {
          playerHere.after(el("p", null, skipped + (skipped === 1 ? " saved point is" : " saved points are") + " not for pressing yourself, or could not be loaded, and " + (skipped === 1 ? "is" : "are") + " left out of the timer."));
        }
      });
    }
    render();
  }

  function init() {
    document.querySelectorAll(".oa-save[data-save-kind]").forEach(star);
    var container = document.querySelector(".oa-my-points");
    if (container) page(container);
  }

  window.addEventListener("storage", function (event) { if (event.key === KEY) init(); });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
