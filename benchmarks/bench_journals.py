"""The journals benchmarks/run.py times, built once and cached, and jrnl beside them."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlite

UNTIL = "2026-11-28"  # a fixed last day: the same journals on any day
PASSPHRASE = "benchmark passphrase, not a secret"
JRNL_VERSION = "4.6"
# jrnl reads and writes stamps in this format: the notes' own stamps, to the minute.
JRNL_TIMEFORMAT = "%Y-%m-%d %H:%M"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Journals:
    small: Path  # S: the demo's year
    xl: Path  # ten years, 100,000 notes of 60-180 words
    scale: Path  # XL's ten years with --scale 100000
    encrypted: Path  # XL, encrypted
    notes: Path  # a copy of S that `ceocto note` writes to
    jrnl: Path | None  # the jrnl 4.6 executable, None when it could not be installed
    jrnl_configs: dict[str, Path]


def _ceocto(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _demo(target: Path, env: dict[str, str], *options: str) -> Path:
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        print(f"building {target.name} (once; cached)…", file=sys.stderr, flush=True)
        _ceocto(env, "demo", str(partial), "--until", UNTIL, *options)
        if "--notes" in options and target.name.startswith("xl."):
            rewrite_notes(partial, seed=21)
        partial.rename(target)
    return target


def rewrite_notes(path: Path, seed: int) -> None:
    """Every note rewritten to 60-180 words of the demo's sentences, shuffled: varied
    text of the length that makes a search work (the demo's notes are mostly short)."""
    connection = sqlite.connect(str(path), isolation_level=None)
    try:
        rows = connection.execute("SELECT rowid, body FROM notes ORDER BY rowid").fetchall()
        pool = sorted({s.strip() for _, body in rows for s in _SENTENCE.split(body) if s.strip()})
        rng = random.Random(seed)
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'notes'"
        ).fetchall()
        connection.execute("BEGIN")
        for name, _sql in triggers:  # the index is rebuilt once at the end instead
            connection.execute(f'DROP TRIGGER "{name}"')
        updates = []
        for rowid, _body in rows:
            target, words = rng.randint(60, 180), []
            while len(words) < target:
                words += rng.choice(pool).split()
            updates.append((" ".join(words[:target]), rowid))
        connection.executemany("UPDATE notes SET body = ? WHERE rowid = ?", updates)
        connection.execute("INSERT INTO search_notes(search_notes) VALUES ('rebuild')")
        for _name, sql in triggers:
            connection.execute(sql)
        connection.execute("COMMIT")
    finally:
        connection.close()


# Brings cached journals to this checkout's schema: a plain one is upgraded in place (its
# backup removed), an encrypted one made older by a new revision, or whose key is not this
# checkout's (encrypted before its key became Argon2id), is removed to be rebuilt.
_UPGRADE = """
import shutil, sys
from pathlib import Path
from ceocto_desktop.store import JournalState, driver, inspect_journal, keys, open_journal
for name in sys.argv[2:]:
    path = Path(name)
    if not path.exists():
        continue
    if driver.looks_encrypted(path) and not path.open("rb").read(16).endswith(keys._ARGON2_TAG):
        path.unlink()
        continue
    driver.remember_passphrase(path, sys.argv[1]) if driver.looks_encrypted(path) else None
    if inspect_journal(path).state is JournalState.OLDER:
        if driver.looks_encrypted(path):
            path.unlink()
        else:
            open_journal(path).close()
            shutil.rmtree(path.parent / "backups", ignore_errors=True)
"""


def _upgrade_cached(env: dict[str, str], *paths: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", _UPGRADE, PASSPHRASE, *map(str, paths)], env=env, check=True
    )


def _encrypted(plain: Path, cache: Path, env: dict[str, str]) -> Path:
    target = cache / "xl-encrypted.db"
    if not target.exists():
        work = cache / "xl-encrypted.partial.db"
        work.unlink(missing_ok=True)
        shutil.copyfile(plain, work)
        secret = cache / "passphrase.txt"
        secret.write_text(PASSPHRASE + "\n" + PASSPHRASE + "\n", encoding="utf-8")
        _ceocto({**env, "CEOCTO_PASSPHRASE_FILE": str(secret)}, "encrypt", "--db", str(work))
        work.rename(target)
        shutil.rmtree(cache / "backups", ignore_errors=True)
    return target


def _jrnl(cache: Path) -> Path | None:
    venv = cache / "jrnl-venv"
    executable = venv / "bin" / "jrnl"
    if not executable.exists():
        print(f"installing jrnl {JRNL_VERSION} from PyPI (once)…", file=sys.stderr, flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"], check=True
            )
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"jrnl could not be installed ({exc}): no jrnl references", file=sys.stderr)
            return None
    return executable


def _jrnl_journal(source: Path, cache: Path, name: str) -> Path:
    """The journal's notes as a jrnl journal, and a config whose timeformat matches them."""
    text, config = cache / f"jrnl-{name}.txt", cache / f"jrnl-{name}.yaml"
    if not text.exists():
        connection = sqlite.connect(str(source))
        try:
            rows = connection.execute("SELECT created_at, body FROM notes ORDER BY created_at")
            with text.open("w", encoding="utf-8") as out:
                for stamp, body in rows:
                    out.write(f"[{stamp[:16]}] {' '.join(body.split())}\n\n")
        finally:
            connection.close()
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\njournals:\n"
        f"  default:\n    journal: {text}\n"
        f"linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '{JRNL_TIMEFORMAT}'\n"
        f"version: v{JRNL_VERSION}\n",
        encoding="utf-8",
    )
    return config


def jrnl_command(journals: Journals, which: str, *args: str) -> list[str]:
    """jrnl on one of the jrnl journals (small: S's notes; xl: XL's)."""
    assert journals.jrnl is not None
    return [str(journals.jrnl), "--config-file", str(journals.jrnl_configs[which]), *args]


def build_journals(cache: Path, *, tiny: bool, env: dict[str, str], scratch: Path) -> Journals:
    """Build what is missing under cache; copies that commands write to go in scratch."""
    cache.mkdir(parents=True, exist_ok=True)
    size = ("--years", "2", "--notes", "3000") if tiny else ("--years", "10", "--notes", "100000")
    small = _demo(cache / "s.db", env, *(("--notes", "300") if tiny else ()))
    xl = _demo(cache / "xl.db", env, *size)
    scale = _demo(cache / "xl-scale.db", env, *size, "--scale", "2000" if tiny else "100000")
    _upgrade_cached(env, small, xl, scale, cache / "xl-encrypted.db")
    encrypted = _encrypted(xl, cache, env)
    notes = scratch / "notes.db"
    shutil.copyfile(small, notes)
    jrnl = _jrnl(cache.parent)
    configs = {"small": _jrnl_journal(small, cache, "small"), "xl": _jrnl_journal(xl, cache, "xl")}
    small_copy = scratch / "jrnl-small.txt"  # jrnl's note writes into a copy
    shutil.copyfile(cache / "jrnl-small.txt", small_copy)
    configs["small"].write_text(
        configs["small"].read_text("utf-8").replace(str(cache / "jrnl-small.txt"), str(small_copy)),
        encoding="utf-8",
    )
    return Journals(small, xl, scale, encrypted, notes, jrnl, configs)
