"""The `guide` command: make, check, build and serve a guide, run in the guide's own folder.

    guide new DIR            a working English guide to start from (builds at once);
                             --example: a fictional Welsh council's guide, in English and Welsh
    guide serve              the guide on http://127.0.0.1:8000, rebuilt as you edit
    guide check              everything the build checks, without touching site/
    guide build              a strict build into site/ (the old site stays if it fails)
    guide status             which translations are missing, outdated or not reviewed
    guide add-language XX    a new language: settings, pages and theme words to translate
    guide contacts           every contact, oldest check first, and the pages that use it
    guide export             the contacts as JSON and CSV, for other directories
    guide audit              every page in a browser: accessibility, contrast, other hosts

Each takes `-f FILE` for a mkdocs.yml that is not ./mkdocs.yml. Nothing needs a path to the
generator: it is the installed `guide` package, whose plugin the guide's mkdocs.yml lists.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # no theme banner in any command

STARTER = Path(__file__).parent / "starter"
EXAMPLE = Path(__file__).parent / "example"  # tests/test_example_guide.py builds and checks it
PROBLEM_LINE = re.compile(r"\S+:\d+: ")  # a problem with its file and line: docs/help.md:14: ...
LEVEL = re.compile(r"^(ERROR|WARNING): ")  # as the build's log writes it
# MkDocs puts "Config value 'plugins': Plugin 'guide' option 'exit_page': " before a bad option's own message
CONFIG_PREFIX = re.compile(r"^Config value '[^']+': (Plugin '[^']+' option '[^']+': )?")


NEXT_STEPS = ("Next:\n  cd {target}\n  guide serve      (and open http://127.0.0.1:8000)\n"
              "Change the lines marked \"change:\" in mkdocs.yml, the pages in docs/ and the contacts in contacts.yml.")
EXAMPLE_NEXT_STEPS = ("Next:\n  cd {target}\n  guide serve      (and open http://127.0.0.1:8000; Cymraeg at /cy/)\n"
                      "Each English page docs/X.md has its Welsh translation in docs/X.cy.md: change both.\n"
                      "`guide status` lists the Welsh pages that are out of date; once one matches its English\n"
                      "page again, record it:  guide status -- --write docs/X.cy.md\n"
                      "The council and its contacts in contacts.yml are fictional: replace them with your own,\n"
                      "and change the lines marked \"change:\" in mkdocs.yml.")


def _new(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(f"{target}: already exists and is not an empty folder, so nothing was written. "
              "Fix: give the name of a new folder", file=sys.stderr)
        return 1
    source, next_steps = (EXAMPLE, EXAMPLE_NEXT_STEPS) if args.example else (STARTER, NEXT_STEPS)
    # A guide built in the package's own folder leaves site/ (and a swap folder) there: not copied.
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "site", ".site-*"),
                    dirs_exist_ok=True)
    (target / "gitignore").rename(target / ".gitignore")  # stored without its dot, so that it is packaged
    what = "The example guide (a fictional Welsh council, in English and Welsh)" if args.example else "A new guide"
    print(f"{what} is in {target}. " + next_steps.format(target=target))
    return 0


def _build(args: argparse.Namespace) -> int:
    from guide import building
    return building.main(["--config", str(args.config_file)] + (["--site-dir", args.site_dir] if args.site_dir else []))


def _config(args: argparse.Namespace) -> Path | None:
    """The guide's mkdocs.yml, or None (said) when there is none."""
    config = Path(args.config_file)
    if config.is_file():
        return config
    print(f"{config}: no such file. Fix: run guide {args.command} in the guide's folder, or give -f FILE",
          file=sys.stderr)
    return None


def _said_once() -> None:
    """What stops the build comes back in BuildFailed (MkDocs' messages; strict: each warning too),
    so MkDocs' log is not printed as well; what does not stop it (an empty site_url, an outdated
    translation) is logged by `guide.*`, and shown."""
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.WARNING)
    logging.getLogger("mkdocs").propagate = False
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())


def _check(args: argparse.Namespace) -> int:
    """The build, into a folder that is thrown away, through every language: each problem on a
    line of its own (`file:line: message`, on stdout, for an editor or CI), what else MkDocs said
    and the summary on stderr."""
    from guide import building
    config = _config(args)
    if config is None:
        return 1
    _said_once()
    try:
        building.check_site(config)
    except building.BuildFailed as error:
        for line in str(error).splitlines():
            said = LEVEL.sub("", line.strip())
            problem = CONFIG_PREFIX.sub("", said)
            if PROBLEM_LINE.match(problem):
                print(problem)
            elif said and "Aborted with" not in said:  # MkDocs' "Aborted with 1 warnings in strict mode!"
                print(LEVEL.sub("", line), file=sys.stderr)  # the summary keeps its indent
        print("The guide has problems (above); site/ was not touched.", file=sys.stderr)
        return 1
    if not args.quiet:
        print("No problems found (site/ was not touched).")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands import serve
    config = _config(args)
    if config is None:
        return 1
    serve.serve(config_file=str(config), dev_addr=args.dev_addr, livereload=True)
    return 0


def _audit(args: argparse.Namespace) -> int:
    from guide import audit
    config = _config(args)
    if config is None:
        return 1
    _said_once()
    logging.getLogger("guide.settings").setLevel(logging.ERROR)  # the audit names these itself, once
    try:
        findings = audit.audit(config, say=lambda line: print(line, file=sys.stderr))
    except audit.AuditError as error:
        print(error, file=sys.stderr)
        return 1
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)." if findings else "No findings: every page passes in both colour schemes.")
    return 1 if findings else 0


def _status(args: argparse.Namespace) -> int:
    from guide import translation_status
    return translation_status.main(["--config", str(args.config_file), *args.rest])


def _add_language(args: argparse.Namespace) -> int:
    from guide import new_language
    return new_language.main([args.locale, "--config", str(args.config_file), *args.rest])


def _contacts(args: argparse.Namespace) -> int:
    from guide import contacts_report
    return contacts_report.main(["--config", str(args.config_file), *args.rest])


def _export(args: argparse.Namespace) -> int:
    from guide import export_directory
    return export_directory.main(["--config", str(args.config_file), *args.rest])


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="guide", description=__doc__.split("\n\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter,
                                  epilog="`guide COMMAND --help` says more about each.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run, text: str, *positional: tuple[str, str], passes_on: bool = False):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                         help="the guide's mkdocs.yml (default: ./mkdocs.yml)")
        for argument, help_text in positional:
            sub.add_argument(argument, metavar=argument.upper(), help=help_text)
        sub.set_defaults(run=run, rest=[])
        if passes_on:  # the options of the script behind the command (`guide status -- --write x.cy.md`)
            sub.add_argument("rest", nargs=argparse.REMAINDER, help="more options, after --")
        return sub

    new = commands.add_parser("new", help="make a new guide in DIR",
                              description="Make a working English guide in DIR, ready to edit and build.")
    new.add_argument("dir", metavar="DIR", help="a new or empty folder")
    new.add_argument("--example", action="store_true",
                     help="instead, a complete example: a fictional Welsh council's guide in English and Welsh, "
                          "with its own contacts and pages")
    new.set_defaults(run=_new)
    command("serve", _serve, "show the guide at http://127.0.0.1:8000, rebuilt as you edit").add_argument(
        "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="where to serve it")
    command("check", _check, "check the guide as the build does, without touching site/: every problem of every "
                             "language, each as file:line: message").add_argument(
        "-q", "--quiet", action="store_true", help="print nothing when there is no problem (for a pre-commit hook)")
    command("build", _build, "build the guide into site/ (strict; the old site stays if it fails)").add_argument(
        "-d", "--site-dir", metavar="DIR", help="build here instead of the site_dir of mkdocs.yml")
    command("status", _status, "list missing, outdated and unreviewed translations", passes_on=True)
    command("add-language", _add_language, "add a language to the guide",
            ("locale", "its code, as mkdocs-static-i18n writes it: cy, pt-BR"), passes_on=True)
    command("contacts", _contacts, "list every contact, oldest check first, with the pages that use it",
            passes_on=True)
    command("export", _export, "write the contacts as JSON and CSV", passes_on=True)
    command("audit", _audit, "read every built page in Chromium: WCAG 2.2 AA (axe-core), contrast in both colour "
                             "schemes, requests to other hosts, site_url and the exit page")
    return top


def main(argv: list[str] | None = None) -> int:
    from guide.settings import SettingsError
    args = parser().parse_args(argv)
    args.rest = [item for item in getattr(args, "rest", []) if item != "--"]
    try:
        return args.run(args)
    except SettingsError as error:  # a command that reads mkdocs.yml itself (status, contacts, export...)
        print(f"{error}\nNothing was changed.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
