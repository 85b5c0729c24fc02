#!/usr/bin/env bash
# Counts the Vulkan draw commands per frame for a beat, with Mesa's overlay layer, on the
# software renderer: `tools/draw-calls.sh garden`. Prints the steady-state frame's counts.
set -euo pipefail
beat=${1:-garden}
binary="${CARGO_TARGET_DIR:-$HOME/.cache/begin-again/target}/debug/begin-again"
csv=$(mktemp --suffix=.csv)
VK_INSTANCE_LAYERS=VK_LAYER_MESA_overlay \
VK_LAYER_MESA_OVERLAY_CONFIG="draw,draw_indexed,draw_indirect,draw_indexed_indirect,draw_indirect_count,draw_indexed_indirect_count,output_file=$csv,fps_sampling_period=1" \
WGPU_BACKEND=vulkan xvfb-run -a -s "-screen 0 1280x720x24" \
    "$binary" screenshot --beat "$beat" --out "$(mktemp --suffix=.png)" >/dev/null 2>&1
# The last row is a steady frame: columns 6.. are the draw command counts.
tail -n 1 "$csv" | awk -F', ' -v beat="$beat" '{
    total = $6 + $7 + $8 + $9 + $10 + $11
    printf "%s: %d draw commands a frame (draw %d, draw_indexed %d, draw_indirect %d, draw_indexed_indirect %d, draw_indirect_count %d, draw_indexed_indirect_count %d)\n", beat, total, $6, $7, $8, $9, $10, $11
}'
