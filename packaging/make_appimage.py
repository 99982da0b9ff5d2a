"""Lay out the AppImage's AppDir from the bundle and, when appimagetool is on PATH, pack it.

    python make_appimage.py --bundle dist/bundle/ceocto --icons dist/icons \
        --version 0.1.0 --out dist

appimagetool (and the AppImage runtime it prepends) comes only from the AppImage project's
GitHub releases: no Debian, PyPI or npm package carries it, so on a machine without it this
stops after the AppDir, which runs as the AppImage would (`dist/ceocto.AppDir/AppRun`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_appdir(bundle: Path, icons: Path, appdir: Path) -> Path:
    """Write the AppDir: AppRun, the desktop entry and icon at its top, the bundle inside."""
    if appdir.exists():
        shutil.rmtree(appdir)
    shutil.copytree(bundle, appdir / "opt" / "ceocto", symlinks=True)
    # The bundle's program finds its _internal folder from its real path, so a link works.
    (appdir / "AppRun").symlink_to("opt/ceocto/ceocto")
    shutil.copyfile(ROOT / "resources" / "ceocto.desktop", appdir / "ceocto.desktop")
    shutil.copyfile(ROOT / "resources" / "icons" / "ceocto.svg", appdir / "ceocto.svg")
    shutil.copyfile(icons / "256x256" / "ceocto.png", appdir / "ceocto.png")
    (appdir / ".DirIcon").symlink_to("ceocto.png")
    return appdir


def pack(appdir: Path, target: Path) -> Path | None:
    """Run appimagetool on the AppDir; None when it is not installed."""
    tool = shutil.which("appimagetool")
    if tool is None:
        return None
    subprocess.run(
        [tool, "--no-appstream", str(appdir), str(target)],
        check=True,
        env={**os.environ, "ARCH": "x86_64"},
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
    appdir = make_appdir(args.bundle, args.icons, args.out / "ceocto.AppDir")
    print(appdir)
    packed = pack(appdir, args.out / f"ceocto-{args.version}-x86_64.AppImage")
    if packed is None:
        print(
            "appimagetool is not on PATH (it ships only from the AppImage project's GitHub "
            "releases): the AppDir is ready, the AppImage is not built."
        )
    else:
        print(packed)


if __name__ == "__main__":
    main()
