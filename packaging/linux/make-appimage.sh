#!/usr/bin/env bash
# The AppImage: one file a person downloads, marks executable and runs, on any distribution
# with the builder's glibc or newer (the release workflow builds on ubuntu-22.04 for that).
#
#   bash packaging/linux/make-appimage.sh [BUNDLE_DIR]   (default dist/hearth; `make appimage`)
#
# Makes dist/Hearth.AppDir from the bundle, then dist/Hearth-VERSION-ARCH.AppImage with
# appimagetool (https://github.com/AppImage/appimagetool; APPIMAGETOOL=/path/to/it, or on
# PATH). Without appimagetool it stops after the AppDir, which runs as it is:
# dist/Hearth.AppDir/AppRun --self-test.
#
# The AppDir:
#   AppRun                        starts usr/lib/hearth/hearth with the arguments given
#   hearth.desktop, hearth.svg    the menu entry and icon appimagetool and desktops read
#   .DirIcon                      the icon again, for file managers
#   usr/lib/hearth/               the one-folder bundle
#   usr/share/applications/, usr/share/icons/hicolor/scalable/apps/   for desktop integration
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bundle=${1:-$root/dist/hearth}
[ -x "$bundle/hearth" ] || { echo "No bundle in $bundle: run 'make package' first." >&2; exit 2; }
version=$("$bundle/hearth" --version | awk '{print $2}')
arch=$(uname -m)
appdir=$root/dist/Hearth.AppDir
out=$root/dist/Hearth-$version-$arch.AppImage

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" \
  "$appdir/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle" "$appdir/usr/lib/hearth"
cat >"$appdir/AppRun" <<'EOF'
#!/bin/sh
# The AppImage runtime mounts the image and runs this; $APPDIR is where it is mounted.
here=${APPDIR:-$(dirname "$(readlink -f "$0")")}
exec "$here/usr/lib/hearth/hearth" "$@"
EOF
chmod 755 "$appdir/AppRun"
install -m 644 "$root/resources/hearth.desktop" "$appdir/hearth.desktop"
install -m 644 "$root/resources/hearth.desktop" "$appdir/usr/share/applications/hearth.desktop"
install -m 644 "$root/resources/icons/hearth.svg" "$appdir/hearth.svg"
install -m 644 "$root/resources/icons/hearth.svg" \
  "$appdir/usr/share/icons/hicolor/scalable/apps/hearth.svg"
ln -sfn hearth.svg "$appdir/.DirIcon"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$appdir/hearth.desktop"
fi
echo "$appdir: $("$appdir/AppRun" --version)"

tool=${APPIMAGETOOL:-$(command -v appimagetool || true)}
if [ -z "$tool" ]; then
  echo "appimagetool is not installed: stopped at the AppDir. Get it from" >&2
  echo "https://github.com/AppImage/appimagetool/releases and set APPIMAGETOOL=/path/to/it." >&2
  exit 3
fi
# Without FUSE (containers, CI runners) appimagetool, itself an AppImage, can still run by
# unpacking itself first.
APPIMAGE_EXTRACT_AND_RUN=1 ARCH=$arch "$tool" --no-appstream "$appdir" "$out"
(cd "$root/dist" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
echo "$out"
