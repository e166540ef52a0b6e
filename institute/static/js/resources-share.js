// "Copy link": copies the page address to the clipboard. Without JavaScript (or without
// clipboard access) it stays a plain link to the page, which can be copied by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-url]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!navigator.clipboard) return;
      event.preventDefault();
      var status = link.parentElement.querySelector(".share-copy__status");
      navigator.clipboard.writeText(link.dataset.copyUrl).then(
        function () { if (status) status.textContent = "Link copied."; },
        function () { if (status) status.textContent = "Copy the address from your browser's address bar."; }
      );
    });
  });
})();
