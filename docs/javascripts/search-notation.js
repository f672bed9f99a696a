/*
 * Open Acupoints: read a point code typed in any notation as the code it means.
 *
 * Books write LI4 as LI-4, LI 4, LI04 or L.I.4, and TE17 as SJ17, TH17, TW17 or TB17;
 * names as Hegu, He Gu or Hé Gǔ. Material's search splits "LI-4" into "li" and "4" and
 * "He Gu" into "he" and "gu", which match many pages. When the whole query is one
 * point code or one pinyin name, this sends the search worker the canonical form as a
 * required exact term ("+li4", "+hegu": every point page carries both as search tags).
 * Anything else passes through unchanged. The tables come from api/notation.json,
 * generated from the data.
 */
(function () {
  "use strict";
  var QUERY = 2; // Material's SearchMessageType.QUERY
  var table = null;

  var config = document.getElementById("__config");
  var base = config ? JSON.parse(config.textContent).base : ".";
  fetch(new URL(base + "/api/notation.json", window.location.href))
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      table = { prefixes: data.prefixes, codes: {}, names: {} };
      data.codes.forEach(function (code) { table.codes[code.toLowerCase()] = code; });
      data.names.forEach(function (name) { table.names[name] = true; });
    })
    .catch(function () { table = null; });

  var EXTRA = /^\s*ex[\s.\-]*(hn|ca|b|ue|le)[\s.\-]*0*(\d{1,2})\s*$/i;
  var CHANNEL = /^\s*((?:[a-z]\.?\s?){1,4}?)[\s.\-]*0*(\d{1,2})\s*$/i;

  function pinyinName(query) {
    var joined = query.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\s'’\-]/g, "").toLowerCase();
    return table.names[joined] ? "+" + joined : null;
  }

  function canonical(query) {
    if (!table) return null;
    var name = pinyinName(query);
    if (name) return name;
    var match = EXTRA.exec(query);
    if (match) {
      var extra = ("ex-" + match[1] + match[2]).toLowerCase();
      return table.codes[extra] ? "+ex" + match[1].toLowerCase() + match[2] : null;
    }
    match = CHANNEL.exec(query);
    if (!match) return null;
    var channel = table.prefixes[match[1].replace(/[\s.]/g, "").toLowerCase()];
    if (!channel) return null;
    var code = (channel + match[2]).toLowerCase();
    return table.codes[code] ? "+" + code : null;
  }

  var send = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var code = canonical(message.data);
      if (code) message = { type: QUERY, data: code };
    }
    return send.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };
})();
