// The heavy sky over the cold city: a low deck of bruised cloud rolling in as the warmth
// drains, thick and dark where it is deep, paler at its torn edges, thinning toward the horizon
// so the last cold light shows beneath it.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{globals, view},
}
#import "shaders/lib/noise.wgsl"::hash

struct Clouds {
    // x: how heavy the sky has grown (0 clear .. 1 overcast), y: drift rate (0 under reduced
    // motion), z: how near the deck's edge fades out (metres), w: how far it reaches (metres).
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> clouds: Clouds;

fn noise(p: vec2<f32>) -> f32 {
    let cell = floor(p);
    let f = fract(p);
    let s = f * f * (3.0 - 2.0 * f);
    let a = hash(cell);
    let b = hash(cell + vec2<f32>(1.0, 0.0));
    let c = hash(cell + vec2<f32>(0.0, 1.0));
    let d = hash(cell + vec2<f32>(1.0, 1.0));
    return mix(mix(a, b, s.x), mix(c, d, s.x), s.y);
}

fn fbm(p: vec2<f32>) -> f32 {
    var sum = 0.0;
    var amplitude = 0.5;
    var q = p;
    for (var i = 0; i < 5; i++) {
        sum += noise(q) * amplitude;
        q = q * 2.03 + vec2<f32>(1.7, 9.2);
        amplitude *= 0.5;
    }
    return sum;
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let heaviness = clouds.params.x;
    let t = globals.time * clouds.params.y;
    let p = in.world_position.xz * 0.011 + vec2<f32>(t * 0.012, t * 0.005);
    // Warped noise rolls into billows rather than blotches.
    let warp = vec2<f32>(fbm(p * 0.6 + vec2<f32>(3.1, 1.7)), fbm(p * 0.6 + vec2<f32>(8.3, 2.8)));
    let density = fbm(p + warp * 1.4);
    // The heavier the sky, the more of it the cloud covers.
    let cover = smoothstep(0.62 - 0.32 * heaviness, 0.7 - 0.12 * heaviness, density);
    let along = length(in.world_position.xz - view.world_position.xz);
    let reach = 1.0 - smoothstep(clouds.params.z, clouds.params.w, along);
    // Deep cloud is a dark bruise; its thin, torn edges catch the last cold light.
    let deep = vec3<f32>(0.014, 0.013, 0.022);
    let torn = vec3<f32>(0.11, 0.105, 0.15);
    let colour = mix(torn, deep, smoothstep(0.45, 0.8, density));
    return vec4<f32>(colour, clamp(cover * heaviness * reach, 0.0, 0.97));
}
