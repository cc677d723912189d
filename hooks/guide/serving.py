"""`mkdocs serve`: the guide's own files are watched too, and a failed rebuild is shown in the
browser instead of leaving it waiting.

MkDocs watches docs/ and mkdocs.yml only, so an edit of the contacts file or the terminology
changed nothing on screen. And when a rebuild fails, MkDocs' server holds every request until a
build passes ("The server will appear stuck"): an editor sees a spinning page, not the reason.
Here a failed rebuild writes a page that lists the problems in place of every page, and the
browser reloads it at once; the next good build puts the guide back.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from guide import i18n

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.guide.serve")


def watched_paths(config: "MkDocsConfig", plugin) -> list[Path]:
    """The files a guide's pages are made from that MkDocs does not watch itself (`plugin`: the
    guide plugin, whose options name them)."""
    root = Path(config.config_file_path).parent
    paths = [plugin.path(config, option) for option in ("contacts_file", "terminology_dir", "search_synonyms",
                                                       "search_question_words", "strings_dir")]
    paths.append(i18n.PACKAGE_STRINGS)
    snippets = (config.mdx_configs.get("pymdownx.snippets") or {}).get("base_path") or []
    for folder in [snippets] if isinstance(snippets, str) else snippets:
        paths.append(Path(folder) if Path(folder).is_absolute() else root / folder)
    return list(dict.fromkeys(path for path in paths if path.exists()))


class _Messages(logging.Handler):
    """What MkDocs and the hook report while one rebuild runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def error_page(problems: list[str]) -> str:
    items = "\n".join(f"<li><pre>{html.escape(problem)}</pre></li>" for problem in problems)
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The guide did not build</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:50rem;padding:0 1rem}}
pre{{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;margin:0}}li{{margin:.5rem 0}}</style>
</head>
<body>
<h1>The guide did not build</h1>
<p>Fix each problem below and save the file. This page reloads by itself when the guide builds again.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def show_errors_in_browser(server: "LiveReloadServer", site_dir: str) -> None:
    """Wrap the server's rebuild: a failure writes the error page over every page and the
    rebuild counts as done, so the browser reloads and shows it."""
    rebuild: Callable[[], None] = server.builder

    def rebuild_or_show_the_problems() -> None:
        messages = _Messages()
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(messages)
        try:
            rebuild()
        except Exception as error:  # a PluginError, or strict mode's Abort after warnings
            problems = [line for line in messages.lines if line]
            text = str(error).strip()
            if text and not any(text in line for line in problems) and not text.startswith("Aborted with"):
                problems.append(text)
            write_error_pages(Path(site_dir), problems or [f"{type(error).__name__}: {text}"])
            log.error("The guide did not build; the browser shows the problems until the next good build.")
        finally:
            mkdocs_log.removeHandler(messages)

    server.builder = rebuild_or_show_the_problems


def write_error_pages(site_dir: Path, problems: list[str]) -> None:
    page = error_page(problems)
    site_dir.mkdir(parents=True, exist_ok=True)
    pages = [*site_dir.rglob("*.html")] or [site_dir / "index.html"]
    for path in {*pages, site_dir / "index.html", site_dir / "404.html"}:
        path.write_text(page, encoding="utf-8")
