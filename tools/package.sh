#!/usr/bin/env bash
# Makes a release archive a player can download: the binary (levels, sounds, voices, shaders
# and the typeface are inside it), the licences and the README, as
# begin-again-VERSION-OS-ARCH.tar.gz. Unpacked anywhere, `./begin-again` plays.
#
#   tools/package.sh [--debug] [OUT_DIR]
#
# --debug packages the dev build (what CI has built already) instead of building release.
# OUT_DIR defaults to dist/. Uses CARGO_TARGET_DIR like cargo does.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
if [[ "${1:-}" == "--debug" ]]; then
    profile=debug
    shift
fi
out="${1:-dist}"
target="${CARGO_TARGET_DIR:-target}"

if [[ "$profile" == release ]]; then
    cargo build --release --locked
else
    cargo build --locked
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
os=$(uname -s | tr '[:upper:]' '[:lower:]')
arch=$(uname -m)
name="begin-again-$version-$os-$arch"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/$name"
install -m 755 "$target/$profile/begin-again" "$stage/$name/begin-again"
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
cp assets/fonts/SourceSerif4-LICENSE.md "$stage/$name/LICENSE-SourceSerif4.md"
# The score is rendered from the FluidR3_GM SoundFont: its licence travels with the game.
cp assets/audio/music/LICENSE-FluidR3_GM.txt "$stage/$name/LICENSE-FluidR3_GM.txt"
mkdir -p "$out"
archive="$out/$name.tar.gz"
tar -C "$stage" -czf "$archive" "$name"
echo "$archive ($(du -h "$archive" | cut -f1), $profile build)"
