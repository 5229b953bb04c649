/*
 * Enhancements for pages that already work without JavaScript.
 * Each one runs on every page Material shows, including after instant navigation
 * (document$), and does nothing where its markup is absent.
 */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  /* ------------------------------------------------------------ initiative filters */
  function initiativeFilters(form) {
    var root = form.closest(".initiative-index");
    var list = root.querySelector(".initiative-cards");
    var count = root.querySelector(".initiative-filters__count");
    var empty = root.querySelector(".initiative-filters__empty");
    var pages = root.querySelector(".initiative-pages");
    var fields = ["q", "theme", "region", "tool", "actor", "from", "to"];
    var cards, texts;
    /* A long list is split into pages: filtering fetches the other pages' cards once. */
    var others = (count.dataset.otherPages || "").split(" ").filter(Boolean);
    var loading = null;

    function collect() {
      cards = Array.prototype.slice.call(list.querySelectorAll(".initiative-card"));
      texts = cards.map(function (card) { return card.textContent.toLowerCase(); });
    }

    function loadOthers() {
      if (!loading) {
        loading = Promise.all(others.map(function (href) {
          var url = new URL(href, location.href);
          return fetch(url).then(function (r) { return r.text(); }).then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            doc.querySelectorAll(".initiative-card").forEach(function (card) {
              card.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), url).href; });
              list.appendChild(document.importNode(card, true));
            });
          });
        })).then(function () { others = []; collect(); });
      }
      return loading;
    }

    function state() {
      var s = {};
      fields.forEach(function (name) { s[name] = (form.elements[name].value || "").trim(); });
      return s;
    }

    function matches(card, text, s) {
      var d = card.dataset;
      if (s.q && s.q.toLowerCase().split(/\s+/).some(function (w) { return text.indexOf(w) < 0; })) return false;
      if (s.theme && (" " + d.themes + " ").indexOf(" " + s.theme + " ") < 0) return false;
      if (s.region && d.region !== s.region) return false;
      if (s.tool && (" " + d.tools + " ").indexOf(" " + s.tool + " ") < 0) return false;
      if (s.actor && (" " + d.actors + " ").indexOf(" " + s.actor + " ") < 0) return false;
      if (s.from || s.to) {
        if (!d.start) return false;
        if (s.from && +d.end < +s.from) return false;
        if (s.to && +d.start > +s.to) return false;
      }
      return true;
    }

    function apply(updateUrl) {
      var s = state();
      var filtering = fields.some(function (name) { return s[name]; });
      if (filtering && others.length) {
        loadOthers().then(function () { apply(updateUrl); });
        return;
      }
      var shown = 0;
      cards.forEach(function (card, i) {
        var ok = matches(card, texts[i], s);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      if (pages) pages.hidden = filtering;
      count.textContent = format(count.dataset.countTemplate, { n: shown, total: count.dataset.total });
      empty.hidden = shown > 0;
      if (updateUrl) {
        var params = new URLSearchParams();
        fields.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
        var query = params.toString();
        history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    collect();
    /* The state comes from the URL, so a filtered view can be shared. */
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var value = params.get(name);
      if (value === null) return;
      var field = form.elements[name];
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      field.value = value;
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    apply(false);
  }

  /* ------------------------------------------------------------ self-test */
  function selfTest(form) {
    var questions = Array.prototype.slice.call(form.querySelectorAll(".self-test__question"));
    var result = form.querySelector(".self-test__result");
    var submit = form.querySelector("button[type=submit]");
    var bands = Array.prototype.slice.call(document.querySelectorAll(".self-test__bands dt"));
    var strings = JSON.parse(form.dataset.strings);

    questions.forEach(function (li) {
      li.querySelector(".self-test__why").hidden = true;
      li.addEventListener("change", function () {
        var chosen = li.querySelector("input:checked");
        var why = li.querySelector(".self-test__why");
        var right = chosen && chosen.value === li.dataset.answer;
        var verdict = li.querySelector(".self-test__verdict");
        verdict.textContent = right ? strings.correct : strings.wrong;
        verdict.className = "self-test__verdict " + (right ? "is-right" : "is-wrong");
        why.hidden = false;
        why.open = true;
      });
    });
    submit.hidden = false;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var answered = questions.filter(function (li) { return li.querySelector("input:checked"); });
      if (answered.length < questions.length) {
        result.textContent = format(strings.unanswered, { count: questions.length - answered.length });
        var first = questions.filter(function (li) { return !li.querySelector("input:checked"); })[0];
        first.querySelector("input").focus();
        return;
      }
      var score = answered.filter(function (li) { return li.querySelector("input:checked").value === li.dataset.answer; }).length;
      var band = bands.filter(function (dt) {
        var range = JSON.parse(dt.dataset.band);
        return range.min <= score && score <= range.max;
      })[0];
      result.innerHTML = "";
      var heading = document.createElement("p");
      heading.className = "self-test__score";
      heading.textContent = format(strings.score, { score: score, total: questions.length });
      result.appendChild(heading);
      if (band) {
        var title = document.createElement("p");
        title.className = "self-test__band";
        title.textContent = band.textContent;
        result.appendChild(title);
        var details = band.nextElementSibling.cloneNode(true);
        result.appendChild(details);
        result.dataset.band = JSON.parse(band.dataset.band).min + "-" + JSON.parse(band.dataset.band).max;
      }
      result.scrollIntoView({ block: "nearest" });
    });
  }

  var enhancements = [
    ["[data-initiative-filters]", initiativeFilters],
    ["[data-self-test]", selfTest]
  ];

  function enhance() {
    enhancements.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (el) {
        if (el.dataset.enhanced) return;
        el.dataset.enhanced = "true";
        pair[1](el);
      });
    });
  }

  if (window.document$) window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();
