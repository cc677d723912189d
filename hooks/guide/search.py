"""One search index per language, so a reader only finds pages in their own language.

mkdocs-static-i18n writes one merged index (`search/search_index.json`) for every language, and
Material's search worker loads it from the page's base: a Welsh reader got English results mixed
in. After the whole site is built, the merged index is split by each entry's location (`cy/...`)
into `<locale>/search/search_index.json`, with locations relative to that language's folder, and
the root index keeps the default language only. The theme points each page's search at its
language's folder (overrides/main.html, `base` in Material's config).
"""

from __future__ import annotations

import json
from pathlib import Path


def split_index(site_dir: Path, locales: list[str], default: str) -> dict[str, int]:
    """Split the merged index; return the number of entries per language."""
    merged_path = site_dir / "search" / "search_index.json"
    if not merged_path.exists():
        return {}
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    offline = merged_path.with_suffix(".js").exists()  # Material's offline plugin wrote one
    others = [locale for locale in locales if locale != default]
    per_language: dict[str, list[dict]] = {locale: [] for locale in locales}
    for doc in merged.get("docs", []):
        location = doc.get("location", "")
        owner = next((loc for loc in others if location == f"{loc}/" or location.startswith(f"{loc}/")), default)
        if owner != default:
            doc = {**doc, "location": location[len(owner) + 1:]}
        per_language[owner].append(doc)
    counts = {}
    for locale, docs in per_language.items():
        target = merged_path if locale == default else site_dir / locale / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"config": merged.get("config", {}), "docs": docs}, ensure_ascii=False,
                          separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if offline:  # read by a <script> from file:// pages, where the index cannot be fetched
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
        counts[locale] = len(docs)
    return counts
