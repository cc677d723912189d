/* "Exit this page": hide the page at once and go to a neutral site, replacing this page in the
   history so Back does not return here. Works from the button (mouse, touch, keyboard) and by
   pressing Shift 3 times within 5 seconds, as GOV.UK's component does (not Esc, which stops a
   page loading). Without JavaScript the button is still a plain link to the same site. */
(function () {
  "use strict";
  var box = document.querySelector("[data-guide-exit]");
  if (!box) return;
  var button = box.querySelector("a");
  var status = box.querySelector("[data-guide-exit-status]");
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var presses = 0;
  var timer = null;

  function say(text) {
    status.textContent = text;
  }

  function leave() {
    document.documentElement.classList.add("guide-exiting");
    document.title = "";
    say(button.getAttribute("data-leaving"));
    window.location.replace(button.href);
  }

  button.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    leave();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    if (presses >= PRESSES) {
      presses = 0;
      leave();
      return;
    }
    var left = PRESSES - presses;
    say(left === 1 ? button.getAttribute("data-press-left")
                   : button.getAttribute("data-presses-left").replace("{count}", left));
    timer = setTimeout(function () {
      presses = 0;
      say(button.getAttribute("data-expired"));
    }, WINDOW_MS);
  });

  // Coming back to a page left this way (from the browser's page cache) shows it again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("guide-exiting");
  });
})();
