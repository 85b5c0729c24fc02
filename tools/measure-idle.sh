#!/usr/bin/env bash
# How much CPU the game takes when nobody looks at it: the title and a dream in the garden,
# each focused and then with another window in focus (the dream pauses itself). Runs the game
# on a private virtual display (Xvfb), moves the focus with xdotool and an xmessage window,
# and reads the process's CPU time from /proc over SECONDS (default 10) for each state.
#
#   tools/measure-idle.sh [BINARY] [SECONDS]
#
# With SHOTS=DIR set, the unfocused garden is also captured there (ImageMagick's import).
# Needs Linux, Xvfb, xdotool, xmessage (x11-utils) and Mesa's Vulkan drivers.
set -euo pipefail

binary="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/begin-again/target}/debug/begin-again}"
seconds="${2:-10}"
display=":$((90 + RANDOM % 9))"
work="$(mktemp -d)"
Xvfb "$display" -screen 0 1280x720x24 >/dev/null 2>&1 &
xvfb=$!
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export DISPLAY="$display" WGPU_BACKEND=vulkan
sleep 1

# CPU time (user + system) of a process, in clock ticks.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Percent of one core the process used over $seconds.
cpu_percent() {
    local before after
    before=$(cpu_ticks "$1")
    sleep "$seconds"
    after=$(cpu_ticks "$1")
    awk -v d="$((after - before))" -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
        'BEGIN { printf "%.1f", 100 * d / hz / s }'
}

window_of() {
    for _ in $(seq 1 120); do
        local window
        window=$(xdotool search --pid "$1" --name "$2" 2>/dev/null | head -1 || true)
        if [[ -n "$window" ]]; then
            echo "$window"
            return
        fi
        sleep 1
    done
    echo "no window '$2' appeared" >&2
    exit 1
}

# Start the game with a data folder whose dream can be continued in the garden.
data="$work/data"
mkdir -p "$data"
printf '(version: 1, continue_at: Some(Garden), garden_reached: true)\n' >"$data/progress.ron"
BEGIN_AGAIN_DATA_DIR="$data" "$binary" >"$work/game.log" 2>&1 &
game=$!
pids+=("$game")
window=$(window_of "$game" "Begin Again")
xmessage -geometry 200x60+0+0 -name elsewhere "another window" &
pids+=($!)
elsewhere=$(window_of "$!" "elsewhere")
focus() { xdotool windowfocus --sync "$1" 2>/dev/null || xdotool windowfocus "$1"; }

sleep 8 # the title settles (pipelines compiled, blooms grown)
focus "$window"
sleep 1
title_focused=$(cpu_percent "$game")
focus "$elsewhere"
sleep 1
title_unfocused=$(cpu_percent "$game")

# Continue (the title's first button, under the pointer) into the garden. A software
# renderer's frames are slow: the key is held long enough for one to see it.
focus "$window"
xdotool mousemove --window "$window" 640 288
sleep 2
xdotool keydown Return
sleep 1.5
xdotool keyup Return
sleep 12
if [[ -n "${SHOTS:-}" ]]; then
    mkdir -p "$SHOTS"
    import -window "$window" "$SHOTS/garden-focused.png"
fi
garden_focused=$(cpu_percent "$game")
focus "$elsewhere"
sleep 2
garden_unfocused=$(cpu_percent "$game")
if [[ -n "${SHOTS:-}" ]]; then
    # What the unfocused garden shows (it should be the pause menu).
    mkdir -p "$SHOTS"
    import -window "$window" "$SHOTS/garden-unfocused.png"
fi

echo "| state | CPU (percent of one core, over ${seconds} s) |"
echo "|---|---:|"
echo "| title, focused | $title_focused % |"
echo "| title, unfocused | $title_unfocused % |"
echo "| garden, focused | $garden_focused % |"
echo "| garden, unfocused (the dream pauses) | $garden_unfocused % |"
if ! kill -0 "$game" 2>/dev/null; then
    echo "the game ended early; its log:" >&2
    tail -20 "$work/game.log" >&2
    exit 1
fi
