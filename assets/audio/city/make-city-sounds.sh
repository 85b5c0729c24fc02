#!/usr/bin/env bash
# Makes the city's sounds with sox:
#   ambience-warm.ogg    a soft shimmering pad with a breath of wind: the city at dusk (loops)
#   ambience-muffled.ogg the same, muffled and hushed: the chill closing in (loops)
#   door-hum.ogg         the blue door's low hum, pulsing softly (loops; played spatially)
#   portal-swell.ogg     the swell of light and sound when stepping through the door
# Loops use frequencies that are whole multiples of 1/length, so they wrap without a click.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rate=44100

# Rounds a frequency to a whole number of cycles in `length` seconds.
fit() { awk -v f="$1" -v l="$2" 'BEGIN { printf "%.6f", int(f * l + 0.5) / l }'; }

tone() { # freq length gain tremolo_hz tremolo_depth out
    local f
    f=$(fit "$1" "$2")
    local t
    t=$(fit "$4" "$2")
    sox -n -r $rate -c 1 "$6" synth "$2" sine "$f" tremolo "$t" "$5" vol "$3"
}

# Ambience: a D major-ish pad (D2 A2 D3 F#3 A3 E4), each voice breathing at its own slow rate.
length=24
parts=()
i=0
for spec in "73.42 0.30 0.125 40" "110.0 0.22 0.083 35" "146.83 0.18 0.167 45" "185.0 0.10 0.208 50" "220.0 0.09 0.0417 55" "329.63 0.05 0.25 60"; do
    read -r f g tr depth <<<"$spec"
    tone "$f" $length "$g" "$tr" "$depth" "$work/pad$i.wav"
    parts+=("$work/pad$i.wav")
    i=$((i + 1))
done
sox -n -r $rate -c 1 "$work/wind.wav" synth $length pinknoise band 900 600 tremolo "$(fit 0.0833 $length)" 70 vol 0.05
parts+=("$work/wind.wav")
sox -m "${parts[@]}" -c 2 "$work/pad.wav" reverb 40 50 80 remix 1 2 gain -n -12
# Trim the reverb's tail to the loop length, fading in a breath so the first play is soft.
sox "$work/pad.wav" "$work/warm.wav" trim 0 $length
sox "$work/warm.wav" -C 3 ambience-warm.ogg
sox "$work/warm.wav" -C 3 ambience-muffled.ogg lowpass 380 lowpass 380 gain -4

# The door's hum: A2 with its fifth and octave, swelling softly twice every few seconds.
length=8
tone 110.0 $length 0.5 0.5 55 "$work/h1.wav"
tone 165.0 $length 0.25 0.5 55 "$work/h2.wav"
tone 220.0 $length 0.18 0.25 40 "$work/h3.wav"
tone 880.0 $length 0.03 1.0 80 "$work/h4.wav"
sox -m "$work/h1.wav" "$work/h2.wav" "$work/h3.wav" "$work/h4.wav" "$work/hum.wav" gain -n -6
sox "$work/hum.wav" -C 3 door-hum.ogg

# Stepping through: a rising shimmer of the door's chord and a rush of air, into reverb.
sox -n -r $rate -c 1 "$work/s1.wav" synth 3.5 sine 220-880 fade q 0.8 3.5 1.8 vol 0.25
sox -n -r $rate -c 1 "$work/s2.wav" synth 3.5 sine 330-1320 fade q 1.0 3.5 1.6 vol 0.15
sox -n -r $rate -c 1 "$work/s3.wav" synth 3.5 sine 440-1760 fade q 1.2 3.5 1.4 vol 0.1
sox -n -r $rate -c 1 "$work/s4.wav" synth 3.5 pinknoise highpass 1200 fade q 1.5 3.5 2.0 vol 0.08
sox -m "$work/s1.wav" "$work/s2.wav" "$work/s3.wav" "$work/s4.wav" -c 2 "$work/swell.wav" reverb 70 50 100 remix 1 2 gain -n -3
sox "$work/swell.wav" -C 3 portal-swell.ogg
echo "made the city's sounds in $(pwd)"
