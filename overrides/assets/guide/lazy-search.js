// Search only costs a reader's data when they use it.
//
// Material starts its search worker and downloads the language's search index on every page
// load: on a pay-as-you-go phone that is 45-70 KB (gzip) before a word is read. Loaded before
// Material's bundle, this script holds both back until the reader shows they want to search
// (touches, clicks or tabs to the search box, or presses its keyboard shortcut), then lets them
// go: the search works exactly as before, it just starts later. Nothing else is changed.
(function () {
  "use strict";
  var started = false;
  var waiting = [];

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenStarted(go) {
    if (started) go(); else waiting.push(go);
  }

  // The index: Material asks for search/search_index.json with XMLHttpRequest; the request is
  // sent when search starts. (From disk, file://, Material reads search_index.js instead: no
  // data is spent there, so that is left alone.)
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideSearchIndex = /(^|\/)search\/search_index\.json([?#]|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.guideSearchIndex) return send.apply(request, args);
    whenStarted(function () { send.apply(request, args); });
  };

  // The worker: created for real when search starts, with any message sent before then.
  var RealWorker = window.Worker;
  if (RealWorker && typeof EventTarget === "function") {
    window.Worker = function (url, options) {
      var facade = new EventTarget();
      var worker = null;
      var queue = [];
      function create() {
        if (worker) return;
        worker = new RealWorker(url, options);
        ["message", "error", "messageerror"].forEach(function (type) {
          worker.addEventListener(type, function (event) {
            facade.dispatchEvent(type === "error" ? new ErrorEvent("error", event)
              : new MessageEvent(type, { data: event.data }));
          });
        });
        queue.splice(0).forEach(function (message) { worker.postMessage(message); });
      }
      facade.postMessage = function (message) {
        if (worker) { worker.postMessage(message); return; }
        queue.push(message);
        whenStarted(create);
      };
      facade.terminate = function () { if (worker) worker.terminate(); };
      return facade;
    };
  }

  // What shows the reader wants to search: the first touch, click, focus or shortcut.
  function isSearch(target) {
    return target && target.closest && target.closest(".md-search, label[for='__search'], #__search");
  }
  ["pointerdown", "touchstart", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) { if (isSearch(event.target)) start(); },
      { capture: true, passive: true });
  });
  document.addEventListener("keydown", function (event) {
    // Material opens search with "/", "s" or "f" when no text box has focus.
    var key = event.key;
    if ((key === "/" || key === "s" || key === "f" || key === "S" || key === "F") &&
        !(event.target && /^(input|textarea|select)$/i.test(event.target.tagName || ""))) start();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) start();
  }, true);
  if (/[?&]q=/.test(location.search)) start();  // a link that opens with a search
})();
