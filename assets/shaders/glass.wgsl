// Stained glass: light shining through coloured cathedral glass. The pane's own glow is
// modulated by the glass's texture — slow ripples from the rolling of the sheet, streaks, and
// small seed bubbles — and a rim of light where the glass is seen edge-on catches the moon.
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{VertexOutput, FragmentOutput},
    mesh_view_bindings::view,
}
#import "shaders/lib/noise.wgsl"::hash

struct Glass {
    // x: how brightly light shines through (0 dark .. 1 full), y: texture scale,
    // z: a seed so no two panes share their ripples, w: rim light.
    params: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> glass: Glass;

// The sheet's texture at `p`: 1 is clear glass, lower where it thickens or holds a bubble.
fn cathedral(p: vec2<f32>) -> f32 {
    let ripple = 0.5 + 0.5 * sin(p.x * 5.3 + sin(p.y * 3.1) * 1.7 + sin(p.x * 1.3 + p.y * 2.2));
    let streak = 0.5 + 0.5 * sin(p.y * 17.0 + sin(p.x * 2.3) * 2.5);
    let cell = floor(p * 6.0);
    let inner = fract(p * 6.0) - vec2<f32>(hash(cell), hash(cell + 7.3)) * 0.6 - 0.2;
    let bubble = step(0.8, hash(cell + 3.1)) * (1.0 - smoothstep(0.03, 0.08, length(inner)));
    return 0.72 + 0.2 * ripple + 0.08 * streak - 0.35 * bubble;
}

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> FragmentOutput {
    var pbr_input = pbr_input_from_standard_material(in, is_front);
#ifdef VERTEX_UVS_A
    let p = in.uv * glass.params.y + vec2<f32>(glass.params.z * 3.7, glass.params.z * 1.9);
#else
    let p = in.world_position.xy * glass.params.y;
#endif
    let texture = cathedral(p);
    let eye = normalize(view.world_position - in.world_position.xyz);
    let edge_on = 1.0 - abs(dot(eye, normalize(in.world_normal)));
    let rim = pow(edge_on, 3.0) * glass.params.w;
    let through = pbr_input.material.emissive.rgb * texture * glass.params.x;
    pbr_input.material.emissive = vec4<f32>(through + vec3<f32>(rim), pbr_input.material.emissive.a);
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);

    var out: FragmentOutput;
    out.color = apply_pbr_lighting(pbr_input);
    out.color = main_pass_post_lighting_processing(pbr_input, out.color);
    return out;
}
