// Avenues paved with stardust: every speck twinkles on its own rhythm, and the dust glows
// brighter where the dreamer has just stepped.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{globals, view},
}
#import "shaders/lib/noise.wgsl"::hash

struct Stardust {
    // Recent footsteps: xy = ground position, z = seconds since the step, w = 1 if used.
    steps: array<vec4<f32>, 8>,
    // x: warmth (1 dusk .. floor), y: twinkle on (1) or still (0, reduced motion).
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> dust: Stardust;

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    let ground = in.world_position.xz;
    let speck = floor(ground * 3.0);
    let phase = hash(speck) * 6.2831;
    let rate = 1.2 + hash(speck + vec2<f32>(1.7, 9.2)) * 2.8;
    let twinkle = mix(1.0, 0.45 + 0.55 * (0.5 + 0.5 * sin(globals.time * rate + phase)), dust.params.y);

    var glow = 0.0;
    for (var i = 0; i < 8; i++) {
        let step = dust.steps[i];
        let d = distance(ground, step.xy);
        glow += step.w * exp(-step.z * 0.7) * exp(-d * d * 0.3);
    }

    var base = vec3<f32>(1.0);
#ifdef VERTEX_COLORS
    base = in.color.rgb;
#endif
    let warmth = dust.params.x;
    // Far dust fades into the dusk rather than glittering to the horizon.
    let distance_to_eye = distance(in.world_position.xyz, view.world_position);
    let near = 1.0 - smoothstep(40.0, 110.0, distance_to_eye);
    let color = base * twinkle * mix(0.15, 1.0, warmth) * (1.0 + glow * 3.0) * near;
    return vec4<f32>(color, 1.0);
}
