/* Sijill: on every page. Fills in the address printed under a page, registers the service worker
 * (only over https or on this computer, never from file://) and runs the "save for offline
 * reading" button of story and listing pages. No inline script: the CSP allows 'self' only. */
(function () {
  'use strict';
  var script = document.currentScript;
  var root = script ? new URL('../../', script.src) : null; // theme/js/site.js -> the site's root

  function ready(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  }

  // The printed address: the canonical one when the site's address is known, else this page's.
  ready(function () {
    var line = document.getElementById('print-url');
    if (!line) return;
    var canonical = document.querySelector('link[rel="canonical"]');
    var here = location.href.split('#')[0];
    line.textContent = canonical ? canonical.href : here;
  });

  // Paragraph links: the HTML has none (only the paragraphs' ids, p1, p2…); here every paragraph of
  // the text ends with " ¶", a link to itself named "Link to paragraph 3" (the body's data-anchor)
  // with the body's data-anchor-title as its tooltip. A page saved offline by an older version
  // already has its links: they stay as they are.
  ready(function () {
    var body = document.getElementById('body');
    var template = body && body.getAttribute('data-anchor');
    if (!template) return;
    var title = body.getAttribute('data-anchor-title');
    for (var p = body.firstElementChild; p; p = p.nextElementSibling) {
      var number = p.tagName === 'P' && /^p(\d+)$/.exec(p.id);
      if (!number || p.querySelector('a.anchor')) continue;
      var link = document.createElement('a');
      link.className = 'anchor';
      link.href = '#' + p.id;
      link.setAttribute('aria-label', template.replace('{num}', number[1]));
      if (title) link.title = title;
      link.textContent = '¶';
      // the space joins the paragraph's last text, as in the HTML that carried the links (the
      // text is then drawn exactly as it was: a text node of its own shifted a few pixels)
      if (p.lastChild && p.lastChild.nodeType === Node.TEXT_NODE) p.lastChild.appendData(' ');
      else p.appendChild(document.createTextNode(' '));
      p.appendChild(link);
    }
  });

  // Timeline marks: each mark's tooltip (date – outlet: headline) is made from its report's row
  // of the table under the picture (the same link), which names every report once.
  ready(function () {
    var table = document.getElementById('tl-table');
    if (!table) return;
    var rows = {};
    var cells = table.querySelectorAll('tbody tr');
    for (var r = 0; r < cells.length; r += 1) {
      var link = cells[r].querySelector('a[href]');
      if (link && cells[r].cells.length >= 3) rows[link.getAttribute('href')] = cells[r].cells;
    }
    var marks = document.querySelectorAll('.tl-links a[href]');
    for (var i = 0; i < marks.length; i += 1) {
      var row = rows[marks[i].getAttribute('href')];
      if (!row || marks[i].querySelector('title')) continue;
      var tip = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      tip.textContent = row[0].textContent + ' – ' + row[1].textContent + ': ' + row[2].textContent;
      marks[i].insertBefore(tip, marks[i].firstChild);
    }
  });

  var local = location.hostname === '127.0.0.1' || location.hostname === 'localhost' || location.hostname === '[::1]';
  var secure = location.protocol === 'https:' || (location.protocol === 'http:' && local);
  if (!root || !secure || !('serviceWorker' in navigator)) return;

  var registered = navigator.serviceWorker.register(new URL('sw.js', root).href, { scope: root.pathname });
  registered.catch(function () { /* no worker: the site works as before, online */ });

  // Keep the page the reader has open (it was loaded before the worker controlled it).
  navigator.serviceWorker.ready.then(function (registration) {
    if (registration.active) registration.active.postMessage({ type: 'opened', url: location.href.split('#')[0] });
  });

  ready(function () {
    var box = document.getElementById('save-offline');
    var button = document.getElementById('save-offline-button');
    var status = document.getElementById('save-offline-status');
    if (!box || !button || !status) return;
    box.hidden = false;

    function say(template, numbers) {
      return template.replace(/\{(\w+)\}/g, function (all, name) {
        return name in numbers ? String(numbers[name]) : all;
      });
    }

    button.addEventListener('click', function () {
      var seen = {};
      var urls = [location.href.split('#')[0]];
      var links = document.querySelectorAll('main a[href]');
      for (var i = 0; i < links.length; i += 1) {
        // (resolved from the attribute: a link in an SVG timeline has no string .href)
        var url = new URL(links[i].getAttribute('href'), location.href).href.split('#')[0];
        if (/\/articles\/[0-9a-f]{16}\.html$/.test(url) && !seen[url]) {
          seen[url] = true;
          urls.push(url);
        }
      }
      button.disabled = true;
      box.setAttribute('data-state', 'saving');
      status.textContent = say(button.getAttribute('data-saving'), { done: 0, total: urls.length });
      navigator.serviceWorker.ready.then(function (registration) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          var m = event.data || {};
          if (m.type === 'progress') {
            status.textContent = say(button.getAttribute('data-saving'), { done: m.done + m.failed, total: m.total });
          } else if (m.type === 'finished') {
            button.disabled = false;
            box.setAttribute('data-state', m.failed ? 'failed' : 'done');
            status.textContent = m.failed
              ? say(button.getAttribute('data-failed'), { failed: m.failed, total: m.total })
              : say(button.getAttribute('data-done'), { total: m.total });
          }
        };
        registration.active.postMessage({ type: 'save', urls: urls }, [channel.port2]);
      }).catch(function () {
        button.disabled = false;
        box.setAttribute('data-state', 'failed');
        status.textContent = say(button.getAttribute('data-failed'), { failed: urls.length, total: urls.length });
      });
    });
  });
})();
