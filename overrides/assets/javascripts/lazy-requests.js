/*
 * Keep a page's first load light on slow, costly connections.
 *
 * Material for MkDocs requests the whole search index, its search worker and the
 * sitemaps of both languages as soon as a page opens. This script, loaded just
 * before Material's bundle, steps in front of those requests:
 *  - the search index and the search worker are held until the reader turns to
 *    search (focus, click or typing in the search box, or the search shortcut keys);
 *  - this language's sitemap, which instant navigation uses only to tell which links
 *    are pages of the site, is answered from the links already on the page;
 *  - the other language's sitemap is never needed: the switcher links straight to the
 *    same page in the other language, and is kept current after instant navigation.
 * Without JavaScript none of this runs and every link is a plain link.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var held = [];
  var searchWanted = false;

  function wantSearch() {
    if (searchWanted) return;
    searchWanted = true;
    held.splice(0).forEach(function (resume) { resume(); });
  }

  /* The search worker: a stand-in that starts the real one when search is wanted
     (or when Material first talks to it), and relays its messages. */
  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.[^/]*\.js/.test(String(url))) return new NativeWorker(url, options);
    var standIn = new EventTarget();
    var real = null;
    function start() {
      if (!real) {
        real = new NativeWorker(url, options);
        real.addEventListener("message", function (ev) {
          standIn.dispatchEvent(new MessageEvent("message", { data: ev.data }));
        });
        real.addEventListener("error", function () { standIn.dispatchEvent(new Event("error")); });
      }
      return real;
    }
    standIn.postMessage = function (data) { start().postMessage(data); };
    standIn.terminate = function () { if (real) real.terminate(); };
    held.push(start);
    if (searchWanted) held.splice(0).forEach(function (resume) { resume(); });
    return standIn;
  };
  window.Worker.prototype = NativeWorker.prototype;

  /* Roots of the other languages (from the switcher), not pages of this project. */
  function otherRoots() {
    var roots = [];
    document.querySelectorAll(".md-select__link[data-root]").forEach(function (a) {
      var root = new URL(a.getAttribute("data-root"), location.href).href;
      if (root !== base.href) roots.push(root);
    });
    return roots;
  }

  /* A sitemap of the pages this page links to: all that instant navigation needs. */
  function pageSitemap() {
    var roots = otherRoots();
    var seen = {};
    var xml = ['<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
    document.querySelectorAll("a[href]").forEach(function (a) {
      var url = new URL(a.href, location.href);
      url.hash = url.search = "";
      var href = url.href;
      var isPage = /\/$|\.html$/.test(url.pathname);
      /* A page belongs to the language with the longest root it starts with: the French
         root, the site's root, is also where every English page starts. */
      var inOther = roots.some(function (root) { return root.length > base.href.length && href.indexOf(root) === 0; });
      if (url.origin === base.origin && href.indexOf(base.href) === 0 && isPage && !inOther && !seen[href]) {
        seen[href] = true;
        xml.push("<url><loc>" + href.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</loc></url>");
      }
    });
    xml.push("</urlset>");
    return xml.join("");
  }

  /* Answer an XMLHttpRequest locally, as Material's request() reads it. */
  function respond(xhr, body) {
    var props = { readyState: 4, status: 200, statusText: "OK", response: new Blob([body], { type: "text/xml" }) };
    Object.keys(props).forEach(function (key) {
      Object.defineProperty(xhr, key, { value: props[key], configurable: true });
    });
    setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("load")); }, 0);
  }

  proto.open = function (method, url) {
    this.__lazyUrl = new URL(String(url), location.href);
    return open.apply(this, arguments);
  };

  proto.send = function () {
    var url = this.__lazyUrl;
    var xhr = this;
    var args = arguments;
    if (url && /\/search\/search_index\.json$/.test(url.pathname) && !searchWanted) {
      held.push(function () { send.apply(xhr, args); });
      return;
    }
    if (url && /\/sitemap\.xml$/.test(url.pathname)) {
      if (url.href === new URL("sitemap.xml", base).href) respond(xhr, pageSitemap());
      return;
    }
    return send.apply(this, args);
  };

  /* The reader turns to search. */
  document.addEventListener("focusin", function (ev) {
    if (ev.target.matches && ev.target.matches("[data-md-component=search-query]")) wantSearch();
  });
  document.addEventListener("pointerdown", function (ev) {
    if (ev.target.closest && ev.target.closest("label[for=__search], .md-search")) wantSearch();
  });
  document.addEventListener("change", function (ev) {
    if (ev.target.id === "__search" && ev.target.checked) wantSearch();
  });

  /* After instant navigation the header stays: point the switcher at the new page. */
  function updateSwitcher() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (a) {
      var link = document.querySelector('link[rel=alternate][hreflang="' + a.getAttribute("hreflang") + '"]');
      /* Same origin as this page, whatever host site_url names (local preview, mirrors). */
      var url = link ? new URL(link.getAttribute("href"), location.href) : location;
      a.href = link ? location.origin + url.pathname + url.hash : location.href;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (window.document$) window.document$.subscribe(updateSwitcher);
  });
})();
