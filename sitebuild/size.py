"""What readers download, in bytes after gzip -9 (as a static host serves it): the whole
site, and each page's own HTML (its styles within) and scripts against the budget a page has."""

import gzip

PAGE_BUDGET = 14_000  # bytes gzip: a page's own HTML, CSS and scripts (the project's budget)


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def site_sizes(out, pages, folders=("",)):
    """(the whole site's gzip bytes, {page file: its own gzip bytes}) of a written site.
    `pages` are render.PAGES: a page's own files are its HTML, which holds its styles, and
    its one script (render.Page: the build's join of static/'s files); `folders` hold each
    language's pages ("", "fr/"), which share static/ at the root."""
    sizes = {
        path.relative_to(out).as_posix(): gzipped(path.read_bytes())
        for path in out.rglob("*")
        if path.is_file() and path.stat().st_size
    }
    own = {
        folder + page.output: sizes[folder + page.output] + (sizes[f"static/{page.script}"] if page.script else 0)
        for folder in folders
        for page in pages
    }
    return sum(sizes.values()), own


def over_budget(own):
    """A warning line for each page over PAGE_BUDGET."""
    return [
        f"warning: {name} is {size:,} bytes gzip with its stylesheet and scripts, over the budget of {PAGE_BUDGET:,} a page; "
        "it still works, but loads slower on a phone (fewer or shorter statements make it lighter)"
        for name, size in own.items()
        if size > PAGE_BUDGET
    ]
