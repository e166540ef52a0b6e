// Calendar filters: without JavaScript the form submits as a normal GET. With it, changing a
// filter fetches the same URL, swaps the calendar in place and updates the address bar.
(function () {
  "use strict";
  var region = document.querySelector("[data-calendar]");
  if (!region || !window.fetch || !window.history || !window.DOMParser) return;

  function urlFor(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (value !== "" && !(key === "when" && value === "upcoming")) params.append(key, value);
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function load(url, push) {
    var focusedId = document.activeElement && document.activeElement.id;
    region.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-calendar]");
        if (!fresh) { window.location.assign(url); return; }
        region.innerHTML = fresh.innerHTML;
        document.title = doc.title;
        var canonical = doc.querySelector('link[rel="canonical"]');
        var target = canonical ? new URL(canonical.href).pathname + new URL(canonical.href).search : url;
        if (push) window.history.pushState({ calendar: true }, "", target);
        if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
      })
      .catch(function () { window.location.assign(url); })
      .finally(function () { region.removeAttribute("aria-busy"); });
  }

  region.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-calendar-form") && event.target.name !== "q") {
      load(urlFor(form), true);
    }
  });
  region.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute("data-calendar-form")) return;
    event.preventDefault();
    load(urlFor(event.target), true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();
