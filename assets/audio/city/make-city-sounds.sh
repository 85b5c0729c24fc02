#!/usr/bin/env bash
# Makes the city's one sound effect with sox (its music, the footsteps' chords and the door's
# hum are the score's, rendered by assets/audio/music/score.py):
#   portal-swell.ogg     the swell of light and sound when stepping through the door
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rate=44100

# Stepping through: a rising shimmer of the door's chord and a rush of air, into reverb.
sox -n -r $rate -c 1 "$work/s1.wav" synth 3.5 sine 220-880 fade q 0.8 3.5 1.8 vol 0.25
sox -n -r $rate -c 1 "$work/s2.wav" synth 3.5 sine 330-1320 fade q 1.0 3.5 1.6 vol 0.15
sox -n -r $rate -c 1 "$work/s3.wav" synth 3.5 sine 440-1760 fade q 1.2 3.5 1.4 vol 0.1
sox -n -r $rate -c 1 "$work/s4.wav" synth 3.5 pinknoise highpass 1200 fade q 1.5 3.5 2.0 vol 0.08
sox -m "$work/s1.wav" "$work/s2.wav" "$work/s3.wav" "$work/s4.wav" -c 2 "$work/swell.wav" reverb 70 50 100 remix 1 2 gain -n -3
sox "$work/swell.wav" -C 3 portal-swell.ogg
echo "made the city's sounds in $(pwd)"
