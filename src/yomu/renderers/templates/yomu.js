// yomu reader page. Loaded verbatim into the page's only inline script; its sha256 goes
// into the Content-Security-Policy. Vocabulary data is read from the JSON block and put
// into the popup with textContent only, never as markup.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "yomu.reader.v1";
  var MODES = ["all", "items", "off"];
  var SIZES = 5;
  // The page says which furigana mode suits its reader: "items" when it was made for a
  // learner's level or known words, else "all". A choice the reader saved wins.
  var prefs = { furigana: root.getAttribute("data-furigana") || "all", highlight: true, size: 2 };

  root.classList.add("js");
  try {
    // file:// pages and private windows may refuse storage: then the defaults stay.
    var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
    if (MODES.indexOf(saved.furigana) >= 0) prefs.furigana = saved.furigana;
    if (typeof saved.highlight === "boolean") prefs.highlight = saved.highlight;
    if (typeof saved.size === "number" && saved.size >= 0 && saved.size < SIZES) prefs.size = Math.floor(saved.size);
  } catch (e) { /* keep defaults */ }
  apply();

  function apply() {
    // Set on <html> from <head>, before the body is drawn, so a saved choice never flickers.
    root.setAttribute("data-furigana", prefs.furigana);
    root.setAttribute("data-hl", prefs.highlight ? "on" : "off");
    root.setAttribute("data-size", String(prefs.size));
  }

  function save() {
    try { window.localStorage.setItem(KEY, JSON.stringify(prefs)); } catch (e) { /* not remembered */ }
  }

  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function init() {
    var pop = document.getElementById("yomu-pop");
    var data = document.getElementById("yomu-items");
    var controls = document.querySelector(".controls");
    var vertical = root.classList.contains("vertical");
    var items = new Map();
    var current = null;

    if (controls) {
      Array.prototype.forEach.call(controls.querySelectorAll("input[name=furigana]"), function (input) {
        input.checked = input.value === prefs.furigana;
      });
      var hl = controls.querySelector("input[name=highlight]");
      if (hl) hl.checked = prefs.highlight;
      controls.addEventListener("change", function (e) {
        var t = e.target;
        if (t.name === "furigana" && t.checked) prefs.furigana = t.value;
        if (t.name === "highlight") prefs.highlight = t.checked;
        apply(); save();
      });
      controls.addEventListener("click", function (e) {
        var b = e.target.closest ? e.target.closest("button[data-step]") : null;
        if (!b) return;
        prefs.size = Math.max(0, Math.min(SIZES - 1, prefs.size + Number(b.getAttribute("data-step"))));
        apply(); save();
      });
    }

    if (!pop || !data) return;
    try {
      JSON.parse(data.textContent).forEach(function (item) { items.set(item.id, item); });
    } catch (e) { return; }

    function wordOf(t) {
      return t && t.nodeType === 1 && t.closest ? t.closest(".w[data-item]") : null;
    }

    function fill(item) {
      pop.textContent = "";
      var head = make("p", "ph");
      var w = make("span", "pw", item.text);
      w.lang = "ja";
      head.appendChild(w);
      if (item.reading && item.reading !== item.text) {
        var r = make("span", "pr", item.reading);
        r.lang = "ja";
        head.appendChild(r);
      }
      pop.appendChild(head);
      if (item.also) {
        // The sentence chose this reading; the word is read otherwise elsewhere.
        var also = make("p", "pa", "also read ");
        var a = make("span", "", item.also);
        a.lang = "ja";
        also.appendChild(a);
        pop.appendChild(also);
      }
      if (item.gloss) pop.appendChild(make("p", "pg", item.gloss));
      if (item.forms && item.forms.length) {
        // The inflected forms met in the article and what each does, before the other
        // senses: they are about the text being read.
        var ul = make("ul", "pf");
        item.forms.forEach(function (f) { ul.appendChild(make("li", "", f)); });
        pop.appendChild(ul);
      }
      if (item.senses.length) {
        var ol = make("ol", "ps");
        item.senses.forEach(function (s) { ol.appendChild(make("li", "", s)); });
        pop.appendChild(ol);
      }
      if (item.note) pop.appendChild(make("p", "pn", item.note));
      if (item.kanji && item.kanji.length) {
        // The word's kanji one by one (KANJIDIC2): meaning, readings, grade and strokes.
        var kl = make("ul", "pkj");
        kl.setAttribute("aria-label", "Kanji");
        item.kanji.forEach(function (k) {
          var li = make("li");
          var c = make("span", "kc", k.k);
          c.lang = "ja";
          li.appendChild(c);
          // Spaces between the parts, not only margins: copied or read aloud, they stay apart.
          function part(el) { li.appendChild(document.createTextNode(" ")); li.appendChild(el); }
          if (k.meaning) part(make("span", "km", k.meaning));
          if (k.readings) {
            var kr = make("span", "kr", k.readings);
            kr.lang = "ja";
            part(kr);
          }
          if (k.level) part(make("span", "kv", k.level));
          kl.appendChild(li);
        });
        pop.appendChild(kl);
      }
      pop.appendChild(make("p", "pk", item.meta));
    }

    function place(w) {
      var margin = 8, gap = 6;
      var vw = root.clientWidth, vh = root.clientHeight;
      var r = w.getBoundingClientRect();
      // Measure at the origin, where the popup's width is not squeezed by the right edge.
      pop.style.left = "0px";
      pop.style.top = "0px";
      var p = pop.getBoundingClientRect();
      var left, top;
      if (vertical) {
        left = r.left - gap - p.width;
        if (left < margin) left = r.right + gap;
        top = r.top;
      } else {
        left = r.left;
        top = r.bottom + gap;
        if (top + p.height > vh - margin) top = r.top - gap - p.height;
      }
      left = Math.max(margin, Math.min(left, vw - margin - p.width));
      top = Math.max(margin, Math.min(top, vh - margin - p.height));
      pop.style.left = left + "px";
      pop.style.top = top + "px";
    }

    function show(w) {
      var item = items.get(w.getAttribute("data-item"));
      if (!item) return;
      if (current !== w) fill(item);
      current = w;
      pop.hidden = false;
      place(w);
    }

    function hide() {
      pop.hidden = true;
      current = null;
    }

    document.addEventListener("focusin", function (e) {
      var w = wordOf(e.target);
      if (w) show(w); else hide();
    });
    document.addEventListener("focusout", function (e) {
      if (current && wordOf(e.target) === current) hide();
    });
    document.addEventListener("mouseover", function (e) {
      var w = wordOf(e.target);
      if (w && w !== current) show(w);
    });
    document.addEventListener("mouseout", function (e) {
      var w = wordOf(e.target);
      if (!w || w !== current || w.contains(e.relatedTarget)) return;
      // Leaving a hovered word falls back to the focused one, if any.
      var focused = wordOf(document.activeElement);
      if (focused) show(focused); else hide();
    });
    document.addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest("a[href^='#w']") : null;
      if (link) {
        // A brief entry jumps to the word's first occurrence and opens its popup there.
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) { e.preventDefault(); target.focus(); }
        return;
      }
      var w = wordOf(e.target);
      if (w) show(w); else if (!pop.contains(e.target)) hide();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !pop.hidden) { hide(); e.preventDefault(); }
    });
    function follow() { if (current) place(current); }
    window.addEventListener("resize", follow);
    // Capture: the vertical article scrolls inside its own box, not the window.
    document.addEventListener("scroll", follow, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
