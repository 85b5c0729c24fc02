//! Washes over the whole view, drawn as screens above the world: the swell of light as the
//! dreamer steps through the door, cool droplets clinging after reaching into the river, the
//! shawl's golden warmth at the edges of the view, and the morning's white as the dreamer wakes.

use bevy::prelude::*;

use crate::core::flow::{AppState, Chapter};
use crate::core::settings::Settings;
use crate::dream::ending::{Ending, Scene};
use crate::dream::portal::PortalEntered;
use crate::dream::river::ReachedIn;
use crate::view::screens::palette::layer;
use crate::view::screens::ui::{fullscreen, overlay};
use crate::view::world::motion::{Ambient, PORTAL_FLASH_SECONDS, droplets_cling, portal_flash};
use crate::view::world::shapes;

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            flash_through_portal.run_if(on_message::<PortalEntered>),
            fade_flash,
        ),
    )
    .add_systems(
        Update,
        (
            cling_droplets.run_if(on_message::<ReachedIn>),
            run_droplets,
            warm_with_the_shawl,
            whiten_with_morning,
        )
            .run_if(in_state(Chapter::Garden)),
    );
}

/// The light swell of stepping through the door.
#[derive(Component)]
struct PortalFlash {
    age: f32,
}

fn flash_through_portal(mut commands: Commands, ambient: Res<Ambient>) {
    if ambient.still {
        return;
    }
    commands.spawn((
        Name::new("Portal light"),
        PortalFlash { age: 0.0 },
        overlay(Color::srgba(0.75, 0.85, 1.0, 0.0), layer::FLASH),
        DespawnOnExit(AppState::Playing),
    ));
}

fn fade_flash(
    mut commands: Commands,
    time: Res<Time>,
    ambient: Res<Ambient>,
    mut flashes: Query<(Entity, &mut PortalFlash, &mut BackgroundColor)>,
) {
    for (entity, mut flash, mut background) in &mut flashes {
        flash.age += time.delta_secs();
        let alpha = portal_flash(flash.age, ambient.still);
        background.0 = Color::srgba(0.75, 0.85, 1.0, alpha);
        if flash.age >= PORTAL_FLASH_SECONDS {
            commands.entity(entity).despawn();
        }
    }
}

/// One droplet clinging to the view.
#[derive(Component)]
struct Droplet {
    age: f32,
    fall: f32,
}

fn cling_droplets(mut commands: Commands, settings: Res<Settings>, time: Res<Time>) {
    if !droplets_cling(settings.reduced_motion) {
        return;
    }
    // Cool, clean droplets bead at the edges of the view, then slide away.
    let seed = time.elapsed_secs();
    for i in 0..16 {
        let k = i as f32 + seed * 7.3;
        let x = (k * 12.9898).sin().abs() * 100.0;
        let edge = (k * 78.233).sin().abs();
        let y = if i % 2 == 0 {
            edge * 25.0
        } else {
            75.0 + edge * 20.0
        };
        let size = 10.0 + (k * 3.7).sin().abs() * 22.0;
        commands.spawn((
            Droplet {
                age: 0.0,
                fall: 2.0 + (k * 1.9).sin().abs() * 5.0,
            },
            Node {
                position_type: PositionType::Absolute,
                left: percent(x.min(97.0)),
                top: percent(y.min(95.0)),
                width: px(size * 0.8),
                height: px(size),
                border: UiRect::all(px(1.5)),
                border_radius: BorderRadius::all(px(size)),
                ..default()
            },
            BackgroundColor(Color::srgba(0.75, 0.88, 1.0, 0.16)),
            BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45)),
            layer::DROPLETS,
            DespawnOnExit(AppState::Playing),
        ));
    }
}

fn run_droplets(
    mut commands: Commands,
    time: Res<Time>,
    mut droplets: Query<(
        Entity,
        &mut Droplet,
        &mut Node,
        &mut BackgroundColor,
        &mut BorderColor,
    )>,
) {
    for (entity, mut droplet, mut node, mut background, mut border) in &mut droplets {
        droplet.age += time.delta_secs();
        let t = droplet.age / 2.8;
        if t >= 1.0 {
            commands.entity(entity).despawn();
            continue;
        }
        if let Val::Percent(top) = node.top {
            node.top = percent(top + droplet.fall * time.delta_secs());
        }
        let fade = 1.0 - t * t;
        background.0 = Color::srgba(0.75, 0.88, 1.0, 0.16 * fade);
        *border = BorderColor::all(Color::srgba(0.9, 0.95, 1.0, 0.45 * fade));
    }
}

/// The shawl's warmth at the edges of the view.
#[derive(Component)]
struct ShawlGlow;

/// Once the moon has given the shawl, its warmth rises at the edges of the view; as the
/// dreamer wakes it fades with the rest of the night, into the morning's light.
fn warm_with_the_shawl(
    mut commands: Commands,
    ending: Res<Ending>,
    time: Res<Time<Real>>,
    mut images: ResMut<Assets<Image>>,
    mut glows: Query<&mut ImageNode, With<ShawlGlow>>,
) {
    if !ending.shawl {
        return;
    }
    if glows.is_empty() {
        commands.spawn((
            Name::new("Shawl's warmth"),
            ShawlGlow,
            ImageNode::new(images.add(shawl_image())).with_color(Color::srgba(1.0, 1.0, 1.0, 0.0)),
            fullscreen(),
            layer::WARMTH,
            DespawnOnExit(AppState::Playing),
        ));
        return;
    }
    let faded = (ending.progress(Scene::Dawn) / 0.6).clamp(0.0, 1.0);
    for mut glow in &mut glows {
        let alpha = (glow.color.alpha() + time.delta_secs() * 0.5).min(0.3 * (1.0 - faded));
        glow.color = Color::srgba(1.0, 1.0, 1.0, alpha);
    }
}

/// The shawl's warmth: gold rising from the shoulders at the bottom and sides of the view,
/// clear above, where nothing covers the dreamer's head.
fn shawl_image() -> Image {
    const W: u32 = 256;
    const H: u32 = 144;
    let mut data = Vec::with_capacity((W * H * 4) as usize);
    for y in 0..H {
        for x in 0..W {
            let u = x as f32 / W as f32 * 2.0 - 1.0;
            let v = y as f32 / H as f32 * 2.0 - 1.0;
            // v grows downward: the warmth is at the bottom and low on the sides.
            let low = ((v + 0.4) / 1.4).clamp(0.0, 1.0);
            let edge = ((u.abs().powf(4.0) + v.max(0.0).powf(3.0)) * low).min(1.0);
            // Soft folds of silk falling from the shoulders.
            let sheen = 0.85 + 0.15 * ((u * 9.0 + v * 4.0).sin());
            let alpha = (edge * 0.55 * sheen).clamp(0.0, 1.0);
            data.extend([
                255,
                (205.0 * sheen) as u8,
                (150.0 * sheen) as u8,
                (alpha * 255.0) as u8,
            ]);
        }
    }
    shapes::rgba_image(W, H, data)
}

/// The white the dawn fades to.
#[derive(Component)]
struct MorningLight;

/// The last part of the dawn fades the view to white.
fn whiten_with_morning(
    mut commands: Commands,
    ending: Res<Ending>,
    mut whites: Query<&mut BackgroundColor, With<MorningLight>>,
) {
    let t = ending.progress(Scene::Dawn);
    if t <= 0.0 {
        return;
    }
    let white = ((t - 0.65) / 0.3).clamp(0.0, 1.0);
    if whites.is_empty() {
        commands.spawn((
            Name::new("Morning"),
            MorningLight,
            overlay(Color::srgba(1.0, 0.98, 0.95, white), layer::HUD),
            DespawnOnExit(AppState::Playing),
        ));
    }
    for mut background in &mut whites {
        background.0 = Color::srgba(1.0, 0.98, 0.95, white);
    }
}
