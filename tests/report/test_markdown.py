from hw7grade.conversation import HumanLabel
from hw7grade.report.baseline import compare_with_baseline
from hw7grade.report.markdown import render_markdown

from .factory import part, report, transcript


def _rows(md: str, header_start: str) -> list[list[str]]:
    lines = md.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith(header_start))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split(" | ")])
    return rows


def test_summary_tables():
    r = report(
        transcript("t/a|b.md", "gpt-4o", part("q7a", 4, 4), part("q7b", 1)),
        transcript("t/c.md", "claude", part("q7a", 0, 4, verdict="missing")),
        transcript("t/bad.json", None, errors=("bad JSON",)),
    )
    md = render_markdown(r)
    assert md.startswith("## hw7grade: 5 / 11 (45%)\n")
    rows = _rows(md, "| Transcript |")
    assert rows[0] == ["`t/a\\|b.md`", "gpt-4o", "5/7", "1", "1", "0", "0", "0"]
    assert rows[1] == ["`t/c.md`", "claude", "0/4", "0", "0", "0", "1", "0"]
    assert rows[2][2] == "unreadable"
    assert _rows(md, "| Part |") == [["q7a", "100%", "0%"], ["q7b", "33%", "–"]]
    assert "### Unreadable inputs" in md and "- `t/bad.json`: bad JSON" in md
    assert "Against the baseline" not in md and "human labels" not in md


def test_baseline_and_agreement_sections():
    old = report(transcript("a.md", "m", part("q7a", 4, 4), part("q7b", 0)))
    new = report(
        transcript(
            "a.md",
            "m",
            part("q7a", 2, 4, reason="only one reason given"),
            part("q7b", 3),
            labels={"q7a": HumanLabel(final="correct")},
        )
    )
    md = render_markdown(new, compare_with_baseline(new, old))
    assert "**1 regressed**, 1 improved, 0 unchanged." in md
    changed = _rows(md, "| Transcript | Part | Baseline |")
    assert changed[0][:4] == ["🔻 `a.md`", "q7a", "4/4", "2/4"] and changed[1][:2] == ["🔺 `a.md`", "q7b"]
    assert "1 labelled answers: 0% agreement" in md
    assert _rows(md, "| Transcript | Part | Attempt |") == [["`a.md`", "q7a", "final", "partial", "correct"]]


HOSTILE = (
    "see ![x](https://evil.example/a.png) @octocat @org/team <details open><img src=x> [l](http://e.x) www.evil.com a|b"
)


def test_untrusted_cells_render_as_text_with_no_html_link_image_mention_or_column():
    from markdown_it import MarkdownIt

    r = report(
        transcript("t/x.md", HOSTILE, part("q7a", 2, 4, reason=HOSTILE)),
        transcript("t/bad.json", None, errors=(HOSTILE,)),
    )
    md = render_markdown(r)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    for forbidden in ("<img", "<a ", "<details open", "http://e.x", "https://evil", "www.evil"):
        assert forbidden not in html, forbidden
    assert "@octocat" not in md and "@org/team" not in md
    assert "see !\\[x\\](https:\u200b//evil.example/a.png) @\u200boctocat @\u200borg/team &lt;details open&gt;" in md
    rows = _rows(md, "| Transcript |")
    assert len(rows[0]) == 8  # the pipe in the model name did not add a column
    # What a reader sees is still the text as written.
    assert "&lt;details open&gt;&lt;img src=x&gt;" in html


def test_pipes_in_model_names_and_reasons_stay_inside_their_cells():
    old = report(transcript("a.md", "gpt|4o", part("q7a", 4, 4)))
    new = report(transcript("a.md", "gpt|4o", part("q7a", 0, 4, reason="said W | X, expected W X")))
    md = render_markdown(new, compare_with_baseline(new, old))
    assert _rows(md, "| Transcript |")[0][:3] == ["`a.md`", "gpt\\|4o", "0/4"]
    assert "| Part | gpt\\|4o |" in md
    assert _rows(md, "| Transcript | Part | Baseline |") == [
        ["🔻 `a.md`", "q7a", "4/4", "0/4", "said W \\| X, expected W X"]
    ]
