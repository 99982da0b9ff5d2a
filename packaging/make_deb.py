"""Build the Debian package from a PyInstaller bundle with dpkg-deb.

    python make_deb.py --bundle dist/bundle/ceocto --icons dist/icons --version 0.1.0 --out dist

Layout: the bundle under /opt/ceocto, /usr/bin/ceocto a link to it, the desktop entry in
/usr/share/applications, the icon as SVG and PNGs in the hicolor theme. Depends: comes from
dpkg-shlibdeps over every ELF file of the bundle (the system libraries it does not carry),
plus EXTRA_DEPENDS. There are no maintainer scripts: dpkg's triggers refresh the menu and
the icon cache, and removing or purging the package deletes only the files it installed,
never a journal or a backup under a person's home.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_contents import EXTRA_DEPENDS

ROOT = Path(__file__).resolve().parent.parent
MAINTAINER = "ceocto developers <ceocto@localhost>"
DESCRIPTION = """\
private, offline journal for a CEO and CTO pair
 ceocto keeps the goals a founder pair shares, the obstacles in their way, the
 decisions they take and a weekly check-in on how well they work together, with
 trends, a quarterly retrospective and a board brief. Nothing leaves the
 machine. This package carries its own Python, Qt and SQLCipher."""


def is_elf(path: Path) -> bool:
    """Whether path is an ELF file (a program or a shared library)."""
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def shlib_depends(bundle: Path) -> list[str]:
    """The packages of the system libraries the bundle's ELF files need, by dpkg-shlibdeps."""
    elves = sorted(path for path in bundle.rglob("*") if is_elf(path))
    library_dirs = sorted({str(path.parent) for path in elves})
    with tempfile.TemporaryDirectory(prefix="ceocto-shlibdeps-") as scratch:
        (Path(scratch) / "debian").mkdir()
        (Path(scratch) / "debian" / "control").write_text(
            "Source: ceocto\n\nPackage: ceocto\nArchitecture: any\n"
        )
        found = subprocess.run(
            [
                "dpkg-shlibdeps",
                "-O",
                "--ignore-missing-info",
                "--warnings=1",
                *(f"-l{folder}" for folder in library_dirs),
                *(str(path) for path in elves),
            ],
            cwd=scratch,
            capture_output=True,
            text=True,
        )
    if found.returncode != 0:
        errors = [row for row in found.stderr.splitlines() if "warning" not in row]
        raise SystemExit("make_deb: dpkg-shlibdeps failed:\n" + "\n".join(errors))
    line = next(row for row in found.stdout.splitlines() if row.startswith("shlibs:Depends="))
    return [item.strip() for item in line.split("=", 1)[1].split(",") if item.strip()]


def stage(bundle: Path, icons: Path, root: Path) -> None:
    """Lay out the package's files under root."""
    shutil.copytree(bundle, root / "opt" / "ceocto", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "ceocto").symlink_to("/opt/ceocto/ceocto")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    entry = share / "applications" / "ceocto.desktop"
    shutil.copyfile(ROOT / "resources" / "ceocto.desktop", entry)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "icons" / "ceocto.svg", scalable / "ceocto.svg")
    for png in sorted(icons.glob("*x*/ceocto.png")):
        target = share / "icons" / "hicolor" / png.parent.name / "apps" / "ceocto.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(png, target)
    doc = share / "doc" / "ceocto"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "ceocto: proprietary. The bundle carries Python (PSF licence), Qt and PySide6\n"
        "(LGPLv3), SQLCipher (BSD), matplotlib, NumPy, SQLAlchemy, Alembic, qtawesome and\n"
        "their fonts under their own licences.\n"
    )
    for path in root.rglob("*"):
        if not path.is_symlink():
            mode = 0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644
            path.chmod(mode)


def installed_size_kib(root: Path) -> int:
    """What the package takes on disk once installed, in KiB (as dpkg counts it)."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        else:
            total += (path.stat().st_size + 1023) // 1024
    return total


def control_text(version: str, architecture: str, depends: list[str], size: int) -> str:
    """The DEBIAN/control file."""
    return (
        f"Package: ceocto\nVersion: {version}\nArchitecture: {architecture}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size}\n"
        f"Depends: {', '.join(depends)}\n"
        "Recommends: hicolor-icon-theme, desktop-file-utils\n"
        "Section: misc\nPriority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def build(bundle: Path, icons: Path, version: str, out: Path) -> Path:
    """Stage, write the control file and run dpkg-deb; return the .deb's path."""
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ceocto-deb-", dir=out) as scratch:
        root = Path(scratch) / "root"
        stage(bundle, icons, root)
        # Modes set, not left to the umask (a private 077 one made DEBIAN 0700: refused).
        root.chmod(0o755)
        (root / "DEBIAN").mkdir()  # where dpkg-shlibdeps sees the package's root
        (root / "DEBIAN").chmod(0o755)
        depends = sorted(set(shlib_depends(root / "opt" / "ceocto")) | set(EXTRA_DEPENDS))
        control = control_text(version, architecture, depends, installed_size_kib(root))
        (root / "DEBIAN" / "control").write_text(control)
        (root / "DEBIAN" / "control").chmod(0o644)
        target = out / f"ceocto_{version}_{architecture}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(root), str(target)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def main() -> None:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--icons", type=Path, required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(build(args.bundle, args.icons, args.version, args.out))


if __name__ == "__main__":
    main()
