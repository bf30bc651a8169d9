"""The review half of the HTML report: a models x parts heatmap, a filterable list of parts, and a
drill-down per part with the answer, its evidence, the checks, first beside final, the human
label and review controls whose decisions download as a labels file (`--labels FILE.yaml`).

The one inline script (allowed by its hash in the page's CSP, nothing else may run) builds the
list from a JSON data block, filters, sorts and collects decisions; with scripts off the page shows
the same list as plain `<details>` rows (see `ReviewList`).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import math
from html import escape
from typing import Iterable

from ..results import PartScore, Report, TranscriptResult
from .agreement import label_pairs
from .explain import distinct_first, judge_note
from .mathml import formulas_html
from .numbers import num
from .safe_markdown import MIN_EVIDENCE_CHARS, render_answer

Z_95 = 1.96


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def flagged(part: PartScore) -> bool:
    """The answer holds a phrase aimed at the grader (issue 12's injection flag, see `injection`)."""
    return bool(part.flag)


def _heat_color(fraction: float) -> str:
    """Red (0) through amber to green (1), light enough for dark text."""
    return f"hsl({round(120 * max(0.0, min(1.0, fraction)))}, 65%, 72%)"


def heatmap(report: Report) -> str:
    """Models x parts; a cell shows the mean final score, the count and, for several samples, a
    95% interval of the mean (normal approximation, clipped to the part's range)."""
    cells: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for t in report.summaries:
        for p in t.finals:
            cells.setdefault(t.model or "(unknown model)", {}).setdefault(p.id, []).append((p.score, p.max_score))
    parts = sorted({pid for row in cells.values() for pid in row})
    head = "".join(f"<th>{_e(pid)}</th>" for pid in parts)
    rows = []
    for model, row in cells.items():
        tds = []
        for pid in parts:
            values = row.get(pid)
            if not values:
                tds.append('<td class="cell empty">–</td>')
                continue
            scores = [s for s, _ in values]
            top = max(m for _, m in values)
            mean = sum(scores) / len(scores)
            text = f"{num(mean)}/{num(top)}<br><small>n={len(scores)}"
            if len(scores) > 1:
                sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (len(scores) - 1))
                half = Z_95 * sd / math.sqrt(len(scores))
                text += f" [{num(max(0.0, mean - half))}, {num(min(top, mean + half))}]"
            fraction = mean / top if top > 0 else 0.0
            tds.append(
                f'<td class="cell" data-model="{_e(model)}" data-part="{_e(pid)}" data-mean="{mean:.4f}" '
                f'data-n="{len(scores)}" style="background:{_heat_color(fraction)}" tabindex="0" '
                f'title="{_e(model)} {_e(pid)}: show these parts">{text}</small></td>'
            )
        rows.append(f"<tr><th>{_e(model)}</th>{''.join(tds)}</tr>")
    return (
        '<section id="overview"><h2>Overview: mean final score per model and part</h2>'
        '<p class="hint">Each cell: mean score / points, number of answers and a 95% interval. '
        "Click a cell to list those answers.</p>"
        f'<table id="heatmap"><thead><tr><th>model</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def filters(report: Report) -> str:
    models = sorted({t.model or "(unknown model)" for t in report.summaries})
    parts = sorted({p.id for t in report.summaries for p in t.finals})

    def select(name: str, values: Iterable[str]) -> str:
        options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
        return f'<label>{name} <select id="f-{name}"><option value="">all</option>{options}</select></label>'

    checks = "".join(
        f'<label><input type="checkbox" id="f-{key}"> {label}</label>'
        for key, label in (
            ("disagree", "disagrees with human label"),
            ("changed", "changed first → final"),
            ("unscored", "unscored"),
            ("flagged", "flagged"),
        )
    )
    return (
        '<form id="filters" class="filters">'
        + select("model", models)
        + select("part", parts)
        + select("verdict", ("correct", "partial", "incorrect", "missing", "unscored"))
        + checks
        + '<label>search <input type="search" id="f-text" placeholder="path, text, evidence"></label>'
        '<label>sort <select id="f-sort"><option value="">as graded</option>'
        '<option value="score">lowest score first</option><option value="path">transcript</option></select></label>'
        '<button type="button" id="f-clear">clear filters</button> <span id="f-count"></span></form>'
    )


def _shown(evidence: str, answer: str | None) -> bool:
    """The evidence is highlighted in the answer shown above, so the checks list need not repeat it."""
    return answer is not None and len(evidence.strip()) >= MIN_EVIDENCE_CHARS and evidence.strip() in answer


def _attempt_block(title: str, part: PartScore, source: str, label: str | None, attempt: str) -> str:
    evidence = [c.evidence for c in part.checks if c.evidence]
    shapes = tuple(sorted({shape for c in part.checks for f in c.formulas for shape in f.shapes}))
    answer = (
        f'<div class="answer">{render_answer(part.answer, evidence, shapes)}</div>'
        if part.answer
        else '<p class="muted">No answer text (none found, or the report predates answer text).</p>'
    )
    checks = "".join(
        f'<li class="c-{_e(c.status)}"><b>{_e(c.name)}</b> {_e(c.status)} {num(c.points)}/{num(c.max_points)}'
        + (f" — {_e(c.message)}" if c.message else "")
        + (
            f'<br><q class="evidence">{_e(c.evidence)}</q>'
            if c.evidence and not _shown(c.evidence, part.answer)
            else ""
        )
        + formulas_html(c.formulas)
        + "</li>"
        for c in part.checks
    )
    human = f'<p>Human label: <b class="v-{_e(label)}">{_e(label)}</b></p>' if label else ""
    note = judge_note(part)
    human += f'<p class="judge">{_e(note)}</p>' if note else ""
    return (
        # The review controls are added by the script (they need it): the markup stays small.
        f'<div class="attempt" data-source="{_e(source)}" data-part="{_e(part.id)}" data-attempt="{attempt}" '
        f'data-grader="{_e(part.verdict)}"><h4>{title}: {num(part.score)}/{num(part.max_score)} '
        f'<span class="v-{_e(part.verdict)}">{_e(part.verdict)}</span></h4>'
        f'{human}{answer}<ul class="checks">{checks}</ul></div>'
    )


DRILLS_PER_CHUNK = 128
"""Drill-downs per gzip chunk: opening a row unpacks its chunk only (about 80 KB), not the page's."""
STATIC_DRILLS_UP_TO_PARTS = 1500
"""Up to this many graded parts, the scripts-off list holds every drill-down too; above, a
class-sized page would pass 10 MB (the answers alone are 1 to 3 KB each), so it lists the rows."""


def _flag_text(part: PartScore) -> str:
    from ..text.injection import FLAG_PREFIX

    return f'{FLAG_PREFIX} ("{part.flag}")' if flagged(part) else ""


class ReviewList:
    """The list of graded parts, kept twice. The script builds rows from compact data, a page of
    rows at a time as the reader scrolls, and a row's drill-down when it is opened (gzip chunks):
    a class-sized page then builds about 2,400 elements instead of 55,000 (see
    benchmarks/html_report.py). Readers with scripts off get the same list as plain HTML in
    `<noscript>`, which a browser with scripts on keeps as one inert text node (no elements, no
    layout)."""

    def __init__(self, static_drills: bool) -> None:
        self.static_drills = static_drills
        self.transcripts: list[tuple[str, str]] = []
        self.rows: list[list[object]] = []
        self.errors: list[str] = []
        self._chunks: list[str] = []
        self._drills: list[str] = []

    def add(self, t: TranscriptResult) -> str:
        """Keep the transcript's rows and drill-downs for the script; return them as static HTML."""
        if t.errors:
            title = f"{t.path}" + (f" — {t.model}" if t.model else "")
            self.errors.append(f'<p class="error">{_e(title)}. Unreadable: {_e("; ".join(t.errors))}</p>')
            return ""
        pairs = label_pairs(t) if t.human_labels else []
        model = t.model or "(unknown model)"
        self.transcripts.append((t.path, model))
        out = []
        for final in t.finals:
            first = distinct_first(t, final.id)
            label = t.human_labels.get(final.id)
            disagrees = any(not p.agrees and p.scored for p in pairs if p.part_id == final.id)
            changed = first is not None and (first.score != final.score or first.verdict != final.verdict)
            unscored = final.verdict == "unscored" or not final.complete
            human = label.final if label is not None and label.final else ""
            attempts = (
                _attempt_block("First attempt", first, t.path, label.first if label else None, "first")
                + _attempt_block("Final attempt", final, t.path, label.final if label else None, "final")
                if first is not None
                else _attempt_block("Answer (first = final)", final, t.path, label.final if label else None, "final")
            )
            self._add_drill(attempts)
            first_verdict = first.verdict if changed and first is not None else ""
            fraction = final.score / final.max_score if final.max_score else 0.0
            flags = disagrees | changed << 1 | unscored << 2 | flagged(final) << 3
            self.rows.append(
                [
                    len(self.transcripts) - 1,
                    final.id,
                    final.verdict,
                    num(final.score),
                    num(final.max_score),
                    round(fraction * 10000),
                    first_verdict,
                    human,
                    _flag_text(final),
                    flags,
                    int(first is not None),
                ]
            )
            summary = (
                f'<span class="path">{_e(t.path)}</span> · {_e(model)} · <b>{_e(final.id)}</b> · '
                f"{num(final.score)}/{num(final.max_score)} "
                f'<span class="v-{_e(final.verdict)}">{_e(final.verdict)}</span>'
                + (f" (first: {_e(first_verdict)})" if first_verdict else "")
                + (f" · human <b>{_e(human)}</b>" if human else "")
                + (f' · <span class="flag">{_e(_flag_text(final))}</span>' if flagged(final) else "")
            )
            if self.static_drills:
                classes = f"attempts{' two' if first is not None else ''}"
                out.append(
                    f'<details class="row"><summary>{summary}</summary>'
                    f'<div class="{classes}">{attempts}</div></details>'
                )
            else:
                out.append(f'<p class="row">{summary}</p>')
        return "".join(out)

    def _add_drill(self, html: str) -> None:
        self._drills.append(html)
        if len(self._drills) == DRILLS_PER_CHUNK:
            self._pack()

    def _pack(self) -> None:
        if self._drills:
            raw = json.dumps(self._drills, ensure_ascii=False).encode("utf-8", "surrogatepass")
            self._chunks.append(base64.b64encode(gzip.compress(raw, 6, mtime=0)).decode("ascii"))
            self._drills = []

    def data_block(self) -> str:
        """The rows and packed drill-downs as one JSON data block (a data type: never run).
        `<`, `>` and `&` are written as JSON escapes, so no text in it can end the block."""
        self._pack()
        data = {"transcripts": self.transcripts, "rows": self.rows, "chunk": DRILLS_PER_CHUNK, "drills": self._chunks}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f'<script type="application/json" id="review-data">{text}</script>'


DECISIONS_PANEL = (
    '<section id="decisions"><h2>Review decisions</h2>'
    "<p>Agree with a verdict or override it in any drill-down, then download the decisions as a labels "
    "file. Save it in the folder you ran <code>hw7grade grade</code> from (keys are the transcript paths "
    "as graded) and pass it to <code>hw7grade agree --labels FILE.yaml</code> or <code>grade --labels</code>.</p>"
    '<p><button type="button" id="download-labels">download labels YAML</button> <span id="decision-count">0 '
    "decisions</span></p>"
    '<textarea id="labels-yaml" readonly rows="6" cols="80" aria-label="labels YAML"></textarea></section>'
)

SCRIPT = r"""
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var data = JSON.parse($("review-data").textContent);
  /* A row: [transcript, part, verdict, score, points, score per 10,000, first verdict if it changed,
     human label, flag note, flag bits (FLAGS), 1 if first and final differ]; a transcript: [path, model]. */
  var rows = data.rows, files = data.transcripts, list = $("rows"), more = $("more"), PAGE = 200;
  var FLAGS = { disagree: 1, changed: 2, unscored: 4, flagged: 8 };
  var all = rows.map(function (_, i) { return i; }), order = all, matches = all, shown = 0, els = [];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  var chunks = [];
  function chunk(c) {  /* one gzip chunk of drill-downs, unpacked once */
    if (!chunks[c]) {
      var b64 = data.drills[c], bytes;
      if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(b64);
      else {
        var s = atob(b64);
        bytes = new Uint8Array(s.length);
        for (var k = 0; k < s.length; k++) bytes[k] = s.charCodeAt(k);
      }
      chunks[c] = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
    }
    return chunks[c];
  }
  function drill(i) { return chunk(Math.floor(i / data.chunk)).then(function (d) { return d[i % data.chunk]; }); }

  function row(i) {  /* built on first show and kept: open state and review controls survive filtering */
    if (els[i]) return els[i];
    var r = rows[i], f = files[r[0]], d = el("details", "row"), s = el("summary");
    var box = el("div", r[10] ? "attempts two" : "attempts");
    d.dataset.model = f[1]; d.dataset.part = r[1]; d.dataset.verdict = r[2];
    Object.keys(FLAGS).forEach(function (k) { d.dataset[k] = r[9] & FLAGS[k] ? "1" : "0"; });
    s.append(el("span", "path", f[0]), " \u00b7 " + f[1] + " \u00b7 ", el("b", "", r[1]),
      " \u00b7 " + r[3] + "/" + r[4] + " ", el("span", "v-" + r[2], r[2]));
    if (r[6]) s.append(" (first: " + r[6] + ")");
    if (r[7]) s.append(" \u00b7 human ", el("b", "", r[7]));
    if (r[8]) s.append(" \u00b7 ", el("span", "flag", r[8]));
    box.append(el("p", "muted", "unpacking the answer\u2026"));
    d.append(s, box);
    d.addEventListener("toggle", function () {
      if (!d.open || d.dataset.ready) return;
      d.dataset.ready = "1";
      drill(i).then(function (html) {
        box.innerHTML = html;  /* rendered and escaped by hw7grade, never raw answer HTML */
        Array.prototype.forEach.call(box.querySelectorAll(".attempt"), controls);
      });
    });
    return (els[i] = d);
  }
  var watch = window.IntersectionObserver && new IntersectionObserver(function (seen) {
    if (seen[0].isIntersecting) showMore();
  }, { rootMargin: "600px" });
  function showMore() {  /* the next page of matching rows; more follow as the reader scrolls */
    var end = Math.min(matches.length, shown + PAGE), page = document.createDocumentFragment();
    for (; shown < end; shown++) page.appendChild(row(matches[shown]));
    list.appendChild(page);
    more.hidden = shown >= matches.length;
    more.textContent = "show more (" + (matches.length - shown) + " left)";
    if (watch && !more.hidden) { watch.unobserve(more); watch.observe(more); }
  }

  var words = [], answers = [], reading = null;
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'", "&amp;": "&" };
  function plain(html) {
    return html.replace(/<\/(p|li|h\d|div|pre|dd|dt)>/g, " ").replace(/<[^>]*>/g, "")
      .replace(/&(lt|gt|quot|#x27|amp);/g, function (e) { return ENTITIES[e]; }).toLowerCase();
  }
  function haystack(i) {
    if (words[i] === undefined) {
      var r = rows[i], f = files[r[0]];
      words[i] = [f[0], f[1], r[1], r[3] + "/" + r[4], r[2], r[6], r[7], r[8]].join(" ").toLowerCase();
    }
    return answers[i] === undefined ? words[i] : words[i] + " " + answers[i];
  }
  function readAnswers() {  /* every drill-down's text, unpacked on the first search rather than on load */
    if (!reading) reading = Promise.all(data.drills.map(function (_, c) { return chunk(c); })).then(function (got) {
      got.forEach(function (d, c) { d.forEach(function (html, k) { answers[c * data.chunk + k] = plain(html); }); });
      apply();
    });
  }
  function apply() {
    var m = $("f-model").value, p = $("f-part").value, v = $("f-verdict").value;
    var q = $("f-text").value.trim().toLowerCase(), mask = 0;
    Object.keys(FLAGS).forEach(function (k) { if ($("f-" + k).checked) mask |= FLAGS[k]; });
    if (q) readAnswers();
    matches = order.filter(function (i) {
      var r = rows[i];
      return (!m || files[r[0]][1] === m) && (!p || r[1] === p) && (!v || r[2] === v) &&
        (r[9] & mask) === mask && (!q || haystack(i).indexOf(q) >= 0);
    });
    list.replaceChildren();
    shown = 0;
    showMore();
    $("f-count").textContent = matches.length + " of " + rows.length + " parts shown" +
      (q && answers.length < rows.length ? " (searching the answers\u2026)" : "");
  }
  function sort() {
    var key = $("f-sort").value, path = function (i) { return files[rows[i][0]][0]; };
    order = all.slice();
    if (key === "score") order.sort(function (a, b) { return rows[a][5] - rows[b][5]; });
    if (key === "path") order.sort(function (a, b) { return path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0; });
    apply();
  }
  ["f-model", "f-part", "f-verdict", "f-disagree", "f-changed", "f-unscored", "f-flagged"].forEach(function (id) {
    $(id).addEventListener("change", apply);
  });
  $("f-text").addEventListener("input", apply);
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("f-sort").addEventListener("change", sort);
  $("f-clear").addEventListener("click", function () { $("filters").reset(); sort(); });
  more.addEventListener("click", showMore);
  Array.prototype.forEach.call(document.querySelectorAll("#heatmap td.cell[data-model]"), function (cell) {
    function pick() {
      $("filters").reset();
      $("f-model").value = cell.dataset.model;
      $("f-part").value = cell.dataset.part;
      sort();
      $("transcripts").scrollIntoView();
    }
    cell.addEventListener("click", pick);
    cell.addEventListener("keydown", function (e) { if (e.key === "Enter") pick(); });
  });

  var decisions = new Map();
  function yaml() {
    var bySource = new Map();
    decisions.forEach(function (d) {
      if (!bySource.has(d.source)) bySource.set(d.source, new Map());
      var parts = bySource.get(d.source);
      if (!parts.has(d.part)) parts.set(d.part, {});
      parts.get(d.part)[d.attempt] = d;
    });
    var out = ["# hw7grade review decisions: hw7grade agree --labels THIS_FILE.yaml"];
    bySource.forEach(function (parts, source) {
      out.push(JSON.stringify(source) + ":");
      parts.forEach(function (at, part) {
        var first = at.first, final = at.final, value;
        if (final && !first && !final.two) value = final.label;
        else value = "{" + [first ? "first: " + first.label : "", final ? "final: " + final.label : ""]
          .filter(Boolean).join(", ") + "}";
        var notes = [first, final].filter(function (d) { return d && d.note; })
          .map(function (d) { return d.note.replace(/[\r\n]+/g, " "); }).join(" / ");
        out.push("  " + part + ": " + value + (notes ? "  # " + notes : ""));
      });
    });
    return out.join("\n") + "\n";
  }
  function refresh() {
    $("labels-yaml").value = yaml();
    $("decision-count").textContent = decisions.size + " decision" + (decisions.size === 1 ? "" : "s");
  }
  var labels = ["correct", "partial", "incorrect", "missing"];
  function controls(box) {
    var key = box.dataset.source + "\u0000" + box.dataset.part + "\u0000" + box.dataset.attempt;
    var two = !!box.closest(".attempts.two");
    var div = document.createElement("div"), agree = document.createElement("button");
    var select = document.createElement("select"), note = document.createElement("input");
    var said = document.createElement("span");
    div.className = "review";
    agree.type = "button"; agree.className = "agree"; agree.textContent = "agree";
    agree.disabled = box.dataset.grader === "unscored";
    select.className = "override";
    ["override\u2026"].concat(labels).forEach(function (l, i) {
      var o = document.createElement("option"); o.value = i ? l : ""; o.textContent = l; select.appendChild(o);
    });
    note.className = "note"; note.type = "text"; note.maxLength = 200; note.placeholder = "note";
    said.className = "decision";
    div.append("Review: ", agree, " ", select, " ", note, " ", said);
    box.appendChild(div);
    function set(label, how) {
      decisions.set(key, { source: box.dataset.source, part: box.dataset.part, attempt: box.dataset.attempt,
        label: label, two: two, note: note.value });
      said.textContent = how + ": " + label;
      refresh();
    }
    agree.addEventListener("click", function () { set(box.dataset.grader, "agreed"); });
    select.addEventListener("change", function () { if (select.value) set(select.value, "overridden"); });
    note.addEventListener("input", function () {
      if (decisions.has(key)) { decisions.get(key).note = note.value; refresh(); }
    });
  }
  $("download-labels").addEventListener("click", function () {
    var a = document.createElement("a");
    a.href = "data:text/yaml;charset=utf-8," + encodeURIComponent(yaml());
    a.download = "labels.yaml";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  document.body.classList.add("js");
  refresh();
  apply();
})();
"""  # noqa: E501  # JavaScript written into the report as it is (a raw string: no line continuation)

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
"""The page's CSP allows this script and no other."""

CSS = """
#heatmap { width: auto; }
#heatmap td.cell { text-align: center; cursor: pointer; min-width: 5rem; }
#heatmap td.cell:hover, #heatmap td.cell:focus { outline: 2px solid #263238; }
.hint, .muted { color: #616161; font-size: .9rem; }
form.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin: .5rem 0 1rem;
  position: sticky; top: 0; background: #fff; padding: .4rem 0; z-index: 1; }
body:not(.js) form.filters, body:not(.js) #decisions { display: none; }
.row { border-bottom: 1px solid #eceff1; padding: .2rem 0; margin: 0; }
details.row { content-visibility: auto; contain-intrinsic-size: auto 1.6rem; }
details.row > summary { cursor: pointer; }
.row .path { font-family: ui-monospace, monospace; font-size: .9rem; }
.attempts { display: grid; grid-template-columns: 1fr; gap: 1rem; margin: .5rem 0 1rem 1rem; }
.attempts.two { grid-template-columns: 1fr 1fr; }
.attempt { border: 1px solid #cfd8dc; border-radius: 6px; padding: .5rem .8rem; min-width: 0; }
.answer { background: #fafafa; border-left: 3px solid #b0bec5; padding: .2rem .8rem; overflow-wrap: anywhere; }
.answer pre, pre.latex { white-space: pre-wrap; font-family: ui-monospace, monospace; background: #eceff1; \
padding: .3rem; }
code.latex { font-family: ui-monospace, monospace; background: #eceff1; }
mark { background: #fff176; }
ul.checks { font-size: .9rem; padding-left: 1.1rem; }
ul.checks .c-failed b { color: #c62828; } ul.checks .c-passed b { color: #2e7d32; }
.review { font-size: .9rem; margin-top: .4rem; }
.decision { font-weight: 600; color: #1565c0; }
#labels-yaml { width: 100%; font-family: ui-monospace, monospace; }
"""

__all__ = [
    "CSS",
    "DECISIONS_PANEL",
    "ReviewList",
    "SCRIPT",
    "SCRIPT_HASH",
    "filters",
    "flagged",
    "heatmap",
]
