"""20,000 human labels: a warning for parts the rubric lacks, a capped terminal table, fast; the
report files keep every label."""

from __future__ import annotations

import json
import time

from typer.testing import CliRunner

from hw7grade.cli import app

CHAT = """**User**

Question 7 (b): which five tokens go into the decoder during training?

**Assistant**

w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog.
"""


def test_many_labels_for_unknown_parts_are_warned_about_and_the_terminal_stays_short(tmp_path):
    labels = {"q7b": "correct", **{f"q{100 + i}a": "correct" for i in range(20_000)}}
    chat = tmp_path / "chat.json"
    chat.write_text(
        json.dumps(
            {
                "schema": "hw7grade.transcript/1",
                "model": "m",
                "parts": ["q7b"],
                "human_labels": labels,
                "turns": [
                    {"role": "user", "text": "Question 7(b): which five tokens?"},
                    {"role": "assistant", "text": "w1 = <sos>, w2 = I, w3 = saw, w4 = a, w5 = dog."},
                ],
            }
        ),
        encoding="utf-8",
    )
    start = time.monotonic()
    result = CliRunner().invoke(app, ["grade", str(chat), "--json", str(tmp_path / "r.json")], terminal_width=200)
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert elapsed < 20  # 88 s before
    assert (
        "Warning: 20000 human label(s) in 1 transcript(s) name parts the rubric lacks (q100a, q101a, q102a, q103a, "
        "q104a, q105a, q106a, q107a, q108a, q109a and 19990 more); they are left out of the agreement."
    ) in " ".join(result.stderr.split())
    assert "Agreement: 1 labelled answer(s), 0% agreement" in result.stdout
    assert len(result.stdout.splitlines()) < 60
    [entry] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["transcripts"]
    assert len(entry["human_labels"]) == 20_001  # the file keeps every label


def test_the_agreement_table_is_capped_with_disagreements_first(tmp_path):
    for i in range(60):
        verdict = "correct" if i % 20 else "incorrect"  # the answer is wrong: 57 disagreements... and 3 agreements
        (tmp_path / f"c{i:02d}.md").write_text(f"---\nhuman_labels:\n  q7b: {verdict}\n---\n\n{CHAT}", encoding="utf-8")
    result = CliRunner().invoke(app, ["grade", str(tmp_path), "-j", "1"], terminal_width=200)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "(the first 40 of 60 labelled answers, disagreements first; the report files list all)" in flat
    assert "... and 17 more disagreement(s) in the report files." in flat
