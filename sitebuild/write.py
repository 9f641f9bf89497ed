"""Write the site atomically: build beside the output folder, then swap it in.

The build never deletes or publishes what it did not make:
- every build lists what it wrote, with a hash of each file, in MANIFEST; a folder is
  replaced only while it holds exactly such a list of files, or nothing at all;
- a symbolic link in static/ or templates/ that leaves the project is an error, and no
  link is ever followed out of it (static_files);
- one build at a time writes beside a given folder (a lock file), and a build that was
  killed leaves nothing behind that the next one does not clean up;
- the new site replaces the old one in a single atomic exchange where the system has
  one (Linux), so a kill at any moment leaves the previous site or the new one, whole.
"""

import ctypes
import hashlib
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from .minify import BY_SUFFIX, minify_cached, minify_page
from .render import PAGES

# Files of static/ that render.py writes into the pages, the icon as a data: URI and the
# stylesheets into each page's <style>, so the site has no copy of them.
INLINED = {"favicon.svg", *(name for page in PAGES for name in page.stylesheets)}
MANIFEST = ".sitebuild-manifest"
MANIFEST_HEADER = "# sitebuild manifest 1: build.py wrote these files here, and replaces this folder only while it holds them unchanged and nothing else"
STAGING = re.compile(r"\.(?P<name>.+)\.(new|old)-[a-z0-9_]{8}")  # tempfile.mkdtemp's names, see write_site


class OutRefused(Exception):
    """The output folder holds something the build did not write, or lies where it must not."""


class InputProblem(Exception):
    """static/ or templates/ holds something the build must not publish or follow."""


# --- What may be read ------------------------------------------------------------------


def static_files(folder, root):
    """({path relative to `folder`: the file to read}, [problems]) for every file under
    `folder`, following a symbolic link only while it stays inside `root` (the project),
    and never into .git. A link out of the project, a broken link, a loop and anything
    that is not a plain file or folder (a pipe would hang the build) is a problem."""
    folder, root = Path(folder), Path(root).resolve()
    found, problems = {}, []

    def visit(directory, relative, seen):
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(f"{shown(folder, relative)}: cannot be read ({error.strerror})")
            return
        for entry in entries:
            path, rel = Path(entry.path), relative / entry.name
            real = Path(os.path.realpath(path))
            if entry.is_symlink():
                if not (real == root or root in real.parents) or ".git" in real.relative_to(root).parts:
                    problems.append(
                        f"{shown(folder, rel)}: a symbolic link to {os.readlink(path)}, outside the project; the build never publishes what lies outside it, so copy the file in instead"
                    )
                    continue
                if not real.exists():
                    problems.append(
                        f"{shown(folder, rel)}: a symbolic link to {os.readlink(path)}, which does not exist; remove the link or restore its file"
                    )
                    continue
            mode = real.stat().st_mode
            if stat.S_ISDIR(mode):
                if any(real == s or real in s.parents for s in seen):
                    problems.append(
                        f"{shown(folder, rel)}: a symbolic link to a folder that contains it, which would copy the folder into itself; remove the link"
                    )
                    continue
                visit(path, rel, seen | {real})
            elif stat.S_ISREG(mode):
                found[rel] = real
            else:
                problems.append(
                    f"{shown(folder, rel)}: neither a file nor a folder (a pipe, socket or device); remove it"
                )

    visit(folder, Path(), {folder.resolve()})
    return found, problems


def shown(folder, relative):
    return (Path(folder.name) / relative).as_posix()


# --- Where the site may go ------------------------------------------------------------


def out_problem(out, root, inputs):
    """Why the site may not be written to `out`, or None. `root` is the project; `inputs`
    are the folders the build reads (static/, templates/)."""
    out, root = Path(out).resolve(), Path(root).resolve()
    if out == root or out in root.parents:
        return "that folder holds the project itself; give a folder of its own, such as _site"
    for folder in inputs:
        folder = Path(folder).resolve()
        if out == folder or folder in out.parents:
            return f"that folder is inside {folder.name}/, which the build reads, so each build would be copied into the next; build into a folder of its own, such as _site"
    if root in out.parents:
        top = root / out.relative_to(root).parts[0]
        if top != out and top.is_dir() and not (top / MANIFEST).is_file():
            return f"that folder is inside {top.name}/, a folder of the project; build into a folder of its own, such as _site"
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return "that is not a folder; give a new or empty folder, or one built before"
    if out.is_dir() and any(out.iterdir()) and not previous_build(out):
        return f"that folder holds files that build.py did not write, or that changed since (it lists what it writes, with a hash of each, in {MANIFEST}), and the build would delete them; give a new or empty folder, or one built before"
    return None


def previous_build(out):
    """Whether `out` holds exactly files that a build wrote and listed in its manifest,
    unchanged; folders only as the places of those files, and no links."""
    try:
        lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    if not lines or lines[0] != MANIFEST_HEADER:
        return False
    listed = {}
    for line in lines[1:]:
        digest, _, name = line.partition("  ")
        listed[name] = digest
    folders = {parent.as_posix() for name in listed for parent in Path(name).parents}
    for directory, subfolders, files in os.walk(out):
        here = Path(directory).relative_to(out)
        for name in subfolders:
            if os.path.islink(os.path.join(directory, name)) or (here / name).as_posix() not in folders:
                return False
        for name in files:
            relative = (here / name).as_posix()
            if relative == MANIFEST:
                continue
            path = Path(directory) / name
            if path.is_symlink() or listed.get(relative) != digest_of(path):
                return False
    return True


def digest_of(path):
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


# --- Writing ----------------------------------------------------------------------------


def write_site(pages, static_dir, out, root=None, files=None):
    """Write `pages` ({name: HTML}), a copy of static/ and `files` ({path: bytes}, drawn by
    the build) to `out`, all or nothing, one build at a time. OutRefused or InputProblem
    stop it before anything is replaced."""
    out = Path(out).resolve()
    root = Path(root or Path(static_dir).parent)
    contents = site_contents(pages, static_dir, root, files)
    out.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out):
        recover(out)
        refused = out_problem(out, root, [static_dir])
        if refused:
            raise OutRefused(refused)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            written = {name: write_file(staging / name, content) for name, content in contents.items()}
            lines = [MANIFEST_HEADER] + [f"{digest}  {name}" for name, digest in sorted(written.items())]
            write_file(staging / MANIFEST, ("\n".join(lines) + "\n").encode("utf-8"))
            staging.chmod(0o755)
            swap_in(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def site_contents(pages, static_dir, root, drawn=None):
    """{path in the site: bytes}: the pages and static/ minified, and `drawn` ({path: bytes},
    such as the link preview cards), all made before anything is written; InputProblem
    lists every file of static/ that cannot be published."""
    files, problems = static_files(static_dir, root)
    contents = {name: minify_page(html).encode("utf-8") for name, html in pages.items()}
    for relative, source in files.items():
        if relative.as_posix() in INLINED:
            continue
        try:
            contents[(Path("static") / relative).as_posix()] = static_content(
                source, vendored="vendor" in relative.parts
            )
        except UnicodeDecodeError:
            problems.append(f"{shown(Path(static_dir), relative)}: not UTF-8 text; save it as UTF-8")
        except SyntaxError as error:  # calmjs.parse's ECMASyntaxError
            problems.append(
                f"{shown(Path(static_dir), relative)}: the script cannot be read ({error}); fix it, or check it in a browser's console"
            )
        except OSError as error:
            problems.append(f"{shown(Path(static_dir), relative)}: cannot be read ({error.strerror})")
    if problems:
        raise InputProblem("\n".join(problems))
    contents.update(
        {f"static/{path}": data for path, data in page_bundles(lambda part: contents[f"static/{part}"]).items()}
    )
    contents.update(drawn or {})
    contents[".nojekyll"] = b""  # GitHub Pages: serve the files as they are
    return contents


def page_bundles(read):
    """{path under static/: bytes} of each page's joined script (render.Page
    names them and says which files, in which order); read(part) gives the bytes of a file
    of static/ (the build: as minified; serve.py: as written). Every script is a whole
    statement, a function called at once, so joining them, each on lines of its own, keeps
    each as it was; a joined file serves the pages in every language, as static/ does."""
    bundles = {path: parts for page in PAGES for path, parts in page.bundles().items()}  # pages share some
    return {path: b"".join(lines(read(part)) for part in parts) for path, parts in bundles.items()}


def lines(data):
    return data if data.endswith(b"\n") else data + b"\n"


def write_file(path, content):
    """Write `content` (bytes) to `path`; returns its hash for the manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return hashlib.sha256(content).hexdigest()


def static_content(source, vendored=False):
    """A file of static/ as it is, but with scripts and styles minified; static/vendor/
    holds libraries exactly as their authors minified them (and their recorded SHA-256)."""
    if source.suffix in BY_SUFFIX and not vendored:
        return (minify_cached(source.suffix, source.read_text(encoding="utf-8")) + "\n").encode("utf-8")
    return source.read_bytes()


class build_lock:
    """An exclusive lock on .<out>.lock beside `out`, held for the whole write: a second
    build waits for the first instead of tripping over its folders."""

    def __init__(self, out):
        self.path = out.parent / f".{out.name}.lock"

    def __enter__(self):
        self.handle = open(self.path, "a")
        try:
            import fcntl  # POSIX only; elsewhere builds are not serialised
        except ImportError:
            return self
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        self.handle.close()  # closing releases the lock


def recover(out):
    """Tidy up after builds that were killed (only ever called under the lock): put back
    a previous site that a kill left aside, and remove staging folders."""
    leftovers = sorted(p for p in out.parent.iterdir() if p.is_dir() and not p.is_symlink() and own_staging(p, out))
    for folder in leftovers:
        kept = folder / out.name
        if not out.exists() and folder.name.startswith(f".{out.name}.old-") and kept.is_dir() and previous_build(kept):
            os.replace(kept, out)  # a kill between the two renames of the fallback swap
        shutil.rmtree(folder, ignore_errors=True)


def own_staging(folder, out):
    match = STAGING.fullmatch(folder.name)
    return bool(match) and match.group("name") == out.name


def swap_in(staging, out):
    """Replace `out` with `staging`: one atomic exchange where the system offers it;
    elsewhere two renames, after which recover() puts the old site back if a kill
    came between them."""
    if out.exists() and exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / out.name)
    try:
        os.replace(staging, out)
    except BaseException:
        if old:
            os.replace(old / out.name, out)  # put the previous site back
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)


def exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if os.environ.get("SITEBUILD_NO_EXCHANGE"):  # lets the tests exercise the fallback
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0
