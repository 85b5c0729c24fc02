// The river of memories: dark water that mirrors the night — the indigo sky, its stars and
// the moon, broken into a glittering path by ripples drifting downstream — and glints of
// remembered light carried along in it; when it wakes the glints brighten into memories.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{globals, view},
}
#import "shaders/lib/noise.wgsl"::hash_along

struct River {
    // x: awake (0..1), y: flow speed, z: motion on (1) or still (0), w: width (metres).
    params: vec4<f32>,
    // xyz: toward the moon.
    moon: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> river: River;

// The river's own hash, along another axis than the shared one so its stars and shards do
// not line up with the other shaders' patterns.
fn river_hash(p: vec2<f32>) -> f32 {
    return hash_along(p, vec2<f32>(41.3, 289.1), 17423.13);
}

// The water's height at a ground point: small ripples drifting with the current.
fn ripples(p: vec2<f32>, t: f32) -> f32 {
    // Wavelets from many directions, so the moon's light breaks into sparkles, not bands.
    return sin(p.x * 1.7 + p.y * 0.9 - t * 1.9) * 0.3
        + sin(p.x * -2.9 + p.y * 2.3 - t * 2.7) * 0.25
        + sin(p.x * 0.6 - p.y * 4.7 - t * 3.1) * 0.2
        + sin(p.x * 6.3 + p.y * 5.1 - t * 4.3) * 0.15
        + sin(p.x * -7.7 - p.y * 3.3 - t * 3.7) * 0.1;
}

// The night sky seen in direction `d`: a violet glow low down, deep indigo above, stars, and
// the moon with her halo.
fn night(d: vec3<f32>) -> vec3<f32> {
    let up = max(d.y, 0.0);
    var sky = mix(vec3<f32>(0.2, 0.14, 0.38), vec3<f32>(0.02, 0.02, 0.09), sqrt(up));
    let star_cell = floor(d.xz / (d.y + 0.3) * 90.0);
    sky += vec3<f32>(0.9, 0.9, 1.0) * step(0.994, river_hash(star_cell)) * smoothstep(0.25, 0.5, up);
    let toward = dot(d, normalize(river.moon.xyz));
    sky += vec3<f32>(1.6, 1.5, 1.3) * smoothstep(0.9986, 0.9992, toward);
    sky += vec3<f32>(0.25, 0.25, 0.4) * pow(max(toward, 0.0), 90.0);
    return sky;
}

// The heart's seven colours, for the memories drifting in the water.
const PANES = array<vec3<f32>, 7>(
    vec3<f32>(1.0, 0.22, 0.28),
    vec3<f32>(1.0, 0.5, 0.16),
    vec3<f32>(1.0, 0.82, 0.25),
    vec3<f32>(0.3, 0.9, 0.4),
    vec3<f32>(0.25, 0.8, 0.9),
    vec3<f32>(0.3, 0.45, 1.0),
    vec3<f32>(0.7, 0.35, 1.0),
);

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let awake = river.params.x;
    let t = globals.time * river.params.y * river.params.z;
    let ground = in.world_position.xz;
    // The surface's tilt from the ripples (finite differences), gentle so the sky stays whole.
    let e = 0.05;
    let h = ripples(ground, t);
    let slope = vec2<f32>(ripples(ground + vec2<f32>(e, 0.0), t) - h, ripples(ground + vec2<f32>(0.0, e), t) - h) / e;
    let normal = normalize(vec3<f32>(-slope.x * 0.1, 1.0, -slope.y * 0.1));
    let eye = normalize(view.world_position - in.world_position.xyz);
    let mirrored = reflect(-eye, normal);
    let fresnel = 0.06 + 0.94 * pow(1.0 - max(dot(eye, normal), 0.0), 5.0);
    // The moon's glitter path: the ripples' facets that turn her light to the eye.
    let glitter = pow(max(dot(mirrored, normalize(river.moon.xyz)), 0.0), 900.0) * 2.5;

    // uv.x runs across the river, uv.y along it (in river widths).
    let across = in.uv.x;
    let along = in.uv.y - t * 0.35;
    let depth = vec3<f32>(0.01, 0.018, 0.05);
    var color = mix(depth, night(mirrored) * 0.7, clamp(0.12 + 0.8 * fresnel, 0.0, 1.0)) + vec3<f32>(glitter);

    // Glints: small points of remembered light, each in its own cell, flaring as the water
    // carries them past; once the river wakes they are slivers of coloured glass, the
    // heart's colours, drifting downstream.
    let grid = vec2<f32>(across * 10.0, along * 5.0);
    let cell = floor(grid);
    let spark = river_hash(cell);
    let offset = vec2<f32>(river_hash(cell + vec2<f32>(3.1, 7.7)), river_hash(cell + vec2<f32>(9.4, 1.3))) * 0.6 + vec2<f32>(0.2);
    let d = fract(grid) - offset;
    let round_point = 1.0 - smoothstep(0.0, 0.16, length(d));
    // A sliver of broken glass: an irregular three-sided piece (in metres: a cell is 0.6 m
    // across the river and 1.2 m along it), turned its own way, its bevelled rim catching the
    // moon brighter than its coloured face.
    let q = vec2<f32>(d.x * 0.6, d.y * 1.2);
    let turn = river_hash(cell + vec2<f32>(2.2, 6.1)) * 6.2831;
    var edge = -1.0;
    for (var side = 0; side < 3; side++) {
        let angle = turn + f32(side) * 2.1 + river_hash(cell + vec2<f32>(f32(side), 4.4)) * 0.5;
        edge = max(edge, dot(q, vec2<f32>(cos(angle), sin(angle))));
    }
    let size = 0.07 + 0.06 * river_hash(cell + vec2<f32>(8.8, 0.7));
    let aa = max(fwidth(edge), 1e-4);
    let face = 1.0 - smoothstep(size - aa, size + aa, edge);
    let rim = face * smoothstep(size - 0.015 - aa, size - 0.015 + aa, edge);
    // Each shines: a soft glow of its own colour round it in the water.
    let halo = exp(-max(edge - size, 0.0) * 40.0) * (1.0 - face) * 0.6;
    let point = mix(round_point, face + halo, awake);
    let flare = step(0.9 - 0.12 * awake, spark) * point * (0.5 + 0.5 * sin(globals.time * 3.0 * river.params.z + spark * 40.0));
    var panes = PANES;
    let glass = panes[u32(river_hash(cell + vec2<f32>(5.3, 2.9)) * 6.99)];
    // Coloured glass stays coloured only short of white: its light is kept below one; the rim
    // is the moon's light off its bevel.
    let shard = mix(glass * 0.8, vec3<f32>(0.95, 0.95, 1.0), rim * 0.5);
    let glint = mix(vec3<f32>(0.7, 0.85, 1.4) * 0.3, shard, awake);
    color += glint * flare;

    // Shallows at the banks: the water thins over dark mud toward its edges.
    let shore = smoothstep(0.0, 0.12, across) * smoothstep(1.0, 0.88, across);
    color = mix(vec3<f32>(0.025, 0.03, 0.035), color, 0.35 + 0.65 * shore);
    return vec4<f32>(color * (0.85 + 0.3 * awake), 1.0);
}
