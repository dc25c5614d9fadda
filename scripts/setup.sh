#!/usr/bin/env bash
# Installs everything Botwright Studio needs to build, test and run on Debian 12.
# Idempotent: when everything is present it only checks and returns in seconds.
#   - Debian packages through apt-get (as root, or through sudo when available)
#   - V8 from Debian's libnode 18: the system package when it installs, otherwise the
#     two .deb files unpacked into .deps/libnode (git-ignored), without touching nodejs
#   - TypeScript 6.0.3 (and discord.js 14.28.1 for a compatibility test) from npm, pinned by
#     package.json + package-lock.json
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else SUDO=(); fi

packages=(
  build-essential cmake ninja-build ccache pkg-config clang-format git
  qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins qt6-websockets-dev qt6-httpserver-dev
  qt6-charts-dev libqt6sql6-sqlite qtkeychain-qt6-dev libqscintilla2-qt6-dev libgl-dev
  zlib1g-dev libzstd-dev libsimdjson-dev catch2
  qt6-image-formats-plugins libgif-dev libwebp-dev
  libuv1-dev libssl-dev libicu-dev libbrotli1 libc-ares2 libnghttp2-14 libuv1
  npm xvfb xauth dpkg-dev file
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    # npm is provided by a non-Debian nodejs on some machines: a working npm is enough.
    if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
    missing+=("$p")
  fi
done

apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    "${SUDO[@]}" apt-get update -qq || die "apt-get update failed; check the network and apt sources"
    apt_updated=1
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  apt_update
  say "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
fi

# V8 (libnode 18). Prefer the system package; fall back to a project-local prefix.
libnode_ok() {
  [ -f /usr/include/node/v8.h ] && ls /usr/lib/*/libnode.so >/dev/null 2>&1 && return 0
  [ -f "$root/.deps/libnode/usr/include/node/v8.h" ] && ls "$root"/.deps/libnode/usr/lib/*/libnode.so.108 >/dev/null 2>&1
}
if ! libnode_ok; then
  apt_update
  if DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends libnode-dev >/dev/null 2>&1; then
    say "installed libnode-dev from Debian"
  else
    say "libnode-dev cannot be installed here (a non-Debian nodejs blocks it); unpacking into .deps/libnode"
    tmp="$(mktemp -d)"
    chmod 755 "$tmp" # apt downloads as the _apt user
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && apt-get download libnode108 libnode-dev >/dev/null) || die "apt-get download libnode108 libnode-dev failed"
    rm -rf "$root/.deps/libnode"
    mkdir -p "$root/.deps/libnode"
    for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$root/.deps/libnode"; done
    libdir="$(dirname "$(ls "$root"/.deps/libnode/usr/lib/*/libnode.so.108)")"
    ln -sf libnode.so.108 "$libdir/libnode.so"
  fi
  libnode_ok || die "V8 (libnode) is still missing after installation"
fi

# TypeScript (pinned) and discord.js (the sandbox compatibility test), from package-lock.json.
ts_version() { node -e 'process.stdout.write(require("./node_modules/typescript/package.json").version)' 2>/dev/null || true; }
if [ "$(ts_version)" != "6.0.3" ] || [ ! -f node_modules/typescript/lib/typescript.js ] ||
   [ ! -f node_modules/discord.js/src/index.js ]; then
  command -v npm >/dev/null || die "npm is missing"
  say "npm ci (typescript 6.0.3, discord.js 14.28.1)"
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  [ "$(ts_version)" = "6.0.3" ] || die "node_modules/typescript is not 6.0.3"
fi

say "ready"
