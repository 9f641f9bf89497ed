"""The GitHub Pages workflow: actionlint finds nothing wrong in it (and does find a
planted mistake), and it keeps to least privilege and one deployment at a time."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by requirements-test.txt


def actionlint(project):
    return subprocess.run(
        [str(ACTIONLINT), "-oneline", "-no-color", ".github/workflows/pages.yml"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )


def workflow():
    # BaseLoader keeps every scalar as text, so the key `on` stays "on" (YAML 1.1 makes it true).
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_actionlint_passes():
    result = actionlint(ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_finds_a_planted_mistake(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    text = text.replace("pages: write", "pages: wirte").replace("steps.deployment.outputs", "steps.deploy.outputs")
    (tmp_path / ".github" / "workflows" / "pages.yml").write_text(text, encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1
    assert '"wirte" is invalid as permission of scope "pages"' in result.stdout
    assert 'property "deploy" is not defined' in result.stdout


def test_on_push_to_main_and_by_hand():
    assert workflow()["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": ""}


def test_least_privilege_and_one_deployment_at_a_time():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build  # only reads the repository
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"


def test_the_tests_run_before_the_build_is_uploaded_with_the_official_actions():
    build, deploy = workflow()["jobs"]["build"], workflow()["jobs"]["deploy"]
    runs = [step.get("run", step.get("uses")) for step in build["steps"]]
    assert runs.index("make check") < runs.index("make test") < runs.index("make build")
    assert runs[-1].startswith("actions/upload-pages-artifact@")
    assert next(s for s in build["steps"] if s.get("run") == "make test")["env"] == {"CI": "true"}
    uses = {re.match(r"(.*)@v(\d+)$", s["uses"]).groups() for s in build["steps"] + deploy["steps"] if "uses" in s}
    majors = {name: int(major) for name, major in uses}
    assert majors["actions/upload-pages-artifact"] >= 3
    assert majors["actions/configure-pages"] >= 5
    assert majors["actions/deploy-pages"] >= 4
    assert build["container"] == "debian:12"  # where `make test` installs Debian's chromium, as on the project's machines


def test_make_build_writes_the_folder_the_workflow_uploads():
    upload = workflow()["jobs"]["build"]["steps"][-1]
    assert upload["with"]["path"] == "_site"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build: .*\n\t(.*)$", makefile, re.MULTILINE).group(1)
    assert recipe.startswith("$(PY) build.py") and "--out" not in recipe  # default --out _site
