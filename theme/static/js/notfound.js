/* Sijill: the 404 page. A host serves 404.html for a missing path at any depth, so links written
 * relative to the site's root would be read relative to the missing page. This finds the root
 * from <meta name="sijill-root"> (set when the build knew the site's address) or from this
 * script's own address, points every link of the page there, and offers a search for the words
 * of the missing address. Without JavaScript the links are written from the root already when
 * the site's address was known at build time, and relative to the site's root otherwise. */
(function () {
  'use strict';
  var script = document.currentScript;
  var meta = document.querySelector('meta[name="sijill-root"]');
  var root = meta && meta.content ? new URL(meta.content, location.href)
    : script ? new URL('../../', script.src) : null;

  function mend() {
    if (!root) return;
    var here = location.href.split('#')[0];
    var attrs = [['a', 'href'], ['link', 'href'], ['form', 'action']];
    attrs.forEach(function (pair) {
      var nodes = document.querySelectorAll(pair[0] + '[' + pair[1] + ']');
      for (var i = 0; i < nodes.length; i += 1) {
        var value = nodes[i].getAttribute(pair[1]);
        if (!value || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(value)) continue; // absolute or same page
        var target = new URL(value, new URL('404.html', root)).href;
        if (target !== new URL(value, here).href) nodes[i].setAttribute(pair[1], target);
      }
    });
    var missing = document.getElementById('missing-path');
    if (missing && location.protocol !== 'file:') {
      missing.textContent = decodeURIComponent(location.pathname);
      missing.hidden = false;
    }
    // Words of the missing address (its last part, without .html), as a search.
    var last = location.pathname.split('/').filter(Boolean).pop() || '';
    var words = decodeURIComponent(last).replace(/\.[a-z]+$/i, '').replace(/[-_+]+/g, ' ').trim();
    var box = document.getElementById('notfound-q');
    if (box && words && !/^404$/.test(words)) box.value = words;
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mend);
  else mend();
})();
