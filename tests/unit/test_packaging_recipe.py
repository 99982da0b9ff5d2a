"""The Linux packaging recipe (packaging/) without a PyInstaller build: what the bundle leaves
out, and the Debian package's layout, built by make_deb.py around a tiny stand-in bundle."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_contents  # noqa: E402
import make_appimage  # noqa: E402
import make_deb  # noqa: E402


def _imported_modules() -> set[str]:
    names: set[str] = set()
    for source in (ROOT / "ceocto_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_bundle_leaves_out_nothing_ceocto_imports():
    imported = _imported_modules()
    excluded = set(bundle_contents.EXCLUDED_MODULES)
    left_out = {name for name in imported if name in excluded or name.split(".")[0] in excluded}
    assert left_out == set()
    qt_used = {".".join(name.split(".")[:2]) for name in imported if name.startswith("PySide6.")}
    assert qt_used <= set(bundle_contents.QT_MODULES_USED)


@pytest.mark.parametrize(
    ("destination", "excluded"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", True),
        ("PySide6/Qt/lib/libQt6Qml.so.6", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("libstdc++.so.6", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/lib/libQt6Svg.so.6", False),
        ("libxcb-cursor.so.0", False),
        ("qtawesome/fonts/fontawesome5-solid-webfont-5.15.4.ttf", False),
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", False),
        ("ceocto_desktop/resources/icons/ceocto.svg", False),
    ],
)
def test_which_collected_files_the_bundle_leaves_out(destination, excluded):
    assert bundle_contents.is_excluded_file(destination) is excluded


def test_a_system_library_only_a_left_out_plugin_needed_is_dropped():
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libpng16.so.16", "/usr/lib/x86_64-linux-gnu/libpng16.so.16", "BINARY"),
        ("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "BINARY"),
        ("libcairo.so.2", "/usr/lib/x86_64-linux-gnu/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/usr/lib/x86_64-linux-gnu/libpixman-1.so.0", "BINARY"),
    ]
    needs = {
        "/venv/PySide6/Qt/lib/libQt6Gui.so.6": ["libpng16.so.16", "libc.so.6"],
        "/usr/lib/x86_64-linux-gnu/libpng16.so.16": ["libz.so.1"],
        # Only the GTK theme plugin (left out) needed cairo, and cairo needs pixman.
        "/usr/lib/x86_64-linux-gnu/libcairo.so.2": ["libpixman-1.so.0", "libz.so.1"],
    }
    kept = bundle_contents.keep_reached(binaries, lambda path: needs.get(path, []))
    assert [entry[0] for entry in kept] == [
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "libpng16.so.16",
        "libz.so.1",
    ]


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: the README's test command must install dpkg-dev")
        pytest.skip(f"{tool} is not installed")


def _stand_in_bundle(tmp_path: Path) -> tuple[Path, Path]:
    """A bundle folder with a real ELF program and a data file, and rendered icons."""
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copyfile("/bin/true", bundle / "ceocto")
    (bundle / "ceocto").chmod(0o755)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    icons = tmp_path / "icons"
    for size in (16, 48, 256):
        (icons / f"{size}x{size}").mkdir(parents=True)
        (icons / f"{size}x{size}" / "ceocto.png").write_bytes(b"\x89PNG stand-in")
    return bundle, icons


@pytest.fixture
def deb(tmp_path: Path) -> Path:
    """make_deb.py around a stand-in bundle."""
    _require("dpkg-deb")
    _require("dpkg-shlibdeps")
    bundle, icons = _stand_in_bundle(tmp_path)
    return make_deb.build(bundle, icons, "9.8.7", tmp_path / "out")


def test_a_private_umask_still_builds_a_package_dpkg_accepts(tmp_path):
    """A process umask of 077 (as ceocto sets while it creates a journal) once made the
    package's DEBIAN folder 0700, which dpkg-deb refuses."""
    _require("dpkg-deb")
    _require("dpkg-shlibdeps")
    bundle, icons = _stand_in_bundle(tmp_path)
    previous = os.umask(0o077)
    try:
        built = make_deb.build(bundle, icons, "9.8.7", tmp_path / "out")
    finally:
        os.umask(previous)
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(built), "Package"], capture_output=True, text=True
    )
    assert fields.returncode == 0, fields.stderr
    assert fields.stdout.strip() == "ceocto"


def test_the_appdir_starts_the_bundle_and_shows_its_entry_and_icon(tmp_path):
    bundle, icons = _stand_in_bundle(tmp_path)
    appdir = make_appimage.make_appdir(bundle, icons, tmp_path / "ceocto.AppDir")
    started = subprocess.run([str(appdir / "AppRun")], capture_output=True)
    assert started.returncode == 0  # the stand-in program (true) ran through AppRun
    assert (appdir / "AppRun").resolve() == (appdir / "opt" / "ceocto" / "ceocto").resolve()
    entry = (appdir / "ceocto.desktop").read_text()
    assert "Exec=ceocto" in entry and "Icon=ceocto" in entry
    assert (appdir / ".DirIcon").read_bytes() == (icons / "256x256" / "ceocto.png").read_bytes()
    assert (appdir / "ceocto.svg").read_bytes().startswith(b"<svg")


def _contents(deb: Path) -> dict[str, str]:
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    rows = {}
    for line in listing.splitlines():
        fields = line.split(maxsplit=5)
        rows[fields[5].removeprefix(".")] = fields[0]  # path (and link target) -> mode
    return rows


def test_the_package_puts_the_bundle_in_opt_and_a_command_and_menu_entry_in_usr(deb):
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert deb.name == f"ceocto_9.8.7_{architecture}.deb"
    contents = _contents(deb)
    assert contents["/opt/ceocto/ceocto"] == "-rwxr-xr-x"
    assert "/opt/ceocto/_internal/base_library.zip" in contents
    assert contents["/usr/bin/ceocto -> /opt/ceocto/ceocto"].startswith("l")
    assert "/usr/share/applications/ceocto.desktop" in contents
    assert "/usr/share/icons/hicolor/scalable/apps/ceocto.svg" in contents
    for size in (16, 48, 256):
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/ceocto.png" in contents
    # Nothing under a home folder, nothing in /var: the package owns no journal.
    assert not any(path.startswith(("/home", "/root", "/var")) for path in contents)


def test_the_package_depends_on_the_system_libraries_and_runs_no_scripts(deb):
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends", "Installed-Size"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: ceocto" in fields and "Version: 9.8.7" in fields
    depends = fields.split("Depends: ", 1)[1].splitlines()[0]
    assert "libc6" in depends  # from dpkg-shlibdeps on the ELF program
    assert "fonts-dejavu-core" in depends  # the PDF font
    assert int(fields.split("Installed-Size: ", 1)[1].split()[0]) > 0
    control = subprocess.run(
        ["dpkg-deb", "--ctrl-tarfile", str(deb)], capture_output=True, check=True
    ).stdout
    listed = subprocess.run(
        ["tar", "-t"], input=control, capture_output=True, check=True
    ).stdout.decode()
    # No preinst, postinst, prerm or postrm: removing the package deletes only its files.
    assert sorted(name.removeprefix("./") for name in listed.split() if name != "./") == ["control"]
