// Preview only: serve.py adds this script to the pages it serves, and no build ever
// contains it. It asks the server to answer once the site has been rebuilt (the
// server holds the request until then), and reloads the page when that happens.
(function () {
  "use strict";

  var built = document.currentScript.getAttribute("data-generation");

  function wait() {
    fetch("/__livereload?since=" + encodeURIComponent(built), { cache: "no-store" })
      .then(function (response) {
        return response.text();
      })
      .then(function (generation) {
        if (generation.trim() !== built) {
          location.reload();
        } else {
          wait(); // no rebuild yet: ask again
        }
      })
      .catch(function () {
        setTimeout(wait, 2000); // the server is restarting, or stopped
      });
  }

  wait();
})();
