/* Sijill search: loads only the index chunks a query needs, with <script> tags (works from
 * file:// where fetch/XHR do not), runs lunr.js on them and renders results with DOM nodes
 * and textContent only. The engine mirrors plugins/news_archive/search_query.py (same query
 * plan, same scores, same suggestions; tests/test_search_index.py runs both on one index).
 *
 * On top of lunr's syntax (+word -word title:word word* word~1):
 *   "words in quotes"   a phrase: the words (folded and stemmed as indexed) consecutively,
 *                       in the headline or the text; checked on each candidate's text
 *   outlet:name  lang:fa  date:2018  date:2018-05  date:2018-05-03   filters (-… excludes)
 *   a bare year (2018) or month (2018-05) also finds articles dated then; a bare outlet
 *   name (سكاي نيوز) also finds that outlet's reports, ranked like a headline match.
 *
 * The index files (plugins/news_archive/search_index.py) are compact: a term chunk holds its
 * postings as varint strings and becomes here the lunr.Index its serialized form would have
 * given (decodeChunk); texts are stored with pairs of characters swapped (swapper), and a
 * result file's body deflated, in base85 (inflate).
 *
 * Works as a classic <script> (after fold-spec.js, fold.js and lunr.min.js: it runs the
 * search page) and as a CommonJS module in Node ({createEngine, …}, tests/js/). */
(function (root, factory) {
  'use strict';
  var lib = factory();
  if (typeof module === 'object' && module.exports) module.exports = lib;
  else if (root && root.document) lib.page(root);
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var FACET_BOOST = 3;          // an outlet or date match weighs like a headline word
  var FEW = 3;                  // fewer results than this: also try the query with ~1
  var QUOTES = '"\u201c\u201d\u00ab\u00bb\u201e'; // " “ ” « » „ open and close a phrase
  var FILTERS = { outlet: 'outlet', lang: 'lang', date: 'date', year: 'date' };
  var DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
  var RUN = /^[\p{L}\p{N}]+$/u;
  var SPLIT = /([\p{L}\p{N}]+)/u;

  function QueryError(kind, part) { this.kind = kind; this.part = part; }
  // A phrase that needs an article's text, in a browser that cannot inflate it (see `inflate`).
  function NeedsNewerBrowser(phrase) { this.phrase = phrase; this.message = 'DecompressionStream("deflate-raw"): ' + phrase; }

  // --- the query, item by item ------------------------------------------------------------
  // A folded query cut into items: [+|-][field:]("phrase"|word). Whitespace separates items.
  function scan(s) {
    var items = [], i = 0, n = s.length, space = /\s/;
    while (i < n) {
      if (space.test(s[i])) { i++; continue; }
      var start = i, presence = '', field = '', value, quoted = false, j;
      if ((s[i] === '+' || s[i] === '-') && i + 1 < n && !space.test(s[i + 1])) presence = s[i++];
      var m = /^([a-z]+):/.exec(s.slice(i));
      if (m) { field = m[1]; i += m[0].length; }
      if (i < n && QUOTES.indexOf(s[i]) >= 0) {
        quoted = true;
        for (j = i + 1; j < n && QUOTES.indexOf(s[j]) < 0; j++);
        value = s.slice(i + 1, j);
        i = Math.min(n, j + 1);
      } else {
        for (j = i; j < n && !space.test(s[j]); j++);
        value = s.slice(i, j);
        i = j;
      }
      items.push({ presence: presence, field: field, value: value, quoted: quoted, raw: s.slice(start, i) });
    }
    return items;
  }

  // Damerau-Levenshtein distance (optimal string alignment), by code point.
  function distance(a, b) {
    var x = Array.from(a), y = Array.from(b), prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= y.length; j++) prev.push(j);
    for (i = 1; i <= x.length; i++) {
      cur = [i];
      for (j = 1; j <= y.length; j++) {
        var cost = x[i - 1] === y[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[y.length];
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

  // lunr's idf, rounded to 3 decimals like lunr's stored weights (same in Python and JS).
  function weight(count, total) {
    var idf = Math.log(1 + Math.abs((total - count + 0.5) / (count + 0.5)));
    return Math.round(FACET_BOOST * idf * 1000) / 1000;
  }

  // A date facet (YYYYMMDD as a number) range for "2018", "2018-05" or "2018-05-03".
  function dateRange(value) {
    var m = DATE.exec(value);
    if (!m) return null;
    var y = Number(m[1]), mo = m[2] ? Number(m[2]) : 0, d = m[3] ? Number(m[3]) : 0;
    if (mo > 12 || d > 31 || (m[2] && !mo) || (m[3] && !d)) return null;
    if (!m[2]) return [y * 10000, (y + 1) * 10000];
    if (!m[3]) return [y * 10000 + mo * 100, y * 10000 + mo * 100 + 100];
    return [y * 10000 + mo * 100 + d, y * 10000 + mo * 100 + d + 1];
  }

  // --- the compact index files -------------------------------------------------------------
  // Varints: five bits a character, the lowest first; a digit of 32 or more says more follow.
  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = {};
  for (var k = 0; k < DIGITS.length; k++) DIGIT[DIGITS.charCodeAt(k)] = k;

  function varints(s) { // a function returning the next number of `s` at each call
    var i = 0;
    return function () {
      var value = 0, scale = 1, digit;
      while ((digit = DIGIT[s.charCodeAt(i++)]) >= 32) { value += (digit - 32) * scale; scale *= 32; }
      return value + digit * scale;
    };
  }

  // The manifest's pairs [a, b]: a[i] and b[i] trade places (the same function encodes and decodes).
  function swapper(pairs) {
    var map = {}, chars = '';
    for (var i = 0; i < pairs[0].length; i++) {
      map[pairs[0][i]] = pairs[1][i];
      map[pairs[1][i]] = pairs[0][i];
      chars += '\\u' + ('000' + pairs[0].charCodeAt(i).toString(16)).slice(-4) +
        '\\u' + ('000' + pairs[1].charCodeAt(i).toString(16)).slice(-4);
    }
    var re = new RegExp('[' + chars + ']', 'g');
    return function (text) { return text.replace(re, function (c) { return map[c]; }); };
  }

  // Python's base64.b85encode (RFC 1924's digits): 5 characters for 4 bytes, big-endian; a last
  // group of k characters holds k - 1 bytes (read as if padded with the highest digit).
  var B85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
  var B85_VALUE = new Uint8Array(128);
  for (var b85 = 0; b85 < 85; b85++) B85_VALUE[B85.charCodeAt(b85)] = b85;
  function fromBase85(text) {
    var n = text.length, out = new Uint8Array(Math.ceil(n / 5) * 4), i, j, k, v;
    for (i = 0, j = 0; i < n; i += 5) {
      for (v = 0, k = i; k < i + 5; k++) v = v * 85 + (k < n ? B85_VALUE[text.charCodeAt(k)] : 84);
      out[j++] = v >>> 24; out[j++] = (v >>> 16) & 255; out[j++] = (v >>> 8) & 255; out[j++] = v & 255;
    }
    return out.subarray(0, n - Math.ceil(n / 5));
  }

  // A result file's body: base85 of raw deflate (search_index.deflate), read with fromBase85 and
  // the browser's DecompressionStream (Promise of the text, still swapped); null in a browser
  // without DecompressionStream("deflate-raw") (before Chromium 103, Firefox 113, Safari 16.4).
  function inflate(base85) {
    var stream;
    try {
      stream = new DecompressionStream('deflate-raw');
    } catch (e) {
      return Promise.resolve(null);
    }
    return new Response(new Blob([fromBase85(base85)]).stream().pipeThrough(stream)).text();
  }

  // lunr's BM25 weight of a posting (lunr.py's Builder: the same float operations in the same
  // order), × 1000 and rounded as Python's round(w, 3) rounds: to nearest, an exact tie to even.
  var K1 = 1.2, B = 0.75;
  function weight1000(idf, tf, length, average, boost) {
    var w = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf) * boost;
    var s = w * 1000, r = Math.floor(s + 0.5);
    if (Math.abs(s - Math.floor(s) - 0.5) < 1e-6) { // near a tie: w's exact value decides
      var sixteenths = w * 16; // an exact tie is an odd number of sixteenths
      if (Number.isInteger(sixteenths) && sixteenths % 2 === 1) r = Math.floor(s) % 2 ? Math.floor(s) + 1 : Math.floor(s);
      else r = Math.round(Number(w.toFixed(3)) * 1000); // toFixed rounds the exact value
    }
    return r;
  }

  // What weighs a posting besides its term frequency, from the manifest: per field its boost,
  // its average length and every document's length (decoded once).
  function weighing(manifest) {
    return { fields: manifest.fields, total: manifest.facets.length, boosts: manifest.boosts,
      averages: manifest.averages, lengths: manifest.lengths.map(function (text) {
        var next = varints(text), out = new Array(manifest.facets.length);
        for (var i = 0; i < out.length; i++) out[i] = next();
        return out;
      }) };
  }

  // Each chunk's file name (terms/<name>.js) from its first term: FNV-1a (32 bits) of its
  // UTF-16 code units, in hex; a name an earlier chunk took is followed by the next free number
  // (search_index.chunk_names, the same names).
  function chunkNames(first) {
    var taken = {};
    return first.map(function (term) {
      var h = 0x811c9dc5;
      for (var i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193) >>> 0;
      while (taken[h]) h = (h + 1) >>> 0;
      taken[h] = true;
      return ('0000000' + h.toString(16)).slice(-8);
    });
  }

  // A term chunk as lunr.Index.load would have built it from the serialized index: terms in
  // order (each after the part it shares with the one before), per term a field mask and, per
  // field, its documents (gaps); in `counts`, per document the term's frequency, weighed with
  // `weighing` (the document count, field lengths, average lengths and boosts).
  function decodeChunk(lunr, weighing, pipeline, swap, words, postings, counts) {
    var next = varints(postings), count = varints(counts), empty = {}, fields = weighing.fields;
    var total = weighing.total, averages = weighing.averages, boosts = weighing.boosts, lengths = weighing.lengths;
    var terms = [], invertedIndex = Object.create(null), elements = {}, fieldVectors = {}, term = '';
    (words ? swap(words).split(' ') : []).forEach(function (suffix, index) {
      term = term.slice(0, next()) + suffix;
      var mask = next(), entry = { _index: index }, held = [], documents = 0;
      fields.forEach(function (field, bit) {
        var posting = entry[field] = {}, docs = [], n = mask & (1 << bit) ? next() : 0;
        for (var doc = -1; n > 0; n--) {
          doc += next();
          posting[doc] = empty;
          docs.push(doc);
        }
        held.push(docs);
        documents += docs.length;
      });
      var idf = Math.log(1 + Math.abs((total - documents + 0.5) / (documents + 0.5))); // lunr.idf
      held.forEach(function (docs, bit) {
        docs.forEach(function (doc) {
          var ref = fields[bit] + '/' + doc, w = weight1000(idf, count(), lengths[bit][doc], averages[bit], boosts[bit]);
          (elements[ref] || (elements[ref] = [])).push(index, w / 1000);
        });
      });
      invertedIndex[term] = entry;
      terms.push(term);
    });
    Object.keys(elements).forEach(function (ref) { fieldVectors[ref] = new lunr.Vector(elements[ref]); });
    return new lunr.Index({ invertedIndex: invertedIndex, fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms), fields: fields, pipeline: pipeline });
  }

  function createEngine(opts) {
    var lunr = opts.lunr, fold = opts.fold, load = opts.load, base = opts.base || '';
    var P = lunr.Query.presence, W = lunr.Query.wildcard;
    var state = { manifest: null, weighing: null, names: null, numbers: null, chunks: {}, docs: {}, inflating: {}, swap: null,
      outletTokens: null };
    var pipeline = new lunr.Pipeline();
    pipeline.add(lunr.Pipeline.registeredFunctions.sijillFold, lunr.Pipeline.registeredFunctions.sijillStem);

    function chunkOf(term) { // the last chunk whose first term <= term
      var first = state.manifest.chunks, lo = 0, hi = first.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(first[mid], term) <= 0) lo = mid + 1; else hi = mid; }
      return Math.max(0, lo - 1);
    }

    function chunksFor(clause) {
      var n = state.manifest.chunks.length, out = {};
      if (clause.wildcard & W.LEADING) return [];
      if (clause.wildcard & W.TRAILING) {
        var prefix = clause.term.replace(/\*+$/, '');
        for (var i = chunkOf(prefix); i <= chunkOf(prefix + '\u{10FFFF}'); i++) out[i] = true;
      } else {
        (clause.usePipeline ? pipeline.runString(clause.term) : [clause.term]).forEach(function (t) {
          var c = chunkOf(t);
          out[c] = true;
          if (clause.editDistance) { if (c > 0) out[c - 1] = true; if (c + 1 < n) out[c + 1] = true; }
        });
      }
      return Object.keys(out).map(Number).sort(function (a, b) { return a - b; });
    }

    function parseClauses(raw) {
      var query = new lunr.Query(state.manifest.fields);
      try { new lunr.QueryParser(raw, query).parse(); } catch (e) {
        if (e instanceof lunr.QueryParseError) throw new QueryError('syntax', raw);
        throw e;
      }
      return query.clauses;
    }

    function sameTerm(a, b) { // two folded tokens match if they share a term (word or light stem)
      var tb = fold.terms(b);
      return fold.terms(a).some(function (t) { return tb.indexOf(t) >= 0; });
    }
    function contains(tokens, part) { // `part` occurs in `tokens` consecutively
      for (var i = 0; i + part.length <= tokens.length; i++) {
        var ok = true;
        for (var j = 0; j < part.length && ok; j++) ok = sameTerm(part[j], tokens[i + j]);
        if (ok) return true;
      }
      return false;
    }
    // How many words of an outlet's name the plain words give consecutively: the whole name
    // or a part of two words or more (سكاي نيوز for سكاي نيوز عربية); 0 if none.
    function outletMatch(toks, runs) {
      for (var k = toks.length; k >= Math.min(2, toks.length) && k > 0; k--) {
        for (var i = 0; i + k <= toks.length; i++) {
          var part = toks.slice(i, i + k);
          if (runs.some(function (run) { return contains(run, part); })) return k;
        }
      }
      return 0;
    }
    function docsWhere(test) {
      var out = [];
      state.manifest.facets.forEach(function (f, n) { if (test(f)) out.push(n); });
      return out;
    }
    // Per outlet, the tokens of each of its names: the one its page shows, then the others its
    // reports write (manifest.outlet_names: "صحيفة سبق الإلكترونية" for "سبق").
    function outletTokens() {
      if (!state.outletTokens) {
        var other = state.manifest.outlet_names || [];
        state.outletTokens = state.manifest.outlets.map(function (name, o) {
          return [name].concat(other[o] || []).map(fold.tokens);
        });
      }
      return state.outletTokens;
    }

    function filterUnit(item, kind) {
      var m = state.manifest, value = item.value.trim(), docs;
      var presence = item.presence === '-' ? P.PROHIBITED : P.REQUIRED;
      if (!fold.tokens(value).length) throw new QueryError('empty', item.raw);
      if (kind === 'lang') {
        var lang = m.langs.indexOf(value);
        docs = docsWhere(function (f) { return f[0] === lang; });
      } else if (kind === 'outlet') {
        var want = fold.tokens(value), outlets = {};
        outletTokens().forEach(function (names, o) {
          if (names.some(function (toks) { return contains(toks, want); })) outlets[o] = true;
        });
        docs = docsWhere(function (f) { return f[1] in outlets; });
      } else {
        var range = dateRange(value);
        if (!range) throw new QueryError('date', item.raw);
        docs = docsWhere(function (f) { return f[2] >= range[0] && f[2] < range[1]; });
      }
      return { kind: 'filter', presence: presence, docs: docs };
    }

    function datedUnit(kind, value, presence, clause) {
      var range = dateRange(value);
      var docs = docsWhere(function (f) { return f[2] >= range[0] && f[2] < range[1]; });
      return { kind: kind, presence: presence, docs: docs, weight: weight(docs.length, state.manifest.facets.length), clause: clause };
    }

    // The plan of a query: units evaluated in order, each with a presence and its hits.
    function plan(q) {
      var folded = fold.fold(q), items = scan(folded), units = [], fields = state.manifest.fields;
      items.forEach(function (item) {
        var f = item.field, presence = item.presence === '+' ? P.REQUIRED : item.presence === '-' ? P.PROHIBITED : P.OPTIONAL;
        if (f && FILTERS[f]) { units.push(filterUnit(item, FILTERS[f])); return; }
        if (f && fields.indexOf(f) < 0) throw new QueryError('field', item.raw);
        if (item.quoted) {
          var toks = fold.tokens(item.value);
          if (toks.length === 1) {
            parseClauses(item.presence + (f ? f + ':' : '') + toks[0]).forEach(function (c) {
              units.push({ kind: 'clause', presence: c.presence, clause: c, item: item });
            });
          } else if (toks.length > 1) {
            units.push({ kind: 'phrase', presence: presence, tokens: toks, fields: f ? [f] : fields, item: item });
          }
          return;
        }
        if (!f && DATE.test(item.value) && dateRange(item.value)) {
          if (item.value.indexOf('-') < 0) {
            var year = Number(item.value);
            if (year >= 1800 && year < 2200) {
              units.push(datedUnit('year', item.value, presence, parseClauses(item.value)[0]));
              return;
            }
          } else {
            units.push(datedUnit('date', item.value, presence, null));
            return;
          }
        }
        parseClauses(item.raw).forEach(function (c) { units.push({ kind: 'clause', presence: c.presence, clause: c, item: item }); });
      });
      // A bare outlet name among plain words also finds that outlet's reports.
      var runs = [[]];
      items.forEach(function (item) {
        if (!item.presence && !item.field && !item.quoted && RUN.test(item.value)) runs[runs.length - 1].push(item.value);
        else if (runs[runs.length - 1].length) runs.push([]);
      });
      outletTokens().forEach(function (names, o) {
        var k = Math.max.apply(null, names.map(function (toks) { return outletMatch(toks, runs); }));
        if (!k) return;
        var docs = docsWhere(function (f) { return f[1] === o; });
        units.push({ kind: 'outlet', presence: P.OPTIONAL, docs: docs,
          weight: k * weight(docs.length, state.manifest.facets.length) });
      });
      return { query: q, folded: folded, items: items, units: units };
    }

    function phraseClause(unit, token) {
      return { term: token, fields: unit.fields, boost: 1, usePipeline: true, wildcard: W.NONE, presence: P.REQUIRED };
    }
    function clausesOf(unit) {
      if (unit.kind === 'clause' || (unit.kind === 'year' && unit.clause)) return [unit.clause];
      if (unit.kind === 'phrase') return unit.tokens.map(function (t) { return phraseClause(unit, t); });
      return [];
    }

    function loadAll(srcs) { return Promise.all(srcs.map(load)); }
    function loadChunks(numbers) {
      return loadAll(numbers.filter(function (n) { return !state.chunks[n]; }).map(function (n) { return base + 'terms/' + state.names[n] + '.js'; }));
    }
    // Result files loaded and their bodies inflated: state.docs[n] of each is ready.
    function loadDocs(numbers) {
      var missing = numbers.filter(function (n) { return !state.docs[n]; });
      return loadAll(missing.map(function (n) { return base + 'docs/' + n + '.js'; })).then(function () {
        return Promise.all(missing.map(function (n) { return state.inflating[n]; }));
      });
    }
    // A result's data: its file's headline, address and text (null when this browser cannot
    // inflate it), and the manifest's facets.
    function docRecord(n, d, text) {
      var m = state.manifest, f = m.facets[n], date = String(f[2]).padStart(8, '0');
      return { title: state.swap(d.title), url: d.url, text: text === null ? null : state.swap(text), lang: m.langs[f[0]],
        outlet: f[1] < 0 ? null : m.outlets[f[1]],
        date: f[2] ? date.slice(0, 4) + '-' + date.slice(4, 6) + '-' + date.slice(6) : null };
    }

    function clauseHits(clause) { // ref -> summed score over the chunks that hold its terms
      var hits = {};
      chunksFor(clause).forEach(function (n) {
        state.chunks[n].query(function (q) {
          var copy = { term: clause.term, fields: clause.fields, boost: clause.boost,
            usePipeline: clause.usePipeline, wildcard: clause.wildcard, presence: P.OPTIONAL };
          // lunr treats a present-but-undefined editDistance as an unbounded fuzzy search
          if (clause.editDistance) copy.editDistance = clause.editDistance;
          q.clause(copy);
        }).forEach(function (r) { hits[r.ref] = (hits[r.ref] || 0) + r.score; });
      });
      return hits;
    }

    // Phrase candidates: articles with every word of the phrase (in its fields).
    function candidates(unit) {
      var hits = null;
      unit.tokens.forEach(function (t) {
        var h = clauseHits(phraseClause(unit, t));
        if (hits === null) { hits = h; return; }
        Object.keys(hits).forEach(function (ref) { if (ref in h) hits[ref] += h[ref]; else delete hits[ref]; });
      });
      return hits || {};
    }

    function phraseIn(text, tokens) {
      return contains(fold.tokens(String(text || '').slice(0, opts.maxChars || 60000)), tokens);
    }
    function hasPhrase(unit, n) {
      var d = state.docs[n], texts = [], body = unit.fields.indexOf('body') >= 0;
      if (unit.fields.indexOf('title') >= 0) texts.push(d.title);
      if (body) texts.push(d.text);
      if (!texts.length) return true; // other fields keep no text: every word is enough
      if (texts.some(function (t) { return t !== null && phraseIn(t, unit.tokens); })) return true;
      if (body && d.text === null) throw new NeedsNewerBrowser(unit.item.raw);
      return false;
    }

    function unitHits(unit) {
      var hits = {};
      if (unit.kind === 'clause') return clauseHits(unit.clause);
      if (unit.kind === 'phrase') {
        var c = unit.candidates;
        Object.keys(c).forEach(function (ref) { if (hasPhrase(unit, Number(ref))) hits[ref] = c[ref]; });
        return hits;
      }
      if (unit.kind === 'year') hits = clauseHits(unit.clause);
      unit.docs.forEach(function (n) { hits[n] = (hits[n] || 0) + (unit.kind === 'filter' ? 0 : unit.weight); });
      return hits;
    }

    function combine(units) {
      var required = [], prohibited = {}, scores = {}, filters = [], scoring = 0;
      units.forEach(function (unit) {
        var hits = unitHits(unit);
        if (unit.presence === P.PROHIBITED) { Object.assign(prohibited, hits); return; }
        if (unit.presence === P.REQUIRED) required.push(hits);
        if (unit.kind === 'filter') { filters.push(hits); return; }
        scoring++;
        Object.keys(hits).forEach(function (ref) { scores[ref] = (scores[ref] || 0) + hits[ref]; });
      });
      // filters alone: every article they let through
      if (!scoring && filters.length) Object.keys(filters[0]).forEach(function (ref) { scores[ref] = 0; });
      return Object.keys(scores).filter(function (ref) {
        return !(ref in prohibited) && required.every(function (h) { return ref in h; });
      }).map(function (ref) { return { n: Number(ref), score: scores[ref] }; }).sort(byScore);
    }

    // equal scores: the newer report first (documents are numbered oldest first)
    function byScore(a, b) { return b.score - a.score || b.n - a.n; }

    // Parse, load the chunks, check phrases on their candidates' texts, score: best first.
    function search(q) {
      return load(base + 'manifest.js').then(function () {
        var p = plan(q), need = {};
        p.units.forEach(function (u) { clausesOf(u).forEach(function (c) { chunksFor(c).forEach(function (n) { need[n] = true; }); }); });
        return loadChunks(Object.keys(need).map(Number)).then(function () {
          var refs = {};
          p.units.forEach(function (u) {
            if (u.kind !== 'phrase') return;
            u.candidates = candidates(u);
            Object.keys(u.candidates).forEach(function (r) { refs[r] = true; });
          });
          var numbers = Object.keys(refs).map(Number);
          return loadDocs(numbers);
        }).then(function () {
          p.hits = combine(p.units);
          return p;
        });
      });
    }

    // --- did you mean ------------------------------------------------------------------------
    function docFrequency(index, term) {
      var entry = index.invertedIndex[term], refs = {};
      if (!entry) return 0;
      state.manifest.fields.forEach(function (f) { Object.keys(entry[f] || {}).forEach(function (r) { refs[r] = true; }); });
      return Object.keys(refs).length;
    }
    function neighbours(term) {
      var c = chunkOf(term), out = [];
      for (var i = Math.max(0, c - 1); i <= Math.min(state.manifest.chunks.length - 1, c + 1); i++) out.push(i);
      return out;
    }
    // A word no article holds (in any form the pipeline gives) and no outlet name has: a
    // likely typing mistake.
    function unknown(term) {
      var named = function (toks) { return toks.some(function (t) { return sameTerm(t, term); }); };
      if (outletTokens().some(function (names) { return names.some(named); })) return false;
      return pipeline.runString(term).every(function (t) { return !docFrequency(state.chunks[chunkOf(t)], t); });
    }
    // The closest word of the index (same or neighbouring chunk, the most frequent of the
    // closest), or null.
    function closest(term) {
      var len = Array.from(term).length, max = len <= 5 ? 1 : 2, best = null;
      if (len < 3) return null;
      neighbours(term).forEach(function (n) {
        var index = state.chunks[n];
        Object.keys(index.invertedIndex).forEach(function (v) {
          if (v === term || Math.abs(Array.from(v).length - len) > max) return;
          var d = distance(term, v);
          if (d > max) return;
          var df = docFrequency(index, v);
          if (!df) return;
          if (!best || d < best.d || (d === best.d && (df > best.df || (df === best.df && cmp(v, best.v) < 0)))) {
            best = { v: v, d: d, df: df };
          }
        });
      });
      return best && best.v;
    }
    function replaceWord(raw, from, to) {
      var parts = raw.split(SPLIT), done = false;
      return parts.map(function (p) { if (!done && p === from) { done = true; return to; } return p; }).join('');
    }
    function words(p) { // [item, word] pairs that may be misspelt (plain words, phrase words)
      var out = [];
      p.units.forEach(function (u) {
        if (u.presence === P.PROHIBITED) return;
        if (u.kind === 'phrase') u.tokens.forEach(function (t) { out.push([u.item, t]); });
        if (u.kind === 'clause' && !u.clause.wildcard && !u.clause.editDistance && u.clause.usePipeline &&
          RUN.test(u.clause.term)) out.push([u.item, u.clause.term]);
      });
      return out;
    }
    // {corrected, fuzzy}: the query with each word no article holds replaced by its closest
    // index word, and (with few results) with ~1 on each plain word; null where nothing changes.
    // Call after search(p): the chunks of the query's own terms are loaded.
    function suggest(p) {
      var pairs = words(p).filter(function (w) { return unknown(w[1]); }), need = {};
      pairs.forEach(function (w) { neighbours(w[1]).forEach(function (n) { need[n] = true; }); });
      return loadChunks(Object.keys(need).map(Number)).then(function () {
        // unchanged items as typed (when the typed query cuts into the same items)
        var typed = scan(p.query), same = typed.length === p.items.length;
        var raws = p.items.map(function (item, i) { return same ? typed[i].raw : item.raw; }), changed = false;
        var fixed = {};
        pairs.forEach(function (w) {
          var better = closest(w[1]), i = p.items.indexOf(w[0]);
          if (!better) return;
          raws[i] = replaceWord(fixed[i] ? raws[i] : p.items[i].raw, w[1], better);
          fixed[i] = changed = true;
        });
        var fuzzy = null;
        if (p.hits.length < FEW) {
          var fz = p.items.map(function (item, i) {
            return !item.field && !item.quoted && RUN.test(item.value) && !DATE.test(item.value) &&
              Array.from(item.value).length >= 3 && item.presence !== '-' ? item.raw + '~1' : (same ? typed[i].raw : item.raw);
          });
          if (fz.some(function (r, i) { return r === p.items[i].raw + '~1'; })) fuzzy = fz.join(' ');
        }
        return { corrected: changed ? raws.join(' ') : null, fuzzy: fuzzy };
      });
    }

    // Words to mark in snippets: exact terms and prefixes.
    function marks(p) {
      var exact = {}, prefixes = [];
      p.units.forEach(function (u) {
        if (u.presence === P.PROHIBITED) return;
        clausesOf(u).forEach(function (c) {
          if (c.wildcard & W.TRAILING) prefixes.push(c.term.replace(/\*+$/, ''));
          else (c.usePipeline ? pipeline.runString(c.term) : [c.term]).forEach(function (t) { exact[t] = true; });
        });
      });
      return function (word) {
        return fold.tokens(word).some(function (tok) {
          return fold.terms(tok).some(function (t) { return exact[t]; }) ||
            prefixes.some(function (x) { return x && tok.indexOf(x) === 0; });
        });
      };
    }

    function facetValue(n, kind) {
      var f = state.manifest.facets[n];
      if (kind === 'lang') return state.manifest.langs[f[0]];
      if (kind === 'outlet') return f[1] < 0 ? '' : state.manifest.outlets[f[1]];
      return f[2] ? String(Math.floor(f[2] / 10000)) : '';
    }

    return {
      // index files call these when their <script> runs
      manifest: function (m) {
        state.manifest = m; state.weighing = weighing(m); state.outletTokens = null; state.swap = swapper(m.swap);
        state.names = chunkNames(m.chunks);
        state.numbers = {};
        state.names.forEach(function (name, n) { state.numbers[name] = n; });
      },
      chunk: function (name, words, postings, counts) {
        state.chunks[state.numbers[name]] = decodeChunk(lunr, state.weighing, pipeline, state.swap, words, postings, counts);
      },
      doc: function (n, d) {
        state.inflating[n] = state.inflating[n] || inflate(d.deflated).then(function (text) {
          state.docs[n] = docRecord(n, d, text);
        });
      },
      // the engine
      search: search,
      query: function (q) { return search(q).then(function (p) { return p.hits; }); },
      suggest: suggest,
      marks: marks,
      facetValue: facetValue,
      loadDocs: loadDocs,
      state: state,
      FEW: FEW
    };
  }

  // --- the search page ------------------------------------------------------------------------
  function page(win) {
    var document = win.document, lunr = win.lunr, fold = win.SijillFold, history = win.history;
    var root = document.documentElement;
    var base = document.querySelector('meta[name="sijill-search-base"]').content; // "…/search/"
    fold.registerLunrPipeline(lunr); // before any index chunk is loaded
    var pending = {};
    function load(src) {
      if (!pending[src]) {
        pending[src] = new Promise(function (resolve, reject) {
          var s = document.createElement('script');
          s.src = src;
          s.onload = resolve;
          s.onerror = function () { delete pending[src]; reject(new Error(src)); };
          document.head.appendChild(s);
        });
      }
      return pending[src];
    }
    var engine = createEngine({ lunr: lunr, fold: fold, load: load, base: base });
    win.SijillSearch = engine;

    var form = document.getElementById('search-form');
    if (!form) return; // the engine alone (benchmarks)
    var PAGE = 20;
    var text = JSON.parse(document.getElementById('search-strings').textContent);
    // Numbers in the page's digits (NEWS_ARCHIVE["digits"]: native, or latin everywhere).
    var locale = text.latinDigits ? root.lang + '-u-nu-latn' : ({ ar: 'ar-u-nu-arab', fa: 'fa-u-nu-arabext' }[root.lang] || root.lang);
    function num(n) { return new Intl.NumberFormat(locale).format(n); }
    function year(v) { return /^\d{4}$/.test(v) ? new Intl.NumberFormat(locale, { useGrouping: false }).format(Number(v)) : v; }
    var input = document.getElementById('search-q');
    var sort = document.getElementById('search-sort');
    var status = document.getElementById('search-status');
    var hint = document.getElementById('search-suggest');
    var list = document.getElementById('search-results');
    var more = document.getElementById('search-more');
    var facetBox = document.getElementById('search-facets');
    var filters = document.getElementById('search-filters');
    var KINDS = ['lang', 'outlet', 'year'];
    var current = null, generation = 0, runs = 0;

    function el(tag, attrs, content) {
      var node = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (content !== undefined) node.textContent = content;
      return node;
    }
    function failure(e) {
      if (e instanceof NeedsNewerBrowser) return text.needsNewer + ' ' + e.phrase;
      return text.failed + ' ' + (e && e.message || '');
    }
    function say() { // strings and nodes
      status.textContent = '';
      Array.prototype.forEach.call(arguments, function (part) {
        status.appendChild(typeof part === 'string' ? document.createTextNode(part) : part);
      });
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
      var d = engine.state.docs[n], li = el('li', { lang: d.lang });
      var a = el('a', { href: d.url, class: 'entry-title' });
      a.appendChild(el('bdi', {}, d.title));
      li.appendChild(a);
      var meta = el('span', { class: 'entry-meta', lang: root.lang });
      meta.appendChild(el('span', {}, formatDate(d.date)));
      meta.appendChild(document.createTextNode(' – '));
      meta.appendChild(el('bdi', {}, d.outlet || text.outletUnknown));
      meta.appendChild(document.createTextNode(' – ' + (text.languages[d.lang] || d.lang)));
      li.appendChild(meta);
      li.appendChild(snippet(d.text || '', isMatch));
      return li;
    }

    // --- state in the URL (history API: no reload, works from file:// too) -----------------
    function formParams() {
      var params = new URLSearchParams();
      params.set('q', input.value);
      KINDS.forEach(function (kind) {
        facetBox.querySelectorAll('input[name="' + kind + '"]').forEach(function (box) { if (box.checked) params.append(kind, box.value); });
      });
      if (sort.value === 'date') params.set('sort', 'date');
      return params;
    }
    function setUrl(params, push) {
      var url = '?' + params.toString();
      if (url === win.location.search) return;
      try { history[push ? 'pushState' : 'replaceState'](null, '', url); } catch (e) { /* a browser refusing it: keep going */ }
    }

    function renderFacets(hits, params) {
      facetBox.textContent = '';
      KINDS.forEach(function (kind) {
        var counts = {}, wanted = params.getAll(kind);
        hits.forEach(function (h) { var v = engine.facetValue(h.n, kind); if (v) counts[v] = (counts[v] || 0) + 1; });
        wanted.forEach(function (v) { counts[v] = counts[v] || 0; }); // a chosen value stays visible
        var values = Object.keys(counts).sort();
        if (!values.length) return;
        var fs = el('fieldset', { class: 'facet' });
        fs.appendChild(el('legend', {}, text.facets[kind]));
        values.forEach(function (v, i) {
          var id = 'f-' + kind + '-' + i;
          var box = el('input', { type: 'checkbox', name: kind, value: v, id: id, form: 'search-form' });
          box.checked = wanted.indexOf(v) >= 0;
          box.addEventListener('change', function () { refine(); });
          var label = el('label', { for: id });
          label.appendChild(el('bdi', {}, kind === 'lang' ? (text.languages[v] || v) : kind === 'year' ? year(v) : v));
          label.appendChild(document.createTextNode(' (' + num(counts[v]) + ')'));
          var row = el('div');
          row.appendChild(box);
          row.appendChild(label);
          fs.appendChild(row);
        });
        facetBox.appendChild(fs);
      });
      filters.hidden = !facetBox.children.length;
    }

    function begin() {
      root.setAttribute('aria-busy', 'true');
      delete root.dataset.searchDone;
      return ++generation;
    }
    function done(gen) {
      if (gen !== generation) return;
      root.removeAttribute('aria-busy');
      root.dataset.searchDone = 'true';
      root.dataset.searchRuns = String(++runs);
    }

    // Results of the current query with the chosen facets and order, first page.
    function show(params, gen) {
      var hits = current.hits;
      KINDS.forEach(function (kind) {
        var wanted = params.getAll(kind);
        if (wanted.length) hits = hits.filter(function (h) { return wanted.indexOf(engine.facetValue(h.n, kind)) >= 0; });
      });
      hits = hits.slice();
      if (params.get('sort') === 'date') {
        var facets = engine.state.manifest.facets;
        hits.sort(function (a, b) { return facets[b.n][2] - facets[a.n][2] || b.score - a.score || b.n - a.n; });
      }
      say(hits.length ? text.found.replace('{num}', num(hits.length)) : text.none);
      var isMatch = engine.marks(current), shown = 0, items = [];
      function nextPage() {
        var batch = hits.slice(shown, shown + PAGE);
        return engine.loadDocs(batch.map(function (h) { return h.n; })).then(function () {
          if (gen !== generation) return;
          batch.forEach(function (h) { items.push(resultItem(h.n, isMatch)); });
          shown += batch.length;
          more.hidden = shown >= hits.length;
        });
      }
      more.onclick = function () {
        var next = shown, gen2 = generation;
        nextPage().then(function () {
          if (gen2 !== generation) return;
          items.slice(next).forEach(function (li) { list.appendChild(li); });
          var a = list.children[next] && list.children[next].querySelector('a');
          if (a) a.focus();
        });
      };
      return nextPage().then(function () {
        if (gen !== generation) return;
        list.textContent = '';
        items.forEach(function (li) { list.appendChild(li); });
      });
    }

    function bad(e) {
      var message = { field: text.badField, date: text.badDate }[e.kind] || text.badHint;
      say(text.badQuery + ' ', el('bdi', { class: 'query-part' }, e.part), ' ' + message);
      status.dataset.error = e.kind;
      list.textContent = '';
      more.hidden = true;
      filters.hidden = true;
    }

    function link(query, label) {
      var a = el('a', { href: '?' + new URLSearchParams({ q: query }).toString(), class: 'suggestion', 'data-query': query });
      a.appendChild(el('bdi', {}, label || query));
      a.addEventListener('click', function (event) {
        event.preventDefault();
        input.value = query;
        var params = formParams();
        setUrl(params, true);
        run(params);
        input.focus();
      });
      return a;
    }

    function suggestions(gen) {
      if (!current) return Promise.resolve();
      return engine.suggest(current).then(function (alt) {
        var tries = [[alt.corrected, text.didYouMean], [alt.fuzzy, text.fuzzy]].filter(function (t) { return t[0]; });
        return Promise.all(tries.map(function (t) {
          return engine.search(t[0]).then(function (p) { return p.hits.length; }, function () { return 0; });
        })).then(function (counts) {
          if (gen !== generation) return;
          tries.forEach(function (t, i) {
            // only what finds more; the ~1 query only when it finds more than the correction
            if (counts[i] <= current.hits.length || (i && tries.length > 1 && counts[i] <= counts[0])) return;
            var p = el('p', { class: 'search-suggestion' });
            p.appendChild(document.createTextNode(t[1] + ' '));
            p.appendChild(link(t[0]));
            p.appendChild(document.createTextNode(' (' + text.found.replace('{num}', num(counts[i])) + ')'));
            hint.appendChild(p);
          });
          hint.hidden = !hint.children.length;
        });
      });
    }

    // A new query: search, facets, results, suggestions.
    function run(params) {
      var gen = begin(), q = params.get('q') || '';
      hint.textContent = '';
      hint.hidden = true;
      delete status.dataset.error;
      if (!q.trim()) {
        current = null;
        list.textContent = '';
        more.hidden = true;
        filters.hidden = true;
        say(text.empty);
        done(gen);
        return Promise.resolve();
      }
      say(text.searching);
      return engine.search(q).then(function (p) {
        if (gen !== generation) return;
        current = p;
        renderFacets(p.hits, params);
        return show(params, gen).then(function () { return suggestions(gen); });
      }).catch(function (e) {
        if (gen !== generation) return;
        if (e instanceof QueryError) bad(e);
        else say(failure(e));
      }).then(function () { done(gen); });
    }

    // A facet or the order changed: the same query's results, filtered and sorted again.
    function refine() {
      var params = formParams();
      setUrl(params, false);
      if (!current || current.query !== params.get('q')) return run(params);
      var gen = begin();
      return show(params, gen).catch(function (e) { say(failure(e)); })
        .then(function () { done(gen); });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var params = formParams();
      if (current && current.query === params.get('q')) { refine(); return; }
      setUrl(params, true);
      run(params);
    });
    sort.addEventListener('change', function () { refine(); });
    win.addEventListener('popstate', function () { start(); });

    // Filters open beside the results on a wide screen, folded away above them on a phone.
    var narrow = win.matchMedia('(max-width: 36rem)');
    filters.open = !narrow.matches;
    narrow.addEventListener('change', function () { filters.open = !narrow.matches; });

    function start() {
      var params = new URLSearchParams(win.location.search);
      input.value = params.get('q') || '';
      sort.value = params.get('sort') === 'date' ? 'date' : 'relevance';
      current = null;
      return run(params);
    }
    start();
  }

  return { createEngine: createEngine, page: page, scan: scan, distance: distance, dateRange: dateRange,
    weight: weight, cmp: cmp, QueryError: QueryError, NeedsNewerBrowser: NeedsNewerBrowser, varints: varints, swapper: swapper, decodeChunk: decodeChunk, weighing: weighing, chunkNames: chunkNames, weight1000: weight1000,
    inflate: inflate, fromBase85: fromBase85, DIGITS: DIGITS };
}));
