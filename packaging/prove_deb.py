"""Install the built .deb on this machine, use it as a person would, remove it, measure.

    sudo python3 packaging/prove_deb.py [--deb dist/ceocto_0.1.0_amd64.deb]
        [--venv /tmp/package-venv] [--runs 3]

Needs root (dpkg -i), Xvfb and xwininfo. Every journal it writes lives in a temporary
home; the package is removed at the end even when a step fails. Prints one line per step and
the figures: package size, installed size, and start-to-window time of the bundle next to
the venv's `ceocto` (the same checkout, pip-installed), alternating in one loop.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = Path("/usr/bin/ceocto")
DEMO_UNTIL = "2026-11-30"  # a fixed "today": the same demo journal every run
QUARTER = "2026-Q3"
WORD = "pricing"


class ProofFailed(Exception):
    """A step did not do what a person would expect."""


def step(message: str) -> None:
    """One line of progress."""
    print(f"- {message}", flush=True)


def run(command: list[str], environment: dict[str, str], expect: int = 0) -> str:
    """Run a command; its stdout, or ProofFailed naming the command and its stderr."""
    done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
    if done.returncode != expect:
        raise ProofFailed(
            f"{' '.join(command)} exited {done.returncode} (expected {expect}): "
            f"{done.stderr.strip() or done.stdout.strip()}"
        )
    return done.stdout


@contextmanager
def xvfb(number: int) -> Iterator[str]:
    """An X server on :number for the length of the block."""
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    name = f":{number}"
    try:
        deadline = time.monotonic() + 15
        probe = ["xwininfo", "-root", "-display", name]
        while subprocess.run(probe, capture_output=True).returncode:
            if time.monotonic() > deadline:
                raise ProofFailed("Xvfb did not start")
            time.sleep(0.1)
        yield name
    finally:
        server.terminate()
        server.wait(timeout=10)


def seconds_to_window(command: list[str], environment: dict[str, str], title: str) -> float:
    """Start the window; seconds until a window with title exists; then close it (SIGTERM)."""
    started = time.monotonic()
    app = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        while True:
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree", "-display", environment["DISPLAY"]],
                capture_output=True,
                text=True,
            ).stdout
            if title in tree:
                elapsed = time.monotonic() - started
                break
            if app.poll() is not None:
                raise ProofFailed(f"{command[0]} exited {app.returncode}: {app.stderr.read()}")
            if time.monotonic() - started > 60:
                raise ProofFailed(f"no window titled {title!r} after 60 s")
            time.sleep(0.02)
        app.send_signal(signal.SIGTERM)
        if app.wait(timeout=30) != 0:
            raise ProofFailed(f"{command[0]} closed with {app.returncode}: {app.stderr.read()}")
        return elapsed
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def package_field(deb: Path, field: str) -> str:
    """One field of the package's control file."""
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def all_fonts_embedded(pdffonts: str) -> bool:
    """Whether pdffonts' table lists fonts and says "yes" in the emb column of each."""
    if not pdffonts:
        return True  # no pdffonts here: the %PDF check alone
    header, _rule, *rows = pdffonts.splitlines()
    column = header.index("emb")
    return bool(rows) and all(row[column : column + 3] == "yes" for row in rows)


def use_the_installed_package(home: Path, environment: dict[str, str], version: str) -> Path:
    """Every shell command a person runs first; returns the default journal's path."""
    ceocto = str(INSTALLED)
    shown = run([ceocto, "--version"], environment).strip()
    if shown != f"ceocto {version}":
        raise ProofFailed(f"ceocto --version says {shown!r}, the package is {version}")
    step(f"ceocto --version: {shown}")
    journal = home / ".local" / "share" / "ceocto" / "journal.db"
    journal.parent.mkdir(parents=True)
    run([ceocto, "demo", str(journal), "--until", DEMO_UNTIL, "--notes", "300"], environment)
    checked = run([ceocto, "check"], environment).strip()  # no --db: the default journal
    if checked != "ok":
        raise ProofFailed(f"ceocto check said {checked!r}")
    step(f"ceocto demo {journal} and ceocto check (default journal): ok")
    found = run([ceocto, "search", WORD, "--limit", "3"], environment)
    if f"[{WORD}" not in found.lower():
        raise ProofFailed(f"ceocto search {WORD} found no highlighted hit: {found!r}")
    step(f"ceocto search {WORD}: {found.count(chr(10)) // 2} results shown")
    pdf = home / "retro.pdf"
    run(
        [ceocto, "export", "retro", "--quarter", QUARTER, "--format", "pdf", "-o", str(pdf)],
        environment,
    )
    fonts = run(["pdffonts", str(pdf)], environment) if shutil.which("pdffonts") else ""
    if not pdf.read_bytes().startswith(b"%PDF") or not all_fonts_embedded(fonts):
        raise ProofFailed(f"{pdf} is not a PDF with embedded fonts:\n{fonts}")
    step(f"ceocto export retro --format pdf: {pdf.stat().st_size // 1024} KiB, fonts embedded")
    # Again as on a system with no font installed: the font comes from the bundle.
    config = home / "no-fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{home / 'fc-cache'}</cachedir></fontconfig>\n")
    bare = home / "retro-no-system-fonts.pdf"
    run(
        [ceocto, "export", "retro", "--quarter", QUARTER, "--format", "pdf", "-o", str(bare)],
        {**environment, "FONTCONFIG_FILE": str(config)},
    )
    fonts = run(["pdffonts", str(bare)], environment) if shutil.which("pdffonts") else ""
    if fonts and ("DejaVuSans" not in fonts or not all_fonts_embedded(fonts)):
        raise ProofFailed(f"{bare} lacks the bundled DejaVu Sans:\n{fonts}")
    step("the same export with no system font: DejaVu Sans from the bundle, embedded")
    brief = home / "board.html"
    run([ceocto, "export", "board", "--format", "html", "-o", str(brief)], environment)
    if "<html" not in brief.read_text(encoding="utf-8").lower():
        raise ProofFailed(f"{brief} is not an HTML page")
    note = run([ceocto, "note", "Installed from the .deb", "--author", "A"], environment).strip()
    step(f"ceocto export board --format html and ceocto note (id {note[:8]}…)")
    run([ceocto, "backup"], environment)
    step("ceocto backup: " + ", ".join(p.name for p in (journal.parent / "backups").iterdir()))
    return journal


def search_an_encrypted_journal(home: Path, journal: Path, environment: dict[str, str]) -> None:
    """Encrypt a copy with a passphrase from a file; search it with and without the file."""
    secret = home / "passphrase.txt"
    secret.write_text("correct horse battery staple\n")
    secret.chmod(0o600)
    encrypted = home / "encrypted.db"
    shutil.copyfile(journal, encrypted)
    with_file = {**environment, "CEOCTO_PASSPHRASE_FILE": str(secret)}
    run([str(INSTALLED), "encrypt", "--db", str(encrypted), "--remove-plain-backup"], with_file)
    if encrypted.read_bytes()[:16] == b"SQLite format 3\x00":
        raise ProofFailed(f"{encrypted} is still a plain SQLite file")
    found = run([str(INSTALLED), "search", WORD, "--db", str(encrypted)], with_file)
    if f"[{WORD}" not in found.lower():
        raise ProofFailed(f"no hit in the encrypted journal: {found!r}")
    run([str(INSTALLED), "search", WORD, "--db", str(encrypted)], environment, expect=1)
    step("encrypted journal: searched with CEOCTO_PASSPHRASE_FILE, refused without it")


def time_the_windows(
    environment: dict[str, str], venv_command: Path | None, runs: int
) -> dict[str, list[float]]:
    """Start-to-window seconds of the bundle and the venv, alternating, runs times each."""
    commands = {"bundle": [str(INSTALLED)]}
    if venv_command is not None:
        commands["venv"] = [str(venv_command)]
    samples: dict[str, list[float]] = {name: [] for name in commands}
    title = "ceocto — journal.db"
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(seconds_to_window(command, environment, title))
    return samples


def remove_and_check(journal: Path) -> None:
    """dpkg -r, then purge: the program goes, the journal and its backups stay as they were."""
    before = {path: path.read_bytes() for path in journal.parent.rglob("*") if path.is_file()}
    subprocess.run(["dpkg", "-r", "ceocto"], check=True, capture_output=True)
    subprocess.run(["dpkg", "-P", "ceocto"], check=True, capture_output=True)
    if INSTALLED.exists() or Path("/opt/ceocto").exists():
        raise ProofFailed("dpkg -r left /usr/bin/ceocto or /opt/ceocto behind")
    after = {path: path.read_bytes() for path in journal.parent.rglob("*") if path.is_file()}
    if after != before or journal not in after:
        raise ProofFailed("removing the package changed the journal folder")
    names = sorted(str(path.relative_to(journal.parent)) for path in after)
    step(f"dpkg -r and -P ceocto: the program is gone; still there, unchanged: {names}")


def main() -> int:
    """Install, use, time, remove; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    found = sorted((ROOT / "dist").glob("ceocto_*.deb"))
    parser.add_argument("--deb", type=Path, default=found[-1] if found else None)
    parser.add_argument("--venv", type=Path, default=Path("/tmp/package-venv"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.deb is None or not args.deb.is_file():
        print("prove_deb: no .deb; run packaging/build.sh first", file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        print("prove_deb: dpkg -i needs root", file=sys.stderr)
        return 2
    version = package_field(args.deb, "Version")
    venv_command = args.venv / "bin" / "ceocto"
    with tempfile.TemporaryDirectory(prefix="ceocto-prove-") as scratch:
        home = Path(scratch) / "home"
        home.mkdir()
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("XDG_", "QT_", "CEOCTO_"))
        }
        environment["HOME"] = str(home)
        installed = False
        try:
            subprocess.run(["dpkg", "-i", str(args.deb)], check=True, capture_output=True)
            installed = True
            step(f"dpkg -i {args.deb.name}")
            journal = use_the_installed_package(home, environment, version)
            search_an_encrypted_journal(home, journal, environment)
            with xvfb(90 + os.getpid() % 100) as display:
                on_screen = {**environment, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
                samples = time_the_windows(
                    on_screen, venv_command if venv_command.exists() else None, args.runs
                )
            step("the window opened under Xvfb with its title, and closed on SIGTERM")
            remove_and_check(journal)
            installed = False
        except (ProofFailed, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", None) or ""
            print(f"prove_deb: FAILED: {exc} {detail}".strip(), file=sys.stderr)
            return 1
        finally:
            if installed:
                subprocess.run(["dpkg", "-P", "ceocto"], capture_output=True)
    size = args.deb.stat().st_size
    installed_kib = int(package_field(args.deb, "Installed-Size"))
    print(
        f"package: {args.deb.name}, {size / 2**20:.1f} MiB; "
        f"installed: {installed_kib / 1024:.1f} MiB"
    )
    for name, values in samples.items():
        shown = ", ".join(f"{value:.2f}" for value in values)
        print(f"start to window title ({name}): median {statistics.median(values):.2f} s ({shown})")
    print("prove_deb: all steps passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
