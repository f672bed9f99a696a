/*
 * Open Acupoints, `make serve` only: when the last regeneration failed, say so on the page.
 * The generator writes api/serve-status.json after every run; the builder's server reloads
 * the page when it changes. Errors are shown as text, never as HTML.
 */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  fetch(new URL(base + "/api/serve-status.json", location.href), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (status) {
      var old = document.getElementById("oa-serve-status");
      if (old) old.remove();
      if (!status || !status.errors || !status.errors.length) return;
      var banner = document.createElement("section");
      banner.id = "oa-serve-status";
      banner.setAttribute("role", "alert");
      var title = document.createElement("strong");
      title.textContent = "The data has errors: this preview still shows the last good pages. Fix these and save:";
      var list = document.createElement("pre");
      list.textContent = status.errors.join("\n");
      banner.append(title, list);
      document.body.prepend(banner);
    })
    .catch(function () {});
})();
