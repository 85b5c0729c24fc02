//! The door: placed by the seed, appearing on the tick the warmth reaches its floor, and a
//! recorded walk through it replaying into the garden.

use crate::darkening::{darkening, walk_the_avenue, warmth};
use crate::support::{self, *};
use begin_again::core::flow::Chapter;
use begin_again::core::input::InputSource;
use begin_again::dream::portal::DoorAppeared;
use begin_again::level::Levels;
use bevy::prelude::*;

#[test]
fn the_door_is_placed_by_the_seed() {
    let door_for = |seed| planned_door(&dream(seed, Chapter::City)).id;
    assert_eq!(door_for(4), door_for(4));
    let places: std::collections::HashSet<String> = (0..12).map(door_for).collect();
    assert!(
        places.len() >= 2,
        "different seeds choose different doors: {places:?}"
    );
}

#[test]
fn the_door_appears_exactly_when_warmth_reaches_its_floor() {
    let mut app = dream(1, Chapter::City);
    listen::<DoorAppeared>(&mut app);
    let mut floor_reached_on = None;
    walk_the_avenue(&mut app, 60 * 45, |app| {
        let at_floor = warmth(app).at_floor();
        let door_open = open_door(app).is_some();
        assert_eq!(
            door_open, at_floor,
            "the door stands exactly while warmth is at its floor"
        );
        if at_floor && floor_reached_on.is_none() {
            floor_reached_on = Some(support::clock(app));
        }
    });
    let reached = floor_reached_on.expect("walking on drains the warmth to its floor");
    let appeared = heard::<DoorAppeared>(&app);
    assert_eq!(appeared.len(), 1, "the door appears once");
    assert_eq!(
        appeared[0].0, reached,
        "on the very tick the warmth reached its floor"
    );
    assert_eq!(appeared[0].1.door, planned_door(&app).id);
    assert!(dreamer(&mut app).distance_walked >= darkening(&app).distance);
}

#[test]
fn replaying_a_recorded_walk_to_the_door_enters_the_garden() {
    let mut live = dream(1, Chapter::City);
    let door = planned_door(&live);
    let recording = walk_through_door(&mut live, 60 * 120);
    assert_eq!(
        chapter(&live),
        Some(Chapter::Garden),
        "the autopilot walked through the door"
    );
    let garden_spawn = live.world().resource::<Levels>().garden.spawn.at.vec();

    let mut replay = support::logic_app(levels_dir(), 1);
    replay
        .insert_resource(begin_again::core::flow::AfterLoading::Dream(Chapter::City))
        .insert_resource(InputSource::replay(recording.clone()));
    settle(&mut replay);
    assert_eq!(
        planned_door(&replay),
        door,
        "the same seed places the same door"
    );
    // Tick for tick the same dream: the replay consumes the recording frame by frame.
    while support::clock(&replay) < support::clock(&live) {
        tick(&mut replay);
    }
    assert_eq!(
        support::clock(&live) as usize,
        recording.len(),
        "every tick was recorded"
    );
    assert_eq!(chapter(&replay), Some(Chapter::Garden));
    let arrived = dreamer(&mut replay);
    assert!(
        arrived.position.distance(garden_spawn) < 0.5,
        "the dreamer stands at the garden's spawn: {:?}",
        arrived.position
    );
    assert_eq!(
        arrived,
        dreamer(&mut live),
        "the replay ends exactly where the walk did"
    );
}
