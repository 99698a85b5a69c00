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
