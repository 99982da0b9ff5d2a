"""What the PyInstaller bundle leaves out: Qt modules, plugins and files ceocto never loads.

Kept apart from ceocto.spec so a fast test can check that nothing the app imports is left
out (tests/unit/test_packaging_recipe.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

# Python packages never imported by ceocto (qtpy, used by qtawesome, would pick another
# binding if one were found; the bundle ships PySide6 alone).
EXCLUDED_MODULES = [
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtHelp",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    # qtpy (under qtawesome) reaches QtOpenGL only for OpenGL names, which nothing asks for.
    "PySide6.QtOpenGL",
    # One SQLite library in the process: the journal is opened through sqlcipher3 alone.
    "sqlite3",
    "_sqlite3",
    "readline",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tkinter",
    "_tkinter",
    "IPython",
    "pytest",
    "hypothesis",
    "mypy",
]

# Parts of a shared library's or data file's path (inside the bundle) that mark what the
# app never loads; matched against the destination path of every collected file.
EXCLUDED_FILES = [
    "libQt6Qml",
    "libQt6Quick",
    "libQt6Pdf",
    "libQt6WebEngine",
    "libQt6WebChannel",
    "libQt6Designer",
    "libQt6Network",
    "libQt6Sql",
    "libQt6Test",
    "libQt6VirtualKeyboard",
    "libQt6ShaderTools",
    # Qt's own translations: ceocto's window is English and loads no QTranslator.
    "/translations/",
    # The PDF image-format plugin needs QtPdf; network and TLS plugins need QtNetwork.
    "imageformats/libqpdf",
    "/tls/",
    "/networkinformation/",
    "platforminputcontexts/libqtvirtualkeyboard",
    "/qml/",
    # Platforms for kiosks and embedded boards (a desktop has X11 or Wayland), and their
    # device integrations and input plugins.
    "/egldeviceintegrations/",
    "/generic/",
    "platforms/libqeglfs",
    "platforms/libqlinuxfb",
    "platforms/libqvnc",
    "platforms/libqvkkhrdisplay",
    "platforms/libqminimalegl",
    "libQt6EglFS",
    "libQt6EglFs",
    # The GTK 3 theme plugin links GTK, Pango and Cairo (15 libraries, and GTK itself is not
    # bundled); the XDG desktop portal theme gives the light/dark scheme without them.
    "platformthemes/libqgtk3",
    # Libraries that must match the desktop they run on, taken from the system instead
    # (the Debian package depends on them): a bundled libstdc++ older than the system's
    # breaks its OpenGL driver, a bundled fontconfig misreads a newer system's font
    # configuration, and X11, D-Bus and GLib talk to the running session.
    "/libstdc++.so",
    "/libgcc_s.so",
    "/libfontconfig.so",
    "/libfreetype.so",
    "/libX11.so",
    "/libX11-xcb.so",
    "/libXext.so",
    "/libXrender.so",
    "/libXau.so",
    "/libXdmcp.so",
    "/libxcb.so",
    "/libdbus-1.so",
    "/libsystemd.so",
    "/libglib-2.0.so",
    "/libgobject-2.0.so",
    "/libgio-2.0.so",
    "/libgmodule-2.0.so",
    "/libgthread-2.0.so",
    "/libwayland-",
]

# Debian packages the bundle needs that no file of it links to (dpkg-shlibdeps finds the rest).
EXTRA_DEPENDS = [
    # A font for the window (Qt draws with the system's fonts through fontconfig; the PDF
    # falls back to matplotlib's bundled DejaVu Sans, but the window does not).
    "fonts-dejavu-core",
]

# The Qt modules ceocto imports; a test checks none of them is excluded above.
QT_MODULES_USED = ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"]


def is_excluded_file(destination: str) -> bool:
    """Whether a collected file (by its path inside the bundle) is one to leave out."""
    path = "/" + destination.replace("\\", "/")
    return any(part in path for part in EXCLUDED_FILES)


SYSTEM_LIBRARY_FOLDERS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def needed_libraries(path: str) -> list[str]:
    """The sonames an ELF file names as DT_NEEDED (none for a file that is not ELF)."""
    import subprocess

    shown = subprocess.run(
        ["readelf", "--dynamic", "--wide", path], capture_output=True, text=True, check=False
    ).stdout
    return [
        line.rsplit("[", 1)[1].rstrip("]")
        for line in shown.splitlines()
        if "(NEEDED)" in line and "[" in line
    ]


def keep_reached(
    binaries: list[tuple[str, str, str]], needed: Callable[[str], list[str]] = needed_libraries
) -> list[tuple[str, str, str]]:
    """Drop the system libraries that only a left-out file needed.

    PyInstaller collects a library's dependencies before the spec can leave the library
    out; the GTK theme plugin alone brings GTK's stack. Every file from Python's packages
    is kept; a file copied from the system's library folders stays only if a kept file
    still names it (directly or through another kept one).
    """
    by_name = {PurePosixPath(dest).name: entry for entry in binaries for dest in [entry[0]]}
    kept = {entry[0] for entry in binaries if not entry[1].startswith(SYSTEM_LIBRARY_FOLDERS)}
    queue = [entry for entry in binaries if entry[0] in kept]
    while queue:
        for name in needed(queue.pop()[1]):
            found = by_name.get(name)
            if found is not None and found[0] not in kept:
                kept.add(found[0])
                queue.append(found)
    return [entry for entry in binaries if entry[0] in kept]


def strip_symbols(bundle: str) -> int:
    """Strip symbol tables from the bundle's ELF files; return how many were stripped.

    Python's shared library and the sqlcipher3 module carry 30 MB of symbols. Libraries
    under a wheel's `*.libs` folder (NumPy's OpenBLAS, Pillow's codecs) are left alone:
    auditwheel rewrote their headers, and `strip` makes them unloadable ("ELF load command
    address/offset not page-aligned").
    """
    import subprocess
    from pathlib import Path

    stripped = 0
    for path in sorted(Path(bundle).rglob("*.so*")):
        if path.is_symlink() or any(part.endswith(".libs") for part in path.parts):
            continue
        sections = subprocess.run(
            ["readelf", "--section-headers", "--wide", str(path)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if " .symtab " in sections:
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
            stripped += 1
    return stripped
