// The river of memories: dark water flowing downstream in soft bands, glinting with
// remembered light; when it wakes the glints brighten into shimmering memories.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{globals, view},
}

struct River {
    // x: awake (0..1), y: flow speed, z: motion on (1) or still (0), w: unused.
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> river: River;

fn hash(p: vec2<f32>) -> f32 {
    return fract(sin(dot(p, vec2<f32>(41.3, 289.1))) * 17423.13);
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let awake = river.params.x;
    let t = globals.time * river.params.y * river.params.z;
    // uv.x runs across the river, uv.y along it (in river widths).
    let across = in.uv.x;
    let along = in.uv.y - t;
    let bands = 0.5 + 0.5 * sin(along * 6.0 + sin(across * 9.0 + along * 2.0) * 1.3);
    var color = mix(vec3<f32>(0.02, 0.03, 0.1), vec3<f32>(0.05, 0.1, 0.28), bands);

    // Glints: small points of remembered light, each in its own cell, flaring as the water
    // carries them past.
    let grid = vec2<f32>(across * 10.0, along * 5.0);
    let cell = floor(grid);
    let spark = hash(cell);
    let offset = vec2<f32>(hash(cell + vec2<f32>(3.1, 7.7)), hash(cell + vec2<f32>(9.4, 1.3))) * 0.6 + vec2<f32>(0.2);
    let point = 1.0 - smoothstep(0.0, 0.16, distance(fract(grid), offset));
    let flare = step(0.9, spark) * point * (0.5 + 0.5 * sin(globals.time * 3.0 * river.params.z + spark * 40.0));
    let memory = vec3<f32>(0.7, 0.85, 1.4) * flare * (0.6 + 3.0 * awake);

    // The banks darken; the middle catches a little of the sky.
    let edge = smoothstep(0.0, 0.18, across) * smoothstep(1.0, 0.82, across);
    let eye = normalize(view.world_position - in.world_position.xyz);
    let sky = pow(1.0 - max(eye.y, 0.0), 4.0) * vec3<f32>(0.18, 0.14, 0.4);
    color = (color * (0.7 + 0.5 * awake) + sky * 0.35) * (0.45 + 0.55 * edge) + memory;
    return vec4<f32>(color, 1.0);
}
