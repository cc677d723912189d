"""Small fixes to rendered HTML that accessibility checks (axe-core, WCAG 2.2 AA) need."""

from __future__ import annotations

import re

# pymdownx.tasklist writes the checkbox in a <label> of its own and the item's text after it,
# so the checkbox has no name. The text may hold links, which must not go inside a label:
# name the checkbox by the text instead (aria-labelledby).
TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                  r'([^>]*/?>.*?</label>)(.*?)(?=</li>|<ul|<ol|<p>)', re.S)


def name_checkboxes(html: str, page_key: str = "check") -> str:
    """Give every checklist box the text of its item as its accessible name."""
    count = 0

    def label(match: re.Match) -> str:
        nonlocal count
        count += 1
        ident = f"{page_key}-{count}"
        return (f'{match.group(1)} aria-labelledby="{ident}"{match.group(2)}'
                f'<span id="{ident}">{match.group(3).strip()}</span>')

    return TASK.sub(label, html)


def translate_permalinks(html: str, english_title: str, title: str) -> str:
    """The link beside each heading is titled in English by MkDocs' toc extension (one setting for
    every language): give it the page's language, as WCAG 3.1.2 (language of parts) asks."""
    if not english_title or english_title == title:
        return html
    escaped = re.escape(_attribute(english_title))
    return re.sub(rf'(<a class="headerlink" href="[^"]*" title=")({escaped})(")',
                  lambda m: m.group(1) + _attribute(title) + m.group(3), html)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


SECTION_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>.*?</h\1>', re.S)


def add_copy_links(html: str, words: str) -> str:
    """"Copy link to this section" after each section heading, written into the page so that it
    takes its place from the start (nothing moves when the script runs). It is a link to the
    section, which works without JavaScript (a phone's long press copies it); share.js makes it
    copy the whole address. guide.css shows it as an icon at the end of the heading's last line
    (its words are its name for screen readers, and its tooltip), so it takes no line of its own;
    it stays outside the heading, whose name is only the question. Left out of the search index,
    and off the glossary's letter headings."""
    def link(match: re.Match) -> str:
        ident = match.group(2)
        if ident.startswith("letter-"):
            return match.group(0)
        return (f'{match.group(0)}\n<a class="guide-copy-link" href="#{ident}" aria-describedby="{ident}" '
                f'title="{_attribute(words)}" data-search-exclude>'
                f'<span class="guide-visually-hidden">{_attribute(words)}</span></a>')
    return SECTION_HEADING.sub(link, html)


HTML_TAG = re.compile(r"<html\b([^>]*)>")
BODY_DIR = re.compile(r'<body\b[^>]*\bdir="(ltr|rtl)"')
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?) autocomplete="off"')
TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def whole_page_fixes(html: str) -> str:
    """Fixes to a whole page that Material's base template leaves:
    - the direction on <html> as well as on <body> (Nu HTML checker; the page's root carries it);
    - the table-of-contents toggle on a page with no table of contents: a checkbox with no label
      that toggles nothing (HTML_CodeSniffer H91, F68);
    - attributes the HTML standard does not allow, which the Nu HTML checker reports: an empty
      `tabindex` on the menu's section labels (the same as none), and `autocomplete` on checkboxes."""
    direction = BODY_DIR.search(html)
    if direction:
        html = HTML_TAG.sub(lambda m: m.group(0) if "dir=" in m.group(1)
                            else f'<html{m.group(1)} dir="{direction.group(1)}">', html, count=1)
    if TOC_TOGGLE in html and 'for="__toc"' not in html:
        html = html.replace(TOC_TOGGLE, "", 1)
    html = html.replace(' tabindex=""', "")
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


ABBR = re.compile(r"<abbr(?![^>]*\blang=)")
RTL = {"ar", "ur", "fa", "he", "ps", "sd", "yi", "dv", "ckb"}


def mark_english_abbreviations(html: str, locale: str) -> str:
    """The short forms (includes/abbreviations.md) and their explanations are English: on a page
    in another language, say so (WCAG 3.1.2), and keep them left to right on a right-to-left page."""
    if locale == "en":
        return html
    mark = '<abbr lang="en" dir="ltr"' if locale.split("-")[0] in RTL else '<abbr lang="en"'
    return ABBR.sub(mark, html)
