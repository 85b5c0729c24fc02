//! Moods: how each moment of the dream is lit and coloured — its sky from the nadir up, its
//! fog and ambient light — and how a scene is repainted as one mood turns into another. The
//! colour tables of dusk, the chill, the indigo night and the sunrise live here together.

use bevy::light::{NotShadowCaster, NotShadowReceiver};
use bevy::prelude::*;

use crate::view::world::camera::DreamCamera;
use crate::view::world::shapes;

/// How a chapter looks: its sky from the nadir up, fog and ambient light.
#[derive(Debug, Clone)]
pub struct Mood {
    pub sky: Vec<(f32, LinearRgba)>,
    pub fog: Color,
    pub fog_start: f32,
    pub fog_end: f32,
    pub ambient: Color,
    pub ambient_brightness: f32,
}

impl Mood {
    /// The mood `t` of the way from this one to `other` (the skies must have the same stops).
    pub fn mix(&self, other: &Mood, t: f32) -> Mood {
        let color =
            |a: Color, b: Color| Color::from(LinearRgba::from(a).mix(&LinearRgba::from(b), t));
        Mood {
            sky: self
                .sky
                .iter()
                .zip(&other.sky)
                .map(|(&(height, a), &(_, b))| (height, a.mix(&b, t)))
                .collect(),
            fog: color(self.fog, other.fog),
            fog_start: self.fog_start.lerp(other.fog_start, t),
            fog_end: self.fog_end.lerp(other.fog_end, t),
            ambient: color(self.ambient, other.ambient),
            ambient_brightness: self.ambient_brightness.lerp(other.ambient_brightness, t),
        }
    }
}

/// Repaints a chapter to `mood`: its sky (made by `apply_mood`), fog, ambient light and clear
/// colour.
pub(crate) fn repaint(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    sky: &Handle<Mesh>,
    mood: &Mood,
    fog: &mut DistanceFog,
) {
    if let Some(mut mesh) = meshes.get_mut(sky) {
        mesh.insert_attribute(Mesh::ATTRIBUTE_COLOR, shapes::sky::sky_colors(&mood.sky));
    }
    set_air(commands, mood);
    set_fog(fog, mood);
}

/// Sets the fog, ambient light and clear colour for a chapter and spawns its sky; returns the
/// sky's mesh so its colours can change.
pub(crate) fn apply_mood(
    commands: &mut Commands,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<StandardMaterial>,
    mood: &Mood,
    fogs: &mut Query<&mut DistanceFog, With<DreamCamera>>,
    scope: impl Bundle,
) -> Handle<Mesh> {
    for mut fog in fogs.iter_mut() {
        set_fog(&mut fog, mood);
    }
    set_air(commands, mood);
    let sky = meshes.add(shapes::sky::sky_dome(1500.0, &mood.sky));
    commands.spawn((
        Name::new("Sky"),
        Mesh3d(sky.clone()),
        MeshMaterial3d(materials.add(StandardMaterial {
            base_color: Color::WHITE,
            unlit: true,
            fog_enabled: false,
            cull_mode: None,
            ..default()
        })),
        NotShadowCaster,
        NotShadowReceiver,
        scope,
    ));
    sky
}

/// The light that fills the air: ambient, and the clear colour behind everything.
fn set_air(commands: &mut Commands, mood: &Mood) {
    commands.insert_resource(GlobalAmbientLight {
        color: mood.ambient,
        brightness: mood.ambient_brightness,
        affects_lightmapped_meshes: true,
    });
    commands.insert_resource(ClearColor(mood.fog));
}

fn set_fog(fog: &mut DistanceFog, mood: &Mood) {
    fog.color = mood.fog;
    fog.falloff = FogFalloff::Linear {
        start: mood.fog_start,
        end: mood.fog_end,
    };
}

/// The city at dusk, before anything has changed.
pub fn dusk() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.02, 0.015, 0.04)),
            (-0.05, LinearRgba::rgb(0.16, 0.07, 0.12)),
            (0.0, LinearRgba::rgb(1.1, 0.42, 0.26)),
            (0.08, LinearRgba::rgb(0.75, 0.25, 0.32)),
            (0.25, LinearRgba::rgb(0.22, 0.08, 0.28)),
            (0.6, LinearRgba::rgb(0.05, 0.03, 0.14)),
            (1.0, LinearRgba::rgb(0.015, 0.012, 0.06)),
        ],
        fog: Color::srgb(0.34, 0.2, 0.3),
        fog_start: 40.0,
        fog_end: 260.0,
        ambient: Color::srgb(0.75, 0.6, 0.95),
        ambient_brightness: 300.0,
    }
}

/// The same city once the chill has closed in: a heavy, bruised sky pressing down, the last
/// light squeezed into a cold pale band at the horizon for the silver to mirror, and near fog.
pub(crate) fn chill() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.005, 0.005, 0.008)),
            (-0.05, LinearRgba::rgb(0.02, 0.021, 0.03)),
            (0.0, LinearRgba::rgb(0.31, 0.3, 0.4)),
            (0.08, LinearRgba::rgb(0.13, 0.125, 0.18)),
            (0.25, LinearRgba::rgb(0.04, 0.04, 0.06)),
            (0.6, LinearRgba::rgb(0.014, 0.014, 0.024)),
            (1.0, LinearRgba::rgb(0.006, 0.006, 0.012)),
        ],
        fog: Color::srgb(0.1, 0.095, 0.13),
        fog_start: 10.0,
        fog_end: 120.0,
        ambient: Color::srgb(0.55, 0.56, 0.68),
        ambient_brightness: 60.0,
    }
}

/// The garden's night: deep indigo overhead, a violet glow at the horizon.
pub(crate) fn indigo_night() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.01, 0.01, 0.03)),
            (-0.05, LinearRgba::rgb(0.04, 0.03, 0.12)),
            (0.0, LinearRgba::rgb(0.2, 0.12, 0.42)),
            (0.12, LinearRgba::rgb(0.08, 0.05, 0.3)),
            (0.45, LinearRgba::rgb(0.025, 0.02, 0.16)),
            (1.0, LinearRgba::rgb(0.008, 0.006, 0.07)),
        ],
        fog: Color::srgb(0.1, 0.07, 0.24),
        fog_start: 25.0,
        fog_end: 190.0,
        ambient: Color::srgb(0.55, 0.5, 1.0),
        ambient_brightness: 420.0,
    }
}

/// The garden at sunrise.
pub(crate) fn sunrise() -> Mood {
    Mood {
        sky: vec![
            (-1.0, LinearRgba::rgb(0.05, 0.04, 0.06)),
            (-0.05, LinearRgba::rgb(0.4, 0.3, 0.3)),
            (0.0, LinearRgba::rgb(1.6, 0.8, 0.45)),
            (0.12, LinearRgba::rgb(1.1, 0.7, 0.6)),
            (0.45, LinearRgba::rgb(0.45, 0.55, 0.85)),
            (1.0, LinearRgba::rgb(0.25, 0.4, 0.8)),
        ],
        fog: Color::srgb(0.95, 0.75, 0.65),
        fog_start: 40.0,
        fog_end: 320.0,
        ambient: Color::srgb(1.0, 0.9, 0.85),
        ambient_brightness: 700.0,
    }
}
