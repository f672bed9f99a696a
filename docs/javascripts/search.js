/*
 * Open Acupoints: the site's search, in Material's search box.
 *
 * Material's own search (a worker running lunr over every page's text) is replaced by an
 * engine over api/search.json (generator/search.py), which knows what each page is about:
 * every notation of a point's code, every spelling of its names, every synonym of a symptom.
 * It runs in the page on every change of the box, so the results always belong to the text
 * in the box, Enter always opens the top result of that text, and pasted, dropped or
 * IME-composed text searches like typed text. Misspelt words are matched to the nearest
 * words of the index and the page says so ("Showing results for migraine").
 *
 * Everything shown comes from the index as text (textContent), never as HTML.
 * overrides/main.html gives Material a search worker that stays silent and an empty index,
 * so nothing else writes into the result list. Under a builder with another search
 * (Zensical), there is no Material search box and this script does nothing.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 30;
  var MAX_ALIASES = 3;
  var NAME_WEIGHT = 10;
  var KIND_BOOST = { p: 1, s: 1.25, c: 1.15, r: 1, g: 0.9, b: 0.9, h: 0.8 };
  var KIND_LABEL = { p: "Point", s: "Symptom", c: "Channel", r: "Routine", g: "Category", b: "Body region", h: "Page" };
  var SPLIT = /[^\p{L}\p{N}]+/u;
  var MARKS = /[\u0300-\u036f]/g;
  var APOSTROPHES = /['’ʼ]/g;
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var EXTRA = /^ex[\s.\-]*(hn|ca|b|ue|le)[\s.\-]*0*(\d{1,2})$/;
  var CODE = /^((?:[a-z]\.?\s?){1,4}?)[\s.\-]*0*(\d{1,3})$/;
  var NAMED = /^(.*?[a-z\u3400-\u9fff])[\s.\-]*0*(\d{1,3})$/;

  var config = document.getElementById("__config");
  var root = new URL((config ? JSON.parse(config.textContent).base : ".") + "/", location.href);
  var index = null;
  var loading = null;

  // ---------------------------------------------------------------------------- the index

  function normalize(text) {
    var folded = text.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(APOSTROPHES, "").replace(/ü/g, "u");
    if (!index || !CJK.test(folded)) return folded;
    var out = "";
    for (var character of folded) out += index.fold[character] || character;
    return out;
  }

  // The same light stemmer as generator/search.py: headaches → headach, cramping → cramp.
  var SUFFIXES = [["ies", "y", 5], ["ing", "", 6], ["ness", "", 6], ["ed", "", 5], ["es", "", 5], ["s", "", 4]];
  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suffix = SUFFIXES[i];
      if (word.length >= suffix[2] && word.endsWith(suffix[0]) && !/(ss|us|is)$/.test(word)) {
        word = word.slice(0, -suffix[0].length) + suffix[1];
        break;
      }
    }
    return word.endsWith("e") && word.length > 4 ? word.slice(0, -1) : word;
  }

  function words(text) {
    return normalize(text).split(SPLIT).filter(Boolean);
  }

  // Built in slices of a few milliseconds, yielding to the page between them, so that
  // preparing the index after the page has loaded never blocks a tap or a scroll on a phone.
  var SLICE_MS = 8;
  function pause() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  function prepare(data) {
    var postings = new Map();
    var phrases = new Map();
    function post(term, doc, weight) {
      var list = postings.get(term);
      if (!list) postings.set(term, (list = new Map()));
      if ((list.get(doc) || 0) < weight) list.set(doc, weight);
    }
    function add(doc, i) {
      var boost = doc.b || 1;
      doc.n.split(" ").forEach(function (term) { if (term) post(term, i, NAME_WEIGHT * boost); });
      (doc.w || "").split(" ").forEach(function (term) { if (term) post(term, i, boost); });
      doc.p.forEach(function (phrase) {
        var list = phrases.get(phrase);
        if (!list) phrases.set(phrase, (list = []));
        if (list.indexOf(i) < 0) list.push(i);
      });
    }
    var next = 0;
    function slice() {
      var started = performance.now();
      while (next < data.docs.length && performance.now() - started < SLICE_MS) {
        add(data.docs[next], next);
        next += 1;
      }
      return next < data.docs.length ? pause().then(slice) : finish();
    }
    function finish() {
      data.postings = postings;
      data.phrases = phrases;
      data.phraseList = Array.from(phrases.keys()).sort();
      data.phrasesByLength = byLength(data.phraseList);
      data.vocabulary = Array.from(postings.keys()).sort();
      data.byLength = byLength(data.vocabulary);
      return data;
    }
    return slice();
  }

  function byLength(sorted) {
    var groups = new Map();
    sorted.forEach(function (text) {
      var list = groups.get(text.length);
      if (!list) groups.set(text.length, (list = []));
      list.push(text);
    });
    return groups;
  }

  function load() {
    if (!loading) {
      loading = fetch(new URL("api/search.json", root))
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(prepare)
        .then(function (prepared) { index = prepared; refresh(); })
        .catch(function () { loading = null; });
    }
    return loading;
  }

  // --------------------------------------------------------------------------- the engine

  // Damerau-Levenshtein distance (with adjacent swaps), or limit + 1 as soon as it is exceeded.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = [], previous = [], current = [];
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function prefixed(prefix) {
    var vocabulary = index.vocabulary, low = 0, high = vocabulary.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (vocabulary[middle] < prefix) low = middle + 1; else high = middle;
    }
    var found = [];
    for (var i = low; i < vocabulary.length && vocabulary[i].startsWith(prefix) && found.length < 60; i++) found.push(vocabulary[i]);
    return found;
  }

  function nearest(term, limit) {
    if (limit === undefined) limit = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
    if (!limit) return [];
    var found = [];
    for (var length = term.length - limit; length <= term.length + limit; length++) {
      (index.byLength.get(length) || []).forEach(function (candidate) {
        var d = distance(term, candidate, limit);
        if (d <= limit) found.push([candidate, d]);
      });
    }
    return found.sort(function (a, b) { return a[1] - b[1]; });
  }

  // How each word of the query matches the index: [term, quality, corrected?] per candidate.
  function matches(word, last) {
    var out = [];
    if (index.postings.has(word)) out.push([word, 1, false]);
    if ((last && word.length >= 2) || word.length >= 4 || CJK.test(word)) {
      prefixed(word).forEach(function (term) { if (term !== word) out.push([term, 0.6 + 0.3 * word.length / term.length, false]); });
    }
    if (!out.length) nearest(word).forEach(function (pair) { out.push([pair[0], 0.75 - 0.15 * pair[1], true]); });
    return out;
  }

  // The names the whole query is, nearly is (sholder pain, wind pol) or begins (inner pa):
  // [joined name, quality] for each.
  function names(compact) {
    var out = [[compact, 1]], list = index.phraseList, low = 0, high = list.length;
    if (compact.length >= 4) {
      while (low < high) { var middle = (low + high) >> 1; if (list[middle] < compact) low = middle + 1; else high = middle; }
      for (var i = low; i < list.length && list[i].startsWith(compact) && i < low + 20; i++) out.push([list[i], 0.7]);
    }
    var limit = compact.length >= 8 ? 2 : compact.length >= 4 ? 1 : 0;
    for (var length = compact.length - limit; limit && length <= compact.length + limit; length++) {
      (index.phrasesByLength.get(length) || []).forEach(function (phrase) {
        var d = distance(compact, phrase, limit);
        if (d > 0 && d <= limit) out.push([phrase, 0.9 - 0.1 * d]);
      });
    }
    return out;
  }

  // A channel's name as readers write it before a number, allowing a slip or two (tripel warmer).
  function channelNamed(name) {
    var spaced = name.join(" "), joined = name.join("");
    if (index.channels[spaced] || index.channels[joined]) return { code: index.channels[spaced] || index.channels[joined], as: null };
    var limit = joined.length >= 8 ? 2 : joined.length >= 4 ? 1 : 0, best = null;
    Object.keys(index.channels).forEach(function (candidate) {
      var d = distance(joined, candidate.replace(/ /g, ""), limit);
      if (d <= limit && (!best || d < best[1])) best = [candidate, d];
    });
    return best ? { code: index.channels[best[0]], as: best[0] } : null;
  }

  // A point code in any notation: LI4, li-4, L.I.4, SJ17, ex-ue-8, Ren 12, spleen 6, triple warmer 5.
  function code(query) {
    var compact = query.replace(/\s+/g, " ").trim(), match = EXTRA.exec(compact), channel;
    if (match) return found(index.codes["ex-" + match[1] + match[2]], null);
    match = CODE.exec(compact);
    if (match && (channel = index.prefixes[match[1].replace(/[\s.]/g, "")])) return found(index.codes[(channel + match[2]).toLowerCase()], null);
    match = NAMED.exec(compact);
    if (match) {
      var name = words(match[1]).filter(function (w) { return !/^(meridian|channel|vessel|point|points)$/.test(w); });
      var named = name.length ? channelNamed(name) : null;
      if (named) return found(index.codes[(named.code + match[2]).toLowerCase()], named.as && named.as + " " + match[2]);
    }
    return null;
  }

  function found(doc, corrected) {
    return doc === undefined ? null : { doc: doc, corrected: corrected };
  }

  // The query as the index would write it, less what a half-typed query ends with (LI- , He .).
  function tidy(raw) {
    return raw.replace(/[\s\-.,·/'’]+$/u, "").replace(/^[\s\-.,·/]+/u, "");
  }

  function search(raw) {
    var query = normalize(tidy(raw));
    var compact = query.split(SPLIT).join("");
    if (!compact) return { state: "empty", results: [] };
    if (compact.length < 2 && !CJK.test(compact)) return { state: "short", results: [] };
    var scores = new Map(), corrected = [], used = false;
    function add(doc, score) { scores.set(doc, (scores.get(doc) || 0) + score); }
    var exact = code(query);
    if (exact) add(exact.doc, 1e7);
    var terms = query.split(SPLIT).filter(Boolean).map(stem);
    var perWord = terms.map(function (word, i) {
      var found = new Map(), candidates = matches(word, i === terms.length - 1), fixed = null;
      candidates.forEach(function (candidate) {
        if (candidate[2] && fixed === null) fixed = candidate[0];
        index.postings.get(candidate[0]).forEach(function (weight, doc) {
          var score = weight * candidate[1];
          if ((found.get(doc) || 0) < score) found.set(doc, score);
        });
      });
      corrected.push(fixed !== null ? (used = true, index.words[fixed] || fixed) : word);
      return found;
    });
    // The whole query is one of a page's names (Hegu, He Gu, 合谷, inner pass, headaches), or
    // would be with a slip corrected (sholder pain, wind pol) or the last word finished (inner pa).
    var whole = new Map();
    names(compact).concat(names(terms.join(""))).forEach(function (pair) {
      (index.phrases.get(pair[0]) || []).forEach(function (doc) { if ((whole.get(doc) || 0) < pair[1]) whole.set(doc, pair[1]); });
    });
    whole.forEach(function (quality, doc) { add(doc, 1e6 * quality * (KIND_BOOST[index.docs[doc].k] || 1)); });
    if (perWord.length) {
      var all = perWord.reduce(function (common, found) {
        return new Set(Array.from(common).filter(function (doc) { return found.has(doc); }));
      }, new Set(perWord[0].keys()));
      var pool = all.size ? all : new Set(perWord.flatMap(function (found) { return Array.from(found.keys()); }));
      pool.forEach(function (doc) {
        var total = 0, hit = 0;
        perWord.forEach(function (found) { if (found.has(doc)) { total += found.get(doc); hit++; } });
        if (!all.size) total *= hit / perWord.length / 2;
        add(doc, total * (KIND_BOOST[index.docs[doc].k] || 1));
      });
    }
    var results = Array.from(scores, function (pair) { return { doc: index.docs[pair[0]], score: pair[1] }; })
      .sort(function (a, b) { return b.score - a.score || a.doc.t.length - b.doc.t.length; })
      .slice(0, MAX_RESULTS);
    var shown = exact ? exact.corrected : used ? corrected.join(" ") : null;
    return { state: "ok", results: results, corrected: shown, words: terms };
  }

  // --------------------------------------------------------------------------- the page

  function box() { return document.querySelector(".md-search__input"); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function matchingAliases(doc, terms) {
    return (doc.a || []).filter(function (alias) {
      var aliasWords = words(alias).map(stem);
      return terms.some(function (term) { return aliasWords.some(function (w) { return w.startsWith(term); }); });
    }).slice(0, MAX_ALIASES);
  }

  function render(text) {
    try { show(text); } finally {
      var now = performance.now(), record = { text: text, rendered: now, painted: 0 };
      shown = record;
      requestAnimationFrame(function () { record.painted = performance.now(); });
    }
  }

  function show(text) {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    if (!meta || !list) return;
    list.replaceChildren();
    if (!index) { meta.textContent = "Loading search…"; load(); return; }
    var found = search(text);
    if (found.state === "empty") { meta.textContent = "Type a symptom, a point code such as LI4, or a name"; return; }
    if (found.state === "short") { meta.textContent = "Keep typing…"; return; }
    var count = found.results.length;
    meta.textContent = (found.corrected ? "Showing results for " + found.corrected + " · " : "") +
      (count ? count + (count === 1 ? " result" : " results") + (count === MAX_RESULTS ? " (the best " + MAX_RESULTS + ")" : "") : "No results");
    found.results.forEach(function (result) {
      var doc = result.doc;
      var item = element("li", "md-search-result__item");
      var link = element("a", "md-search-result__link");
      link.href = new URL(doc.u, root).href;
      link.tabIndex = -1;
      var article = element("article", "md-search-result__article md-typeset");
      article.dataset.mdScore = String(result.score);
      article.append(element("div", "md-search-result__icon md-icon"));
      var title = element("h1", "oa-result-title", doc.t);
      if (doc.s) title.append(element("span", "oa-result-subtitle", " · " + doc.s));
      article.append(title);
      var detail = element("p", "oa-result-detail", KIND_LABEL[doc.k] || "");
      var aliases = matchingAliases(doc, found.words);
      if (aliases.length) detail.append(" · also " + aliases.join(", "));
      (doc.m || []).forEach(function (mark) {
        var label = mark === "not-self-care" ? "Not for self-care" : "Not in " + mark;
        var span = element("span", "oa-mark", label);
        span.dataset.caution = mark;
        detail.append(" ", span);
      });
      article.append(detail);
      link.append(article);
      item.append(link);
      list.append(item);
    });
  }

  // For the tests and the benchmark: the text of the last search shown, when, and when it was painted.
  var shown = { text: null, rendered: 0, painted: 0 };

  function refresh() {
    var input = box();
    if (input && document.activeElement === input || (input && input.value)) render(input.value);
  }

  function open(result) {
    var anchor = element("a");
    anchor.href = new URL(result.doc.u, root).href;
    anchor.hidden = true;
    document.body.append(anchor);
    var toggle = document.getElementById("__search");
    if (toggle) toggle.checked = false;
    anchor.click();  // Material's instant navigation takes a click on a link
    anchor.remove();
  }

  function isBox(target) { return target && target.classList && target.classList.contains("md-search__input"); }

  // Capture: before Material's own listeners on the box, which would query its silent worker.
  document.addEventListener("input", function (event) {
    if (!isBox(event.target) || event.isComposing) return;
    event.stopImmediatePropagation();
    render(event.target.value);
  }, true);
  document.addEventListener("compositionend", function (event) {
    if (isBox(event.target)) render(event.target.value);
  }, true);
  document.addEventListener("keyup", function (event) {
    if (isBox(event.target)) event.stopImmediatePropagation();
  }, true);
  document.addEventListener("keydown", function (event) {
    if (!isBox(event.target) || event.key !== "Enter" || event.isComposing) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    var go = function () {
      var found = search(event.target.value);
      if (found.results.length) open(found.results[0]);
    };
    if (index) go(); else load().then(go);
  }, true);
  document.addEventListener("focusin", function (event) {
    if (isBox(event.target)) { load(); render(event.target.value); }
  }, true);
  document.addEventListener("reset", function (event) {
    if (event.target && event.target.name === "search") setTimeout(function () { render(""); }, 0);
  }, true);

  if (!box()) return;  // another builder's search: nothing to do
  // Fetch the index once the page itself has loaded, so that it does not compete with it.
  if (document.readyState === "complete") setTimeout(load, 0);
  else addEventListener("load", function () { setTimeout(load, 0); });
  window.openAcupointsSearch = {
    search: function (text) { return index ? search(text) : null; },
    ready: function () { return load(); },
    shown: function () { return shown; },
  };
})();
