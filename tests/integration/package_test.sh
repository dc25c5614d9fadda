#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack into a temporary folder and checks what they hold:
# the three binaries, resources, desktop entry, icon, AppStream data and the declared dependencies;
# then runs botwright-cli from the unpacked tarball to prove it finds its resources relative to itself.
set -euo pipefail
build_dir="$1"
libnode_dir="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build_dir" && cpack --config CPackConfig.cmake -B "$out" >/dev/null) || fail "cpack failed"
deb="$(ls "$out"/*.deb)"
tgz="$(ls "$out"/*.tar.gz)"

contents="$(dpkg-deb -c "$deb" | awk '{print $6}')"
for f in ./usr/bin/botwright ./usr/bin/botwright-cli ./usr/bin/botwright-vm \
         ./usr/share/applications/botwright.desktop ./usr/share/icons/hicolor/scalable/apps/botwright.svg \
         ./usr/share/metainfo/io.botwright.Studio.metainfo.xml ./usr/share/botwright/typescript/typescript.js \
         ./usr/share/botwright/examples/ping-pong/ping.ts ./usr/share/botwright/examples/ping-pong/hello.ts \
         ./usr/share/botwright/typescript/lib/lib.esnext.d.ts ./usr/share/botwright/typescript/lib/lib.es5.d.ts \
         ./usr/share/botwright/sdk/index.d.ts ./usr/share/botwright/sdk/discord_models.d.ts; do
  grep -qx -- "$f" <<<"$contents" || fail "$f missing from the .deb"
done
depends="$(dpkg-deb -f "$deb" Depends)"
for d in libqt6widgets6 libqscintilla2-qt6-15 libnode108 qt6-qpa-plugins libqt6keychain1; do
  grep -q "$d" <<<"$depends" || fail ".deb does not depend on $d"
done

mkdir "$out/unpacked"
tar -xzf "$tgz" -C "$out/unpacked"
root="$(ls -d "$out"/unpacked/*)"
version="$(LD_LIBRARY_PATH="$libnode_dir" "$root/bin/botwright-cli" version)"
grep -q "TypeScript 6.0.3" <<<"$version" || fail "unpacked botwright-cli cannot load its TypeScript: $version"
echo "package: .deb and .tar.gz ok"
