"""`rubrics new` writes a skeleton that loads and self-tests; `rubrics schema` is the models' JSON Schema."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from hw7grade.cli import app
from hw7grade.rubric.model import load_rubric

runner = CliRunner()


def test_new_part_in_a_new_folder_loads_and_passes_its_cases(tmp_path):
    folder = tmp_path / "rubrics"
    result = runner.invoke(app, ["rubrics", "new", "q9a", "--rubrics", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        f"Wrote {folder / 'course.yaml'}",
        f"Wrote {folder / 'q9a.yaml'}",
        f"Wrote {folder / 'cases' / 'q9a.yaml'}",
    ]
    rubric = load_rubric(folder)
    assert [p.id for p in rubric.parts] == ["q9a"] and rubric.course.homework == "Homework"
    assert "# Rubric for q9" in (folder / "q9a.yaml").read_text(encoding="utf-8")
    tested = runner.invoke(app, ["rubrics", "test", "--rubrics", str(folder)])
    assert tested.exit_code == 0 and "2/2 case(s) as expected over 1 part(s)." in tested.output


def test_new_part_beside_existing_rubrics_keeps_their_course_and_never_overwrites(tmp_path):
    runner.invoke(app, ["rubrics", "new", "q9a", "--rubrics", str(tmp_path)])
    (tmp_path / "course.yaml").write_text("homework: HW9\n", encoding="utf-8")
    second = runner.invoke(app, ["rubrics", "new", "q9b", "--rubrics", str(tmp_path)])
    assert second.exit_code == 0 and "course.yaml" not in second.output
    assert (tmp_path / "course.yaml").read_text(encoding="utf-8") == "homework: HW9\n"
    again = runner.invoke(app, ["rubrics", "new", "q9a", "--rubrics", str(tmp_path)])
    assert again.exit_code == 2 and "q9a.yaml already exists" in again.output


def test_new_rejects_a_bad_part_id(tmp_path):
    result = runner.invoke(app, ["rubrics", "new", "Q9-a", "--rubrics", str(tmp_path)])
    assert result.exit_code == 2 and "must look like q9a" in result.output
    assert not list(tmp_path.iterdir())


def test_schema_describes_rubric_files_and_their_checks():
    result = runner.invoke(app, ["rubrics", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "hw7grade rubric file"
    assert schema["required"] == ["question", "title", "parts"]
    assert schema["additionalProperties"] is False
    assert {"ConceptsCheck", "MathEquivCheck", "Part"} <= set(schema["$defs"])
