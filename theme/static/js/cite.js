/* The "cite this article" panel.
   - One reference at a time, chosen from a style menu, with one copy button (without
     JavaScript every reference is shown).
   - Built without a public address (no SITEURL), the references and the record downloads (data:
     URLs in the page, so they work without JavaScript and from disk) give the article's path
     inside the archive; served over http(s), this fills in the absolute
     address the page was served from and says nothing more; from file:// the notice that the
     archive has no public address yet stays.
   - Copied text keeps each run of the other direction isolated (U+2068/U+2066 ... U+2069), so a
     reference pasted elsewhere reads in the right order. */
(function () {
  'use strict';
  var panel = document.getElementById('cite');
  if (!panel) return;
  var FSI = '\u2068', LRI = '\u2066', PDI = '\u2069';
  var served = location.protocol === 'http:' || location.protocol === 'https:';
  var root = new URL('../', location.href);  // article pages live at articles/<id>.html

  function absolute(path) { return new URL(path, root).href; }

  if (served) {
    panel.querySelectorAll('.cite-url[data-path]').forEach(function (node) {
      if (!/^https?:/.test(node.textContent)) node.textContent = absolute(node.dataset.path);
    });
    ['citation_public_url', 'DC.identifier'].forEach(function (name) {
      var meta = document.querySelector('meta[name="' + name + '"]');
      if (meta && !/^https?:/.test(meta.content)) meta.content = absolute(meta.content);
    });
    var notice = document.getElementById('no-address');  // only there when built without an address
    if (notice) {
      notice.hidden = true;
      giveRecordsTheAddress(document.getElementById('permalink').dataset.path);
    }
  }

  // The record downloads are data: URLs holding the article's path: put the served address in.
  function giveRecordsTheAddress(path) {
    panel.querySelectorAll('a[data-record]').forEach(function (link) {
      var head = link.href.slice(0, link.href.indexOf(',') + 1);
      var bytes = Uint8Array.from(atob(link.href.slice(head.length)), function (c) { return c.charCodeAt(0); });
      var text = new TextDecoder().decode(bytes).split(path).join(absolute(path));
      var encoded = '';
      new TextEncoder().encode(text).forEach(function (b) { encoded += String.fromCharCode(b); });
      link.href = head + btoa(encoded);
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
