"""The GitHub Pages workflow: actionlint finds nothing wrong in it (and does find a
planted mistake); it keeps to least privilege and one deployment at a time; the deploy
path is check, build, smoke test; and the whole suite runs, and holds the deploy back,
only when a push changed more than questions.yaml (its change detection run for real)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by requirements-test.txt


def actionlint(project):
    return subprocess.run(
        [str(ACTIONLINT), "-oneline", "-no-color", ".github/workflows/pages.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
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


def test_on_push_to_main_pull_requests_and_by_hand():
    assert workflow()["on"] == {"push": {"branches": ["main"]}, "pull_request": "", "workflow_dispatch": ""}


def test_least_privilege_and_one_deployment_at_a_time():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"]["cancel-in-progress"] == "false"
    assert flow["concurrency"]["group"].endswith("|| 'pages' }}")  # every push and dispatch: one group
    jobs = flow["jobs"]
    # The rest only read: the site job reads Pages' settings too, for the site's address.
    assert {name: job["permissions"] for name, job in jobs.items() if "permissions" in job} == {
        "site": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def steps(job):
    return [step.get("run", step.get("uses")) for step in workflow()["jobs"][job]["steps"]]


def test_the_deploy_path_checks_builds_and_smoke_tests_before_uploading():
    site = workflow()["jobs"]["site"]
    runs = [run.split(" BASE_URL=")[0] for run in steps("site")]
    assert runs.index("make check") < runs.index("make build") < runs.index("make smoke")
    assert runs[-1].startswith("actions/upload-pages-artifact@")
    assert site["env"] == {"CI": "true"}  # a missing browser fails the smoke test, never skips it
    # Fast: GitHub's image has Python, Node and /usr/bin/chromium, so no container and no apt.
    assert site["runs-on"] == "ubuntu-latest" and "container" not in site
    assert "needs" not in site


def test_the_whole_suite_runs_on_debian_when_more_than_questions_yaml_changed():
    suite = workflow()["jobs"]["suite"]
    assert suite["needs"] == "changes"
    assert suite["if"] == "needs.changes.outputs.code == 'true'"
    assert (
        suite["container"] == "debian:12"
    )  # where `make test` installs Debian's chromium, as on the project's machines
    assert next(s for s in suite["steps"] if s.get("run") == "make test")["env"] == {"CI": "true"}


def test_deploy_waits_for_the_suite_only_when_it_ran():
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == ["site", "suite"]
    condition = " ".join(deploy["if"].split())
    assert condition == (
        "always() && github.event_name != 'pull_request' && needs.site.result == 'success' "
        "&& (needs.suite.result == 'success' || needs.suite.result == 'skipped')"
    )


def test_official_actions_at_current_major_versions():
    jobs = workflow()["jobs"]
    uses = {re.match(r"(.*)@v(\d+)$", s["uses"]).groups() for job in jobs.values() for s in job["steps"] if "uses" in s}
    majors = {name: int(major) for name, major in uses}
    assert majors["actions/checkout"] >= 4
    assert majors["actions/setup-python"] >= 5
    assert majors["actions/upload-pages-artifact"] >= 3
    assert majors["actions/configure-pages"] >= 5
    assert majors["actions/deploy-pages"] >= 4


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def pushed(tmp_path):
    """A repository with one commit, and a function that commits changes to it and runs the
    workflow's change detection as a push of them would: its `code` output."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "T")
    git(repo, "remote", "add", "origin", str(repo))
    (repo / "questions.yaml").write_text("a: 1\n")
    (repo / "build.py").write_text("print()\n")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "start")
    script = next(s for s in workflow()["jobs"]["changes"]["steps"] if s.get("id") == "diff")["run"]

    def push(changes, event="push", before=None):
        before = before or git(repo, "rev-parse", "HEAD")
        for name, text in changes.items():
            (repo / name).parent.mkdir(exist_ok=True)
            (repo / name).write_text(text)
        git(repo, "add", ".")
        git(repo, "commit", "--quiet", "-m", "change")
        output = tmp_path / "output"
        output.write_text("")
        env = {
            "PATH": os.environ["PATH"],
            "EVENT": event,
            "BEFORE": before,
            "GITHUB_OUTPUT": str(output),
            "HOME": str(tmp_path),
        }
        subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, check=True, capture_output=True)
        return output.read_text()

    return push


def test_a_push_of_questions_yaml_alone_skips_the_suite(pushed):
    assert pushed({"questions.yaml": "a: 2\n"}) == "code=false\n"


def test_a_push_of_translations_alone_skips_the_suite_too(pushed):
    assert pushed({"translations/fr.yaml": "a: 1\n"}) == "code=false\n"
    assert pushed({"questions.yaml": "a: 7\n", "translations/pt-BR.yaml": "a: 1\n"}) == "code=false\n"
    assert pushed({"translations/fr.yaml": "a: 2\n", "translations/fr.py": "print()\n"}) == "code=true\n"


def test_a_push_that_changes_code_runs_the_suite(pushed):
    assert pushed({"build.py": "print(1)\n"}) == "code=true\n"
    assert pushed({"questions.yaml": "a: 3\n", "build.py": "print(2)\n"}) == "code=true\n"


def test_a_new_branch_a_pull_request_or_a_run_by_hand_runs_the_suite(pushed):
    assert pushed({"questions.yaml": "a: 4\n"}, before="0" * 40) == "code=true\n"
    assert pushed({"questions.yaml": "a: 5\n"}, event="pull_request") == "code=true\n"
    assert pushed({"questions.yaml": "a: 6\n"}, event="workflow_dispatch") == "code=true\n"


def test_make_build_writes_the_folder_the_workflow_uploads():
    upload = workflow()["jobs"]["site"]["steps"][-1]
    assert upload["with"]["path"] == "_site"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build: .*\n\t(.*)$", makefile, re.MULTILINE).group(1)
    assert recipe.startswith("$(PY) build.py") and "--out" not in recipe  # default --out _site


def test_the_build_gets_the_sites_address_from_configure_pages():
    """Link previews need absolute URLs: the address Pages will publish at, when it is https."""
    site = workflow()["jobs"]["site"]
    pages = next(step for step in site["steps"] if step.get("id") == "pages")
    assert pages["uses"].startswith("actions/configure-pages@")
    build = next(step for step in site["steps"] if step.get("run", "").startswith("make build"))
    assert "steps.pages.outputs.base_url" in build["run"]
    assert site["permissions"] == {"contents": "read", "pages": "read"}


def test_make_smoke_runs_the_content_tests_on_questions_yaml_alone():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^smoke: .*\n\t\$\(PY\) -m pytest tests/content --content questions\.yaml$", makefile, re.MULTILINE
    )
