// The end every displaced mesh of ours shares (the satin towers, the swaying flowers, the
// shawl): its place in the world and on the screen, its normal, and whatever else the mesh
// carries passed through as Bevy's own mesh shader does. Imported by path:
// `#import "shaders/lib/vertex.wgsl"::vertex_output`.
#import bevy_pbr::{
    forward_io::{Vertex, VertexOutput},
    mesh_functions,
    view_transformations::position_world_to_clip,
}

fn vertex_output(vertex: Vertex, world_position: vec4<f32>, world_normal: vec3<f32>) -> VertexOutput {
    var out: VertexOutput;
    out.world_position = world_position;
    out.position = position_world_to_clip(world_position.xyz);
    out.world_normal = world_normal;
#ifdef VERTEX_UVS_A
    out.uv = vertex.uv;
#endif
#ifdef VERTEX_UVS_B
    out.uv_b = vertex.uv_b;
#endif
#ifdef VERTEX_TANGENTS
    let world_from_local = mesh_functions::get_world_from_local(vertex.instance_index);
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
