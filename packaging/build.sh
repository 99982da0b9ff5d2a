#!/usr/bin/env bash
# Build ceocto for Linux: the PyInstaller one-folder bundle, the Debian package and the
# AppImage's AppDir (the AppImage too when appimagetool is on PATH). See docs/PACKAGING.md.
#
#   packaging/build.sh            # everything into dist/
#
# PYTHON: the Python to build with (default python3; it needs its shared libpython,
#   e.g. Debian's libpython3.11). CEOCTO_PACKAGE_VENV: the scratch virtualenv that gets
#   PyInstaller and this checkout, not editable (default /tmp/package-venv).
#   CEOCTO_DIST: where the outputs go (default dist/ in the checkout).
# Needs dpkg-dev (dpkg-shlibdeps) and binutils (readelf): apt-get install dpkg-dev binutils.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
venv=${CEOCTO_PACKAGE_VENV:-/tmp/package-venv}
out=${CEOCTO_DIST:-$root/dist}
pyinstaller_version=6.22.3

for tool in dpkg-deb dpkg-shlibdeps readelf; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool is missing (apt-get install dpkg-dev binutils)" >&2; exit 1; }
done
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/pip" install --quiet "pyinstaller==$pyinstaller_version" "$root"
# This checkout as it is now, even when the version number did not change.
"$venv/bin/pip" install --quiet --no-deps --force-reinstall "$root"
version=$("$venv/bin/python" -c 'import ceocto_desktop; print(ceocto_desktop.__version__)')

rm -rf "$out/bundle" "$out/icons"
mkdir -p "$out"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath "$out/bundle" --workpath "$out/pyinstaller-work" "$root/packaging/ceocto.spec"
"$venv/bin/python" "$root/packaging/render_icons.py" "$root/resources/icons/ceocto.svg" "$out/icons" >/dev/null
"$venv/bin/python" "$root/packaging/make_deb.py" \
  --bundle "$out/bundle/ceocto" --icons "$out/icons" --version "$version" --out "$out"
"$venv/bin/python" "$root/packaging/make_appimage.py" \
  --bundle "$out/bundle/ceocto" --icons "$out/icons" --version "$version" --out "$out"
