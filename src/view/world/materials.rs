//! The game's own materials, each a WGSL shader in `assets/shaders/`: the silver's satin
//! ripple, the cold city's heavy clouds, the twinkling stardust, the meadow's sway, the river's flowing water, and stained
//! glass (the shards and the heart's panes).

use bevy::pbr::{ExtendedMaterial, MaterialExtension};
use bevy::prelude::*;
use bevy::render::render_resource::AsBindGroup;
use bevy::shader::ShaderRef;

pub fn plugin(app: &mut App) {
    app.add_plugins((
        MaterialPlugin::<SatinMaterial>::default(),
        MaterialPlugin::<StardustMaterial>::default(),
        MaterialPlugin::<SwayMaterial>::default(),
        MaterialPlugin::<FlowMaterial>::default(),
        MaterialPlugin::<GlassMaterial>::default(),
        MaterialPlugin::<ShawlMaterial>::default(),
        MaterialPlugin::<CloudMaterial>::default(),
    ))
    .init_resource::<LeadCame>();
}

/// The satin ripple on top of the standard PBR silver.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Satin {
    /// x: ripple amplitude (m), y: unease (0..1), z: time scale, w: sheen.
    #[uniform(100)]
    pub params: Vec4,
    /// The sky the silver mirrors: rgb at height w (sine of the elevation), low to high.
    #[uniform(100)]
    pub sky: [Vec4; SKY_STOPS],
    /// xyz: the way the setting sun's light travels; w: how strongly its glow shows.
    #[uniform(100)]
    pub sun: Vec4,
}

/// How many colour stops the silver's mirrored sky has (the shader's `SKY_STOPS`).
pub(crate) const SKY_STOPS: usize = 7;

impl Satin {
    /// The silver mirroring `sky` (a mood's stops, low to high) and a sun glowing `sun_glow`.
    pub fn mirroring(&mut self, sky: &[(f32, LinearRgba)], sun: Vec3, sun_glow: f32) {
        for (index, stop) in self.sky.iter_mut().enumerate() {
            let (height, colour) = sky[index.min(sky.len().saturating_sub(1))];
            *stop = colour.to_vec3().extend(height);
        }
        self.sun = sun.normalize().extend(sun_glow);
    }
}

impl MaterialExtension for Satin {
    fn vertex_shader() -> ShaderRef {
        "shaders/satin.wgsl".into()
    }

    fn fragment_shader() -> ShaderRef {
        "shaders/satin.wgsl".into()
    }
}

pub type SatinMaterial = ExtendedMaterial<StandardMaterial, Satin>;

/// Twinkling stardust that brightens under recent footsteps.
#[derive(Asset, AsBindGroup, TypePath, Debug, Clone, Default)]
pub(crate) struct StardustMaterial {
    /// Recent steps: xy ground position, z seconds since, w 1 when used.
    #[uniform(0)]
    pub steps: [Vec4; 8],
    /// x: warmth, y: twinkle (1) or still (0).
    #[uniform(0)]
    pub params: Vec4,
}

impl Material for StardustMaterial {
    fn fragment_shader() -> ShaderRef {
        "shaders/stardust.wgsl".into()
    }

    fn alpha_mode(&self) -> AlphaMode {
        AlphaMode::Add
    }
}

/// The low deck of cloud that rolls over the city as it cools.
#[derive(Asset, AsBindGroup, TypePath, Debug, Clone, Default)]
pub(crate) struct CloudMaterial {
    /// x: how heavy the sky has grown (0..1), y: drift rate, z: where the deck starts to fade
    /// out (m), w: how far it reaches (m).
    #[uniform(0)]
    pub params: Vec4,
}

impl Material for CloudMaterial {
    fn fragment_shader() -> ShaderRef {
        "shaders/clouds.wgsl".into()
    }

    fn alpha_mode(&self) -> AlphaMode {
        AlphaMode::Blend
    }
}

/// A gentle sway on top of the standard PBR material.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Sway {
    /// x: sway at the top of a stem (m), y: gust speed, z: how open the blooms are (dawn), w: how
    /// brightly they glow in their own colours.
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Sway {
    fn vertex_shader() -> ShaderRef {
        "shaders/sway.wgsl".into()
    }

    fn fragment_shader() -> ShaderRef {
        "shaders/sway.wgsl".into()
    }
}

pub type SwayMaterial = ExtendedMaterial<StandardMaterial, Sway>;

/// The river's flowing water.
#[derive(Asset, AsBindGroup, TypePath, Debug, Clone, Default)]
pub(crate) struct FlowMaterial {
    /// x: awake (0..1), y: flow speed, z: motion on (1) or still (0), w: width (metres).
    #[uniform(0)]
    pub params: Vec4,
    /// xyz: toward the moon, whose light the water mirrors.
    #[uniform(0)]
    pub moon: Vec4,
}

impl Material for FlowMaterial {
    fn fragment_shader() -> ShaderRef {
        "shaders/river.wgsl".into()
    }
}

/// Cathedral glass on top of the standard PBR material: its emissive glow is the light shining
/// through, textured with ripples, streaks and seed bubbles, with a rim where it is seen
/// edge-on.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Glass {
    /// x: how brightly light shines through (0..1), y: texture scale, z: seed, w: rim light.
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Glass {
    fn fragment_shader() -> ShaderRef {
        "shaders/glass.wgsl".into()
    }
}

pub type GlassMaterial = ExtendedMaterial<StandardMaterial, Glass>;

/// A pane or shard of stained glass in `color`, glowing `through` (0..1), its texture seeded
/// by `seed`.
pub(crate) fn stained_glass(color: Color, through: f32, seed: f32) -> GlassMaterial {
    let light = LinearRgba::from(color);
    GlassMaterial {
        base: StandardMaterial {
            base_color: color.with_alpha(0.88),
            emissive: light * 3.2,
            perceptual_roughness: 0.08,
            reflectance: 0.9,
            alpha_mode: AlphaMode::Blend,
            double_sided: true,
            cull_mode: None,
            ..default()
        },
        extension: Glass {
            params: Vec4::new(through, 2.5, seed, 0.6),
        },
    }
}

/// The dark lead came stained glass is set in, one material for every leaded window: the
/// heart's and each shard's.
#[derive(Resource)]
pub(crate) struct LeadCame(pub Handle<StandardMaterial>);

impl FromWorld for LeadCame {
    fn from_world(world: &mut World) -> Self {
        Self(
            world
                .resource_mut::<Assets<StandardMaterial>>()
                .add(lead_came()),
        )
    }
}

fn lead_came() -> StandardMaterial {
    StandardMaterial {
        base_color: Color::srgb(0.09, 0.085, 0.1),
        metallic: 0.7,
        perceptual_roughness: 0.45,
        double_sided: true,
        cull_mode: None,
        ..default()
    }
}

/// Silk woven from hope: a fine weave with a drifting sheen, stirring gently, sheer at its
/// loose edge.
#[derive(Asset, AsBindGroup, Reflect, Debug, Clone, Default)]
pub struct Shawl {
    /// x: how far it has settled (0..1), y: time rate of its stirring, z: its glow, w: how far
    /// it has faded into the morning (0..1).
    #[uniform(100)]
    pub params: Vec4,
}

impl MaterialExtension for Shawl {
    fn vertex_shader() -> ShaderRef {
        "shaders/shawl.wgsl".into()
    }

    fn fragment_shader() -> ShaderRef {
        "shaders/shawl.wgsl".into()
    }
}

pub type ShawlMaterial = ExtendedMaterial<StandardMaterial, Shawl>;
