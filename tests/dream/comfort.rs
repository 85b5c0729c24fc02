//! Comfort that keeps its promises: reduced motion stills every animated effect on screen,
//! the text size reaches all text at once, and the door's hum is captioned with where it is.

use std::time::Duration;

use begin_again::core::flow::Chapter;
use begin_again::core::settings::Settings;
use begin_again::view::screens::captions::hum_caption;
use begin_again::view::screens::ui::{TextSize, label};
use begin_again::view::world::motion::{self, Ambient, Effect, Moment};
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use crate::support::*;

/// Every animated screen effect, each named for what the player would see move. A new effect
/// must be added here (and to `Effect::ALL`) to be drawn.
const EVERY_ANIMATED_EFFECT: [Effect; 16] = [
    Effect::DoorPulse,       // the blue door's glow breathing
    Effect::PortalFlash,     // the white-blue swell when stepping through the door
    Effect::TowerRipples,    // the satin ripples and sheen running up the silver towers
    Effect::StardustTwinkle, // the stardust twinkling on the avenues
    Effect::Whispers,        // lights and shadows passing between the towers
    Effect::CloudDrift,      // the heavy clouds rolling over the cold city
    Effect::MeadowSway,      // the meadow swaying in gusts
    Effect::TreeSway,        // the grown trees swaying
    Effect::Wisps,           // the wisps circling in the garden air
    Effect::RiverFlow,       // the river's flowing bands and flaring glints
    Effect::ShardShimmer,    // glass shards bobbing and turning on the banks
    Effect::Droplets,        // droplets beading and sliding at the view's edges
    Effect::Breathing,       // the view's slow float
    Effect::HeartFlight,     // the heart's panes flying to their places
    Effect::ShawlStir,       // the shawl rising onto the shoulders and stirring
    Effect::HeldShard,       // a gathered shard rising into the hands, turning, let go
];

/// The moments the screen sees over a few seconds of a dream in the city, frame after frame
/// of uneven length, with reduced motion `reduced`.
fn moments(reduced: bool) -> Vec<Moment> {
    let mut app = dream(11, Chapter::City);
    app.add_plugins(motion::plugin);
    app.world_mut().resource_mut::<Settings>().reduced_motion = reduced;
    let mut moments = Vec::new();
    for millis in [16, 33, 21, 50, 16, 40, 25, 70].iter().cycle().take(48) {
        app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(
            *millis,
        )));
        app.update();
        moments.push(Moment {
            real: app.world().resource::<Time>().elapsed_secs(),
            ambient: *app.world().resource::<Ambient>(),
        });
    }
    moments
}

#[test]
fn reduced_motion_leaves_no_animated_screen_effect() {
    assert_eq!(
        EVERY_ANIMATED_EFFECT.to_vec(),
        Effect::ALL.to_vec(),
        "every effect the view draws is listed here"
    );
    let (moving, still) = (moments(false), moments(true));
    // Time itself runs on under reduced motion: the stillness is the effects'.
    assert!(still.last().unwrap().real > still[0].real + 1.0);
    for effect in EVERY_ANIMATED_EFFECT {
        let first = effect.look(still[0]);
        for moment in &still {
            assert_eq!(
                effect.look(*moment),
                first,
                "{effect:?} moves under reduced motion at {moment:?}"
            );
        }
        // With motion on the same effect does move, so a stillness seen above is real.
        let start = effect.look(moving[0]);
        assert!(
            moving.iter().any(|moment| effect.look(*moment) != start),
            "{effect:?} never moves, even with motion on"
        );
    }
}

#[test]
fn the_ambient_clock_holds_while_motion_is_reduced_and_goes_on_from_there() {
    let mut app = dream(12, Chapter::City);
    app.add_plugins(motion::plugin);
    for _ in 0..30 {
        app.update();
    }
    let before = app.world().resource::<Ambient>().seconds;
    assert!(before > 0.0);
    app.world_mut().resource_mut::<Settings>().reduced_motion = true;
    for _ in 0..30 {
        app.update();
    }
    assert_eq!(app.world().resource::<Ambient>().seconds, before);
    // Motion back on: it goes on from where it stood, with no jump.
    app.world_mut().resource_mut::<Settings>().reduced_motion = false;
    app.update();
    let after = app.world().resource::<Ambient>().seconds;
    assert!(after > before && after - before < 0.1, "{before} → {after}");
}

#[test]
fn the_text_size_reaches_all_text_at_once() {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, bevy::input::InputPlugin))
        .add_plugins((
            begin_again::core::settings::plugin,
            begin_again::view::screens::ui::plugin,
        ));
    let world = app.world_mut();
    let line = world.spawn(label("A line", 20.0, Color::WHITE)).id();
    let time = world
        .spawn(begin_again::view::screens::speedrun::times::figures(
            "1:02.345",
            30.0,
            Color::WHITE,
        ))
        .id();
    app.update();
    let size = |app: &App, text| app.world().get::<TextFont>(text).unwrap().font_size;
    assert_eq!(size(&app, line), FontSize::Px(20.0));
    assert_eq!(size(&app, time), FontSize::Px(30.0));
    // Changed in play: text already on screen follows at once, and new text is born at it.
    app.world_mut().resource_mut::<Settings>().text_scale = 1.5;
    app.update();
    assert_eq!(size(&app, line), FontSize::Px(30.0));
    assert_eq!(size(&app, time), FontSize::Px(45.0));
    let later = app
        .world_mut()
        .spawn(label("Later", 18.0, Color::WHITE))
        .id();
    app.update();
    assert_eq!(size(&app, later), FontSize::Px(27.0));
    assert_eq!(app.world().get::<TextSize>(later), Some(&TextSize(18.0)));
}

#[test]
fn the_doors_hum_is_captioned_with_where_it_comes_from() {
    use begin_again::dream::walking::{forward, right};
    use begin_again::view::sound::DOOR_HEARING_RADIUS;
    let yaw = 0.7;
    let at = Vec2::new(3.0, -4.0);
    let toward = |ahead: f32, rightward: f32, metres: f32| {
        at + (forward(yaw) * ahead + right(yaw) * rightward).normalize() * metres
    };
    let caption = |door| hum_caption(at, yaw, door).unwrap();
    assert_eq!(caption(toward(1.0, 0.0, 40.0)), "[a low hum, ahead]");
    assert_eq!(
        caption(toward(1.0, -1.0, 40.0)),
        "[a low hum, ahead, to the left]"
    );
    assert_eq!(caption(toward(0.0, 1.0, 40.0)), "[a low hum, to the right]");
    assert_eq!(
        caption(toward(-1.0, -1.0, 40.0)),
        "[a low hum, behind, to the left]"
    );
    assert_eq!(caption(toward(-1.0, 0.0, 40.0)), "[a low hum, behind]");
    // Nearness is said too, and beyond hearing there is nothing to caption.
    assert_eq!(
        caption(toward(0.0, -1.0, 6.0)),
        "[a low hum, close by, to the left]"
    );
    assert_eq!(
        caption(toward(1.0, 0.0, DOOR_HEARING_RADIUS * 0.8)),
        "[a faint low hum, ahead]"
    );
    assert_eq!(
        hum_caption(at, yaw, toward(1.0, 0.0, DOOR_HEARING_RADIUS + 5.0)),
        None
    );
}
