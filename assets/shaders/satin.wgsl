// Molten silver that ripples like satin: slow waves travel up the towers, their crests
// catching the light as smoother bands; as the city cools the waves turn uneasy.
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{Vertex, VertexOutput, FragmentOutput},
    mesh_functions,
    mesh_view_bindings::globals,
    view_transformations::position_world_to_clip,
}

struct Satin {
    // x: ripple amplitude (metres), y: unease (0 calm .. 1 uneasy), z: time scale, w: sheen.
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> satin: Satin;

// Height of the satin wave at a world position: calm swells rising upward, with a restless
// cross-ripple mixed in by `unease`.
fn wave(p: vec3<f32>, t: f32, unease: f32) -> f32 {
    let calm = sin(p.y * 0.32 - t * 0.9 + p.x * 0.15 + p.z * 0.11) * 0.6
        + sin(p.y * 0.71 - t * 1.4 + p.z * 0.23 - p.x * 0.07) * 0.4;
    let uneasy = sin(p.y * 1.9 - t * 3.1 + p.x * 0.8) * sin(p.y * 0.37 + t * 0.7 + p.z * 0.9);
    return calm + unease * 1.4 * uneasy;
}

@vertex
fn vertex(vertex: Vertex) -> VertexOutput {
    var out: VertexOutput;
    let world_from_local = mesh_functions::get_world_from_local(vertex.instance_index);
    var world_position = mesh_functions::mesh_position_local_to_world(world_from_local, vec4<f32>(vertex.position, 1.0));
    var normal = mesh_functions::mesh_normal_local_to_world(vertex.normal, vertex.instance_index);

    let amplitude = satin.params.x;
    let unease = satin.params.y;
    let t = globals.time * satin.params.z;
    // The ground holds the base still; the ripple grows over the first storeys.
    let anchor = clamp(vertex.position.y / 8.0, 0.0, 1.0);
    let p = world_position.xyz;
    let offset = wave(p, t, unease) * amplitude * anchor;
    let slope = (wave(p + vec3<f32>(0.0, 0.5, 0.0), t, unease) - wave(p - vec3<f32>(0.0, 0.5, 0.0), t, unease))
        * amplitude * anchor;
    world_position = vec4<f32>(p + normal * offset, 1.0);
    // Tilt the normal with the wave's slope so the crests catch the light.
    normal = normalize(normal - vec3<f32>(0.0, slope * 2.0, 0.0));

    out.world_position = world_position;
    out.position = position_world_to_clip(world_position.xyz);
    out.world_normal = normal;
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
    let t = globals.time * satin.params.z;
    // Satin sheen: the crests are smoother and brighter than the troughs.
    let band = wave(in.world_position.xyz, t, satin.params.y);
    pbr_input.material.perceptual_roughness = clamp(
        pbr_input.material.perceptual_roughness - band * 0.07 * satin.params.w, 0.05, 1.0);
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);

    var out: FragmentOutput;
    out.color = apply_pbr_lighting(pbr_input);
    out.color = main_pass_post_lighting_processing(pbr_input, out.color);
    return out;
}
