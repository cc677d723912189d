"""The guide plugin's options in mkdocs.yml (`plugins: - guide: ...`), with their defaults.

MkDocs checks each option's type, but says so without a line; `checks.config_problems` reads
mkdocs.yml with lines first, so a wrong option names the file, the line and the fix.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from guide.settings import DEFAULT_EXIT_PAGE, DEFAULT_PATHS


class GuideConfig(base.Config):
    contacts_file = c.Type(str, default=DEFAULT_PATHS["contacts_file"])  # every number and address, once
    terminology_dir = c.Type(str, default=DEFAULT_PATHS["terminology_dir"])  # key terms per language
    search_synonyms = c.Type(str, default=DEFAULT_PATHS["search_synonyms"])
    search_question_words = c.Type(str, default=DEFAULT_PATHS["search_question_words"])
    strings_dir = c.Type(str, default=DEFAULT_PATHS["strings_dir"])  # the build's words, over the package's (guide.i18n)
    site_contact = c.Optional(c.Type(dict))  # who readers tell about a mistake: name, email, url
    faq_pages = c.ListOfItems(c.Type(str), default=[])  # published as schema.org FAQPage data too
    redirects = c.Type(dict, default={})  # old page -> new page (guide.redirects)
    exit_page = c.Type(dict, default={"url": DEFAULT_EXIT_PAGE})  # where "Exit this page" goes
    full_theme_css = c.Type(bool, default=False)  # keep Material's whole stylesheet (guide.theme_css)
