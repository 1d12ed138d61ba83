// The book's full-text search, offline: lunr.js (Debian's libjs-lunr) over the sections that
// `book_nav search-index` extracts from the built pages into booksearch/documents.js (every
// chapter, exercise and appendix section, and the library reference's pages). The index is
// built in the browser on the first keystroke. The same functions run under node in the test
// (tests/book/search_test.js), so the test searches exactly as the reader does.
(function (root) {
  "use strict";

  // The lunr index of the documents: section titles weigh most, then page titles, then text.
  function build(lunr, documents) {
    return lunr(function () {
      this.ref("id");
      this.field("title", { boost: 8 });
      this.field("page", { boost: 3 });
      this.field("text");
      for (var i = 0; i < documents.length; ++i) {
        var d = documents[i];
        this.add({ id: String(i), title: d.title, page: d.page, text: d.text });
      }
    });
  }

  // The documents matching `query`, best first. Every word must match (lunr's "+word"), as a
  // prefix too, so that typing shows results before the word is finished.
  function search(lunr, index, documents, query, limit) {
    var words = String(query).toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
    if (!words.length) return [];
    var hits = index.query(function (q) {
      words.forEach(function (word) {
        q.term(word, { presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING,
                       usePipeline: false, boost: 1 });
      });
    });
    var exact = index.query(function (q) {
      words.forEach(function (word) {
        q.term(word, { presence: lunr.Query.presence.REQUIRED, boost: 10 });
      });
    });
    var seen = {}, out = [];
    exact.concat(hits).forEach(function (hit) {
      if (seen[hit.ref]) return;
      seen[hit.ref] = true;
      out.push({ document: documents[Number(hit.ref)], score: hit.score, words: words });
    });
    return out.slice(0, limit || 20);
  }

  // A piece of the text around the first word found, as HTML with the words marked.
  function excerpt(text, words) {
    var lower = text.toLowerCase(), at = -1;
    for (var i = 0; i < words.length && at < 0; ++i) at = lower.indexOf(words[i]);
    var start = Math.max(0, at - 60), piece = text.substr(start, 180);
    var html = piece.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
    words.forEach(function (word) {
      var escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      html = html.replace(new RegExp("(" + escaped + "[\\p{L}\\p{N}_]*)", "giu"), "<mark>$1</mark>");
    });
    return (start > 0 ? "… " : "") + html + (start + 180 < text.length ? " …" : "");
  }

  var api = { build: build, search: search, excerpt: excerpt };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
    return;
  }
  root.BookSearch = api;

  // The search box in the page header (book/header.html).
  function attach() {
    var input = document.getElementById("booksearch-input");
    var panel = document.getElementById("booksearch-results");
    if (!input || !panel) return;
    var base = input.getAttribute("data-root") || "";
    var index = null, loading = false, pending = null;

    function show(query) {
      var results = search(root.lunr, index, root.BOOK_DOCUMENTS, query, 25);
      panel.innerHTML = "";
      if (!query.trim()) { panel.hidden = true; return; }
      if (!results.length) {
        panel.innerHTML = "<div class=\"booksearch-none\">Nothing in the book matches “" +
          query.replace(/[&<>"]/g, "") + "”.</div>";
      }
      results.forEach(function (hit) {
        var d = hit.document, a = document.createElement("a");
        a.className = "booksearch-hit";
        a.href = base + d.url;
        a.innerHTML = "<span class=\"booksearch-where\">" + d.page.replace(/[&<>]/g, "") +
          (d.title && d.title !== d.page ? " › " + d.title.replace(/[&<>]/g, "") : "") +
          "</span><span class=\"booksearch-excerpt\">" + excerpt(d.text, hit.words) + "</span>";
        panel.appendChild(a);
      });
      panel.hidden = false;
    }
    function load(then) {
      if (index) return then();
      pending = then;
      if (loading) return;
      loading = true;
      var script = document.createElement("script");
      script.src = base + "booksearch/documents.js";
      script.charset = "utf-8";
      script.onload = function () {
        index = build(root.lunr, root.BOOK_DOCUMENTS);
        if (pending) pending();
      };
      document.head.appendChild(script);
    }
    input.addEventListener("input", function () {
      var query = input.value;
      load(function () { show(input.value || query); });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.blur(); }
      if (event.key === "Enter") {
        var first = panel.querySelector("a.booksearch-hit");
        if (first) window.location.href = first.href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!document.getElementById("booksearch").contains(event.target)) panel.hidden = true;
    });
    // booksearch/…?q=word or any page's #q=…: search at once (used by links and the test shots).
    var asked = /[?&#]q=([^&#]*)/.exec(window.location.search + window.location.hash);
    if (asked) {
      input.value = decodeURIComponent(asked[1].replace(/\+/g, " "));
      load(function () { show(input.value); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach);
  else attach();
})(typeof window !== "undefined" ? window : this);
