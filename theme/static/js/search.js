/* Sijill search page: loads only the index chunks a query needs, with <script> tags (works
 * from file:// where fetch/XHR do not), runs lunr.js on them and renders results with DOM
 * nodes and textContent only. Mirrors plugins/news_archive/search_query.py. */
(function () {
  'use strict';

  var root = document.documentElement;
  var base = document.querySelector('meta[name="sijill-search-base"]').content; // "search/"
  var fold = window.SijillFold;
  fold.registerLunrPipeline(lunr); // before any index chunk is loaded
  var state = { manifest: null, chunks: {}, docs: {}, pending: {} };
  var PAGE = 20;
  // Digits as the pages write them: Arabic-Indic for Arabic, Persian for Persian.
  var locale = { ar: 'ar-u-nu-arab', fa: 'fa-u-nu-arabext' }[root.lang] || root.lang;
  function num(n) { return new Intl.NumberFormat(locale).format(n); }

  // Index files call manifest/chunk/doc when their <script> runs; query() is the engine.
  window.SijillSearch = {
    manifest: function (m) { state.manifest = m; },
    chunk: function (n, data) { state.chunks[n] = lunr.Index.load(data); },
    doc: function (n, d) { state.docs[n] = d; },
    query: function (q) {
      return load(base + 'manifest.js').then(function () { return prepare(q); }).then(function (p) {
        return run(p.clauses).sort(byScore);
      });
    }
  };

  function load(src) {
    if (!state.pending[src]) {
      state.pending[src] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return state.pending[src];
  }

  // Code-point order, as Python sorts the chunk boundaries.
  function cmp(a, b) {
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }
  function chunkOf(term) {
    var first = state.manifest.chunks, lo = 0, hi = first.length; // last chunk whose start <= term
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(first[mid], term) <= 0) lo = mid + 1; else hi = mid; }
    return Math.max(0, lo - 1);
  }

  var pipeline = new lunr.Pipeline();
  pipeline.add(lunr.Pipeline.registeredFunctions.sijillFold, lunr.Pipeline.registeredFunctions.sijillStem);

  function chunksFor(clause) {
    var n = state.manifest.chunks.length, out = {};
    if (clause.wildcard & lunr.Query.wildcard.LEADING) return [];
    if (clause.wildcard & lunr.Query.wildcard.TRAILING) {
      var prefix = clause.term.replace(/\*+$/, '');
      for (var i = chunkOf(prefix); i <= chunkOf(prefix + '\u{10FFFF}'); i++) out[i] = true;
    } else {
      var terms = clause.usePipeline ? pipeline.runString(clause.term) : [clause.term];
      terms.forEach(function (t) {
        var c = chunkOf(t);
        out[c] = true;
        if (clause.editDistance) { if (c > 0) out[c - 1] = true; if (c + 1 < n) out[c + 1] = true; }
      });
    }
    return Object.keys(out).map(Number).sort(function (a, b) { return a - b; });
  }

  function byScore(a, b) { return b.score - a.score || a.n - b.n; }

  // Parse a query and load the chunks its clauses need.
  function prepare(q) {
    var clauses = parse(q), need = {};
    clauses.forEach(function (c) { chunksFor(c).forEach(function (n) { need[n] = true; }); });
    return Promise.all(Object.keys(need).map(function (n) { return load(base + 'terms/' + n + '.js'); }))
      .then(function () { return { clauses: clauses }; });
  }

  function parse(q) {
    var query = new lunr.Query(state.manifest.fields);
    new lunr.QueryParser(fold.fold(q), query).parse();
    return query.clauses;
  }

  function run(clauses) {
    var required = [], prohibited = {}, scores = {};
    clauses.forEach(function (clause) {
      var hits = {};
      chunksFor(clause).forEach(function (n) {
        state.chunks[n].query(function (q) {
          var copy = { term: clause.term, fields: clause.fields, boost: clause.boost,
            usePipeline: clause.usePipeline, wildcard: clause.wildcard, presence: lunr.Query.presence.OPTIONAL };
          // lunr treats a present-but-undefined editDistance as an unbounded fuzzy search
          if (clause.editDistance) copy.editDistance = clause.editDistance;
          q.clause(copy);
        }).forEach(function (r) { hits[r.ref] = (hits[r.ref] || 0) + r.score; });
      });
      if (clause.presence === lunr.Query.presence.PROHIBITED) { Object.assign(prohibited, hits); return; }
      if (clause.presence === lunr.Query.presence.REQUIRED) required.push(hits);
      Object.keys(hits).forEach(function (ref) { scores[ref] = (scores[ref] || 0) + hits[ref]; });
    });
    return Object.keys(scores).filter(function (ref) {
      return !(ref in prohibited) && required.every(function (h) { return ref in h; });
    }).map(function (ref) { return { n: Number(ref), score: scores[ref] }; });
  }

  // --- rendering (DOM nodes and textContent only) -------------------------------------
  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function matcher(clauses) {
    var exact = {}, prefixes = [];
    clauses.forEach(function (c) {
      if (c.presence === lunr.Query.presence.PROHIBITED) return;
      if (c.wildcard & lunr.Query.wildcard.TRAILING) prefixes.push(c.term.replace(/\*+$/, ''));
      else (c.usePipeline ? pipeline.runString(c.term) : [c.term]).forEach(function (t) { exact[t] = true; });
    });
    return function (word) {
      return fold.tokens(word).some(function (tok) {
        return fold.terms(tok).some(function (t) { return exact[t]; }) ||
          prefixes.some(function (p) { return p && tok.indexOf(p) === 0; });
      });
    };
  }

  var WORD = /[\p{L}\p{N}\p{M}\u200c\u200d]+/gu;
  function snippet(body, isMatch) {
    var words = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(body)) && words.length < 20000) words.push([m.index, m[0]]);
    var hit = words.findIndex(function (w) { return isMatch(w[1]); });
    var from = hit < 0 ? 0 : Math.max(0, hit - 12), to = Math.min(words.length, from + 36);
    var p = el('p', { class: 'snippet', dir: 'auto' });
    if (!words.length) return p;
    if (from > 0) p.appendChild(document.createTextNode('… '));
    var pos = words[from][0], end = to < words.length ? words[to][0] : body.length;
    for (var i = from; i < to; i++) {
      var w = words[i];
      if (w[0] > pos) p.appendChild(document.createTextNode(body.slice(pos, w[0])));
      p.appendChild(isMatch(w[1]) ? el('mark', {}, w[1]) : document.createTextNode(w[1]));
      pos = w[0] + w[1].length;
    }
    p.appendChild(document.createTextNode(body.slice(pos, end).trimEnd() + (to < words.length ? ' …' : '')));
    return p;
  }

  function formatDate(iso) {
    if (!iso) return text.dateUnknown;
    var d = new Date(iso + 'T00:00:00Z');
    return new Intl.DateTimeFormat(locale, { calendar: 'gregory', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  }

  function resultItem(n, isMatch) {
    var d = state.docs[n], li = el('li', { lang: d.lang });
    var a = el('a', { href: d.url, class: 'entry-title' });
    a.appendChild(el('bdi', {}, d.title));
    li.appendChild(a);
    var meta = el('span', { class: 'entry-meta', lang: root.lang });
    meta.appendChild(el('span', {}, formatDate(d.date)));
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(el('bdi', {}, d.outlet || text.outletUnknown));
    meta.appendChild(document.createTextNode(' · ' + (text.languages[d.lang] || d.lang)));
    li.appendChild(meta);
    li.appendChild(snippet(d.text, isMatch));
    return li;
  }

  // --- the search page: facets, sorting, URL ---------------------------------------------
  var form = document.getElementById('search-form');
  if (!form) return;  // the engine alone (benchmarks)
  var text = JSON.parse(document.getElementById('search-strings').textContent);
  var params = new URLSearchParams(location.search);
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var facetBox = document.getElementById('search-facets');

  function facetValue(n, kind) {
    var f = state.manifest.facets[n];
    if (kind === 'lang') return state.manifest.langs[f[0]];
    if (kind === 'outlet') return f[1] < 0 ? '' : state.manifest.outlets[f[1]];
    return f[2] ? String(Math.floor(f[2] / 10000)) : '';
  }

  function renderFacets(hits) {
    facetBox.textContent = '';
    ['lang', 'outlet', 'year'].forEach(function (kind) {
      var counts = {};
      hits.forEach(function (h) { var v = facetValue(h.n, kind); if (v) counts[v] = (counts[v] || 0) + 1; });
      var values = Object.keys(counts).sort();
      if (!values.length) return;
      var fs = el('fieldset', { class: 'facet' });
      fs.appendChild(el('legend', {}, text.facets[kind]));
      values.forEach(function (v) {
        var id = 'f-' + kind + '-' + values.indexOf(v);
        var box = el('input', { type: 'checkbox', name: kind, value: v, id: id, form: 'search-form' });
        box.checked = params.getAll(kind).indexOf(v) >= 0;
        box.addEventListener('change', function () { form.requestSubmit(); });
        var label = el('label', { for: id });
        label.appendChild(el('bdi', {}, kind === 'lang' ? (text.languages[v] || v) : v));
        label.appendChild(document.createTextNode(' (' + num(counts[v]) + ')'));
        var row = el('div');
        row.appendChild(box);
        row.appendChild(label);
        fs.appendChild(row);
      });
      facetBox.appendChild(fs);
    });
  }

  function say(message) { status.textContent = message; }

  function search(q) {
    var clauses;
    try { parse(q); } catch (e) { say(text.badQuery + ' ' + (e.message || '')); return Promise.resolve(); }
    return prepare(q).then(function (prepared) {
      clauses = prepared.clauses;
      var hits = run(clauses);
      renderFacets(hits);
      ['lang', 'outlet', 'year'].forEach(function (kind) {
        var wanted = params.getAll(kind);
        if (wanted.length) hits = hits.filter(function (h) { return wanted.indexOf(facetValue(h.n, kind)) >= 0; });
      });
      if (params.get('sort') === 'date') {
        hits.sort(function (a, b) { return state.manifest.facets[b.n][2] - state.manifest.facets[a.n][2] || b.score - a.score; });
      } else {
        hits.sort(byScore);
      }
      list.textContent = '';
      say(hits.length ? text.found.replace('{num}', num(hits.length)) : text.none);
      var isMatch = matcher(clauses), shown = 0;
      function page() {
        var batch = hits.slice(shown, shown + PAGE);
        return Promise.all(batch.map(function (h) { return load(base + 'docs/' + h.n + '.js'); })).then(function () {
          batch.forEach(function (h) { list.appendChild(resultItem(h.n, isMatch)); });
          shown += batch.length;
          more.hidden = shown >= hits.length;
        });
      }
      more.onclick = function () {
        var next = shown;
        page().then(function () { var a = list.children[next] && list.children[next].querySelector('a'); if (a) a.focus(); });
      };
      return page();
    });
  }

  var q = params.get('q') || '';
  input.value = q;
  var sort = document.getElementById('search-sort');
  sort.value = params.get('sort') === 'date' ? 'date' : 'relevance';
  sort.addEventListener('change', function () { form.requestSubmit(); });
  if (!q.trim()) { say(text.empty); return; }
  say(text.searching);
  root.setAttribute('aria-busy', 'true');
  load(base + 'manifest.js').then(function () { return search(q); }).catch(function (e) {
    say(text.failed + ' ' + e.message);
  }).then(function () { root.removeAttribute('aria-busy'); root.dataset.searchDone = 'true'; });
})();
