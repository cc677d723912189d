"""Files a static host reads beside the site: security headers and robots.txt.

`_headers` is the format Netlify and Cloudflare Pages read; README.md gives the same headers for
nginx and S3/CloudFront. The Content-Security-Policy allows only the site's own files, plus the
exact inline scripts Material writes into each page (by their sha256 hash, collected from the
built pages), so no other script can run and nothing can be fetched from another host.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)  # a hash is of the script's UTF-8 bytes


def inline_script_hashes(site_dir: Path) -> list[str]:
    scripts = {script for page in site_dir.rglob("*.html") for script in INLINE_SCRIPT.findall(page.read_bytes())}
    return sorted(f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'" for script in scripts)


def content_security_policy(script_hashes: list[str]) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])


def security_headers(site_dir: Path) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(site_dir)),
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def headers_file(headers: dict[str, str]) -> str:
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def robots_txt(site_url: str) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# A host that sends no headers of its own (GitHub Pages) still gets the policy: as a <meta> in
# every page. `frame-ancestors` cannot be given there (browsers ignore it and warn), so it is left
# out; the Referrer-Policy is in every page's head too (hooks/guide/theme/main.html).
META_AFTER = re.compile(rb'(<meta charset="utf-8">)', re.I)


def meta_policy(header_policy: str) -> str:
    return "; ".join(part for part in header_policy.split("; ") if not part.startswith("frame-ancestors"))


def add_meta_policy(site_dir: Path, header_policy: str) -> None:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(header_policy)}">'.encode()
    for page in site_dir.rglob("*.html"):
        html = page.read_bytes()
        if b'http-equiv="Content-Security-Policy"' in html:
            continue  # kept from a build before (mkdocs serve writes only what changed)
        changed = META_AFTER.sub(lambda match: match.group(1) + b"\n    " + tag, html, count=1)
        if changed != html:
            page.write_bytes(changed)


def write_host_files(site_dir: Path, site_url: str, no_meta: bool = False) -> None:
    """`no_meta` for pages read from file:// (no origin for 'self' to allow) and under `mkdocs
    serve` (its live-reload script is inline)."""
    headers = security_headers(site_dir)
    write_if_changed(site_dir / "_headers", headers_file(headers))
    write_if_changed(site_dir / "robots.txt", robots_txt(site_url))
    if not no_meta:
        add_meta_policy(site_dir, headers["Content-Security-Policy"])
