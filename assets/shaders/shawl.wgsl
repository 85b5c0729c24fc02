// The shawl of silk woven from hope: a fine weave that catches the light in a soft sheen,
// warm gold turning rose in its folds, its loose edge sheer; it stirs gently as the dreamer
// breathes (still under reduced motion).
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{Vertex, VertexOutput, FragmentOutput},
    mesh_functions,
    mesh_view_bindings::globals,
    view_transformations::position_world_to_clip,
}

struct Shawl {
    // x: how far it has settled (0 absent .. 1 wrapped), y: time rate of its stirring,
    // z: its glow, w: unused.
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> shawl: Shawl;

@vertex
fn vertex(vertex: Vertex) -> VertexOutput {
    var out: VertexOutput;
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
    out.world_position = world_position;
    out.position = position_world_to_clip(world_position.xyz);
    out.world_normal = mesh_functions::mesh_normal_local_to_world(vertex.normal, vertex.instance_index);
#ifdef VERTEX_UVS_A
    out.uv = vertex.uv;
#endif
#ifdef VERTEX_UVS_B
    out.uv_b = vertex.uv_b;
#endif
#ifdef VERTEX_TANGENTS
    out.world_tangent = mesh_functions::mesh_tangent_local_to_world(world_from_local, vertex.tangent, vertex.instance_index);
#endif
#ifdef VERTEX_COLORS
    out.color = vertex.color;
#endif
#ifdef VERTEX_OUTPUT_INSTANCE_INDEX
    out.instance_index = vertex.instance_index;
#endif
    return out;
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
    let weave = smoothstep(-0.6, 0.6, sin(uv.x * 140.0 + uv.y * 22.0));
    // Folds: troughs in shadow, crests catching a bright sheen.
    let fold = 0.5 + 0.5 * sin(uv.x * 38.0 + uv.y * 3.0);
    let sheen = pow(fold, 8.0);
    let gold = vec3<f32>(1.0, 0.78, 0.45);
    let rose = vec3<f32>(1.0, 0.52, 0.58);
    var silk = mix(rose, gold, 0.5 + 0.5 * sin(uv.x * 7.0 + 1.3)) * (0.45 + 0.55 * fold);
    // An embroidered hem of gold along its loose edge, then a fringe of threads.
    let hem = smoothstep(0.82, 0.84, uv.y) * (1.0 - smoothstep(0.89, 0.9, uv.y));
    silk = mix(silk, vec3<f32>(1.3, 1.0, 0.5) * (0.8 + 0.2 * weave), hem);
    // Thin threads, a few pixels apart, thinning toward their ends.
    let fringe = step(0.9, uv.y) * smoothstep(0.75, 0.95, sin(uv.x * 350.0)) * (1.0 - smoothstep(0.9, 1.0, uv.y) * 0.7);
    let glow = shawl.params.z * (0.35 + 0.2 * weave + 0.9 * sheen + 0.8 * hem);
    pbr_input.material.base_color = vec4<f32>(silk * (0.7 + 0.3 * weave), pbr_input.material.base_color.a);
    pbr_input.material.emissive = vec4<f32>(silk * glow, pbr_input.material.emissive.a);
    // Solid silk to the hem, threads beyond it; its ends fade where they pass out of view.
    let body = 1.0 - step(0.9, uv.y);
    let ends = smoothstep(0.0, 0.12, uv.x) * smoothstep(1.0, 0.88, uv.x);
    pbr_input.material.base_color.a = pbr_input.material.base_color.a * (0.9 * body + 0.8 * fringe) * ends * shawl.params.x;
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);

    var out: FragmentOutput;
    out.color = apply_pbr_lighting(pbr_input);
    out.color = main_pass_post_lighting_processing(pbr_input, out.color);
    return out;
}
