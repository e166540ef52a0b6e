// Pages with long work running in the background (a history import, results being
// computed) mark their progress region with data-progress-poll. This fetches the page
// again every two seconds and swaps in the fresh region; once the work is done the new
// region has no data-progress-poll, and the whole page is loaded again to show the
// outcome. Without scripts, a <noscript> refresh and a "Refresh now" link do the same.
(function () {
  "use strict";
  var INTERVAL = 2000;

  function poll() {
    var region = document.querySelector("[data-progress-poll]");
    if (!region) {
      return;
    }
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          var fresh = new DOMParser()
            .parseFromString(html, "text/html")
            .querySelector(".benchmarking-progress");
          if (fresh && fresh.hasAttribute("data-progress-poll")) {
            region.replaceWith(fresh);
            poll();
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          poll();
        });
    }, INTERVAL);
  }

  document.addEventListener("DOMContentLoaded", poll);
})();
