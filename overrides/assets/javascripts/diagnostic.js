/*
 * The self-diagnostic "Where do we stand?" (introduction/diagnostic): progress, the profile
 * (a chart with its table), a short reading, the action plan, storage, share link, JSON
 * download and print. site.js loads this file only on the page that holds [data-diagnostic].
 *
 * Nothing leaves the browser: answers stay in localStorage, and the share link carries them
 * in its fragment (#a=…), which browsers never send to a server. The page works without this
 * script (questionnaire, scoring rule, levels and resources, on screen or on paper). The plan
 * is copied from the reference the build wrote, by the keys the build derived for each axis
 * and level (data-diagnostic-data): this script decides nothing about what to read.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "smart-city-guide:diagnostic";
  var DEFAULT_TARGET = 4;
  var SVG = "http://www.w3.org/2000/svg";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function svg(tag, attributes, text) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function setup(root) {
    var data = JSON.parse(root.dataset.diagnosticData);
    var t = JSON.parse(root.dataset.strings);
    var form = root.querySelector(".diagnostic__form");
    var results = root.querySelector(".diagnostic__results");
    var target = root.querySelector("#diagnostic-target");
    var notice = results.querySelector(".diagnostic__notice");
    var status = root.querySelector(".diagnostic__progress");
    var bar = root.querySelector(".diagnostic__progress-bar");
    var shareBox = results.querySelector(".diagnostic__share");
    var questions = [];
    data.axes.forEach(function (axis) { questions = questions.concat(axis.questions); });
    var levelNames = data.levels;

    function levelName(level) { return format("{n} · {name}", { n: level, name: levelNames[level - 1] }); }
    function axisName(axis) { return format(t.axis, { n: axis.number }) + " · " + axis.name; }

    /* ---------------------------------------------------------------- state */
    function current() {
      var answers = {};
      questions.forEach(function (id) {
        var checked = form.querySelector('input[name="' + id + '"]:checked');
        if (checked) answers[id] = +checked.value;
      });
      return { answers: answers, target: +target.value || DEFAULT_TARGET };
    }

    function clean(state) {   /* keep only answers to today's questions, and a possible target */
      var answers = {};
      questions.forEach(function (id) {
        var value = state && state.answers ? state.answers[id] : undefined;
        if (typeof value === "number" && value >= 0 && value <= 5 && value === Math.floor(value)) answers[id] = value;
      });
      var aim = state ? +state.target : 0;
      return { answers: answers, target: aim >= 2 && aim <= 5 ? aim : DEFAULT_TARGET };
    }

    function show(state) {
      questions.forEach(function (id) {
        form.querySelectorAll('input[name="' + id + '"]').forEach(function (input) {
          input.checked = state.answers[id] !== undefined && +input.value === state.answers[id];
        });
      });
      target.value = String(state.target);
    }

    function save(state) {
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: data.version, answers: state.answers, target: state.target }));
      } catch (e) { /* private browsing or storage full: the page still works, without memory */ }
    }

    function stored() {
      try {
        var saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
        return saved && saved.answers ? clean(saved) : null;
      } catch (e) { return null; }
    }

    /* The fragment: one character per question in page order (. untouched, 0 don't know,
       1-5 a level), the level aimed for, and the questions' version. */
    function encode(state) {
      var digits = questions.map(function (id) {
        return state.answers[id] === undefined ? "." : String(state.answers[id]);
      }).join("");
      return "a=" + digits + "&t=" + state.target + "&v=" + data.version;
    }

    function decode(hash) {
      var params = new URLSearchParams(hash.replace(/^#/, ""));
      var digits = params.get("a");
      if (digits === null) return null;
      if (params.get("v") !== data.version || digits.length !== questions.length || !/^[0-5.]*$/.test(digits)) {
        return { stale: true };
      }
      var answers = {};
      questions.forEach(function (id, i) { if (digits.charAt(i) !== ".") answers[id] = +digits.charAt(i); });
      return clean({ answers: answers, target: params.get("t") });
    }

    function dropFragment() {
      history.replaceState(history.state, "", location.pathname + location.search);
    }

    /* ---------------------------------------------------------------- profile */
    function profile(state) {
      return data.axes.map(function (axis) {
        var given = axis.questions.map(function (id) { return state.answers[id]; })
          .filter(function (value) { return value > 0; });
        var sum = given.reduce(function (a, b) { return a + b; }, 0);
        return { axis: axis, answered: given.length, level: given.length ? Math.floor(sum / given.length) : null };
      });
    }

    /* Drawn at the width it is shown at (one unit, one pixel), so its text keeps its size on a phone. */
    function chart(rows, aim, shown) {
      var width = Math.max(280, Math.min(640, Math.round(shown) || 600));
      var top = 30, row = 56, height = top + rows.length * row + 6;
      var left = 4, right = width - 14, step = (right - left) / 5;
      var drawing = svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
        "aria-labelledby": "diagnostic-chart-title", "class": "diagnostic__drawing", focusable: "false" });
      for (var n = 1; n <= 5; n++) {
        var x = left + n * step;
        drawing.appendChild(svg("line", { x1: x, x2: x, y1: top - 6, y2: height - 4, "class": "diagnostic__grid" }));
        drawing.appendChild(svg("text", { x: x, y: 18, "text-anchor": "middle", "font-size": 14, "class": "diagnostic__tick" }, String(n)));
      }
      rows.forEach(function (p, i) {
        var y = top + i * row;
        var name = axisName(p.axis);   /* a long name on a narrow screen gets a smaller size, down to 12 */
        var size = Math.max(12, Math.min(15, Math.floor((width - 2 * left) / (name.length * 0.58))));
        drawing.appendChild(svg("text", { x: left, y: y + 16, "font-size": size, "class": "diagnostic__label" }, name));
        if (p.level) {
          drawing.appendChild(svg("rect", { x: left, y: y + 23, width: p.level * step, height: 22, rx: 3,
            "class": "diagnostic__bar" + (p.level < aim ? " is-below" : "") }));
        }
        var label = p.level ? levelName(p.level) : t.not_assessed;
        var inside = p.level && p.level * step > 8 * label.length + 16;
        var end = left + (p.level || 0) * step;
        drawing.appendChild(svg("text", { x: inside ? end - 6 : end + (p.level ? 6 : 0), y: y + 39, "font-size": 14,
          "text-anchor": inside ? "end" : "start", "class": "diagnostic__value" + (inside ? " is-inside" : "") }, label));
      });
      var ax = left + aim * step;
      drawing.appendChild(svg("line", { x1: ax, x2: ax, y1: top - 6, y2: height - 4, "class": "diagnostic__aim" }));
      return drawing;
    }

    function table(rows) {
      var body = results.querySelector(".diagnostic__table tbody");
      body.innerHTML = "";
      rows.forEach(function (p) {
        var tr = element("tr");
        tr.dataset.axis = p.axis.id;
        tr.dataset.level = p.level || "";
        var th = element("th", "", axisName(p.axis));
        th.scope = "row";
        tr.appendChild(th);
        tr.appendChild(element("td", "", p.level ? levelName(p.level) : t.not_assessed));
        tr.appendChild(element("td", "", format(t.answers_of, { answered: p.answered, total: p.axis.questions.length })));
        body.appendChild(tr);
      });
    }

    function names(list) { return list.map(function (p) { return p.axis.name; }).join(", "); }

    function reading(rows, state, aim) {
      var box = results.querySelector(".diagnostic__reading");
      box.innerHTML = "";
      var say = function (text) { box.appendChild(element("p", "", text)); };
      var assessed = rows.filter(function (p) { return p.level; });
      var answered = questions.filter(function (id) { return state.answers[id] > 0; }).length;
      say(format(t.reading_count, { answered: answered, total: questions.length }));
      if (!assessed.length) { say(t.reading_none); return; }
      var levels = assessed.map(function (p) { return p.level; });
      var high = Math.max.apply(null, levels), low = Math.min.apply(null, levels);
      if (high === low) {
        say(format(t.reading_flat, { level: levelName(high) }));
      } else {
        say(format(t.reading_strong, { axes: names(assessed.filter(function (p) { return p.level === high; })), level: levelName(high) }));
        say(format(t.reading_weak, { axes: names(assessed.filter(function (p) { return p.level === low; })), level: levelName(low) }));
      }
      var below = assessed.filter(function (p) { return p.level < aim; });
      say(below.length ? format(t.reading_gap, { count: below.length, target: levelName(aim) })
        : format(t.reading_reached, { target: levelName(aim) }));
      var missing = rows.filter(function (p) { return !p.level; });
      if (missing.length) say(format(t.reading_missing, { axes: names(missing) }));
    }

    /* ---------------------------------------------------------------- plan */
    function copy(selector, scope) {
      var found = scope.querySelector(selector);
      if (!found) return null;
      var clone = found.cloneNode(true);
      /* Absolute addresses: they still work once printed or saved. */
      clone.querySelectorAll("a[href]").forEach(function (a) { a.setAttribute("href", a.href); });
      return clone;
    }

    function list(title, items) {
      var fragment = document.createDocumentFragment();
      if (!items.length) return fragment;
      fragment.appendChild(element("h4", "", title));
      var ul = element("ul");
      items.forEach(function (li) { if (li) ul.appendChild(li); });
      fragment.appendChild(ul);
      return fragment;
    }

    function plan(rows, aim) {
      var box = results.querySelector(".diagnostic__plan");
      box.innerHTML = "";
      var below = rows.filter(function (p) { return p.level && p.level < aim; });
      if (!below.length) { box.appendChild(element("p", "", t.plan_empty)); return; }
      var stages = root.querySelector("[data-stages]");
      below.forEach(function (p) {
        var keys = data.plans[p.axis.id][String(p.level)];
        var source = root.querySelector('.diagnostic__resources[data-axis="' + p.axis.id + '"]');
        var section = element("section", "diagnostic__plan-axis");
        section.dataset.axis = p.axis.id;
        section.dataset.level = p.level;
        section.appendChild(element("h3", "", format(t.plan_axis, {
          axis: axisName(p.axis), from: levelName(p.level), to: levelName(p.level + 1) })));
        var now = element("p");
        now.appendChild(element("strong", "", t.plan_now));
        now.appendChild(document.createTextNode(" " + p.axis.levels[p.level - 1]));
        section.appendChild(now);
        var next = element("p");
        next.appendChild(element("strong", "", format(t.plan_next, { level: levelName(p.level + 1) })));
        next.appendChild(document.createTextNode(" " + p.axis.levels[p.level]));
        section.appendChild(next);
        var read = keys.chapters.map(function (src) { return copy('li[data-chapter="' + src + '"]', source); });
        if (keys.next_chapters.length) {
          var also = element("li", "diagnostic__also", t.plan_also);
          var ul = element("ul");
          keys.next_chapters.forEach(function (src) {
            var li = copy('li[data-chapter="' + src + '"]', stages);
            if (li) ul.appendChild(li);
          });
          also.appendChild(ul);
          read.push(also);
        }
        section.appendChild(list(t.plan_read, read));
        section.appendChild(list(t.plan_worksheets, keys.worksheets.map(function (id) {
          return copy('li[data-worksheet="' + id + '"]', source);
        })));
        section.appendChild(list(t.plan_initiatives, keys.initiatives.map(function (id) {
          return copy('li[data-initiative="' + id + '"]', source);
        })));
        box.appendChild(section);
      });
    }

    function answerList(state) {
      var ol = results.querySelector(".diagnostic__answers ol");
      ol.innerHTML = "";
      describe(state).forEach(function (a) {
        ol.appendChild(element("li", "", a.text + " — " + (a.level ? levelName(a.level) + " · " + a.answer : t.no_answer)));
      });
    }

    function describe(state) {   /* every question with its answer, as the page words them */
      return questions.map(function (id) {
        var fieldset = form.querySelector('[data-question="' + id + '"]');
        var value = state.answers[id];
        var chosen = value ? fieldset.querySelector('input[value="' + value + '"]') : null;
        return {
          question: id, axis: fieldset.dataset.axis,
          text: fieldset.querySelector("legend").textContent.replace(/^\s*\d+\.\s*/, "").trim(),
          level: value || null,
          answer: chosen ? chosen.closest("label").querySelector(".diagnostic__text").textContent.trim() : null
        };
      });
    }

    /* ---------------------------------------------------------------- the page */
    function progress(state) {
      var touched = Object.keys(state.answers).length;
      bar.value = touched;
      status.textContent = format(t.progress, { answered: touched, total: questions.length });
    }

    function render(state) {
      var rows = profile(state);
      results.hidden = Object.keys(state.answers).length === 0;
      var drawingBox = results.querySelector(".diagnostic__svg");
      drawingBox.innerHTML = "";
      drawingBox.appendChild(chart(rows, state.target, drawingBox.clientWidth));
      table(rows);
      reading(rows, state, state.target);
      plan(rows, state.target);
      answerList(state);
    }

    function update(announce) {
      var state = current();
      save(state);
      progress(state);
      render(state);
      if (announce) notice.textContent = "";
      return state;
    }

    function share() {
      var link = location.origin + location.pathname + "#" + encode(current());
      var input = shareBox.querySelector("input");
      input.value = link;
      shareBox.hidden = false;
      var done = function () { notice.textContent = t.copied; };
      var failed = function () { notice.textContent = t.copy_failed; input.focus(); input.select(); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, failed);
      else failed();
    }

    function absolute(li) {
      var a = li.querySelector("a");
      return { title: a.textContent.trim(), url: new URL(a.getAttribute("href"), location.href).href };
    }

    function download() {
      var state = current();
      var rows = profile(state);
      var planned = Array.prototype.map.call(results.querySelectorAll(".diagnostic__plan-axis"), function (section) {
        return {
          axis: section.dataset.axis, from: +section.dataset.level, to: +section.dataset.level + 1,
          read: Array.prototype.map.call(section.querySelectorAll("li[data-chapter]"), absolute),
          worksheets: Array.prototype.map.call(section.querySelectorAll("li[data-worksheet]"), function (li) {
            var item = absolute(li);
            item.pdf = Array.prototype.slice.call(li.querySelectorAll("a[download]")).map(function (a) { return a.href; });
            return item;
          }),
          initiatives: Array.prototype.map.call(section.querySelectorAll("li[data-initiative]"), absolute)
        };
      });
      var report = {
        title: document.querySelector("h1").textContent.trim(), page: location.origin + location.pathname,
        questionnaire_version: data.version, language: data.lang, date: new Date().toISOString().slice(0, 10),
        target: { level: state.target, name: levelNames[state.target - 1] },
        profile: rows.map(function (p) {
          return { axis: p.axis.id, name: p.axis.name, level: p.level, level_name: p.level ? levelNames[p.level - 1] : null,
                   answered: p.answered, questions: p.axis.questions.length };
        }),
        answers: describe(state), plan: planned, share_link: location.origin + location.pathname + "#" + encode(state)
      };
      var blob = new Blob([JSON.stringify(report, null, 2) + "\n"], { type: "application/json" });
      var a = element("a");
      a.href = URL.createObjectURL(blob);
      a.download = t.file_name + "-" + report.date + ".json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }

    function forget() {
      try { localStorage.removeItem(STORAGE_KEY); } catch (e) { /* nothing was stored */ }
      show(clean(null));
      if (location.hash) dropFragment();
      shareBox.hidden = true;
      progress(current());
      render(current());
      status.textContent = t.forgotten;
    }

    /* Printing with results: the profile and the plan only (the questionnaire prints without them). */
    function beforePrint() {
      if (!document.contains(root) || results.hidden) return;
      document.documentElement.classList.add("diagnostic-print");
      var details = results.querySelector(".diagnostic__answers");
      details.dataset.wasOpen = details.open ? "1" : "";
      details.open = true;
    }
    function afterPrint() {
      document.documentElement.classList.remove("diagnostic-print");
      var details = results.querySelector(".diagnostic__answers");
      if (details && !details.dataset.wasOpen) details.open = false;
    }

    /* ---------------------------------------------------------------- start */
    var fromLink = location.hash ? decode(location.hash) : null;
    var state = stored();
    var message = state && Object.keys(state.answers).length ? t.restored : "";
    if (fromLink && fromLink.stale) {
      message = t.stale_link;
      dropFragment();
    } else if (fromLink) {
      state = fromLink;
      message = t.shared;
      save(state);
      dropFragment();   /* from now on this browser's copy is the reference: a reload keeps later changes */
    }
    state = state || clean(null);
    show(state);
    root.querySelector(".diagnostic__status").hidden = false;
    form.querySelector(".diagnostic__buttons").hidden = false;
    progress(state);
    render(state);
    notice.textContent = message;
    if (fromLink && !fromLink.stale && !results.hidden) results.focus();

    form.addEventListener("change", function () { update(true); });
    target.addEventListener("change", function () { update(true); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var now = update(true);
      if (!Object.keys(now.answers).length) { status.textContent = t.reading_none; return; }
      results.focus();
      results.scrollIntoView({ block: "start" });
    });
    form.querySelector('[data-action="forget"]').addEventListener("click", forget);
    results.querySelector('[data-action="share"]').addEventListener("click", share);
    results.querySelector('[data-action="download"]').addEventListener("click", download);
    results.querySelector('[data-action="print"]').addEventListener("click", function () { window.print(); });
    printing = { before: beforePrint, after: afterPrint };
  }

  /* One pair of print listeners for the whole visit; they act on the diagnostic on screen. */
  var printing = null;
  window.addEventListener("beforeprint", function () { if (printing) printing.before(); });
  window.addEventListener("afterprint", function () { if (printing) printing.after(); });
  window.smartCityDiagnostic = setup;
})();
