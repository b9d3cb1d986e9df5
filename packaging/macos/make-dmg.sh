#!/usr/bin/env bash
# Sign dist/Hearth.app and put it in a disk image, on a Mac, after
#   python packaging/make_icons.py macos
#   pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/hearth.spec
#
#   bash packaging/macos/make-dmg.sh
#
# gives dist/hearth-VERSION-macos-ARCH.dmg: Hearth.app and a link to Applications, to drag
# it onto. Signing, from the environment:
#   MACOS_SIGNING_IDENTITY  a "Developer ID Application: ..." identity in the keychain; without
#                           it the app is signed ad hoc ("-"), which runs on the Mac that
#                           built it but that Gatekeeper refuses elsewhere, and the Keychain
#                           asks again after every update (packaging/README.md);
#   MACOS_NOTARY_PROFILE    a `xcrun notarytool store-credentials` profile: when given, the
#                           DMG is notarized and the ticket stapled to it.
# The hardened runtime is on in every case, with packaging/macos/entitlements.plist, so an
# ad-hoc build already fails where a notarized one would.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
app=$root/dist/Hearth.app
[ -d "$app" ] || { echo "No $app: build it with PyInstaller on this Mac first." >&2; exit 2; }
identity=${MACOS_SIGNING_IDENTITY:--}

version=$("$app/Contents/MacOS/hearth" --version | awk '{print $2}')
dmg=$root/dist/hearth-$version-macos-$(uname -m).dmg

# One signature over the whole app, inside out (--deep): every library and plugin, then
# both executables, then the bundle. A timestamp only with a real identity.
# (macOS's bash is 3.2: an empty array cannot be expanded under `set -u`, hence the form.)
timestamp=()
if [ "$identity" != "-" ]; then timestamp=(--timestamp); fi
codesign --force --deep --options runtime ${timestamp[@]+"${timestamp[@]}"} \
  --entitlements "$root/packaging/macos/entitlements.plist" --sign "$identity" "$app"
codesign --verify --deep --strict --verbose=2 "$app"

# The signed app must still pass its own self-test (the hardened runtime is on now).
"$app/Contents/MacOS/hearth" --self-test

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/Hearth.app"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "Hearth $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
if [ "$identity" != "-" ]; then codesign --force --sign "$identity" "$dmg"; fi

if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
fi
(cd "$root/dist" && shasum -a 256 "$(basename "$dmg")" >"$(basename "$dmg").sha256")
echo "$dmg"
