#!/usr/bin/env bash
# Hears what the game plays, with no sound card: staged moments played in a real window
# (software Vulkan under Xvfb), recorded through a PulseAudio null sink by
# ../shared/tools/record-audio.sh (or RECORD_AUDIO=path), and measured with sox.
#
#   tools/check-audio.sh [BINARY]        (default: $CARGO_TARGET_DIR/debug/begin-again)
#
# Checks, each from its own recording:
#   - a voice is heard at its flower, and louder a step from it than at arm's length away;
#   - the Voice volume setting changes what is heard of a voice (not only its start);
#   - the door's hum is louder beside the door than from down the avenue;
#   - the Effects volume setting changes the hum, and the Master volume silences it;
#   - footsteps ring over the score while walking and not while standing: the real game played in its window
#     with xdotool (a new dream begun, W held, then let go), timed by marks the player writes.
# Music is turned off in every moment but none, so each recording holds the one sound measured.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-${CARGO_TARGET_DIR:-target}/debug/begin-again}"
record="${RECORD_AUDIO:-../shared/tools/record-audio.sh}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# settings.ron for a moment: master, music, voice, effects volumes.
settings() {
    printf '(master_volume: %s, music_volume: %s, voice_volume: %s, effects_volume: %s)\n' "$@"
}

# Records SECONDS of `screenshot` staged as asked, with SETTINGS; prints its RMS amplitude.
listen() {
    local name=$1 seconds=$2 volumes=$3
    shift 3
    mkdir -p "$work/$name"
    settings $volumes >"$work/$name/settings.ron"
    BEGIN_AGAIN_DATA_DIR="$work/$name" WGPU_BACKEND=vulkan \
        "$record" "$work/$name.wav" "$seconds" -- \
        xvfb-run -a -s "-screen 0 640x360x24" "$binary" screenshot --size 640x360 \
        --frames 400 --out "$work/$name.png" "$@" >"$work/$name.log" 2>&1 || true
    # xvfb-run's game outlives the recorder's kill: end it (its command line names this moment).
    pkill -f -- "--out $work/$name.png" 2>/dev/null || true
    sox "$work/$name.wav" -n stat 2>&1 | awk '/RMS     amplitude/ { print $3 }'
}

# a over b in decibels (99: b is silence).
db() { awk -v a="$1" -v b="$2" 'BEGIN { if (a <= 0) print -99; else if (b <= 0) print 99; else printf "%.1f", 20 * log(a / b) / log(10) }'; }
fail=0
expect() { # NAME CONDITION(awk on x)
    if awk -v x="$2" "BEGIN { exit !($3) }"; then echo "ok   $1 ($2)"; else echo "FAIL $1 ($2)"; fail=1; fi
}

# The first voice flower of the garden, from the level: x and z.
read -r fx fz < <(python3 - <<'PY'
import re
text = open("levels/garden.ron").read()
voices = text[text.index("voices:"):]
m = re.search(r"at:\s*\(\s*x:\s*(-?[\d.]+),\s*z:\s*(-?[\d.]+)", voices)
print(m.group(1), m.group(2))
PY
)
near_z=$(awk -v z="$fz" 'BEGIN { print z + 1.0 }')
far_z=$(awk -v z="$fz" 'BEGIN { print z + 4.3 }')

voice_near=$(listen voice-near 30 "1.0 0.0 1.0 0.0" --beat voice --at "$fx,$near_z,180")
voice_far=$(listen voice-far 30 "1.0 0.0 1.0 0.0" --beat voice --at "$fx,$far_z,180")
voice_soft=$(listen voice-soft 30 "1.0 0.0 0.3 0.0" --beat voice --at "$fx,$near_z,180")
hum_near=$(listen hum-near 30 "1.0 0.0 0.0 1.0" --beat door)
# Down the avenue from the same door, 34 m in front of it and facing it: the door this dream
# chose is named in the game's log; its place and facing are in the level.
door_id=$(grep -o 'door will appear at "[^"]*"' "$work/hum-near.log" | head -1 | cut -d'"' -f2)
far_pose=$(DOOR="$door_id" python3 - <<'PY'
import math, os, re
text = open("levels/city.ron").read()
m = re.search(r'id:\s*"%s",\s*at:\s*\(x:\s*(-?[\d.]+),\s*z:\s*(-?[\d.]+)\),\s*facing:\s*(-?[\d.]+)' % re.escape(os.environ["DOOR"]), text)
x, z, facing = (float(g) for g in m.groups())
yaw = math.radians(facing)
# The game's forward for a yaw is (-sin, -cos).
print(f"{x - 34 * math.sin(yaw):.2f},{z - 34 * math.cos(yaw):.2f},{(facing + 180) % 360:.1f}")
PY
)
hum_far=$(listen hum-far 30 "1.0 0.0 0.0 1.0" --beat door --at "$far_pose")
hum_soft=$(listen hum-soft 30 "1.0 0.0 0.0 0.3" --beat door)
hum_muted=$(listen hum-muted 30 "0.0 0.0 0.0 1.0" --beat door)

# Footsteps: the game itself, music on (the chords are music), voices and effects off.
mkdir -p "$work/steps"
settings 1.0 1.0 0.0 0.0 >"$work/steps/settings.ron"
cat >"$work/steps/play.sh" <<'PLAY'
#!/usr/bin/env bash
# Runs under xvfb-run: begins a dream, walks, stands, and marks when it did each.
marks=$1 binary=$2
date +%s.%N >"$marks/start"
"$binary" >"$marks/game.log" 2>&1 &
for _ in $(seq 240); do
    window=$(xdotool search --name "Begin Again" 2>/dev/null | head -1)
    [ -n "$window" ] && break
    sleep 0.5
done
sleep 5
xdotool windowfocus "$window"
xdotool mousemove 5 5
xdotool key Return
sleep 14
date +%s.%N >"$marks/walk"
xdotool keydown w
sleep 8
xdotool keyup w
date +%s.%N >"$marks/stand"
sleep 9
date +%s.%N >"$marks/end"
wait
PLAY
chmod +x "$work/steps/play.sh"
BEGIN_AGAIN_DATA_DIR="$work/steps" WGPU_BACKEND=vulkan "$record" "$work/steps.wav" 75 -- \
    xvfb-run -a -s "-screen 0 640x360x24" "$work/steps/play.sh" "$work/steps" "$(realpath "$binary")" \
    >"$work/steps.log" 2>&1 || true
# Anchored: the game's own command line starts with the binary (this script's may name it too).
pkill -f -- "^$(realpath "$binary")" 2>/dev/null || true
# RMS of the recording between two marks (seconds after the player started, plus a margin).
between() {
    local from to start
    start=$(cat "$work/steps/start")
    from=$(awk -v a="$(cat "$work/steps/$1")" -v s="$start" -v m="$3" 'BEGIN { print a - s + m }')
    to=$(awk -v a="$(cat "$work/steps/$2")" -v s="$start" 'BEGIN { print a - s }')
    sox "$work/steps.wav" -n trim "$from" "=$to" stat 2>&1 | awk '/RMS     amplitude/ { print $3 }'
}
walking=$(between walk stand 1)
standing=$(between stand end 4)

echo "RMS: voice 1 m $voice_near, 4.3 m $voice_far, at voice volume 30% $voice_soft;"
echo "     hum beside the door $hum_near, down the avenue $hum_far, effects 30% $hum_soft, master 0 $hum_muted"
expect "a voice is heard at its flower" "$voice_near" "x > 0.003"
expect "a step from the flower is louder than arm's length away (dB)" "$(db "$voice_near" "$voice_far")" "x > 2"
expect "Voice at 30% lowers the voice (dB)" "$(db "$voice_near" "$voice_soft")" "x > 6"
expect "the hum is heard beside the door" "$hum_near" "x > 0.003"
expect "beside the door louder than down the avenue (dB)" "$(db "$hum_near" "$hum_far")" "x > 6"
expect "Effects at 30% lowers the hum (dB)" "$(db "$hum_near" "$hum_soft")" "x > 6"
expect "Master at 0 silences it" "$hum_muted" "x < 0.0005"
echo "RMS: walking $walking, standing $standing"
expect "footsteps ring while walking" "$walking" "x > 0.003"
# The score plays in the city whether the dreamer walks or stands; the steps' chords ring over
# it (measured 4.4 dB louder walking when the score came in; 13.4 dB over the old near-silent
# ambience).
expect "walking louder than standing, over the score (dB)" "$(db "$walking" "$standing")" "x > 2"
exit "$fail"
