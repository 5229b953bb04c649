/*
 * Enhancements for pages that already work without JavaScript.
 * Each one runs on every page Material shows, including after instant navigation
 * (document$), and does nothing where its markup is absent.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : "";

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
  /* Ids: the rule of macros/contribute.py (derive_id), tested in both: the place, then the
     title's first clause that is not the place, without small words, at most four words;
     letters outside the Latin alphabet drop out, and the country code or "initiative" stand in. */
  var STOPWORDS = ("a an the of for and in on to by with at from le la les l de des du d un une et en au aux " +
                   "pour par sur dans avec").split(" ");

  function slugify(text) {
    return String(text || "").normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function deriveId(city, title, country) {
    var place = slugify(city) || slugify(country);
    var clauses = String(title || "").split(/\s*(?:[:;,(]|\s[-\u2013\u2014]\s)\s*/).filter(function (c) { return slugify(c); });
    if (clauses.length > 1 && slugify(clauses[0]) === slugify(city)) clauses = clauses.slice(1);
    var placeWords = slugify(city).split("-");
    var words = (clauses.length ? slugify(clauses[0]).split("-") : []).filter(function (w) {
      return w && STOPWORDS.indexOf(w) < 0 && placeWords.indexOf(w) < 0;
    }).slice(0, 4);
    var parts = words.length ? [place].concat(words) : [place, "initiative"];
    var out = "";
    parts.filter(Boolean).join("-").split("-").some(function (part) {
      if (out.length + part.length + 1 > 60) return true;
      out = out ? out + "-" + part : part;
      return false;
    });
    return out || "initiative";
  }
  window.smartCityGuide = { deriveId: deriveId };   /* the id rule, for the tests that compare it with Python's */

  /* Contributed text as the site shows it (macros/richtext.py): paragraphs, lists typed as
     lines starting with "- " or "* " (also right after a sentence), bold, italics, links.
     Built as DOM nodes: nothing typed is ever read as HTML. */
  function richBlocks(text) {
    var out = [];
    text.trim().split(/\n\s*\n/).forEach(function (block) {
      var kind = null;
      block.split("\n").forEach(function (raw) {
        var line = raw.trim();
        if (!line) return;
        if (/^[-*] /.test(line)) {
          if (kind !== "ul") out.push({ kind: "ul", lines: [] });
          out[out.length - 1].lines.push(line.slice(2).trim());
          kind = "ul";
        } else if (kind === "ul" && /^[ \t]/.test(raw)) {
          var items = out[out.length - 1].lines;
          items[items.length - 1] += " " + line;
        } else {
          if (kind !== "p") out.push({ kind: "p", lines: [] });
          out[out.length - 1].lines.push(line);
          kind = "p";
        }
      });
    });
    return out;
  }

  function inline(parent, text) {
    var pattern = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|\*\*(\S(?:.*?\S)?)\*\*|\*(\S(?:.*?\S)?)\*/g;
    var last = 0, m;
    while ((m = pattern.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      var el;
      if (m[1]) { el = document.createElement("a"); el.href = m[2]; el.textContent = m[1]; el.rel = "noopener"; }
      else { el = document.createElement(m[3] ? "strong" : "em"); el.textContent = m[3] || m[4]; }
      parent.appendChild(el);
      last = pattern.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderRich(target, text) {
    target.textContent = "";
    richBlocks(text).forEach(function (block) {
      if (block.kind === "ul") {
        var ul = document.createElement("ul");
        block.lines.forEach(function (item) { var li = document.createElement("li"); inline(li, item); ul.appendChild(li); });
        target.appendChild(ul);
      } else {
        var p = document.createElement("p");
        inline(p, block.lines.join(" "));
        target.appendChild(p);
      }
    });
  }

  /* YAML that the validator reads back: a text on several lines as a block (`|-`), the
     others as JSON strings (valid YAML). */
  function scalar(text, indent) {
    if (text.indexOf("\n") >= 0 && !/[ \t]$/m.test(text) && /^\S/.test(text)) {
      return "|-\n" + text.split("\n").map(function (line) { return line ? indent + line : ""; }).join("\n");
    }
    return JSON.stringify(text);
  }

  function toYaml(item) {
    var q = function (v) { return JSON.stringify(v); };
    var lines = ["# yaml-language-server: $schema=../schema/initiative.schema.json", "id: " + item.id];
    ["title", "summary", "description", "lessons"].forEach(function (key) {
      if (item[key]) lines.push(key + ":", "  " + item.lang + ": " + scalar(item[key], "    "));
    });
    lines.push("place:", "  city: " + q(item.city));
    if (item.country) lines.push("  country: " + item.country);
    lines.push("  region: " + item.region);
    if (item.years) {
      lines.push("years:", "  start: " + item.years.start);
      if (item.years.end) lines.push("  end: " + item.years.end);
    }
    ["themes", "tools", "actors"].forEach(function (key) { lines.push(key + ": [" + item[key].join(", ") + "]"); });
    if (item.links.length) {
      lines.push("links:");
      item.links.forEach(function (link) {
        lines.push("  - url: " + q(link.url), "    label: {" + item.lang + ": " + q(link.label) + "}");
      });
    }
    lines.push("source:", "  document: contribution", "  organisation: " + q(item.organisation), "  date: " + q(item.date));
    return lines.join("\n") + "\n";
  }

  var DRAFT = "smart-city-guide.share-draft";
  var LONE_HALF = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])([\udc00-\udfff])/;
  var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function shareForm(form) {
    var t = JSON.parse(form.dataset.strings);
    var m = JSON.parse(form.dataset.messages);
    var limits = JSON.parse(form.dataset.limits);
    var summary = form.querySelector(".share-form__summary");
    var result = form.querySelector(".share-form__result");
    var urlPattern = new RegExp(limits.url_pattern);
    form.closest(".share-form").querySelector(".share-form__nojs").hidden = true;
    form.hidden = false;

    /* A message of the validator's catalogue, as a sentence: "Is 130 characters long; at most 100 — shorten it." */
    function say(key, values, fix) {
      var entry = m[key];
      var text = format(entry.message, values || {});
      var how = fix === undefined ? format(entry.fix || "", values || {}) : fix;
      text = text.charAt(0).toUpperCase() + text.slice(1) + (how ? " — " + how : "");
      return /[.!?]$/.test(text) ? text : text + ".";
    }
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

    /* Characters no data file may hold (the validator refuses them too). */
    function characterProblem(text) {
      var half = LONE_HALF.exec(text);
      if (half) {
        var at = half.index + (half[1] ? 1 : 0);
        return say("half_character", { code: "U+" + text.charCodeAt(at).toString(16).toUpperCase(), column: at + 1 });
      }
      var control = CONTROL.exec(text);
      if (control) {
        return say("control_character", { code: "U+" + ("000" + control[0].charCodeAt(0).toString(16).toUpperCase()).slice(-4),
                                          column: control.index + 1 });
      }
      return "";
    }

    function years() {
      var start = value("start"), end = value("end"), ongoing = form.elements.ongoing.checked;
      var range = /^(\d{4})\s*(?:-|\u2013|\u2014|\/)\s*(\d{4})$/.exec(start);
      var out = { start: null, end: ongoing ? "ongoing" : null, errors: {} };
      if (range) { out.start = +range[1]; out.end = out.end || +range[2]; }
      else if (/^\d{4}$/.test(start)) out.start = +start;
      else if (start) out.errors.start = say("new_year", { value: JSON.stringify(start) });
      if (end && !ongoing) {
        if (/^\d{4}$/.test(end)) out.end = +end;
        else out.errors.end = say("new_end", { value: JSON.stringify(end) });
      }
      if (out.end && !out.start && !out.errors.start) out.errors.start = say("new_start_needed");
      var y = limits.years;
      if (out.start && (out.start < y[0] || out.start > y[1])) {
        out.errors.start = say("start_implausible", { start: out.start, min: y[0], max: y[1] });
      }
      if (typeof out.end === "number" && out.start && out.end < out.start) {
        out.errors.end = say("end_before_start", { end: out.end, start: out.start });
      } else if (typeof out.end === "number" && (out.end < y[0] || out.end > y[2])) {
        out.errors.end = say("end_implausible", { end: out.end, min: y[0], max: y[2] });
      }
      return out;
    }

    function links() {
      var out = [], errors = [];
      value("links").split("\n").forEach(function (line, i) {
        var parts = line.trim().split(/\s+/);
        if (!parts[0]) return;
        var link = { url: parts[0], label: parts.slice(1).join(" ") || parts[0] };
        var problem = "";
        if (!urlPattern.test(link.url) || link.url.length > limits.url) {
          var bare = /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(link.url);
          problem = say("pattern_url", { value: JSON.stringify(link.url) },
                        bare ? format(m.pattern_url.fix_scheme, { value: "https://" + link.url }) : undefined);
        } else if (link.label.length > limits.label) {
          problem = say("too_long", { length: link.label.length, max: limits.label });
        }
        if (problem) errors.push(say("form_line", { line: i + 1, problem: problem.charAt(0).toLowerCase() + problem.slice(1) }, ""));
        out.push(link);
      });
      if (out.length > limits.links) errors.unshift(say("too_many", { count: out.length, limit: limits.links }));
      return { links: out, error: errors.join(" ") };
    }

    function check(name) {
      var el = form.elements[name];
      var v = value(name);
      if (limits[name] && Array.isArray(limits[name])) {   /* themes, tools, actors */
        var n = checked(name).length;
        if (n < limits[name][0]) return setError(name, say("too_few", { count: n, limit: limits[name][0] }));
        return setError(name, n > limits[name][1] ? say("too_many", { count: n, limit: limits[name][1] }) : "");
      }
      if (name === "licence") return setError(name, form.elements.licence.checked ? "" : say("form_licence"));
      if (name === "start" || name === "end") return setError(name, years().errors[name] || "");
      if (name === "links") return setError(name, links().error || characterProblem(el.value));
      if (!el || el.tagName === "FIELDSET") return setError(name, "");
      if (el.required && !v) return setError(name, say("form_required"));
      var bad = characterProblem(el.value);
      if (bad) return setError(name, bad);
      if (el.dataset.max && v.length > +el.dataset.max) return setError(name, say("too_long", { length: v.length, max: el.dataset.max }));
      if (el.dataset.min && v && v.length < +el.dataset.min) return setError(name, say("too_short", { length: v.length, min: el.dataset.min }));
      return setError(name, "");
    }

    /* In page order, each field once. */
    var names = Array.prototype.map.call(form.querySelectorAll("[data-field]"), function (box) { return box.dataset.field; })
      .filter(function (name) { return name !== "lang"; });

    /* ------------------------------------------------ the draft: nothing typed is lost */
    function saveDraft() {
      var store = storage();
      if (!store) return;
      var draft = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name) return;
        if (el.type === "checkbox") { if (el.checked) (draft[el.name] = draft[el.name] || []).push(el.value); }
        else if (el.type === "radio") { if (el.checked) draft[el.name] = el.value; }
        else if (el.value) draft[el.name] = el.value;
      });
      try { store.setItem(DRAFT, JSON.stringify(draft)); } catch (e) { /* full or refused: the form still works */ }
    }

    function restoreDraft() {
      var store = storage();
      var draft;
      try { draft = store && JSON.parse(store.getItem(DRAFT) || "null"); } catch (e) { draft = null; }
      if (!draft) return false;
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || !(el.name in draft)) return;
        if (el.type === "checkbox") el.checked = [].concat(draft[el.name]).indexOf(el.value) >= 0;
        else if (el.type === "radio") el.checked = draft[el.name] === el.value;
        else el.value = draft[el.name];
      });
      return true;
    }

    function clearDraft() {
      var store = storage();
      try { if (store) store.removeItem(DRAFT); } catch (e) { /* nothing kept */ }
    }

    function preview(name) {
      var box = form.querySelector("#preview-" + name);
      if (!box) return;
      var text = form.elements[name].value;
      box.hidden = !text.trim();
      renderRich(box.querySelector(".share-form__preview-body"), text);
    }

    function syncOngoing() {
      var end = form.elements.end;
      end.disabled = form.elements.ongoing.checked;
    }

    if (restoreDraft()) {
      var note = form.querySelector(".share-form__draft");
      if (note) note.textContent = t.draft_restored + " " + note.textContent;
    }
    syncOngoing();
    preview("description");
    preview("lessons");

    form.addEventListener("input", function (ev) {
      saveDraft();
      if (ev.target.name === "description" || ev.target.name === "lessons") preview(ev.target.name);
    });
    form.addEventListener("change", function (ev) {
      saveDraft();
      if (ev.target.name === "ongoing") { syncOngoing(); check("end"); }
      if (ev.target.name && names.indexOf(ev.target.name) >= 0) check(ev.target.name);
    });

    /* Error links move to their field themselves: instant navigation must not see them. */
    summary.addEventListener("click", function (ev) {
      var a = ev.target.closest("a[data-target]");
      if (!a) return;
      ev.preventDefault();
      ev.stopPropagation();
      var target = form.querySelector("#" + CSS.escape(a.dataset.target));
      if (target) { target.focus(); target.scrollIntoView({ block: "center" }); }
    });

    function showErrors(errors) {
      summary.textContent = "";
      var p = document.createElement("p");
      p.textContent = t.errors;
      var ul = document.createElement("ul");
      errors.forEach(function (e) {
        var box = form.querySelector('[data-field="' + e.name + '"]');
        var target = form.querySelector("#share-" + e.name) || box.querySelector("input, select, textarea");
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + target.id;
        a.dataset.target = target.id;
        a.textContent = format(t.error_item, { field: box.dataset.label, message: e.message });
        li.appendChild(a);
        ul.appendChild(li);
      });
      summary.appendChild(p);
      summary.appendChild(ul);
      summary.hidden = false;
      summary.focus();
    }

    function setRoute(selector, href) {
      var a = result.querySelector(selector);
      if (!a) return null;
      var item = a.closest("li");
      if (href) a.href = href;
      if (item) item.hidden = !href;
      return a;
    }

    function routes(item, yaml, file) {
      var newFile = form.dataset.repositoryFile;
      if (newFile) {
        var github = newFile + "?filename=" + encodeURIComponent(file) + "&value=" + encodeURIComponent(yaml);
        var tooLong = github.length > limits.safe_url;
        result.querySelector(".share-form__github").hidden = tooLong;
        result.querySelector(".share-form__github-too-long").hidden = !tooLong;
        if (!tooLong) result.querySelector(".share-form__github").href = github;
      }
      if (form.dataset.repositoryIssue) {
        var full = { "initiative-title": item.title, summary: item.summary, description: item.description,
                     lessons: item.lessons, city: item.city, country: item.country, start: item.years ? String(item.years.start) : "",
                     end: item.years && item.years.end ? String(item.years.end) : "",
                     links: value("links"), organisation: item.organisation };
        var issue = function (fields) {
          var params = new URLSearchParams({ title: "[Initiative] " + item.title });
          fields.forEach(function (key) { if (full[key]) params.set(key, full[key]); });
          return form.dataset.repositoryIssue + "&" + params.toString();
        };
        var url = issue(Object.keys(full));
        if (url.length > limits.safe_url) url = issue(["initiative-title", "city", "country", "start", "end", "organisation"]);
        result.querySelector(".share-form__issue").href = url;
      }
      var download = result.querySelector(".share-form__download");
      if (download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml" }));
      download.download = file;
      var email = result.querySelector(".share-form__email");
      if (email) {
        var mail = function (body) {
          return "mailto:" + encodeURIComponent(form.dataset.email) + "?subject=" +
            encodeURIComponent(format(t.email_subject, { title: item.title })) + "&body=" + encodeURIComponent(body);
        };
        var whole = mail(yaml);
        var attach = whole.length > limits.safe_url;
        email.href = attach ? mail(t.email_attach) : whole;
        result.querySelector(".share-form__email-attach").hidden = !attach;
      }
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var errors = names.map(check).filter(Boolean);
      result.hidden = true;
      if (errors.length) {
        showErrors(errors);
        return;
      }
      summary.hidden = true;
      var lang = (form.querySelector('input[name="lang"]:checked') || {}).value || "fr";
      var city = value("city");
      var item = {
        id: deriveId(city, value("title"), value("country")),
        lang: lang, title: value("title"), summary: value("summary"), description: value("description"),
        lessons: value("lessons"), city: city, country: value("country"), region: value("region"),
        themes: checked("themes"), tools: checked("tools"), actors: checked("actors"), links: links().links,
        organisation: value("organisation"), date: new Date().toISOString().slice(0, 10)
      };
      var y = years();
      if (y.start) item.years = { start: y.start, end: y.end };
      var yaml = toYaml(item);
      var file = item.id + ".yml";
      result.querySelector(".share-form__yaml").textContent = yaml;
      result.querySelector(".share-form__ready").textContent = format(t.ready, { file: file });
      routes(item, yaml, file);
      result.hidden = false;
      result.dataset.file = file;
      clearDraft();
      result.querySelector(".share-form__result-title").focus();
    });
  }

  /* Links to a place on the same page scroll there as the browser does: Material's instant
     navigation would fetch the page again and empty a form being filled in. */
  function samePageLinks(container) {
    container.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest("a[href]");
      if (!a || a.target || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      var url = new URL(a.href, location.href);
      if (url.hash && url.origin === location.origin && url.pathname === location.pathname && url.search === location.search) {
        ev.stopPropagation();
      }
    });
  }

  /* ------------------------------------------------------------ self-diagnostic */
  /* Its script is a file of its own, fetched only where the diagnostic is: other pages stay light. */
  var diagnosticScript = null;
  function diagnostic(root) {
    if (!diagnosticScript) {
      diagnosticScript = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("diagnostic.js", here || location.href).href;
        script.onload = resolve;
        script.onerror = function () { diagnosticScript = null; reject(); };
        document.head.appendChild(script);
      });
    }
    diagnosticScript.then(function () { window.smartCityDiagnostic(root); }, function () { /* the paper version remains */ });
  }

  var enhancements = [
    ["[data-initiative-filters]", initiativeFilters],
    ["[data-self-test]", selfTest],
    ["[data-share-form]", shareForm],
    ["[data-diagnostic]", diagnostic],
    [".md-container", samePageLinks]
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
