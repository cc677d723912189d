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

  // Each word typed is also searched for in the one form the index holds of every spelling
  // (hooks/guide/search.py, search_form): no Latin accents, one alef, no hamza carrier, the
  // Arabic keyboard's letters for Urdu ones. So "błedny" (one accent left out) finds "błędny".
  var OWN_LETTERS = { "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i" };
  var ARABIC_FORMS = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي",
                       "ک": "ك", "ی": "ي", "ہ": "ه", "ۃ": "ة" };
  function searchForm(word) {
    if (/^[\x00-\x7f]*$/.test(word)) return word;
    var folded = word.replace(/[łŁøØđĐßı]/g, function (c) { return OWN_LETTERS[c]; })
      .normalize("NFKD").replace(/[\u0300-\u036f]+/g, "").normalize("NFC");
    return folded.replace(/[أإآٱؤئىکیہۃ]/g, function (c) { return ARABIC_FORMS[c]; });
  }
  window.guideSearchForm = searchForm;  // for the tests, which compare it with the build's

  // What the worker is sent for what a reader typed (hooks/guide/search.py, worker_query, does
  // the same; a test compares them): the words less the question words when others remain
  // ("what is a child protection plan" -> "child protection plan"), each word's search form, and
  // each word of 5+ letters also as `word~1`, which the worker searches with one letter wrong
  // ("advocasy" finds "advocacy"), the words as typed then weighing ten times (`word*^10`, a
  // prefix). A query in lunr's own syntax is sent as typed.
  var TYPO_MIN_LETTERS = 5, EXACT_BOOST = 10;
  var questionWords = {};  // from the language's index: its config's question_words
  var keptPhrases = [];  // and its kept_phrases: the guide's terms with a question word in them
  var stopWords = {};  // and its stop_words: lunr's, which no index holds
  var SPACES = /[\s\-]+/;
  var separator = SPACES;  // and its separator: where the index splits words ("what?" is "what")
  function workerQuery(typed, skip, phrases, stop, split) {
    if (/["+:^~*]|(^|\s)-/.test(typed)) return typed;
    var words = typed.split(split).filter(function (word) { return word && word.trim(); })
      .map(function (word) { return word.toLowerCase(); });
    var forms = words.map(searchForm);
    var kept = {};
    phrases.forEach(function (phrase) {
      for (var start = 0; start + phrase.length <= forms.length; start++) {
        if (phrase.every(function (form, n) { return forms[start + n] === form; })) {
          for (var n = 0; n < phrase.length; n++) kept[start + n] = true;
        }
      }
    });
    var has = function (set, form) { return Object.prototype.hasOwnProperty.call(set, form); };
    var meaningful = [];
    forms.forEach(function (form, n) {
      if (!has(stop, form) && (kept[n] || !has(skip, form))) meaningful.push(n);
    });
    if (meaningful.length) {
      words = meaningful.map(function (n) { return words[n]; });
      forms = meaningful.map(function (n) { return forms[n]; });
    }
    forms = forms.filter(function (form, n) { return forms.indexOf(form) === n; });
    var extra = forms.filter(function (form) { return words.indexOf(form) < 0; });
    var typos = forms.filter(function (form) {
      return Array.from(form).length >= TYPO_MIN_LETTERS && /^[\p{L}\p{M}\p{N}_]+$/u.test(form) &&
        !/\p{Nd}/u.test(form);  // not "2011~1": a number is typed exactly
    }).map(function (form) { return form + "~1"; });
    if (typos.length) {  // the words as typed weigh ten times a word one letter away
      var exact = function (word) { return word + "*^" + EXACT_BOOST; };
      words = words.map(exact);
      extra = extra.map(exact);
    }
    return words.concat(extra, typos).join(" ");
  }
  function phraseWords(phrases) {
    return (phrases || []).map(function (phrase) { return phrase.split(" "); });
  }
  function wordSet(words) {
    var set = {};
    (words || []).forEach(function (word) { set[word] = true; });
    return set;
  }
  function splitter(pattern) {
    try { return pattern ? new RegExp(pattern) : SPACES; } catch (error) { return SPACES; }
  }
  window.guideWorkerQuery = function (typed, words, phrases, stop, pattern) {  // for the tests
    return workerQuery(typed, wordSet(words), phraseWords(phrases), wordSet(stop), splitter(pattern));
  };
  function forTheWorker(message) {
    if (!message || typeof message.data === "undefined") return message;
    if (message.type === 0 && message.data && message.data.config) {  // 0: the index, once
      questionWords = wordSet(message.data.config.question_words);
      keptPhrases = phraseWords(message.data.config.kept_phrases);
      stopWords = wordSet(message.data.config.stop_words);
      separator = splitter(message.data.config.separator);
      return message;
    }
    if (message.type !== 2 || typeof message.data !== "string") return message;  // 2: a query
    return { type: message.type, data: workerQuery(message.data, questionWords, keptPhrases, stopWords, separator) };
  }

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
        message = forTheWorker(message);
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
  // This script arrives with Material's at the reader's first touch or key (load-material.js):
  // search opened by that touch or key, before it came, starts now.
  var toggle = document.getElementById("__search");
  if ((toggle && toggle.checked) || isSearch(document.activeElement)) start();
})();
