// Flowers swaying in a gentle breeze: each stem bends more toward its top, in slow gusts that
// roll across the meadow. The standard PBR shading lights them, and the flowers glow a little
// in their own colours, so the indigo night does not turn every one of them violet.
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{Vertex, VertexOutput, FragmentOutput},
    mesh_functions,
    mesh_view_bindings::globals,
    view_transformations::position_world_to_clip,
}
#import "shaders/lib/vertex.wgsl"::vertex_output

struct Sway {
    // x: sway (metres at the top of a stem), y: gust speed, z: blooms opening (0..1), w: how
    // brightly they glow in their own colours.
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> sway: Sway;

@vertex
fn vertex(vertex: Vertex) -> VertexOutput {
    let world_from_local = mesh_functions::get_world_from_local(vertex.instance_index);
    // At dawn the petals open: the parts above the stem spread outward from it.
    var local = vertex.position;
    let radial = vec2<f32>(local.x, local.z);
    let spread = sway.params.z * smoothstep(0.3, 0.5, local.y) * 0.35;
    if length(radial) > 0.001 {
        local = vec3<f32>(local.x * (1.0 + spread), local.y - spread * 0.05, local.z * (1.0 + spread));
    }
    var world_position = mesh_functions::mesh_position_local_to_world(world_from_local, vec4<f32>(local, 1.0));
    let root = (world_from_local * vec4<f32>(0.0, 0.0, 0.0, 1.0)).xyz;
    let t = globals.time * sway.params.y;
    // Gusts roll across the meadow; each flower also trembles on its own.
    let gust = sin(root.x * 0.07 + root.z * 0.05 + t) * 0.7 + sin(root.x * 0.31 - root.z * 0.23 + t * 2.3) * 0.3;
    let bend = pow(max(vertex.position.y, 0.0) / 0.6, 2.0) * sway.params.x;
    world_position = vec4<f32>(world_position.xyz + vec3<f32>(gust, 0.0, gust * 0.4) * bend, 1.0);

    return vertex_output(vertex, world_position, mesh_functions::mesh_normal_local_to_world(vertex.normal, vertex.instance_index));
}

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> FragmentOutput {
    var pbr_input = pbr_input_from_standard_material(in, is_front);
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);
    var out: FragmentOutput;
    var color = apply_pbr_lighting(pbr_input);
#ifdef VERTEX_COLORS
    color = vec4<f32>(color.rgb + in.color.rgb * sway.params.w, color.a);
#endif
    out.color = main_pass_post_lighting_processing(pbr_input, color);
    return out;
}
