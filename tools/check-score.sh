#!/usr/bin/env bash
# Hears the score in every beat, with no sound card: each beat staged live in a real window
# (`screenshot --beat B`, software Vulkan under Xvfb) and recorded through a PulseAudio null
# sink by ../shared/tools/record-audio.sh (or RECORD_AUDIO=path); then each recording's
# integrated loudness (ITU-R BS.1770, ffmpeg's ebur128) and true peak are measured after the
# first seconds of loading, and a spectrogram of it drawn.
#
#   tools/check-score.sh [BINARY] [OUT]   (default: $CARGO_TARGET_DIR/debug/begin-again,
#                                          docs/sound)
#   BEATS="garden lotus" tools/check-score.sh    only those beats
#   VOLUMES="0.8 0.8 0 0" tools/check-score.sh  master, music, voice, effects (music alone)
#
# Prints a Markdown table (beat, LUFS, true peak, RMS) and fails when a beat is outside
# -24..-16 LUFS or peaks at -1 dBFS or above (with the default volumes).
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-${CARGO_TARGET_DIR:-target}/debug/begin-again}"
out="${2:-docs/sound}"
record="${RECORD_AUDIO:-../shared/tools/record-audio.sh}"
beats="${BEATS:-title city city-dark door garden voice lotus river memory heart moon dawn results}"
volumes="${VOLUMES:-0.8 0.8 1.0 0.8}"
seconds="${SECONDS_PER_BEAT:-30}"
# The first seconds are the game starting (a window, pipelines, the sounds loading).
skip="${SKIP_SECONDS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for tool in ffmpeg sox; do
    command -v "$tool" >/dev/null || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg sox
    }
done
status=0
echo "| beat | integrated loudness | true peak | RMS |"
echo "|---|---|---|---|"
for beat in $beats; do
    mkdir -p "$work/$beat"
    read -r master music voice effects <<<"$volumes"
    printf '(master_volume: %s, music_volume: %s, voice_volume: %s, effects_volume: %s)\n' \
        "$master" "$music" "$voice" "$effects" >"$work/$beat/settings.ron"
    BEGIN_AGAIN_DATA_DIR="$work/$beat" WGPU_BACKEND=vulkan \
        "$record" "$work/$beat.wav" "$seconds" -- \
        xvfb-run -a -s "-screen 0 640x360x24" "$binary" screenshot --size 640x360 \
        --frames 100000 --beat "$beat" --out "$work/$beat.png" >"$work/$beat.log" 2>&1 || true
    # xvfb-run's game outlives the recorder's kill: end it (its command line names this beat).
    pkill -f -- "--out $work/$beat.png" 2>/dev/null || true
    sox "$work/$beat.wav" "$work/$beat-heard.wav" trim "$skip"
    measured=$(ffmpeg -hide_banner -nostats -i "$work/$beat-heard.wav" -af ebur128=peak=true \
        -f null - 2>&1)
    lufs=$(awk '/I:/ { v = $2 } END { print v }' <<<"$measured")
    peak=$(awk '/Peak:/ { v = $2 } END { print v }' <<<"$measured")
    rms=$(sox "$work/$beat-heard.wav" -n stat 2>&1 | awk '/RMS     amplitude/ { print $3 }')
    echo "| $beat | $lufs LUFS | $peak dBFS | $rms |"
    sox "$work/$beat-heard.wav" -n remix - spectrogram -x 900 -y 257 -z 90 \
        -t "Begin Again: $beat ($lufs LUFS)" -o "$out/$beat.png"
    if [[ -z "${VOLUMES:-}" ]] && ! awk -v l="${lufs:--99}" -v p="${peak:-0}" \
        'BEGIN { exit !(l >= -24 && l <= -16 && p < -1) }'; then
        echo "  beat $beat is outside -24..-16 LUFS or peaks at -1 dBFS or above"
        status=1
    fi
done
exit "$status"
