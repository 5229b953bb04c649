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

  /* Lower case without accents: « dechets » finds « déchets » (as site search does). */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
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
      texts = cards.map(function (card) { return fold(card.textContent); });
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
      if (s.q && fold(s.q).split(/\s+/).some(function (w) { return text.indexOf(w) < 0; })) return false;
      if (s.theme && (" " + d.themes + " ").indexOf(" " + s.theme + " ") < 0) return false;
      if (s.region && d.region !== s.region) return false;
      if (s.tool && (" " + d.tools + " ").indexOf(" " + s.tool + " ") < 0) return false;
      if (s.actor && (" " + d.actors + " ").indexOf(" " + s.actor + " ") < 0) return false;
      if (s.from || s.to) {
        /* No dates: left out. Still running ("ongoing") or end not known: up to this year. */
        if (!d.start) return false;
        var end = /^\d+$/.test(d.end) ? +d.end : new Date().getFullYear();
        if (s.from && end < +s.from) return false;
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


  /* ------------------------------------------------------------ share form */
  function slug(text) {
    return fold(text.normalize("NFKD"))
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* YAML that the validator reads back: every text as a JSON string (valid YAML). */
  function toYaml(item) {
    var q = function (v) { return JSON.stringify(v); };
    var lines = ["# yaml-language-server: $schema=../schema/initiative.schema.json", "id: " + item.id];
    ["title", "summary", "description", "lessons"].forEach(function (key) {
      if (item[key]) lines.push(key + ":", "  " + item.lang + ": " + q(item[key]));
    });
    lines.push("place:", "  city: " + q(item.city));
    if (item.country) lines.push("  country: " + q(item.country));
    lines.push("  region: " + q(item.region));
    if (item.start) {
      lines.push("years:", "  start: " + item.start);
      if (item.end) lines.push("  end: " + item.end);
    }
    ["themes", "tools", "actors"].forEach(function (key) {
      lines.push(key + ": [" + item[key].map(q).join(", ") + "]");
    });
    if (item.links.length) {
      lines.push("links:");
      item.links.forEach(function (link) {
        lines.push("  - url: " + q(link.url), "    label: {" + item.lang + ": " + q(link.label) + "}");
      });
    }
    lines.push("source:", "  document: contribution", "  organisation: " + q(item.organisation), "  date: " + q(item.date));
    return lines.join("\n") + "\n";
  }

  function shareForm(form) {
    var t = JSON.parse(form.dataset.strings);
    var summary = form.querySelector(".share-form__summary");
    var result = form.querySelector(".share-form__result");
    var maxYear = +form.dataset.maxYear;
    form.closest(".share-form").querySelector(".share-form__nojs").hidden = true;
    form.hidden = false;

    function value(name) { var el = form.elements[name]; return el && el.value !== undefined ? el.value.trim() : ""; }
    function checked(name) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (el) { return el.value; });
    }

    function setError(name, message) {
      var box = form.querySelector('[data-field="' + name + '"]');
      var error = form.querySelector("#error-" + name);
      var control = form.elements[name];
      if (error) error.textContent = message || "";
      if (box) box.classList.toggle("has-error", !!message);
      if (control && control.setAttribute) {
        if (message) control.setAttribute("aria-invalid", "true"); else control.removeAttribute("aria-invalid");
      }
      return message ? { name: name, message: message } : null;
    }

    function check(name) {
      var el = form.elements[name];
      var v = value(name);
      if (name === "themes" || name === "tools" || name === "actors") {
        var n = checked(name).length;
        return setError(name, n < 1 || n > 6 ? format(t.error_count, { min: 1, max: 6 }) : "");
      }
      if (name === "licence") return setError(name, form.elements.licence.checked ? "" : t.error_licence);
      if (el.required && !v) return setError(name, t.error_required);
      if (el.dataset && el.dataset.max && v.length > +el.dataset.max) {
        return setError(name, format(t.error_length, { length: v.length, max: el.dataset.max }));
      }
      if (name === "country" && v && !/^[A-Za-z]{2}$/.test(v)) return setError(name, t.error_country);
      if ((name === "start" || name === "end") && v && !(/^\d{4}$/.test(v) && +v >= 1950 && +v <= maxYear + (name === "end" ? 9 : 0))) {
        return setError(name, format(t.error_year, { max: maxYear }));
      }
      if (name === "end" && v && value("start") && +v < +value("start")) return setError(name, t.error_end);
      if (name === "links" && v) {
        var lines = v.split("\n");
        for (var i = 0; i < lines.length; i++) {
          var url = lines[i].trim().split(/\s+/)[0];
          if (url && !/^https?:\/\/[^\s/$.?#][^\s]*$/.test(url)) return setError(name, format(t.error_url, { line: i + 1 }));
        }
      }
      return setError(name, "");
    }

    var names = ["title", "summary", "description", "lessons", "city", "region", "country", "start", "end",
                 "themes", "tools", "actors", "links", "organisation", "licence"];
    form.addEventListener("change", function (ev) {
      if (ev.target.name && names.indexOf(ev.target.name) >= 0) check(ev.target.name);
    });

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var errors = names.map(check).filter(Boolean);
      result.hidden = true;
      if (errors.length) {
        summary.innerHTML = "";
        var p = document.createElement("p");
        p.textContent = t.errors;
        var ul = document.createElement("ul");
        errors.forEach(function (e) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          var target = form.querySelector("#share-" + e.name) || form.querySelector('[name="' + e.name + '"]');
          a.href = "#" + (target && target.id ? target.id : "");
          var label = form.querySelector('[data-field="' + e.name + '"] label, [data-field="' + e.name + '"] legend');
          a.textContent = format(t.error_item, { field: label.textContent.replace("*", "").trim(), message: e.message });
          a.addEventListener("click", function (click) { click.preventDefault(); if (target) target.focus(); });
          li.appendChild(a);
          ul.appendChild(li);
        });
        summary.appendChild(p);
        summary.appendChild(ul);
        summary.hidden = false;
        summary.focus();
        return;
      }
      summary.hidden = true;
      var lang = (form.querySelector('input[name="lang"]:checked') || {}).value || "fr";
      var links = value("links").split("\n").map(function (line) {
        var parts = line.trim().split(/\s+/);
        return parts[0] ? { url: parts[0], label: parts.slice(1).join(" ") || parts[0] } : null;
      }).filter(Boolean);
      var city = value("city");
      var words = slug(value("title")).split("-").filter(function (w) { return w.length > 2 && slug(city).split("-").indexOf(w) < 0; });
      var item = {
        id: (slug(city) + "-" + words.slice(0, 4).join("-")).replace(/-+$/, "").slice(0, 60).replace(/-+$/, ""),
        lang: lang, title: value("title"), summary: value("summary"), description: value("description"),
        lessons: value("lessons"), city: city, country: value("country").toUpperCase(), region: value("region"),
        start: value("start"), end: value("end"), themes: checked("themes"), tools: checked("tools"),
        actors: checked("actors"), links: links, organisation: value("organisation"),
        date: new Date().toISOString().slice(0, 10)
      };
      var yaml = toYaml(item);
      var file = item.id + ".yml";
      result.querySelector(".share-form__yaml").textContent = yaml;
      result.querySelector(".share-form__ready").textContent = format(t.ready, { file: file });
      result.querySelector(".share-form__github").href = "https://github.com/" + form.dataset.repository +
        "/new/main/initiatives?filename=" + encodeURIComponent(file) + "&value=" + encodeURIComponent(yaml);
      var download = result.querySelector(".share-form__download");
      if (download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml" }));
      download.download = file;
      result.querySelector(".share-form__email").href = "mailto:" + encodeURIComponent(form.dataset.email) +
        "?subject=" + encodeURIComponent(format(t.email_subject, { title: item.title })) + "&body=" + encodeURIComponent(yaml);
      result.hidden = false;
      result.dataset.file = file;
    });
  }

  var enhancements = [
    ["[data-initiative-filters]", initiativeFilters],
    ["[data-self-test]", selfTest],
    ["[data-share-form]", shareForm]
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
