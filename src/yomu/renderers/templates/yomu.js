// yomu reader page. Loaded verbatim into the page's only inline script; its sha256 goes
// into the Content-Security-Policy. Vocabulary data is read from the JSON block and put
// into the popup with textContent only, never as markup.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "yomu.reader.v1";
  // The learner's marks (I know this / Study this / the meaning here), one record per
  // word. Chromium gives every file:// page one storage, so the key names the page's
  // folder: pages opened from one folder share their marks, other folders keep theirs.
  var MARKS = "yomu.marks.v1:" + location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
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

  // Marks: { "word\treading": { mark: "known" | "study" | "", meaning: "…", picked: bool } },
  // read afresh before every change so two open pages do not undo each other.
  // A browser that refuses storage keeps what this page holds (kept) instead.
  function loadMarks(kept) {
    try {
      var m = JSON.parse(window.localStorage.getItem(MARKS) || "{}");
      return m && typeof m === "object" && !Array.isArray(m) ? m : {};
    } catch (e) { return kept || {}; }
  }

  function saveMarks(m) {
    try { window.localStorage.setItem(MARKS, JSON.stringify(m)); } catch (e) { /* this page only */ }
  }

  function keyOf(item) { return item.text + "\t" + item.reading; }

  // A field of a tab-separated line: tabs and line breaks would split it.
  function cell(text) { return String(text).replace(/[\t\r\n]+/g, " "); }

  function download(name, text) {
    // A Blob URL through <a download>: no server, and nothing the CSP has to allow.
    var url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
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
        apply(); save(); fitColumns(true);
      });
    }

    // Vertical writing: the article's box ends on the first screen, so its first columns
    // (the title, the first lines) are read whole without scrolling the page. Measured on
    // load and when the width or the text size changes, not when a phone's address bar
    // comes and goes (that would move the text under the reader's eyes).
    var columns = vertical ? document.querySelector("article.text") : null;
    var fittedWidth = 0;
    function fitColumns(again) {
      if (!columns || (!again && root.clientWidth === fittedWidth)) return;
      fittedWidth = root.clientWidth;
      var top = columns.getBoundingClientRect().top + window.scrollY;
      var em = parseFloat(getComputedStyle(columns).fontSize) || 16;
      var room = Math.min(36 * em, Math.max(12 * em, root.clientHeight - top - 16));
      columns.style.setProperty("--columns-height", Math.floor(room) + "px");
    }
    fitColumns(true);
    window.addEventListener("resize", function () { fitColumns(false); });

    if (!pop || !data) return;
    try {
      JSON.parse(data.textContent).forEach(function (item) { items.set(item.id, item); });
    } catch (e) { return; }
    var words = document.querySelectorAll(".w[data-item]");
    var marks = loadMarks();
    showMarks();
    fitColumns(true);  // again: the export counts just filled in may have wrapped the controls

    function entry(item) {
      var e = marks[keyOf(item)];
      return e && typeof e === "object" ? e : null;
    }

    function meaningOf(item) {
      var e = entry(item);
      return e && e.picked && typeof e.meaning === "string" ? e.meaning : item.gloss;
    }

    // Every marked word of the page follows its record: known words lose highlight and
    // (with furigana on new words) their furigana, words to study get a mark (CSS).
    function showMarks() {
      Array.prototype.forEach.call(words, function (w) {
        var item = items.get(w.getAttribute("data-item"));
        var e = item ? entry(item) : null;
        var mark = e && (e.mark === "known" || e.mark === "study") ? e.mark : "";
        if (mark) w.setAttribute("data-mark", mark); else w.removeAttribute("data-mark");
      });
      var known = 0, study = 0;
      Object.keys(marks).forEach(function (k) {
        var e = marks[k];
        if (!e || typeof e !== "object") return;
        if (e.mark === "known") known++;
        else if (e.mark === "study" || e.picked) study++;
      });
      count("known", known);
      count("study", study);
    }

    function count(kind, n) {
      var b = document.querySelector("button[data-export=" + kind + "]");
      if (!b) return;
      var c = b.querySelector(".count");
      if (c) c.textContent = " (" + n + ")";
      b.disabled = n === 0;
    }

    function change(item, update) {
      marks = loadMarks(marks);
      var key = keyOf(item);
      var e = entry(item) || { mark: "", meaning: item.gloss, picked: false };
      update(e);
      if (!e.mark && !e.picked) delete marks[key]; else marks[key] = e;
      saveMarks(marks);
      showMarks();
    }

    function exportMarks(kind) {
      marks = loadMarks(marks);
      var keys = Object.keys(marks);
      if (kind === "known") {
        // A plain word list, which `yomu known import` reads as it is.
        var lines = ["# yomu: words marked \"I know this\" on yomu pages; add them with: yomu known import yomu-known.txt"];
        keys.forEach(function (k) { if (marks[k] && marks[k].mark === "known") lines.push(cell(k.split("\t")[0])); });
        download("yomu-known.txt", lines.join("\n") + "\n");
      } else {
        // Words to study, and words whose meaning here was picked: `yomu deck --choices`.
        var rows = ["word\treading\tmeaning\tpicked"];
        keys.forEach(function (k) {
          var e = marks[k];
          if (!e || e.mark === "known" || !(e.mark === "study" || e.picked)) return;
          var parts = k.split("\t");
          rows.push([cell(parts[0]), cell(parts[1] || ""), cell(e.meaning || ""), e.picked ? "yes" : "no"].join("\t"));
        });
        download("yomu-study.tsv", rows.join("\n") + "\n");
      }
    }

    if (controls) {
      controls.addEventListener("click", function (e) {
        var b = e.target.closest ? e.target.closest("button[data-export]") : null;
        if (b) exportMarks(b.getAttribute("data-export"));
      });
    }
    // Another page of the folder changed the marks: follow it.
    window.addEventListener("storage", function (e) {
      if (e.key !== MARKS) return;
      marks = loadMarks(marks);
      showMarks();
      if (current) { var w = current; current = null; show(w); }
    });

    function wordOf(t) {
      return t && t.nodeType === 1 && t.closest ? t.closest(".w[data-item]") : null;
    }

    function fill(item) {
      pop.textContent = "";
      var head = make("p", "ph");
      var w = make("span", "pw", item.text);
      w.lang = "ja";
      w.id = pop.id + "-word";  // the dialog's name (aria-labelledby)
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
      var here = meaningOf(item);
      if (here) pop.appendChild(make("p", "pg", here));
      // The news grammar patterns this word starts: "Grammar: 〜方針 (N3) plans to …".
      (item.grammar || []).forEach(function (g) { pop.appendChild(make("p", "pgr", g)); });
      if (item.forms && item.forms.length) {
        // The inflected forms met in the article and what each does, before the other
        // senses: they are about the text being read.
        var ul = make("ul", "pf");
        item.forms.forEach(function (f) { ul.appendChild(make("li", "", f)); });
        pop.appendChild(ul);
      }
      // The other senses, the page's primary among them once another was picked; each
      // is a button that makes it "the meaning here" (shown first, used on the card).
      var others = [item.gloss].concat(item.senses).filter(function (s) { return s && s !== here; });
      if (others.length) {
        var ol = make("ol", "ps");
        others.forEach(function (s) {
          var li = make("li", "");
          var b = make("button", "sense", s);
          b.type = "button";
          b.title = "Use as the meaning here";
          b.setAttribute("data-meaning", s);
          li.appendChild(b);
          ol.appendChild(li);
        });
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
      var e = entry(item);
      var bar = make("p", "pm");
      [["known", "I know this"], ["study", "Study this"]].forEach(function (m) {
        var b = make("button", "", m[1]);
        b.type = "button";
        b.setAttribute("data-mark", m[0]);
        b.setAttribute("aria-pressed", e && e.mark === m[0] ? "true" : "false");
        bar.appendChild(b);
      });
      pop.appendChild(bar);
    }

    function act(b) {
      var item = current ? items.get(current.getAttribute("data-item")) : null;
      if (!item) return;
      var what = b.getAttribute("data-mark"), meaning = b.getAttribute("data-meaning");
      change(item, function (e) {
        if (what) e.mark = e.mark === what ? "" : what;
        if (meaning !== null) { e.meaning = meaning; e.picked = meaning !== item.gloss; }
      });
      // Refill, and keep the keyboard where it was: on the same mark button, or on the
      // first button after a meaning was picked.
      var inside = pop.contains(document.activeElement);
      fill(item);
      place(current);
      var again = what ? pop.querySelector("button[data-mark=" + what + "]") : pop.querySelector("button");
      if (inside && again) again.focus();
    }

    pop.addEventListener("click", function (e) {
      var b = e.target.closest ? e.target.closest("button") : null;
      // Handled here: the document's handler would find the refilled button gone and close.
      e.stopPropagation();
      if (b) act(b);
    });
    pop.addEventListener("keydown", function (e) {
      if (e.key !== "Tab" || !current) return;
      var buttons = pop.querySelectorAll("button");
      var first = buttons[0], last = buttons[buttons.length - 1];
      // Tab past either end of the popup goes back to its word, and from there on.
      if ((e.shiftKey && document.activeElement === first) || (!e.shiftKey && document.activeElement === last)) {
        e.preventDefault();
        current.focus();
      }
    });

    // Beside the word, never over it: on a phone the tap that opened the popup ends on
    // whatever lies under the finger once the popup is drawn, and a popup over its word
    // takes that tap. Below or above in horizontal writing; in vertical writing left or
    // right of the word's column, else (a phone is too narrow for that) below or above.
    // When no side holds the whole popup, it takes the roomier of below and above and
    // scrolls inside that room.
    function place(w) {
      var margin = 8, gap = 6;
      var vw = root.clientWidth, vh = root.clientHeight;
      var r = w.getBoundingClientRect();
      // Measure at the origin, where the popup's width is not squeezed by the right edge.
      pop.style.left = "0px";
      pop.style.top = "0px";
      pop.style.maxHeight = "";
      var p = pop.getBoundingClientRect();
      var room = {
        below: vh - margin - r.bottom - gap,
        above: r.top - gap - margin,
        left: r.left - gap - margin,
        right: vw - margin - r.right - gap
      };
      var sides = vertical ? ["left", "right", "below", "above"] : ["below", "above"];
      var side = sides.filter(function (s) {
        return room[s] >= (s === "left" || s === "right" ? p.width : p.height);
      })[0];
      if (!side) {
        side = room.below >= room.above ? "below" : "above";
        pop.style.maxHeight = Math.max(0, Math.floor(room[side])) + "px";
        p = pop.getBoundingClientRect();
      }
      var left, top;
      if (side === "left" || side === "right") {
        left = side === "left" ? r.left - gap - p.width : r.right + gap;
        top = Math.max(margin, Math.min(r.top, vh - margin - p.height));
      } else {
        top = side === "below" ? r.bottom + gap : r.top - gap - p.height;
        left = Math.max(margin, Math.min(r.left, vw - margin - p.width));
      }
      pop.style.left = left + "px";
      pop.style.top = top + "px";
    }

    function show(w) {
      var item = items.get(w.getAttribute("data-item"));
      if (!item) return;
      clearTimeout(leaving);
      if (current !== w) fill(item);
      current = w;
      pop.hidden = false;
      place(w);
    }

    function hide() {
      clearTimeout(leaving);
      pop.hidden = true;
      current = null;
    }

    var leaving = 0;
    document.addEventListener("focusin", function (e) {
      var w = wordOf(e.target);
      if (w) show(w); else if (!pop.contains(e.target)) hide();
    });
    document.addEventListener("focusout", function (e) {
      // Focus moving into the popup (its buttons) keeps it open.
      if (current && wordOf(e.target) === current && !pop.contains(e.relatedTarget)) hide();
    });
    // Where the pointer stood when a brief entry jumped to its word: the text that then
    // slides under the still pointer gets a mouseover, which must not take the popup from
    // the word the learner asked for. Hovering works again once the pointer moves.
    var still = null;
    document.addEventListener("mouseover", function (e) {
      if (still && Math.abs(e.clientX - still.x) <= 2 && Math.abs(e.clientY - still.y) <= 2) return;
      still = null;
      if (pop.contains(e.target)) { clearTimeout(leaving); return; }
      var w = wordOf(e.target);
      if (w && w !== current) show(w);
    });
    document.addEventListener("mouseout", function (e) {
      if (!current || pop.contains(e.relatedTarget) || current.contains(e.relatedTarget)) return;
      var from = pop.contains(e.target) ? current : wordOf(e.target);
      if (from !== current) return;
      // Leaving a hovered word (or its popup) falls back to the focused word, if any; a
      // moment later, so the pointer can cross the gap into the popup to press its buttons.
      clearTimeout(leaving);
      leaving = setTimeout(function () {
        if (current !== from || pop.matches(":hover") || from.matches(":hover")) return;
        var focused = wordOf(document.activeElement);
        if (focused) show(focused); else hide();
      }, 300);
    });
    document.addEventListener("click", function (e) {
      var link = e.target.closest ? e.target.closest("a[href^='#w']") : null;
      if (link) {
        // A brief entry jumps to the word's first occurrence and opens its popup there,
        // the word in the middle of the screen so the popup has room beside it.
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (target) {
          e.preventDefault();
          still = { x: e.clientX, y: e.clientY };
          target.scrollIntoView({ block: "center", inline: "center" });
          target.focus({ preventScroll: true });
        }
        return;
      }
      var w = wordOf(e.target);
      if (w) show(w); else if (!pop.contains(e.target)) hide();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !pop.hidden) {
        // From inside the popup, back to its word (closed); the keyboard stays in the text.
        var back = pop.contains(document.activeElement) ? current : null;
        hide(); e.preventDefault();
        if (back) { back.focus(); hide(); }
        return;
      }
      var w = wordOf(e.target);
      if (!w || w !== current || e.altKey || e.ctrlKey || e.metaKey) return;
      // On a word: Enter or ↓ moves into its popup; k and s mark it directly.
      if (e.key === "Enter" || e.key === "ArrowDown") {
        var first = pop.querySelector("button");
        if (first) { e.preventDefault(); first.focus(); }
      } else if (e.key === "k" || e.key === "s") {
        var b = pop.querySelector("button[data-mark=" + (e.key === "k" ? "known" : "study") + "]");
        if (b) { e.preventDefault(); act(b); }
      }
    });
    function follow(e) {
      // Not for the popup's own scrolling: placing it again would reset its scroll.
      if (current && !(e && e.target && e.target.nodeType === 1 && pop.contains(e.target))) place(current);
    }
    window.addEventListener("resize", follow);
    // Capture: the vertical article scrolls inside its own box, not the window.
    document.addEventListener("scroll", follow, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
