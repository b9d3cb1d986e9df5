#!/usr/bin/env bash
# The Linux tarball from the bundle `make package` built:
#
#   bash packaging/linux/make-tarball.sh [BUNDLE_DIR]   (default dist/hearth; `make package-linux`)
#
# gives dist/hearth-VERSION-linux-ARCH.tar.gz and its .sha256. Inside, one folder:
#   hearth/          the one-folder bundle (hearth executable + _internal/)
#   hearth.desktop   the menu entry (resources/hearth.desktop)
#   hearth.svg       the icon (resources/icons/hearth.svg)
#   install.sh       per-user (or --system) install, upgrade and --uninstall
#   README.txt       the same in a few lines for the person who unpacks it
# The archive is reproducible: names sorted, owner root, every time the last commit's (or
# SOURCE_DATE_EPOCH), gzip without its own time stamp.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bundle=${1:-$root/dist/hearth}
[ -x "$bundle/hearth" ] || { echo "No bundle in $bundle: run 'make package' first." >&2; exit 2; }

version=$("$bundle/hearth" --version | awk '{print $2}')
name=hearth-$version-linux-$(uname -m)
out=$root/dist/$name.tar.gz
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir "$stage/$name"
cp -a "$bundle" "$stage/$name/hearth"
install -m 644 "$root/resources/hearth.desktop" "$stage/$name/hearth.desktop"
install -m 644 "$root/resources/icons/hearth.svg" "$stage/$name/hearth.svg"
install -m 755 "$root/packaging/linux/install.sh" "$stage/$name/install.sh"
cat >"$stage/$name/README.txt" <<EOF
Hearth $version for Linux ($(uname -m))

  ./install.sh               install for you (~/.local), no root needed
  sudo ./install.sh --system install for every account (/usr/local)
  ./install.sh --uninstall   remove it again (your vault stays)

Or run it from here without installing: ./hearth/hearth
Check that it works on this computer: ./hearth/hearth --self-test
For whoever helps you: ./hearth/hearth doctor --support-bundle hearth-support.zip
makes a ZIP with the facts they need, and no passphrase, key or data of yours.
EOF

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$stage/$name/hearth.desktop"
else
  echo "desktop-file-validate is not installed (desktop-file-utils): the menu entry is not checked."
fi

epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p "$root/dist"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -C "$stage" -cf - "$name" | gzip -n -6 >"$out.part"
mv "$out.part" "$out"
(cd "$root/dist" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$out ($(du -h "$out" | cut -f1)): $(cut -d' ' -f1 "$out.sha256")"
