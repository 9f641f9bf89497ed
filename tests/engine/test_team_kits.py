"""The survey kits (sitebuild/kits.py) on the fixture content: built, linked, served by
the preview, safe against a hostile statement; the vendored readers are the pinned files.
(tests/content/test_content_kits.py validates each kit as its tool reads it, for any
questions.yaml.)"""

import hashlib
import json
import re
import shutil
import subprocess

import serve
from expected import content
from sitebuild.kits import KITS, kit_files
from support import FIXTURE, ROOT


def test_every_kit_is_built_and_linked(site):
    page = (site / "team.html").read_text(encoding="utf-8")
    for kit in KITS:
        assert (site / "kits" / kit.file).stat().st_size > 0
        assert f"href=kits/{kit.file}" in page or f'href="kits/{kit.file}"' in page


def test_a_statement_that_could_end_the_script_stays_a_string(tmp_path):
    data = content(FIXTURE)
    data["statements"][0]["text"] = 'Ends "early"; }); alert(1); // \u2028 </script>'
    script = kit_files(data)["kits/google-forms.gs"].decode("utf-8")
    (tmp_path / "kit.js").write_text(script + "\nconsole.log(JSON.stringify(KIT.grids));", encoding="utf-8")
    run = subprocess.run([shutil.which("node"), str(tmp_path / "kit.js")], capture_output=True, text=True, check=True)
    assert " ".join(data["statements"][0]["text"].split()) in json.loads(run.stdout)[0]["rows"] + [
        row for grid in json.loads(run.stdout) for row in grid["rows"]
    ]


def test_the_preview_serves_the_kits():
    preview = serve.Preview(FIXTURE)
    preview.rebuild()
    for kit in KITS:
        status, body = preview.page(f"kits/{kit.file}")
        assert status == 200 and isinstance(body, bytes) and body


def test_vendored_libraries_are_the_pinned_files():
    readme = (ROOT / "static" / "vendor" / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| (\S+\.js) \| (\S+) \| (\S+) \| .*? \| ([0-9a-f]{64}) \|$", readme, re.M)
    assert {name for name, *_ in listed} == {p.name for p in (ROOT / "static" / "vendor").glob("*.js")}
    for name, package, _version, digest in listed:
        assert hashlib.sha256((ROOT / "static" / "vendor" / name).read_bytes()).hexdigest() == digest, name
        assert (ROOT / "static" / "vendor" / package / "LICENSE").is_file()
