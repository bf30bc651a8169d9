"""The review half of the HTML report: a models x parts heatmap, a filterable list of parts, and a
drill-down per part with the answer, its evidence, the checks, first beside final, the human
label and review controls whose decisions download as a labels file (`--labels FILE.yaml`).

The list is plain `<details>` rows, readable with scripts off; the one inline script (allowed by
its hash in the page's CSP, nothing else may run) filters, sorts and collects decisions.
"""

from __future__ import annotations

import base64
import hashlib
import math
from html import escape
from typing import Iterable

from ..results import PartScore, Report, TranscriptResult
from .agreement import label_pairs
from .explain import distinct_first, judge_note
from .mathml import formulas_html
from .numbers import num
from .safe_markdown import MIN_EVIDENCE_CHARS, render_answer

REVIEW_LABELS = ("correct", "partial", "incorrect", "missing")
Z_95 = 1.96


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def flagged(part: PartScore) -> bool:
    """The answer holds a phrase aimed at the grader (issue 12's injection flag, see `injection`)."""
    return bool(part.flag)


def _flag_note(part: PartScore) -> str:
    """` · flagged: text aimed at the grader ("...")` in a flagged row's summary (issue 12: every
    report shows the flag), else nothing."""
    if not flagged(part):
        return ""
    from ..text.injection import FLAG_PREFIX

    return f' · <span class="flag">{_e(FLAG_PREFIX)} ("{_e(part.flag)}")</span>'


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
        f'<table id="heatmap"><thead><tr><th>model</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></section>'
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
    return bool(answer) and len(evidence.strip()) >= MIN_EVIDENCE_CHARS and evidence.strip() in answer  # type: ignore[operator]


def _attempt_block(title: str, part: PartScore, source: str, label: str | None, attempt: str) -> str:
    evidence = [c.evidence for c in part.checks if c.evidence]
    answer = (
        f'<div class="answer">{render_answer(part.answer, evidence)}</div>'
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


class PackedDrills:
    """Drill-downs of a big report, gzip-compressed into one base64 data block the script unpacks:
    a class-sized page stays under 10 MB (the answers alone are about 1 KB each)."""

    def __init__(self) -> None:
        import zlib

        self._gzip = zlib.compressobj(6, zlib.DEFLATED, 31)
        self._chunks: list[bytes] = [self._gzip.compress(b"[")]
        self.count = 0

    def add(self, html: str) -> int:
        import json

        piece = ("," if self.count else "") + json.dumps(html, ensure_ascii=False)
        self._chunks.append(self._gzip.compress(piece.encode("utf-8", "surrogatepass")))
        self.count += 1
        return self.count - 1

    def data_block(self) -> str:
        """base64 only: no character of an answer can end the block or start markup."""
        self._chunks.append(self._gzip.compress(b"]") + self._gzip.flush())
        return f'<script type="application/gzip+base64" id="drills">{base64.b64encode(b"".join(self._chunks)).decode("ascii")}</script>'


def part_rows(t: TranscriptResult, packed: PackedDrills | None = None) -> str:
    """One `<details>` row per graded part of the transcript (its final attempt, first beside it);
    with `packed`, the drill-downs go there and the row holds a placeholder."""
    pairs = label_pairs(t) if t.human_labels else []
    model = t.model or "(unknown model)"
    out = []
    for final in t.finals:
        first = distinct_first(t, final.id)
        label = t.human_labels.get(final.id)
        disagrees = any(not p.agrees and p.scored for p in pairs if p.part_id == final.id)
        changed = first is not None and (first.score != final.score or first.verdict != final.verdict)
        unscored = final.verdict == "unscored" or not final.complete
        human = f" · human <b>{_e(label.final)}</b>" if label is not None and label.final else ""
        attempts = (
            _attempt_block("First attempt", first, t.path, label.first if label else None, "first")
            + _attempt_block("Final attempt", final, t.path, label.final if label else None, "final")
            if first is not None
            else _attempt_block("Answer (first = final)", final, t.path, label.final if label else None, "final")
        )
        classes = f"attempts{' two' if first is not None else ''}"
        if packed is not None:
            drill = f'<div class="{classes}" data-drill="{packed.add(attempts)}"><p class="muted">The answer and checks show with scripts on.</p></div>'
        else:
            drill = f'<div class="{classes}">{attempts}</div>'
        out.append(
            f'<details class="row" data-model="{_e(model)}" data-part="{_e(final.id)}" data-verdict="{_e(final.verdict)}" '
            f'data-score="{final.score / final.max_score if final.max_score else 0:.4f}" '
            f'data-disagree="{int(disagrees)}" data-changed="{int(changed)}" data-unscored="{int(unscored)}" '
            f'data-flagged="{int(flagged(final))}"><summary><span class="path">{_e(t.path)}</span> · {_e(model)} · '
            f"<b>{_e(final.id)}</b> · {num(final.score)}/{num(final.max_score)} "
            f'<span class="v-{_e(final.verdict)}">{_e(final.verdict)}</span>'
            f"{' (first: ' + _e(first.verdict) + ')' if changed and first is not None else ''}{human}"
            f"{_flag_note(final)}</summary>"
            f"{drill}</details>"
        )
    return "".join(out)


DECISIONS_PANEL = (
    '<section id="decisions"><h2>Review decisions</h2>'
    "<p>Agree with a verdict or override it in any drill-down, then download the decisions as a labels "
    "file. Save it in the folder you ran <code>hw7grade grade</code> from (keys are the transcript paths "
    "as graded) and pass it to <code>hw7grade agree --labels FILE.yaml</code> or <code>grade --labels</code>.</p>"
    '<p><button type="button" id="download-labels">download labels YAML</button> <span id="decision-count">0 decisions</span></p>'
    '<textarea id="labels-yaml" readonly rows="6" cols="80" aria-label="labels YAML"></textarea></section>'
)

SCRIPT = r"""
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("details.row"));
  var list = document.getElementById("rows");
  var $ = function (id) { return document.getElementById(id); };
  var texts = new Map();
  function text(row) {
    if (!texts.has(row)) {
      var box = row.querySelector("[data-drill]");
      texts.set(row, (row.textContent + (box && drills ? drills[+box.dataset.drill] : "")).toLowerCase());
    }
    return texts.get(row);
  }
  function apply() {
    var m = $("f-model").value, p = $("f-part").value, v = $("f-verdict").value;
    var q = $("f-text").value.trim().toLowerCase(), shown = 0;
    var flags = ["disagree", "changed", "unscored", "flagged"].filter(function (k) { return $("f-" + k).checked; });
    rows.forEach(function (r) {
      var ok = (!m || r.dataset.model === m) && (!p || r.dataset.part === p) && (!v || r.dataset.verdict === v) &&
        flags.every(function (k) { return r.dataset[k] === "1"; }) && (!q || text(r).indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    $("f-count").textContent = shown + " of " + rows.length + " parts shown";
  }
  function sort() {
    var key = $("f-sort").value, order = rows.slice();
    if (key === "score") order.sort(function (a, b) { return a.dataset.score - b.dataset.score; });
    var path = function (r) { return r.querySelector(".path").textContent; };
    if (key === "path") order.sort(function (a, b) { return path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : 0; });
    order.forEach(function (r) { list.appendChild(r); });
  }
  ["f-model", "f-part", "f-verdict", "f-disagree", "f-changed", "f-unscored", "f-flagged"].forEach(function (id) {
    $(id).addEventListener("change", apply);
  });
  $("f-text").addEventListener("input", apply);
  $("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("f-sort").addEventListener("change", sort);
  $("f-clear").addEventListener("click", function () { $("filters").reset(); sort(); apply(); });
  Array.prototype.forEach.call(document.querySelectorAll("#heatmap td.cell[data-model]"), function (cell) {
    function pick() {
      $("filters").reset();
      $("f-model").value = cell.dataset.model;
      $("f-part").value = cell.dataset.part;
      apply();
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
    var shown = document.createElement("span");
    div.className = "review";
    agree.type = "button"; agree.className = "agree"; agree.textContent = "agree";
    agree.disabled = box.dataset.grader === "unscored";
    select.className = "override";
    ["override\u2026"].concat(labels).forEach(function (l, i) {
      var o = document.createElement("option"); o.value = i ? l : ""; o.textContent = l; select.appendChild(o);
    });
    note.className = "note"; note.type = "text"; note.maxLength = 200; note.placeholder = "note";
    shown.className = "decision";
    div.append("Review: ", agree, " ", select, " ", note, " ", shown);
    box.appendChild(div);
    function set(label, how) {
      decisions.set(key, { source: box.dataset.source, part: box.dataset.part, attempt: box.dataset.attempt,
        label: label, two: two, note: note.value });
      shown.textContent = how + ": " + label;
      refresh();
    }
    agree.addEventListener("click", function () { set(box.dataset.grader, "agreed"); });
    select.addEventListener("change", function () { if (select.value) set(select.value, "overridden"); });
    note.addEventListener("input", function () {
      if (decisions.has(key)) { decisions.get(key).note = note.value; refresh(); }
    });
  }
  var drills = null, block = $("drills");
  if (block) {
    var bytes = Uint8Array.from(atob(block.textContent), function (c) { return c.charCodeAt(0); });
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      .then(function (json) { drills = JSON.parse(json); texts.clear(); rows.forEach(function (r) { if (r.open) fill(r); }); });
  }
  function fill(row) {
    var box = row.querySelector("[data-drill]");
    if (box) {
      if (!drills) return false;
      box.innerHTML = drills[+box.dataset.drill];  /* rendered and escaped by hw7grade, never raw answer HTML */
      box.removeAttribute("data-drill");
    }
    return true;
  }
  rows.forEach(function (row) {
    row.addEventListener("toggle", function () {
      if (row.open && !row.dataset.ready && fill(row)) {
        row.dataset.ready = "1";
        Array.prototype.forEach.call(row.querySelectorAll(".attempt"), controls);
      }
    });
  });
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
"""

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
details.row { border-bottom: 1px solid #eceff1; padding: .2rem 0; content-visibility: auto;
  contain-intrinsic-size: auto 1.6rem; }
details.row > summary { cursor: pointer; }
details.row .path { font-family: ui-monospace, monospace; font-size: .9rem; }
.attempts { display: grid; grid-template-columns: 1fr; gap: 1rem; margin: .5rem 0 1rem 1rem; }
.attempts.two { grid-template-columns: 1fr 1fr; }
.attempt { border: 1px solid #cfd8dc; border-radius: 6px; padding: .5rem .8rem; min-width: 0; }
.answer { background: #fafafa; border-left: 3px solid #b0bec5; padding: .2rem .8rem; overflow-wrap: anywhere; }
.answer pre, pre.latex { white-space: pre-wrap; font-family: ui-monospace, monospace; background: #eceff1; padding: .3rem; }
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
    "PackedDrills",
    "SCRIPT",
    "SCRIPT_HASH",
    "filters",
    "flagged",
    "heatmap",
    "part_rows",
]
