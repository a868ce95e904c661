/* The explore page: filters and words over the Pagefind index that the site build writes into pagefind/.
   The filter state lives in the address (?stance=supports&article=24&q=...), so a view can be shared and
   reopened. Counts beside each option say how many statements that choice would leave, given the others.
   Without JavaScript, or in the offline copy (file://, where Pagefind cannot load), the form stays hidden and
   the static pages listed below it lead to the same answers. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("explore-form");
  if (!form || !script) return;
  var status = document.getElementById("explore-status");
  var list = document.getElementById("explore-results");
  var more = document.getElementById("explore-more");
  var words = document.getElementById("explore-q");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var PAGE = 20;               // results whose details are fetched at a time
  var pagefind = null;
  var results = [];
  var shown = 0;
  var run = 0;                 // the latest search; older ones that finish late are ignored

  if (location.protocol === "file:") {
    status.textContent = "Filtering needs the online site. In this offline copy, use the search in the header " +
      "or the pages listed below.";
    return;
  }

  function facetKey(select) { return select.getAttribute("data-facet"); }

  function readAddress() {
    var params = new URLSearchParams(location.search);
    words.value = params.get("q") || "";
    selects.forEach(function (select) {
      var value = params.get(facetKey(select)) || "";
      select.value = select.querySelector('option[value="' + CSS.escape(value) + '"]') ? value : "";
    });
    var header = document.getElementById("site-search-q");
    if (header) header.value = words.value;
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (words.value.trim()) params.set("q", words.value.trim());
    selects.forEach(function (select) { if (select.value) params.set(facetKey(select), select.value); });
    var query = params.toString();
    var address = location.pathname + (query ? "?" + query : "");
    if (address !== location.pathname + location.search) history.pushState(null, "", address);
  }

  // The position filter narrows a chosen article or chapter to positions of its kind: position=objects with
  // article=24 asks Pagefind for objects-article:24, the statements with an objection on Article 24.
  var POSITION = "position", SCOPED = ["chapter", "article"];

  function values(except, override) {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value && facetKey(select) !== except) chosen[facetKey(select)] = select.value;
    });
    Object.keys(override || {}).forEach(function (key) { chosen[key] = override[key]; });
    return chosen;
  }

  function toFilters(chosen) {
    var filters = {};
    Object.keys(chosen).forEach(function (key) {
      var scoped = chosen[POSITION] && SCOPED.indexOf(key) >= 0;
      filters[scoped ? chosen[POSITION] + "-" + key : key] = chosen[key];
    });
    return filters;
  }

  function chosen(except, override) { return toFilters(values(except, override)); }

  function options(term, filters) {
    // Without words, list statements (not every page), newest first.
    if (!term) filters.page = "statement";
    return term ? { filters: filters } : { filters: filters, sort: { date: "desc" } };
  }

  function setCounts(select, counts) {
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var n = (counts && counts[option.value]) || 0;
      option.textContent = option.getAttribute("data-label") + " (" + n + ")";
    });
  }

  function describe(term, n, filtered) {
    var what = filtered || !term ? (n === 1 ? "statement matches" : "statements match")
      : (n === 1 ? "page matches" : "pages match");
    var parts = [];
    if (term) parts.push("words \u201c" + term + "\u201d");
    selects.forEach(function (select) {
      if (!select.value) return;
      var label = select.labels && select.labels[0] ? select.labels[0].textContent : facetKey(select);
      parts.push(label.toLowerCase() + ": " + select.selectedOptions[0].getAttribute("data-label"));
    });
    return n + " " + what + (parts.length ? " (" + parts.join("; ") + ")" : "") + ".";
  }

  async function search() {
    var mine = ++run;
    var term = words.value.trim() || null;
    var filters = chosen(null);
    var filtered = Object.keys(filters).length > 0;
    status.textContent = "Searching\u2026";
    var found = await pagefind.search(term, options(term, filters));
    if (mine !== run || !found) return;
    // Counts for a facet that has a choice come from a search without that choice, so the other values of
    // the same facet show what switching to them would give.
    var counts = {};
    var position = values(null)[POSITION];
    await Promise.all(selects.map(async function (select) {
      var key = facetKey(select);
      if (key === POSITION) {
        // Each position's count narrows the chosen article or chapter to it: one search per position.
        counts[key] = {};
        await Promise.all(Array.prototype.map.call(select.options, async function (option) {
          if (!option.value) return;
          var override = {};
          override[POSITION] = option.value;
          var one = await pagefind.search(term, options(term, chosen(null, override)));
          counts[key][option.value] = one ? one.results.length : 0;
        }));
        return;
      }
      var from = position && SCOPED.indexOf(key) >= 0 ? position + "-" + key : key;
      if (!select.value) { counts[key] = found.filters[from]; return; }
      var without = await pagefind.search(term, options(term, chosen(key)));
      counts[key] = without ? without.filters[from] : {};
    }));
    if (mine !== run) return;
    selects.forEach(function (select) { setCounts(select, counts[facetKey(select)]); });
    results = found.results;
    shown = 0;
    list.textContent = "";
    status.textContent = describe(term, results.length, filtered);
    await showMore(mine);
  }

  async function showMore(mine) {
    if (mine !== run) return;
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = true;
    var data = await Promise.all(batch.map(function (r) { return r.data(); }));
    if (mine !== run) return;
    data.forEach(function (d) { list.appendChild(item(d)); });
    more.hidden = shown >= results.length;
  }

  function text(tag, content, className) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (className) el.className = className;
    return el;
  }

  function excerpt(html) {
    // Pagefind marks the matched words with <mark>; everything else is written as text.
    var p = document.createElement("p");
    p.className = "explore-result__excerpt";
    html.split(/(<mark>.*?<\/mark>)/).forEach(function (part) {
      var m = /^<mark>(.*)<\/mark>$/.exec(part);
      p.appendChild(m ? text("mark", decode(m[1])) : document.createTextNode(decode(part)));
    });
    return p;
  }

  function decode(html) {
    var t = document.createElement("textarea");
    t.innerHTML = html;
    return t.value;
  }

  function item(d) {
    var li = document.createElement("li");
    li.className = "explore-result";
    var heading = document.createElement("p");
    heading.className = "explore-result__title";
    var link = text("a", (d.meta && d.meta.title) || d.url);
    link.href = d.url;
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = d.meta || {};
    var line = [meta.by, meta.when, meta.stance && "stance: " + meta.stance.toLowerCase()].filter(Boolean);
    if (line.length) li.appendChild(text("p", line.join(" \u00b7 "), "explore-result__meta"));
    if (words.value.trim() && d.excerpt) li.appendChild(excerpt(d.excerpt));
    var positions = matching(meta.positions);
    if (positions.length) {
      var ul = document.createElement("ul");
      ul.className = "explore-result__positions";
      positions.forEach(function (p) {
        var entry = document.createElement("li");
        var to = document.createElement("a");
        to.href = d.url.split("#")[0] + "#" + p[0];
        to.appendChild(text("span", p[1] === "objects" ? "Objection: " : "Supporting argument: ",
                            "explore-result__kind"));
        to.appendChild(document.createTextNode(p[5]));
        entry.appendChild(to);
        ul.appendChild(entry);
      });
      li.appendChild(ul);
    }
    return li;
  }

  // The statement's positions that match the chosen position, article, chapter and theme (all of them when
  // none is chosen): [anchor, side, articles, chapters, themes, summary], from the statement page's meta.
  function matching(json) {
    var all;
    try { all = JSON.parse(json || "[]"); } catch (e) { return []; }
    var chosen = values(null);
    return all.filter(function (p) {
      return (!chosen[POSITION] || p[1] === chosen[POSITION]) && (!chosen.article || p[2].indexOf(chosen.article) >= 0)
        && (!chosen.chapter || p[3].indexOf(chosen.chapter) >= 0) && (!chosen.theme || p[4].indexOf(chosen.theme) >= 0);
    });
  }

  function changed() {
    writeAddress();
    search().catch(failed);
  }

  function failed(error) {
    status.textContent = "The search index could not be loaded (" + error + "). The pages listed below lead " +
      "to the same answers.";
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  selects.forEach(function (select) { select.addEventListener("change", changed); });
  document.getElementById("explore-clear").addEventListener("click", function () {
    words.value = "";
    selects.forEach(function (select) { select.value = ""; });
    changed();
  });
  more.addEventListener("click", function () { showMore(run).catch(failed); });
  window.addEventListener("popstate", function () { readAddress(); search().catch(failed); });

  readAddress();
  form.hidden = false;
  status.textContent = "Loading the index\u2026";
  import(new URL("../pagefind/pagefind.js", script.src).href).then(async function (module) {
    pagefind = module;
    await pagefind.init();
    await pagefind.filters();   // loads the filter index once, so that every search counts every option
    await search();
  }).catch(failed);
})();
