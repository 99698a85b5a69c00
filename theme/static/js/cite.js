/* "Copy" buttons of the cite panel: shown only when the clipboard can be written. */
(function () {
  'use strict';
  if (!navigator.clipboard || !navigator.clipboard.writeText) return;
  document.querySelectorAll('button.copy[data-copy]').forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = document.getElementById(button.dataset.copy).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.dataset.done;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
