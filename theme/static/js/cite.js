/* The "cite this article" panel.
   - The page carries one reference (the first: Harvard in the article's language, shown with its
     label without JavaScript); the others (Harvard in English, IEEE in both) are made here from
     the page's JSON-LD and theme/js/cite-styles.js (written once per site by the build) as
     plugins/news_archive/citation.py's Formatter makes them, to the character and the markup
     (tests/test_citation.py runs `reference` in Node and compares).
   - One reference at a time, chosen from a style menu (filled here from the references' labels),
     with one copy button.
   - The record downloads (BibTeX, RIS, CSL-JSON) are built here from the one record the page
     carries, its schema.org JSON-LD, with the very text plugins/news_archive/citation.py writes
     into the archive-wide files (tests/test_citation.py runs these exporters in Node and compares
     them with Python's); they become data: URLs, so they download from disk too. Without
     JavaScript the links give the archive-wide files.
   - Built without a public address (no SITEURL), the references and the records give the
     article's path inside the archive; served over http(s), this fills in the absolute address
     the page was served from and says nothing more; from file:// the notice that the archive has
     no public address yet stays.
   - Copied text keeps each run of the other direction isolated (U+2068/U+2066 ... U+2069), so a
     reference pasted elsewhere reads in the right order. */
(function () {
  'use strict';

  // --- the records, from the page's JSON-LD (pure: also run by the tests in Node) ------------
  var LANGID = { ar: 'arabic', fa: 'farsi' };

  // CSL-JSON item of the article (citation.csl_item), from its JSON-LD (citation.json_ld)
  function cslItem(ld) {
    var item = {
      id: ld.url.match(/([^/]+)\.html$/)[1],
      type: 'article-newspaper',
      title: ld.headline,
      language: ld.inLanguage,
      URL: ld.url,
      archive: ld.isPartOf.name,
      note: 'SHA-256 ' + ld.identifier.replace(/^sha256:/, '') + (ld.isBasedOn ? '; original: ' + ld.isBasedOn : '')
    };
    if (ld.publisher) item['container-title'] = ld.publisher.name;
    if (ld.datePublished) {
      item.issued = { 'date-parts': [ld.datePublished.slice(0, 10).split('-').map(Number)] };
    }
    return item;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function day(item, sep) {
    var d = item.issued['date-parts'][0];
    return d[0] + sep + pad(d[1]) + sep + pad(d[2]);
  }

  // citation._braces: BibTeX values are written in braces
  function braces(text) {
    return text.split('\\').join('\\textbackslash{}').split('{').join('\\{').split('}').join('\\}');
  }

  function bibtex(item) {
    var fields = [
      ['title', item.title],
      ['journal', item['container-title']],
      ['date', item.issued && day(item, '-')],
      ['year', item.issued && String(item.issued['date-parts'][0][0])],
      ['url', item.URL],
      ['langid', LANGID[item.language]],
      ['note', item.note],
      ['entrysubtype', 'newspaper']
    ].filter(function (f) { return f[1]; });
    return '@article{sijill-' + item.id + ',\n' +
      fields.map(function (f) { return '\t' + f[0] + ' = {' + braces(f[1]) + '}'; }).join(',\n') + '\n}\n';
  }

  function ris(item) {
    var lines = ['1.', 'TY  - NEWS', 'ID  - ' + item.id, 'TI  - ' + item.title, 'LA  - ' + item.language,
      'UR  - ' + item.URL, 'N1  - ' + item.note, 'DB  - ' + item.archive, 'AN  - ' + item.id];
    if (item['container-title']) lines.push('T2  - ' + item['container-title']);
    if (item.issued) lines.push('DA  - ' + day(item, '/') + '/', 'PY  - ' + item.issued['date-parts'][0][0]);
    return lines.concat(['ER  - ', '']).join('\n');
  }

  function sorted(value) {  // Python's json.dumps(sort_keys=True)
    if (Array.isArray(value)) return value.map(sorted);
    if (value === null || typeof value !== 'object') return value;
    var out = {};
    Object.keys(value).sort().forEach(function (key) { out[key] = sorted(value[key]); });
    return out;
  }

  function cslJson(item) { return '[\n' + JSON.stringify(sorted(item)) + '\n]\n'; }  // as citation.csl_json

  var RECORDS = {  // by file suffix, as citation.RECORDS
    '.bib': ['application/x-bibtex', bibtex],
    '.ris': ['application/x-research-info-systems', ris],
    '.csl.json': ['application/vnd.citationstyles.csl+json', cslJson]
  };

  // --- the references (citation.Formatter) -------------------------------------------------
  var KINDS = { '\ue000': 'title', '\ue001': 'outlet', '\ue002': 'url', '\ue003': 'archive' };

  // citation._dated: the stand-in day and year of the style's words become the article's
  function dated(words, date, standIn) {
    if (!date) return words;
    var day = words.replace(new RegExp('(?<!\\p{Nd})(0?)' + standIn[1] + '(?!\\p{Nd})', 'gu'), function (m, zero) {
      return zero ? pad(date[2]) : String(date[2]);
    });
    return day.replace(new RegExp('(?<!\\p{Nd})' + standIn[0] + '(?!\\p{Nd})', 'gu'), String(date[0]));
  }

  // citation._quoted: quotes inside a title become the other kind than the reference puts around it
  function quoted(title, lang) {
    var inner = lang === 'ar' || lang === 'fa' ? '\u201c$1\u201d' : '\u00ab$1\u00bb';
    return title.replace(/["\u201c\u201d\u00ab\u00bb]([^\n]*?)["\u201c\u201d\u00ab\u00bb]/g, inner).split('"').join('');
  }

  // The reference of the article (its JSON-LD) in `style` and `lang`, as citation.Reference's
  // runs: [text, kind] with kind null for the style's words, else "title", "outlet", "url" or
  // "archive"; null when `data` lacks its stand-in (a cite-styles.js older than the page).
  function reference(ld, style, lang, data) {
    var date = ld.datePublished ? ld.datePublished.slice(0, 10).split('-').map(Number) : null;
    var key = (ld.publisher ? 1 : 0) + '-' + (date ? date[1] : '');
    var words = (data.words[style] || {})[lang] || {};
    if (!(key in words)) return null;
    var text = dated(words[key], date, data.standIn);
    var digits = data.digits[lang];
    if (digits) text = text.replace(/[0-9]/g, function (d) { return digits[d]; });
    var values = {
      title: quoted(ld.headline, lang),
      outlet: ld.publisher ? ld.publisher.name : '',
      url: ld.url,
      archive: ld.isPartOf.name
    };
    return text.split(/([\ue000-\ue003])/).filter(Boolean).map(function (piece) {
      var kind = KINDS[piece];
      return kind ? [values[kind], kind] : [piece, null];
    });
  }

  if (typeof document === 'undefined') {  // Node (the tests)
    module.exports = { cslItem: cslItem, RECORDS: RECORDS, reference: reference };
    return;
  }

  // --- the panel ----------------------------------------------------------------------------
  var panel = document.getElementById('cite');
  if (!panel) return;
  var FSI = '\u2068', LRI = '\u2066', PDI = '\u2069';
  var served = location.protocol === 'http:' || location.protocol === 'https:';
  var root = new URL('../', location.href);  // article pages live at articles/<id>.html
  var path = panel.dataset.path;

  function absolute(relative) { return new URL(relative, root).href; }

  // citation._run_html, as nodes: the URL left to right, the record's other values isolated
  function runNode(run) {
    if (!run[1]) return document.createTextNode(run[0]);
    var node = document.createElement(run[1] === 'url' ? 'span' : 'bdi');
    if (run[1] === 'url') {
      node.className = 'cite-url';
      node.dir = 'ltr';
    }
    node.textContent = run[0];
    return node;
  }

  // the references after the page's own, as the template writes it: label, then the reference
  // (all three or none: the menu then offers the page's own only)
  var ldScript = document.querySelector('script[type="application/ld+json"]');
  var ld = ldScript && JSON.parse(ldScript.textContent);
  var data = window.SijillCiteStyles;
  var menus = ld && data && data.menus[ld.inLanguage];
  var others = (menus || []).slice(1).map(function (cite) { return reference(ld, cite.style, cite.lang, data); });
  if (menus && others.indexOf(null) < 0) {
    var last = panel.querySelector('.citation');
    menus.slice(1).forEach(function (cite, index) {
      var block = document.createElement('div');
      var name = document.createElement('p');
      var text = document.createElement('p');
      block.className = 'citation';
      name.className = 'cite-style';
      name.textContent = cite.label;
      text.className = 'cite-text';
      text.id = 'cite-' + (index + 2);
      text.lang = cite.lang;
      text.dir = cite.dir;
      others[index].forEach(function (run) { text.appendChild(runNode(run)); });
      block.append(name, text);
      last.after(block);
      last = block;
    });
  }

  if (served) {
    panel.querySelectorAll('.cite-url').forEach(function (node) {
      if (!/^https?:/.test(node.textContent)) node.textContent = absolute(path);
    });
    var meta = document.querySelector('meta[name="citation_public_url"]');
    if (meta && !/^https?:/.test(meta.content)) meta.content = absolute(meta.content);
    var notice = document.getElementById('no-address');  // only there when built without an address
    if (notice) notice.hidden = true;
  }

  function dataUrl(text, media) {
    var binary = '';
    new TextEncoder().encode(text).forEach(function (b) { binary += String.fromCharCode(b); });
    return 'data:' + media + ';charset=utf-8;base64,' + btoa(binary);
  }

  if (ld) {
    var item = cslItem(ld);
    if (served && !/^https?:/.test(item.URL)) item.URL = absolute(item.URL);
    panel.querySelectorAll('a[data-record]').forEach(function (link) {
      var record = RECORDS[link.dataset.record];
      link.href = dataUrl(record[1](item), record[0]);
      link.download = item.id + link.dataset.record;
    });
  }

  var RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
  var LETTER = /[A-Za-z\u00c0-\u024f\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
  function direction(text) {
    var first = text.match(LETTER);
    return first && RTL_LETTER.test(first[0]) ? 'rtl' : 'ltr';
  }
  // The reference as plain text; a run written in the other direction is wrapped in isolates.
  function isolated(node) {
    var own = node.getAttribute('dir'), text = '';
    node.childNodes.forEach(function (child) {
      var run = child.textContent;
      if (child.nodeType === Node.TEXT_NODE) text += run;
      else if (child.classList.contains('cite-url')) text += own === 'rtl' ? LRI + run + PDI : run;
      else text += direction(run) !== own ? FSI + run + PDI : run;
    });
    return text.trim();
  }

  var controls = panel.querySelector('.cite-controls');
  var menu = document.getElementById('cite-style');
  var button = controls.querySelector('button.copy');
  var blocks = panel.querySelectorAll('.citation');
  blocks.forEach(function (block) {  // the menu: one choice per reference, named by its label
    var option = document.createElement('option');
    option.value = block.querySelector('.cite-text').id;
    option.textContent = block.querySelector('.cite-style').textContent;
    menu.appendChild(option);
  });
  function show() {
    blocks.forEach(function (block) { block.hidden = block.querySelector('.cite-text').id !== menu.value; });
  }
  controls.hidden = false;
  menu.addEventListener('change', show);
  show();
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    button.hidden = true;
    return;
  }
  var label = button.textContent;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(isolated(document.getElementById(menu.value))).then(function () {
      button.textContent = button.dataset.done;
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
