"""Issue 11: the build, the preview and the compare page under attack.

Each test here failed before its fix. Expectations come from the build's own data
(sitebuild.pipeline.render_site, the schema), never from the wording or counts of questions.yaml.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from killer import KillServer
from reader import answer_by_keyboard
from support import FIXTURE, ROOT, copy_project

import build
from sitebuild.check import ACTIVE_MARKUP
from sitebuild.pipeline import render_site
from sitebuild.render import fill
from sitebuild.write import MANIFEST, previous_build, recover, static_files, write_site

sys.path.insert(0, str(ROOT / "bench"))
import worst

TIME_BOUND = 60  # seconds for any one worst input: generous on a loaded 2-core machine; the hangs took many minutes


def run_build(*args, cwd=ROOT):
    """build.py of the project in `cwd`, run as a user would."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def pages():
    """The pages of the project's content, rendered once."""
    rendered, _, messages = render_site(FIXTURE)
    assert rendered, messages
    return rendered


# --- 1. --out never deletes what the build did not write -------------------------------


def test_a_github_pages_folder_with_nojekyll_is_refused(tmp_path):
    pages = tmp_path / "p"
    (pages / "blog").mkdir(parents=True)
    for name in (".nojekyll", "CNAME", "about.html"):
        (pages / name).write_text(name)
    before = snapshot(pages)
    result = run_build("--out", str(pages))
    assert result.returncode == 2
    assert "that folder holds files that build.py did not write" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr
    assert snapshot(pages) == before


def test_a_previous_build_is_replaced_but_not_once_a_file_is_added_or_changed(tmp_path, pages):
    out = tmp_path / "site"
    write_site(pages, build.STATIC, out, ROOT)
    manifest = (out / MANIFEST).read_text().splitlines()
    assert manifest[0].startswith("# sitebuild manifest 1: build.py wrote these files here")
    listed = sorted(line.split("  ", 1)[1] for line in manifest[1:])
    assert listed == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert previous_build(out)
    write_site(pages, build.STATIC, out, ROOT)  # a build replaces its own output
    (out / "CNAME").write_text("example.org")
    assert not previous_build(out)
    (out / "CNAME").unlink()
    (out / "index.html").write_text("edited by hand")
    assert not previous_build(out)
    result = run_build("--out", str(out))
    assert result.returncode == 2 and (out / "index.html").read_text() == "edited by hand"


# --- 7. Where the output may go, leftovers, kills and concurrent builds ----------------


@pytest.mark.parametrize(
    "out, inside", [("static/site", "static/"), ("templates/x", "templates/"), ("sitebuild/out", "sitebuild/")]
)
def test_an_out_inside_the_projects_folders_is_refused(out, inside):
    result = run_build("--out", out)
    assert result.returncode == 2
    assert f"--out {out}: that folder is inside {inside}" in result.stderr
    assert not (ROOT / out).exists()


def test_stale_staging_folders_are_cleaned_and_a_site_left_aside_is_put_back(tmp_path, pages):
    out = tmp_path / "_site"
    write_site(pages, build.STATIC, out, ROOT)
    before = snapshot(out)
    # What kills leave: a half-written staging folder, and the site moved aside by the
    # fallback swap with nothing at _site yet; a folder that only looks like ours stays.
    (tmp_path / "._site.new-abcd1234").mkdir()
    (tmp_path / "._site.new-abcd1234" / "index.html").write_text("half")
    aside = tmp_path / "._site.old-wxyz9876"
    aside.mkdir()
    os.replace(out, aside / "_site")
    (tmp_path / "._site.new-mine").mkdir()
    recover(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.lock", "._site.new-mine", "_site"]


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_a_kill_at_any_step_leaves_a_whole_site(tmp_path, tmp_path_factory, pages, exchange):
    """SIGKILL before and after every step that makes, moves or removes a folder: _site is then the
    previous site or the new one, whole (with two renames, once the next build has
    started); and the next build leaves nothing behind. Each step's build is forked from
    one process that has imported the build (tests/engine/killer.py)."""
    out = tmp_path / "_site"
    old_pages = {name: html.replace("</body>", "<p>old-build</p></body>") for name, html in pages.items()}
    write_site(old_pages, build.STATIC, out, ROOT)
    (tmp_path / "pages.json").write_text(json.dumps(pages))
    logs = tmp_path_factory.mktemp("killed")  # not beside _site, whose neighbours the test lists
    seen = set()
    with KillServer(ROOT) as server:
        for target in range(1, 200):
            status, stderr = server.build_killed_at(
                target, tmp_path / "pages.json", out, exchange, logs / f"step-{target}.txt"
            )
            if status == 0:
                break
            assert status == -signal.SIGKILL, f"step {target}: exit code {status}\n{stderr}"
            if not exchange:
                recover(out)  # what the next build does first, under its lock
            assert previous_build(out), target
            seen.add("new" if "old-build" not in (out / "index.html").read_text() else "old")
    assert status == 0 and seen == {"old", "new"}
    write_site(pages, build.STATIC, out, ROOT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.lock", "_site", "pages.json"]


def test_concurrent_builds_take_turns(tmp_path, pages):
    out = tmp_path / "_site"
    (tmp_path / "pages.json").write_text(json.dumps(pages))
    code = "import json, sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from sitebuild.write import write_site; write_site(json.loads(Path(sys.argv[2]).read_text()), Path(sys.argv[1]) / 'static', sys.argv[3], sys.argv[1])"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(ROOT), str(tmp_path / "pages.json"), str(out)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    assert previous_build(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["._site.lock", "_site", "pages.json"]


# --- 2. Symbolic links in static/ and templates/ -----------------------------------------


def test_links_out_of_the_project_are_errors_and_never_followed(tmp_path):
    project = tmp_path / "project"
    static = project / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.css").write_text("a{}")
    (project / "docs").mkdir()
    (project / "docs" / "logo.svg").write_text("<svg/>")
    (tmp_path / "secret.txt").write_text("secret")
    os.symlink("/etc/passwd", static / "passwd")
    os.symlink("../../secret.txt", static / "relative.txt")
    os.symlink("../docs/logo.svg", static / "logo.svg")  # inside the project: copied as a file
    os.symlink("missing.txt", static / "broken.txt")
    os.symlink("..", static / "css" / "up")  # a loop
    os.mkfifo(static / "pipe")
    files, problems = static_files(static, project)
    assert sorted(path.as_posix() for path in files) == ["css/site.css", "logo.svg"]
    assert problems == [
        "static/broken.txt: a symbolic link to missing.txt, which does not exist; remove the link or restore its file",
        "static/css/up: a symbolic link to a folder that contains it, which would copy the folder into itself; remove the link",
        "static/passwd: a symbolic link to /etc/passwd, outside the project; the build never publishes what lies outside it, so copy the file in instead",
        "static/pipe: neither a file nor a folder (a pipe, socket or device); remove it",
        "static/relative.txt: a symbolic link to ../../secret.txt, outside the project; the build never publishes what lies outside it, so copy the file in instead",
    ]


@pytest.mark.parametrize("folder", ["static", "templates"])
def test_the_build_stops_at_a_link_out_of_the_project(tmp_path, folder):
    project = copy_project(tmp_path / "project")
    os.symlink("/etc/passwd", project / folder / "passwd.html")
    result = run_build("--out", "out", cwd=project)
    assert result.returncode == 1
    assert f"{folder}/passwd.html: a symbolic link to /etc/passwd, outside the project" in result.stderr
    assert not (project / "out").exists()


# --- 3. Linear checks, bounded fields ----------------------------------------------------


def test_every_text_field_of_the_schema_has_a_bound():
    schema = json.loads((ROOT / "questions.schema.json").read_text())

    def strings(node, path=()):
        if node.get("type") == "string":
            yield path, node
        for name, sub in node.get("properties", {}).items():
            yield from strings(sub, path + (name,))
        if isinstance(node.get("items"), dict):
            yield from strings(node["items"], path + ("[]",))

    unbounded = [path for path, node in strings(schema) if "maxLength" not in node and "enum" not in node]
    assert unbounded == []


def test_a_ui_string_past_its_bound_is_an_error_with_its_line(tmp_path, capsys):
    text = FIXTURE.read_text(encoding="utf-8")
    schema = json.loads((ROOT / "questions.schema.json").read_text())
    key, bound = next(
        (k, v["maxLength"]) for k, v in schema["properties"]["ui"]["properties"].items() if "maxLength" in v
    )
    lines = text.split("\n")
    line = next(i for i, written in enumerate(lines) if written.startswith(f"  {key}:"))
    lines[line] = f"  {key}: " + "<" * 400_000
    (tmp_path / "questions.yaml").write_text("\n".join(lines), encoding="utf-8")
    assert build.main(["--source", str(tmp_path / "questions.yaml"), "--check"]) == 1
    assert (
        capsys.readouterr().err.splitlines()[0]
        == f"questions.yaml:{line + 1}:{len(key) + 5}: ui › {key} is 400000 characters long; shorten it to at most {bound}"
    )


def test_the_markup_check_finds_what_it_found_before():
    for attack in (
        "<img src=x onerror=alert(1)>",
        '<a title="<" onclick=x>',
        "< / script>",
        "[x]( <javascript:alert(1)>)",
        'href = " javascript:x"',
        "[a]: <javascript:x>",
        "  [a b]: javascript:x",
    ):
        assert ACTIVE_MARKUP.search(attack), attack


def test_a_markdown_field_full_of_brackets_is_an_error_not_a_hang(tmp_path, capsys):
    from sitebuild.check import MAX_BRACKETS

    loaded, _ = worst.load_content(FIXTURE)
    place, (start, end) = loaded.places[("story", "lead")], loaded.spans[("story", "lead")]
    text = loaded.text[:start] + '"' + "[" * 3000 + '"\n' + loaded.text[end:]
    (tmp_path / "questions.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    assert build.main(["--source", str(tmp_path / "questions.yaml"), "--check"]) == 1
    assert time.perf_counter() - started < TIME_BOUND
    assert capsys.readouterr().err.splitlines()[0] == (
        f"questions.yaml:{place[0]}:{place[1] + 1}: story › lead has 3000 opening square brackets [; a link needs one, and a field "
        f"can hold at most {MAX_BRACKETS}, as more would slow the build to minutes; remove the ones that are not links"
    )


@pytest.mark.parametrize("case", list(worst.MARKUP) + list(worst.MARKDOWN_INPUTS) + list(worst.FILES))
def test_worst_inputs_of_each_python_check_stay_in_bound(case, tmp_path):
    if case in worst.MARKUP:
        seconds = worst.timed(lambda t: (worst.ACTIVE_MARKUP.search(t), worst.TAG.search(t)), worst.MARKUP[case])
    elif case in worst.MARKDOWN_INPUTS:
        seconds = worst.timed(worst.render_markdown, worst.MARKDOWN_INPUTS[case])
    else:
        path = tmp_path / "questions.yaml"
        path.write_text(worst.FILES[case], encoding="utf-8")
        seconds = worst.timed(worst.load_content, path)
    assert seconds < TIME_BOUND, (case, seconds)


def test_schema_patterns_are_linear_and_a_whole_check_of_a_huge_ui_string_is_quick(tmp_path):
    patterns = worst.schema_patterns()
    assert patterns and all(p.startswith("^") for p in patterns), "jsonschema searches: anchor each pattern"
    assert worst.timed(worst.search_all, patterns, "<" * worst.LONG) < TIME_BOUND
    assert worst.whole_check(tmp_path) < TIME_BOUND


def test_a_file_of_one_mistake_gives_a_screenful_of_messages(tmp_path, capsys):
    source = tmp_path / "questions.yaml"
    source.write_text("site: x" + "\x01" * 100_000 + "\n", encoding="utf-8")
    assert build.main(["--source", str(source), "--check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 22
    assert (
        lines[-2]
        == "questions.yaml:1:28: 99,980 more invisible characters like these follow, not listed one by one; delete them all"
    )


# --- 8. Escapes that decode to what the file itself could not hold ----------------------


@pytest.mark.parametrize(
    "written, message",
    [
        (
            r'"Sales \uDC00 Indicator"',
            r"\uDC00 makes U+DC00, half of a surrogate pair and no character at all; write the character itself instead of the escape",
        ),
        (
            r'"Sales \0 Indicator"',
            r"\0 makes the invisible character U+0000, which a page cannot show; delete the escape",
        ),
        (
            r'"Sales \x1b[31m Indicator"',
            r"\x1b makes the invisible character U+001B, which a page cannot show; delete the escape",
        ),
        (
            r'"Sales \e Indicator"',
            r"\e makes the invisible character U+001B, which a page cannot show; delete the escape",
        ),
    ],
)
def test_escapes_are_checked_after_decoding(tmp_path, written, message):
    loaded, _ = worst.load_content(FIXTURE)
    line, column = loaded.places[("site", "title")]
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][: column - 1] + written
    (tmp_path / "questions.yaml").write_text("\n".join(lines), encoding="utf-8")
    result = run_build("--source", str(tmp_path / "questions.yaml"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"questions.yaml:{line}:{column + 7}: {message}"
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_an_escape_in_a_key_is_checked_too(tmp_path, capsys):
    source = tmp_path / "questions.yaml"
    source.write_text('site:\n  "ti\\0tle": x\n', encoding="utf-8")
    assert build.main(["--source", str(source), "--check"]) == 1
    err = capsys.readouterr().err
    assert (
        r"questions.yaml:2:6: \0 makes the invisible character U+0000, which a page cannot show; delete the escape"
        in err.splitlines()
    )
    assert "\0" not in err


# --- 9. The preview server ----------------------------------------------------------------


@pytest.fixture(scope="module")
def preview_server():
    """serve.py's handler on a free port, in this process, with a short idle timeout."""
    import http.server

    import serve

    preview = serve.Preview(FIXTURE)
    preview.rebuild()
    handler = type("TestHandler", (serve.Handler,), {"preview": preview, "timeout": 1})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def raw_request(port, request):
    """The status line and the whole answer to `request` (bytes), as sent on the wire."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode(), answer


@pytest.mark.parametrize(
    "path, status",
    [
        ("/static/%00", 400),
        ("/%00", 400),
        ("/static/%ff", 400),
        ("/static/%1b", 400),
        ("/static/" + "a" * 5000, 414),
        ("/" + "%2e" * 3000, 414),
        ("/nothing.html", 404),
        ("/static/../questions.yaml", 404),
        ("/static/..%2f..%2fquestions.yaml", 404),
        ("/static/style.css", 200),
        ("/", 200),
    ],
)
def test_every_request_gets_an_http_answer(preview_server, path, status):
    line, answer = raw_request(preview_server, f"GET {path} HTTP/1.0\r\n\r\n".encode())
    assert line.startswith(f"HTTP/1.0 {status} "), (path, line)


def test_head_answers_with_the_headers_of_get(preview_server):
    line, answer = raw_request(preview_server, b"HEAD /static/style.css HTTP/1.0\r\n\r\n")
    get_line, get_answer = raw_request(preview_server, b"GET /static/style.css HTTP/1.0\r\n\r\n")
    assert line == get_line == "HTTP/1.0 200 OK"
    head, body = answer.split(b"\r\n\r\n", 1)
    assert body == b"" and b"Content-Length: " + str(len(get_answer.split(b"\r\n\r\n", 1)[1])).encode() in head


def test_an_idle_connection_is_closed(preview_server):
    import serve

    assert serve.Handler.timeout == serve.IDLE_SECONDS > serve.HOLD_SECONDS
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", preview_server), timeout=10) as connection:
        connection.sendall(b"GET / HTTP/1.0\r\n")  # and then nothing
        assert connection.recv(100) == b""  # closed by the server
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("port", ["99999", "-1", "80a", "65536"])
def test_a_port_out_of_range_is_a_usage_error(port, capsys):
    import serve

    with pytest.raises(SystemExit) as stopped:
        serve.main(["--port", port])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: ") and f"'{port}' is not a port; give a whole number from 1 to 65535" in err


def test_the_preview_serves_no_link_out_of_the_project(tmp_path):
    project = copy_project(tmp_path / "project")
    os.symlink("/etc/hostname", project / "static" / "host.txt")
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        while not url:
            line = process.stdout.readline()
            assert line, process.stderr.read()
            url = line.startswith("Preview at ") and line.split()[2]
        port = int(url.rsplit(":", 1)[1].strip("/"))
        assert raw_request(port, b"GET /static/host.txt HTTP/1.0\r\n\r\n")[0].startswith("HTTP/1.0 404 ")
        page = raw_request(port, b"GET / HTTP/1.0\r\n\r\n")[1].decode()
        assert "static/host.txt: a symbolic link to /etc/hostname, outside the project" in page
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- 4, 5, 10. The compare page's reading (tests/js/compare-reading.test.js, in Node) ------


def test_worst_inputs_of_the_compare_pages_reading_stay_in_bound():
    cases = worst.javascript_cases()
    assert len(cases) >= 8
    for check, name, seconds in cases:
        assert seconds < TIME_BOUND, (check, name, seconds)


# --- Browser: the compare page, the result and the quiz --------------------------------------


@pytest.fixture(scope="module")
def ui():
    """The ui strings as the build reads them from questions.yaml (never copied here)."""
    loaded, _ = worst.load_content(FIXTURE)
    return loaded.data["ui"]


def open_compare(page, base_url):
    """The compare page; returns a code of no answers, from the build's own data."""
    page.goto(base_url + "compare.html")
    code = page.evaluate("() => SCI.encodeAnswers(SCI.readData(document), {})")
    return code


def open_link(page, url):
    """`url` as a new page, as a link opens it (not a change of the fragment only)."""
    page.goto("about:blank")
    page.goto(url)


def paste(page, text):
    page.evaluate("(text) => { document.getElementById('lines').value = text; }", text)


def test_a_right_to_left_override_in_a_name_stays_inside_the_name(page, base_url, ui):
    code = open_compare(page, base_url)
    name = "\u202eevil"
    page.fill("#lines", f"{name}: {code}\nOther: {code}")
    page.get_by_role("button", name=ui["compare_button"]).click()
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#gaps li bdi").all_text_contents() == [name] * ui["compare_no_gap"].count("{label}")
    assert page.locator("#gaps li").all_text_contents() == [fill(ui["compare_no_gap"], label=name)]
    assert page.locator("#person option").all_text_contents() == ["\u2068" + name + "\u2069", "\u2068Other\u2069"]


def test_a_saved_list_holds_no_formula_and_reads_back_unchanged(page, base_url, ui, tmp_path):
    code = open_compare(page, base_url)
    names = ['=HYPERLINK("https://example.com","x")', "+1", "-1", "@SUM(A1)", "plain"]
    page.fill("#lines", "\n".join(f'"{name.replace(chr(34), chr(34) * 2)}",{code}' for name in names))
    page.get_by_role("button", name=ui["compare_button"]).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=ui["compare_save"]).click()
    download.value.save_as(tmp_path / "saved.txt")
    text = (tmp_path / "saved.txt").read_text(encoding="utf-8")
    for line, name in zip(text.splitlines(), names):
        assert not line.startswith(("=", "+", "-", "@", "\t", "\r")), line
        assert line == ("'" if name != "plain" else "") + "\u2068" + name + "\u2069: " + code
    page.goto(base_url + "compare.html")
    page.set_input_files("#file", files=[{"name": "saved.txt", "mimeType": "text/plain", "buffer": text.encode()}])
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#person option").all_text_contents() == ["\u2068" + name + "\u2069" for name in names]


def test_a_crafted_link_too_long_is_refused_at_once(page, base_url, ui):
    code = open_compare(page, base_url)
    limit = page.evaluate("() => SCI.LIMITS.fragment")
    version, fingerprint, answers = code.split(".")
    started = time.monotonic()
    open_link(page, base_url + "compare.html#" + ".".join([version, fingerprint, answers + ":" + "N" * limit]))
    assert page.locator("#compare-error-text").text_content() == fill(
        ui["compare_link_too_large"], limit=f"{limit:,}"
    )  # grouped, as English writes it
    assert page.locator("#compare-error").is_visible() and page.locator("#comparison").is_hidden()
    assert time.monotonic() - started < TIME_BOUND


def test_a_long_name_in_a_link_is_read_at_once_and_shortened(page, base_url, ui):
    code = open_compare(page, base_url)
    version, fingerprint, answers = code.split(".")
    limit = page.evaluate("() => SCI.LIMITS.name")
    started = time.monotonic()
    open_link(page, base_url + "compare.html#" + ".".join([version, fingerprint, answers + ":" + "N" * 500_000]))
    page.locator("#comparison").wait_for(state="visible")
    assert time.monotonic() - started < TIME_BOUND
    assert page.locator("#person option").all_text_contents() == ["\u2068" + "N" * (limit - 1) + "\u2026\u2069"]


def test_too_many_lines_and_too_large_a_file_are_said_so(page, base_url, ui):
    code = open_compare(page, base_url)
    limits = page.evaluate("() => SCI.LIMITS")
    paste(page, "\n".join([code] * (limits["lines"] + 1)))
    page.get_by_role("button", name=ui["compare_button"]).click()
    assert page.locator("#compare-error-text").text_content() == fill(
        ui["compare_too_many"], count=f"{limits['lines'] + 1:,}", limit=f"{limits['lines']:,}"
    )
    big = b"x" * (limits["text"] + 1)
    page.set_input_files("#file", files=[{"name": "big.txt", "mimeType": "text/plain", "buffer": big}])
    expected = fill(ui["compare_too_large"], size=f"{len(big) / 1e6:.1f}", limit=f"{limits['text'] / 1e6:.1f}")
    page.locator("#compare-error-text", has_text=expected).wait_for()
    assert page.locator("#comparison").is_hidden()


def test_a_large_file_is_read_in_slices_to_the_end(page, base_url, ui):
    code = open_compare(page, base_url)
    limits = page.evaluate("() => SCI.LIMITS")
    lines = [f"{'ü' * (limits['name'] - 10)} {i}: {code}" for i in range(limits["lines"])]
    text = "\n".join(lines).encode()
    assert len(text) > 3 * 262144  # several slices, with multi-byte letters across their edges
    page.set_input_files("#file", files=[{"name": "team.txt", "mimeType": "text/plain", "buffer": text}])
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#count").text_content() == fill(ui["compare_count"], count=f"{limits['lines']:,}")
    assert page.locator("#problems").is_hidden() and page.locator("#reading").is_hidden()


def answer_everything(page, base_url):
    """Through the quiz, the first answer of every statement, to the result (by keyboard: one
    call to the browser, where forty clicks each waited for their target to hold still)."""
    page.goto(base_url + "quiz.html")
    answer_by_keyboard(page, [1] * page.locator("#quiz fieldset").count())
    page.locator("#review").wait_for(state="visible")
    page.locator("#see-result").click()
    page.wait_for_url("**/result.html#*")
    page.locator("#result").wait_for(state="visible")


STORAGE = {
    "unavailable": "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });",
    "full": """const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(value).length > 1) throw new DOMException('full', 'QuotaExceededError');
  return setItem.call(this, key, value);
};""",
}


@pytest.mark.parametrize("storage", list(STORAGE))
def test_with_storage_full_or_blocked_the_result_is_still_the_readers_own(context, page, base_url, storage):
    context.add_init_script(STORAGE[storage])
    answer_everything(page, base_url)
    assert page.locator("#shared-note").is_hidden()
    assert page.locator("#own-actions").is_visible()
    assert page.locator("#result [data-start-again]").first.is_visible()
    page.reload()  # the same tab: still the reader's own
    page.locator("#result").wait_for(state="visible")
    assert page.locator("#shared-note").is_hidden()


def test_the_same_link_in_another_tab_is_a_shared_result(context, page, base_url):
    context.add_init_script(STORAGE["unavailable"])
    answer_everything(page, base_url)
    other = context.new_page()
    other.goto(page.url)
    other.locator("#result").wait_for(state="visible")
    assert other.locator("#shared-note").is_visible()
    other.close()


def test_saved_progress_without_a_surviving_answer_opens_on_the_first_statement(page, base_url):
    page.goto(base_url + "quiz.html")
    count = page.locator("#quiz fieldset").count()
    page.evaluate(
        """(count) => {
      const data = SCI.readData(document);
      localStorage.setItem(data.storagePrefix + data.fingerprint + ":progress",
        JSON.stringify({ answers: { "no-such-statement": 3, [data.statements[0].id]: 99 }, position: count }));
    }""",
        count,
    )
    page.reload()
    assert page.locator("#quiz fieldset").first.is_visible()
    assert page.locator("#review").is_hidden()


def test_a_list_too_long_for_a_link_is_kept_as_a_file_instead(page, base_url, ui):
    code = open_compare(page, base_url)
    limits = page.evaluate("() => SCI.LIMITS")
    names = [f"{'ü' * (limits['name'] - 6)} {i}" for i in range(limits["lines"])]  # 6 characters a letter, encoded
    paste(page, "\n".join(f"{name}: {code}" for name in names))
    page.get_by_role("button", name=ui["compare_button"]).click()
    page.locator("#comparison").wait_for(state="visible")
    assert page.locator("#keep [data-status]").text_content() == ui["compare_keep_too_long"]
    assert page.locator("#keep-link").input_value() == "" and "#" not in page.url


def test_files_of_static_that_cannot_be_published_are_listed_not_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "static" / "js" / "extra.js").write_text("var a = ;\n")
    (project / "static" / "extra.css").write_bytes(b"\xff\xfe a {}")
    (project / "templates" / "story.html").write_bytes((project / "templates" / "story.html").read_bytes() + b"\xff")
    result = run_build("--out", "out", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("a file in templates/ or static/js/ is not UTF-8 text (invalid start byte at byte ")
    (project / "templates" / "story.html").write_bytes((project / "templates" / "story.html").read_bytes()[:-1])
    result = run_build("--out", "out", cwd=project)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "static/extra.css: not UTF-8 text; save it as UTF-8",
        "static/js/extra.js: the script cannot be read (Unexpected ';' at 1:9 after '=' at 1:7); fix it, or check it in a browser's console",
    ]
    assert not (project / "out").exists()


def test_a_stylesheet_that_would_end_its_style_element_stops_the_build(tmp_path):
    """Each page holds its stylesheets in a <style> element, which the first "</style" ends
    wherever it is: the rest would be read as HTML."""
    project = copy_project(tmp_path / "project")
    quiz_css = project / "static" / "quiz.css"
    quiz_css.write_text(quiz_css.read_text(encoding="utf-8") + '\nlegend::after { content: "</STYLE>" }\n')
    result = run_build("--out", "out", cwd=project)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "static/quiz.css: holds </style, which would end the page's style element there; "
        "write it as <\\/style inside a string, or take it out"
    ]
    quiz_css.write_bytes(b"\xff\xfe legend {}")
    result = run_build("--out", "out", cwd=project)
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "static/quiz.css: not UTF-8 text; save it as UTF-8"
    ]
    assert not (project / "out").exists()
