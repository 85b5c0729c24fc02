// Molten silver that ripples like satin: slow waves travel up the towers, their crests
// catching the light as smoother bands; as the city cools the waves turn uneasy. The silver
// is a mirror: it shows the dusk sky sharp (a filtered environment map blurs it into a soft
// sheen that reads as cloth), the hard line where bright sky meets the dark avenues running
// through every ripple, and the low sun as a hot glint.
#import bevy_pbr::{
    pbr_fragment::pbr_input_from_standard_material,
    pbr_functions::{alpha_discard, apply_pbr_lighting, main_pass_post_lighting_processing},
    forward_io::{Vertex, VertexOutput, FragmentOutput},
    mesh_functions,
    mesh_view_bindings::globals,
    view_transformations::position_world_to_clip,
}
#import "shaders/lib/noise.wgsl"::hash
#import "shaders/lib/vertex.wgsl"::vertex_output

const SKY_STOPS: u32 = 7u;
const AVENUE: vec3<f32> = vec3<f32>(0.012, 0.011, 0.016);

struct Satin {
    // x: ripple amplitude (metres), y: unease (0 calm .. 1 uneasy), z: time scale, w: sheen.
    params: vec4<f32>,
    // The sky the silver mirrors, as the sky dome draws it: rgb at height w (the sine of the
    // elevation), from below the horizon to the zenith.
    sky: array<vec4<f32>, 7>,
    // xyz: the way the setting sun's light travels; w: how strongly its glow shows.
    sun: vec4<f32>,
}

@group(#{MATERIAL_BIND_GROUP}) @binding(100) var<uniform> satin: Satin;

// Height of the satin wave at a world position: calm swells rising upward, with a restless
// cross-ripple mixed in by `unease`.
fn wave(p: vec3<f32>, t: f32, unease: f32) -> f32 {
    let calm = sin(p.y * 0.32 - t * 0.9 + p.x * 0.15 + p.z * 0.11) * 0.6
        + sin(p.y * 0.71 - t * 1.4 + p.z * 0.23 - p.x * 0.07) * 0.4;
    let uneasy = sin(p.y * 1.9 - t * 3.1 + p.x * 0.8) * sin(p.y * 0.37 + t * 0.7 + p.z * 0.9);
    return calm + unease * 0.9 * uneasy;
}

@vertex
fn vertex(vertex: Vertex) -> VertexOutput {
    let world_from_local = mesh_functions::get_world_from_local(vertex.instance_index);
    var world_position = mesh_functions::mesh_position_local_to_world(world_from_local, vec4<f32>(vertex.position, 1.0));
    var normal = mesh_functions::mesh_normal_local_to_world(vertex.normal, vertex.instance_index);

    let amplitude = satin.params.x;
    // The towers themselves keep their calm swells as the city cools: it is their reflections
    // that twist into darker mirages (the fragment's ripples). A restless ripple in the shape
    // itself cut the slabs into horizontal ledges that read as rock strata, not silver.
    let unease = 0.0;
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

    return vertex_output(vertex, world_position, normal);
}

// The sky seen along `direction`, the dome's own gradient: bright at the horizon, deep at the
// zenith; below the horizon the dark avenues.
fn sky_along(direction: vec3<f32>) -> vec3<f32> {
    let height = direction.y;
    var colour = satin.sky[0].rgb;
    for (var i = 1u; i < SKY_STOPS; i++) {
        let below = satin.sky[i - 1u];
        let above = satin.sky[i];
        let f = clamp((height - below.w) / max(above.w - below.w, 1e-4), 0.0, 1.0);
        colour = select(colour, mix(below.rgb, above.rgb, f), height > below.w);
    }
    // Silver gives back the sky's light more than its hue: at dusk enough of the sunset's
    // colour runs through it to read as liquid metal, gone cold mostly its grey.
    let grey = dot(colour, vec3<f32>(0.2126, 0.7152, 0.0722));
    colour = mix(colour, vec3<f32>(grey), mix(0.9, 0.85, satin.params.y));
    // Below the horizon it mirrors the avenues: the line between bright sky and darker ground
    // running through every ripple is what reads as liquid metal. At dusk the stardust and the
    // afterglow keep that ground dim, not black (black read as stains on the silver); gone cold
    // it is dark, and the reflections twist into darker mirages.
    let horizon = satin.sky[2].rgb;
    let horizon_grey = dot(horizon, vec3<f32>(0.2126, 0.7152, 0.0722));
    let ground = mix(mix(horizon, vec3<f32>(horizon_grey), 0.9) * 0.28, AVENUE, satin.params.y);
    colour = mix(colour, ground, smoothstep(0.0, 0.03, -height));
    let toward_sun = max(dot(direction, -normalize(satin.sun.xyz)), 0.0);
    let glow = pow(toward_sun, 14.0) * 1.5 + pow(toward_sun, 180.0) * 30.0;
    return colour + vec3<f32>(1.0, 0.6, 0.35) * glow * satin.sun.w;
}

// Metres from one floor of windows to the next.
const STOREY: f32 = 3.4;

// The towers' windows, from the walls' texture coordinates (u in window bays, v in metres
// over four): x how much of this point is window glass rather than the silver frame between
// panes (far off, where the grid would shimmer, the average), y how brightly a light behind it
// burns, z which lamp (0..1) it is. `lights` is the share of windows lit: at dusk a few, warm
// (the towers are mirrors first, not office blocks); as the warmth drains a few more, burning
// cold.
fn windows(uv: vec2<f32>, normal: vec3<f32>, lights: f32) -> vec3<f32> {
    let cell = vec2<f32>(uv.x, uv.y * 4.0 / STOREY);
    let f = fract(cell);
    let w = max(fwidth(cell), vec2<f32>(1e-4));
    let across = smoothstep(0.12 - w.x, 0.12 + w.x, f.x) * (1.0 - smoothstep(0.88 - w.x, 0.88 + w.x, f.x));
    let up = smoothstep(0.22 - w.y, 0.22 + w.y, f.y) * (1.0 - smoothstep(0.94 - w.y, 0.94 + w.y, f.y));
    // Walls only (not the roofs), and above the street-level lobby.
    let wall = (1.0 - smoothstep(0.5, 0.8, abs(normal.y))) * step(1.0, cell.y);
    let sharp = across * up;
    let near = 1.0 - smoothstep(0.25, 0.5, max(w.x, w.y));
    let glass = mix(0.55, sharp, near) * wall;
    let id = floor(cell);
    // A room's lamp hangs low: its light is warmest toward the sill.
    let room = mix(1.0, 0.75, f.y);
    let lit = step(hash(id), lights) * (0.45 + 0.55 * hash(id + vec2<f32>(7.3, 1.9))) * room;
    return vec3<f32>(glass, lit * mix(0.6, sharp, near) * wall, hash(id + vec2<f32>(3.7, 5.1)));
}

@fragment
fn fragment(in: VertexOutput, @builtin(front_facing) is_front: bool) -> FragmentOutput {
    var pbr_input = pbr_input_from_standard_material(in, is_front);
    let t = globals.time * satin.params.z;
    let p = in.world_position.xyz;
    // Satin sheen: the crests are smoother and brighter than the troughs.
    let band = wave(p, t, satin.params.y);
    pbr_input.material.perceptual_roughness = clamp(
        pbr_input.material.perceptual_roughness - band * 0.07 * satin.params.w, 0.05, 1.0);
    pbr_input.material.base_color = alpha_discard(pbr_input.material, pbr_input.material.base_color);

    // Fine running ripples on the liquid surface bend the mirror image.
    let unease = satin.params.y;
    // As the city cools they run faster and a slow swell rolls through them: the reflections
    // twist, while the towers keep the look they had at dusk.
    let swell = sin(p.x * 0.7 + p.z * 0.6 + p.y * 0.4 - t * 0.8) * 0.08 * unease;
    let ripple = vec3<f32>(
        sin(p.y * 2.6 - t * 1.8 + p.z * 1.3) * 0.09 + swell,
        sin(p.y * 1.7 + p.x * 0.9 - t * 1.1) * 0.09,
        sin(p.y * 3.1 - t * 2.3 + p.x * 1.1) * 0.09 - swell,
    );
    // Gone cold, the mirror itself twists: the reflections turn about and dip in slow bands
    // that climb the towers, so the dark below the horizon streaks up through them — darker
    // mirages of the city that was.
    let twist = unease * 0.6 * sin(p.y * 0.22 + (p.x + p.z) * 0.08 - t * 0.4);
    let dip = unease * 0.3 * sin(p.y * 0.5 + p.x * 0.3 - p.z * 0.2 - t * 0.6);
    let bent = normalize(pbr_input.N + ripple);
    let n = normalize(vec3<f32>(
        bent.x * cos(twist) - bent.z * sin(twist),
        bent.y + dip,
        bent.x * sin(twist) + bent.z * cos(twist),
    ));
    let v = pbr_input.V;
    // Polished metal keeps deep darks and hard brights: a steeper curve than the sky's own.
    // Gone cold it still shines, dully, a steel-blue sheen on the dark: the same silver.
    let steepness = mix(1.5, 1.0, unease);
    let mirrored = pow(sky_along(reflect(-v, n)), vec3<f32>(steepness)) * mix(1.4, 2.6, unease)
        + vec3<f32>(0.010, 0.013, 0.02) * unease;
    let silver = pbr_input.material.base_color.rgb;
    let facing = clamp(dot(n, v), 0.0, 1.0);
    let fresnel = silver + (vec3<f32>(1.0) - silver) * pow(1.0 - facing, 5.0);

    // A city's windows: dark panes of glass in the silver, some lit from within. `sun.w` is
    // the dusk's remaining warmth.
    let warmth = satin.sun.w;
    var uv = vec2<f32>(0.0);
#ifdef VERTEX_UVS_A
    uv = in.uv;
#endif
    let window = windows(uv, in.world_normal, 0.045 - 0.015 * warmth);
    let warm_lamp = mix(vec3<f32>(1.0, 0.5, 0.2), vec3<f32>(1.0, 0.74, 0.48), window.z);
    let lamp = mix(vec3<f32>(0.4, 0.52, 0.8) * 0.6, warm_lamp * 1.5, warmth);

    var out: FragmentOutput;
    let lit = apply_pbr_lighting(pbr_input);
    // Gone cold, the lights that remain (the door's blue above all) glint on the silver more.
    let sheen = mirrored * fresnel * mix(1.0, 0.4, window.x) + lit.rgb * (0.12 + 0.6 * unease);
    let clear = vec4<f32>(sheen + lamp * window.y, lit.a);
    // A mirror keeps its darks through the haze: the full fog would wash the deep sky it shows
    // into a pale lavender, the look of cloth, not metal.
    out.color = mix(clear, main_pass_post_lighting_processing(pbr_input, clear), mix(0.2, 0.35, unease));
    return out;
}
