// The hashes the dream's shaders share (imported by path: `#import "shaders/lib/noise.wgsl"::hash`).

// A pseudo-random value in [0, 1) for a point: the classic sine hash.
fn hash(p: vec2<f32>) -> f32 {
    return hash_along(p, vec2<f32>(127.1, 311.7), 43758.5453);
}

// The same kind of hash along another axis and scale, for a pattern that must not line up
// with `hash`'s (the river's stars and shards).
fn hash_along(p: vec2<f32>, axis: vec2<f32>, scale: f32) -> f32 {
    return fract(sin(dot(p, axis)) * scale);
}
