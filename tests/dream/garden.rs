//! The garden: a meadow scattered by the seed, and the fragrances the dreamer walks into.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::dream::garden::{
    CurrentFragrance, FragranceNoticed, MEADOW_FLOWERS, MEADOW_NEAR, SPECIES, meadow_layout,
};
use begin_again::level::Levels;
use bevy::prelude::*;

#[test]
fn the_meadow_is_scattered_by_the_seed() {
    let level = Levels::load(&levels()).unwrap().garden;
    let first = meadow_layout(&level, 5);
    assert_eq!(
        first,
        meadow_layout(&level, 5),
        "the same seed, the same meadow"
    );
    assert_ne!(
        first,
        meadow_layout(&level, 6),
        "another seed, another meadow"
    );
    // Flowers to the horizon: the walkable garden full, the rest beyond its bounds.
    assert_eq!(first.len(), MEADOW_FLOWERS);
    let inside = first
        .iter()
        .filter(|spot| level.bounds.contains(spot.position, 0.0))
        .count();
    assert_eq!(inside, MEADOW_NEAR);
    let lotus = level.lotus.as_ref().unwrap();
    for spot in &first {
        assert!(
            spot.position.distance(lotus.at.vec()) > lotus.radius + 1.0,
            "the lotus has its clearing"
        );
        for stone in &level.obstacles {
            assert!(
                stone.clearance(spot.position).0 > 0.0,
                "no flower inside {}",
                stone.id
            );
        }
    }
    let species: std::collections::HashSet<u8> = first.iter().map(|s| s.species).collect();
    assert_eq!(species.len(), SPECIES as usize, "every species grows");
}

#[test]
fn walking_into_a_fragrance_names_it() {
    let mut app = dream(1, Chapter::Garden);
    listen::<FragranceNoticed>(&mut app);
    let rose = garden(&app)
        .fragrances
        .iter()
        .find(|f| f.name == "rose")
        .unwrap()
        .clone();
    walk_in_garden_to(&mut app, rose.at.vec(), rose.radius * 0.5);
    let noticed: Vec<String> = heard::<FragranceNoticed>(&app)
        .into_iter()
        .map(|(_, f)| f.name)
        .collect();
    assert_eq!(
        noticed.last().map(String::as_str),
        Some("rose"),
        "{noticed:?}"
    );
    assert_eq!(
        app.world().resource::<CurrentFragrance>().0.as_deref(),
        Some("rose")
    );
}
