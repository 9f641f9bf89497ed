/* The team page's only script at first: the kits need none, and the report's code (about
 * half the page's weight) loads when the reader first asks for a report, so the page
 * stays within one round trip. */
(function () {
  "use strict";

  var button = document.getElementById("team-read");
  // Scripts are found beside this one, so a translation's pages (fr/team.html) load them too.
  var here = document.currentScript.src;

  function load(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(name, here).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  button.addEventListener("click", function first() {
    button.removeEventListener("click", first);
    // In the button's order (render.py's Page.later): teampage.js uses the others as it starts.
    button.getAttribute("data-load").split(" ").reduce(function (loaded, name) {
      return loaded.then(function () { return load(name); });
    }, Promise.resolve()).then(function () { window.SCITeamPage.start(); });
  });
})();
