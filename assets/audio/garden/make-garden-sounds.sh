#!/usr/bin/env bash
# Makes the garden's sound effects with sox (its music, the memories' chimes and the dawn are
# the score's, rendered by assets/audio/music/score.py):
#   droplets.ogg  cool, clean water: reaching into the river
#   tree-murmur.ogg  leaves murmuring in a grown tree: a soft rustle in slow gusts, looped
#                 (each tree plays it at its own pitch)
#   shawl.ogg     the moon's silk shawl settling round the shoulders: a soft rustle of silk
#                 rising and falling, with a faint high shimmer
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rate=44100

# Droplets: a few soft, pitched plinks over a wash of water.
parts=()
for i in 0 1 2 3 4 5; do
    f=$(awk -v i="$i" 'BEGIN { print 1200 + i * 260 }')
    sox -n -r $rate -c 1 "$work/d$i.wav" synth 0.25 sine "$f-$((f / 2))" fade q 0.002 0.25 0.22 pad "$(awk -v i="$i" 'BEGIN { print 0.15 + i * 0.21 }')" 0.3 vol 0.3
    parts+=("$work/d$i.wav")
done
sox -n -r $rate -c 1 "$work/wash.wav" synth 2.0 brownnoise highpass 300 lowpass 2500 fade q 0.2 2.0 1.2 vol 0.25
sox -m "${parts[@]}" "$work/wash.wav" -c 2 "$work/drops.wav" reverb 40 remix 1 2 gain -n -4
sox "$work/drops.wav" -C 3 droplets.ogg

# Tree murmur: rustling leaves in slow gusts over a breathy low hush, faded at both ends so it
# loops without a seam.
sox -n -r $rate -c 1 "$work/leaves.wav" synth 8 pinknoise band 2400 1600 tremolo 0.25 70 vol 0.5
sox -n -r $rate -c 1 "$work/hush.wav" synth 8 brownnoise lowpass 500 tremolo 0.125 50 vol 0.35
sox -m "$work/leaves.wav" "$work/hush.wav" -c 2 "$work/murmur.wav" reverb 30 remix 1 2 fade q 1.5 8 1.5 gain -n -6
sox "$work/murmur.wav" -C 3 tree-murmur.ogg
# Shawl: silk sliding over silk (high, narrow noise swelling and settling) over a breath of
# air, and a faint shimmer of two high notes, as if moonlight rang.
sox -n -r $rate -c 1 "$work/silk.wav" synth 3.5 pinknoise band 3200 1400 fade q 0.9 3.5 2.0 vol 0.5
sox -n -r $rate -c 1 "$work/air.wav" synth 3.5 brownnoise lowpass 700 fade q 1.2 3.5 2.0 vol 0.3
sox -n -r $rate -c 1 "$work/g1.wav" synth 3.5 sine 1567.98 fade q 1.0 3.5 2.3 vol 0.05
sox -n -r $rate -c 1 "$work/g2.wav" synth 3.5 sine 2349.32 fade q 1.4 3.5 2.0 vol 0.035
sox -m "$work/silk.wav" "$work/air.wav" "$work/g1.wav" "$work/g2.wav" -c 2 "$work/shawl.wav" reverb 50 50 90 remix 1 2 gain -n -6
sox "$work/shawl.wav" -C 3 shawl.ogg
echo "made the garden's sounds in $(pwd)"
