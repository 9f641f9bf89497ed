"""The roles of the team survey: one executive and one frontline view, ids used once;
each mistake said at its line, with what to do."""

import yaml

import build
from expected import content
from support import FIXTURE


def build_with_roles(tmp_path, capsys, roles):
    data = content(FIXTURE)
    data["roles"] = roles
    source = tmp_path / "questions.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status = build.main(["--source", str(source), "--out", str(tmp_path / "out")])
    lines = source.read_text(encoding="utf-8").split("\n")
    return status, capsys.readouterr().err.splitlines(), lines


def line_of(lines, text, after=0):
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def test_two_executive_views_and_no_frontline_view(tmp_path, capsys):
    status, errors, lines = build_with_roles(
        tmp_path,
        capsys,
        [
            {"id": "ceo", "label": "CEO", "view": "executive"},
            {"id": "board", "label": "Board", "view": "executive"},
            {"id": "sales", "label": "Sales"},
        ],
    )
    assert status == 1
    roles = line_of(lines, "roles:")
    first = line_of(lines, "view: executive")
    second = line_of(lines, "view: executive", first)
    assert errors == [
        f"questions.yaml:{roles + 1}:1: no role has `view: frontline`; add it to the role of the people closest to customers, so the team report can compare the two views",
        f"questions.yaml:{second}:9: only one role can have `view: executive` (the first is on line {first}); remove it here",
        "2 errors, 0 warnings in questions.yaml; nothing was written.",
    ]


def test_a_role_id_used_twice(tmp_path, capsys):
    status, errors, lines = build_with_roles(
        tmp_path,
        capsys,
        [
            {"id": "ceo", "label": "CEO", "view": "executive"},
            {"id": "ceo", "label": "Sales", "view": "frontline"},
        ],
    )
    assert status == 1
    first = line_of(lines, "id: ceo")
    second = line_of(lines, "id: ceo", first)
    assert (
        errors[0]
        == f'questions.yaml:{second}:7: the role id "ceo" is used twice (first on line {first}); give each role an id of its own'
    )
