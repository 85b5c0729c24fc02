// The shawl of silk woven from hope: a fine weave that catches the light in a soft sheen,
// moon-pale silk blushing rose in its folds, a woven gold border and fringe along its loose edge; it stirs gently as the dreamer
// breathes (still under reduced motion).
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{Vertex, VertexOutput, FragmentOutput},
    mesh_functions,
    mesh_view_bindings::globals,
    view_transformations::position_world_to_clip,
}
#import "shaders/lib/vertex.wgsl"::vertex_output

struct Shawl {
    // x: how far it has settled (0 absent .. 1 wrapped), y: time rate of its stirring,
    // z: its glow, w: how far it has faded into the morning (0 not at all .. 1 gone).
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> shawl: Shawl;

@vertex
fn vertex(vertex: Vertex) -> VertexOutput {
    let world_from_local = mesh_functions::get_world_from_local(vertex.instance_index);
    let t = globals.time * shawl.params.y;
    var local = vertex.position;
#ifdef VERTEX_UVS_A
    let uv = vertex.uv;
#else
    let uv = vec2<f32>(0.5, 0.5);
#endif
    // The loose edge stirs more than the edge held at the shoulders.
    let stir = sin(uv.x * 21.0 + t * 0.9) * 0.6 + sin(uv.x * 9.0 - t * 0.6) * 0.4;
    local = local * (1.0 + stir * 0.012 * uv.y);
    // Settling: it comes up from below the view onto the shoulders.
    local.y = local.y - (1.0 - shawl.params.x) * 0.35;
    let world_position = mesh_functions::mesh_position_local_to_world(world_from_local, vec4<f32>(local, 1.0));
    return vertex_output(vertex, world_position, mesh_functions::mesh_normal_local_to_world(vertex.normal, vertex.instance_index));
}

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> FragmentOutput {
    var pbr_input = pbr_input_from_standard_material(in, is_front);
#ifdef VERTEX_UVS_A
    let uv = in.uv;
#else
    let uv = vec2<f32>(0.5, 0.5);
#endif
    // The weave: a fine diagonal twill, each rib catching the light in turn.
    let weave = smoothstep(-0.6, 0.6, sin(uv.x * 420.0 + uv.y * 66.0));
    // Folds running along the cloth (as the mesh lays them): troughs in shadow, crests
    // catching a bright sheen.
    let fold = 0.5 + 0.5 * sin(uv.y * 37.699 + sin(uv.x * 4.0) * 1.2);
    let sheen = pow(fold, 8.0);
    // Moon-pale silk, blushing rose in its folds, with threads of warm gold: her light, made
    // cloth.
    let gold = vec3<f32>(0.95, 0.66, 0.3);
    let rose = vec3<f32>(0.72, 0.46, 0.62);
    let pearl = vec3<f32>(0.92, 0.9, 1.0);
    var silk = mix(rose, pearl, 0.6 + 0.4 * sin(uv.x * 7.0 + 1.3)) * (0.3 + 0.7 * fold);
    // Woven into the silk, small gold stars and crescent moons in rows: the hope it is made of.
    let motif_cell = vec2<f32>(uv.x * 64.0, uv.y * 16.0);
    let motif_at = fract(motif_cell) - vec2<f32>(0.5);
    let row_parity = floor(motif_cell.y) % 2.0;
    let r = length(motif_at);
    // A four-pointed star: a small disc with two thin crossing rays.
    let star = max(
        1.0 - smoothstep(0.1, 0.14, r),
        (1.0 - smoothstep(0.03, 0.06, min(abs(motif_at.x), abs(motif_at.y)))) * (1.0 - smoothstep(0.2, 0.34, r)),
    );
    let crescent = (1.0 - smoothstep(0.24, 0.29, r))
        * smoothstep(0.17, 0.22, length(motif_at - vec2<f32>(0.11, 0.07)));
    let motif = mix(star, crescent, row_parity) * step(uv.y, 0.76);
    silk = mix(silk, gold * (0.9 + 0.3 * fold), motif);
    // A border woven a finger's width in from the loose edge: two gold threads.
    let across = (uv.y - 0.8) * 10.0;
    let threads = smoothstep(0.0, 0.04, abs(across - 0.1)) * smoothstep(0.0, 0.04, abs(across - 0.9));
    let border = step(0.0, across) * step(across, 1.0) * (1.0 - threads);
    silk = mix(silk, gold * 1.25 * (0.6 + 0.4 * fold), border);
    // The loose edge is rolled and stitched: a thin darker line.
    let rolled = smoothstep(0.975, 0.985, uv.y) * step(uv.y, 1.0);
    silk = mix(silk, rose * 0.35, rolled);
    // Past the hem the fringe: knotted silk tassels, each its own length.
    let fringe = step(1.0, uv.y);
    let strand = uv.x * 150.0;
    let tassel = floor(strand);
    let length = 0.1 + 0.04 * fract(sin(tassel * 12.9898) * 43758.5453);
    let thread = 1.0 - smoothstep(0.18, 0.3, abs(fract(strand) - 0.5));
    let knot = smoothstep(0.015, 0.0, abs(uv.y - 1.02)) * 0.6;
    let hangs = max(thread, knot) * step(uv.y - 1.0, length);
    silk = mix(silk, gold * (0.8 + 0.4 * knot), fringe);
    let glow = shawl.params.z * (0.18 + 0.04 * weave + 0.6 * sheen + 0.3 * border);
    pbr_input.material.base_color = vec4<f32>(silk * (0.9 + 0.1 * weave), pbr_input.material.base_color.a);
    pbr_input.material.emissive = vec4<f32>(silk * glow, pbr_input.material.emissive.a);
    // Opaque silk, settling into view.
    pbr_input.material.base_color.a = pbr_input.material.base_color.a * shawl.params.x * (1.0 - shawl.params.w)
        * mix(1.0, hangs, fringe);
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);

    var out: FragmentOutput;
    out.color = apply_pbr_lighting(pbr_input);
    out.color = main_pass_post_lighting_processing(pbr_input, out.color);
    return out;
}
