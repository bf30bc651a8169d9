import xml.etree.ElementTree as ET

from hw7grade.report.junit import render_junit, write_junit

from .factory import part, report, transcript


def _sample():
    return report(
        transcript(
            "runs/gpt.md",
            "gpt-4o",
            part("q7b", 0, attempt="first", reason="decoder inputs wrong"),
            part("q7b", 3),
            part("q7c", 1, reason='w3 should be saw <not see> & "quoted"', evidence="<sos>, I, see\x00, a, dog"),
        ),
        transcript("runs/broken.json", None, errors=("runs/broken.json: not valid JSON at line 3.",)),
    )


def test_parses_back_with_suites_cases_and_failures():
    root = ET.fromstring(render_junit(_sample()))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["runs/gpt.md", "runs/broken.json"]
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == ["q7b", "q7c"]
    assert all(c.get("classname") == "gpt-4o" for c in cases)
    assert cases[0].find("failure") is None
    assert "first attempt: incorrect, 0/3" in cases[0].find("system-out").text
    failure = cases[1].find("failure")
    assert failure.get("message") == 'w3 should be saw <not see> & "quoted"'
    assert failure.get("type") == "partial"
    assert "partial: 1/3" in failure.text and "<sos>, I, see\ufffd, a, dog" in failure.text
    error = suites[1].find("testcase/error")
    assert error.get("message") == "runs/broken.json: not valid JSON at line 3."
    props = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert props == {"model": "gpt-4o", "score": "4/6"}


def test_write_junit_creates_file(tmp_path):
    target = tmp_path / "out" / "junit.xml"
    write_junit(_sample(), target)
    assert ET.parse(target).getroot().get("tests") == "3"
