#!/usr/bin/env bash
# Makes the footstep chords: "every footstep rings out a soft, resonant chord".
# Each chord of a slow progression is rendered twice with sox:
#   chord-N.ogg         bell-like tones, soft attack, long resonant tail (the warm city)
#   chord-N-falter.ogg  the same chord detuned, its upper notes dropped, darker (the chill)
# The game blends the two by the city's warmth. Run from anywhere; needs sox with vorbis.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A slow progression in D: Dmaj9, Bm11, Gmaj9, Em9, Dmaj9/F#, Gmaj7#11, Asus4, A.
# Each line: the chord's notes in Hz, lowest first.
progression=(
    "146.83 220.00 277.18 329.63 369.99"
    "123.47 185.00 220.00 293.66 329.63"
    "98.00 146.83 185.00 220.00 246.94"
    "82.41 164.81 196.00 246.94 293.66"
    "92.50 146.83 220.00 277.18 329.63"
    "98.00 146.83 185.00 277.18 369.99"
    "110.00 164.81 220.00 293.66 329.63"
    "110.00 164.81 220.00 277.18 329.63"
)
length=5.5

# One bell-like note: a fundamental and two soft inharmonic partials that fade faster.
note() { # freq detune_cents gain out
    local f=$1 cents=$2 gain=$3 out=$4
    local shifted
    shifted=$(awk -v f="$f" -v c="$cents" 'BEGIN { printf "%.3f", f * 2^(c/1200) }')
    local p2 p3
    p2=$(awk -v f="$shifted" 'BEGIN { printf "%.3f", f * 2.0 }')
    p3=$(awk -v f="$shifted" 'BEGIN { printf "%.3f", f * 3.01 }')
    sox -n -r 44100 -c 1 "$work/a.wav" synth $length sine "$shifted" fade l 0.04 $length 5.3
    sox -n -r 44100 -c 1 "$work/b.wav" synth $length sine "$p2" fade l 0.02 $length 3.0 vol 0.3
    sox -n -r 44100 -c 1 "$work/c.wav" synth $length sine "$p3" fade l 0.01 $length 1.6 vol 0.12
    sox -m "$work/a.wav" "$work/b.wav" "$work/c.wav" "$out" vol "$gain"
}

index=0
for chord in "${progression[@]}"; do
    read -r -a notes <<<"$chord"
    warm=() cold=()
    for n in "${!notes[@]}"; do
        f=${notes[$n]}
        # Notes are struck a breath apart, low to high, like a soft arpeggiated chord.
        note "$f" 0 0.5 "$work/w$n-raw.wav"
        sox "$work/w$n-raw.wav" "$work/w$n.wav" pad "$(awk -v n="$n" 'BEGIN { printf "%.2f", n * 0.06 }')" trim 0 $length
        warm+=("$work/w$n.wav")
        # Faltering: detuned (alternately sharp and flat), and the top two notes drop out.
        if ((n < ${#notes[@]} - 2)); then
            cents=$(((n % 2) * 2 * 22 - 22))
            note "$f" "$cents" 0.5 "$work/c$n-raw.wav"
            sox "$work/c$n-raw.wav" "$work/c$n.wav" pad "$(awk -v n="$n" 'BEGIN { printf "%.2f", n * 0.09 }')" trim 0 $length
            cold+=("$work/c$n.wav")
        fi
    done
    sox -m "${warm[@]}" -c 2 "$work/warm.wav" reverb 55 50 90 remix 1 2 gain -n -4 fade l 0 $length 1.0
    sox -m "${cold[@]}" -c 2 "$work/cold.wav" lowpass 900 reverb 70 60 100 remix 1 2 gain -n -6 fade l 0 $length 1.0
    sox "$work/warm.wav" -C 3 "chord-$index.ogg"
    sox "$work/cold.wav" -C 3 "chord-$index-falter.ogg"
    index=$((index + 1))
done
echo "made ${index} chords, warm and faltering, in $(pwd)"
