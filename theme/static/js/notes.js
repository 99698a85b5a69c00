/* Passage notes: beside the text on wide screens (open); on a phone each opens in place, under
   its paragraph, when its number or its summary is chosen. Without this script every note is
   simply open. */
(function () {
  'use strict';
  var narrow = window.matchMedia('(max-width: 63.99rem)');
  var notes = Array.prototype.slice.call(document.querySelectorAll('details.pnote'));
  function targeted(note) { return location.hash === '#' + note.id; }
  function layout() {
    notes.forEach(function (note) { note.open = !narrow.matches || targeted(note); });
  }
  function openFromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var note = id && document.getElementById(id);
    if (note && note.matches('details.pnote')) note.open = true;
  }
  document.querySelectorAll('a.note-ref').forEach(function (ref) {
    ref.addEventListener('click', function () {
      var note = document.getElementById(ref.getAttribute('href').slice(1));
      if (note) note.open = true;
    });
  });
  window.addEventListener('hashchange', openFromHash);
  if (narrow.addEventListener) narrow.addEventListener('change', layout);
  layout();
  openFromHash();
})();
