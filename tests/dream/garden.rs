//! The garden: a meadow scattered by the seed, and the fragrances the dreamer walks into.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::core::settings::Quality;
use begin_again::dream::garden::{
    CurrentFragrance, FragranceNoticed, MEADOW_FLOWERS, MEADOW_NEAR, SPECIES, meadow_layout,
};
use begin_again::level::Levels;
use begin_again::view::world::garden::meadow_drawn;
use begin_again::view::world::quality::RenderQuality;
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

#[test]
fn lower_quality_thins_the_meadow_but_the_garden_still_blooms() {
    let level = Levels::load(&levels()).unwrap().garden;
    let drawn = |quality| meadow_drawn(&level, 5, RenderQuality(quality).look());
    let (high, medium, low) = (
        drawn(Quality::High),
        drawn(Quality::Medium),
        drawn(Quality::Low),
    );
    assert_eq!(high.len(), MEADOW_FLOWERS, "High draws every flower");
    assert!(medium.len() < high.len() && low.len() < medium.len());
    // Low thins the walkable garden to half and keeps it: flowers all around the dreamer.
    let inside = |spots: &[begin_again::dream::garden::FlowerSpot]| {
        spots
            .iter()
            .filter(|spot| level.bounds.contains(spot.position, 0.0))
            .count()
    };
    assert_eq!(inside(&low), MEADOW_NEAR / 2);
    let spawn = Vec2::new(level.spawn.at.x, level.spawn.at.z);
    let near_spawn = low
        .iter()
        .filter(|spot| spot.position.distance(spawn) < 12.0)
        .count();
    assert!(
        near_spawn >= 40,
        "only {near_spawn} flowers near the spawn on Low"
    );
    // Every flower Low draws is one High draws, in the same place: thinned, not moved.
    assert!(low.iter().all(|spot| high.contains(spot)));
    // Low's look is the cheap one: no shadows, no bloom, a smaller render; High the full one.
    let (low_look, high_look) = (
        RenderQuality(Quality::Low).look(),
        RenderQuality(Quality::High).look(),
    );
    assert_eq!(low_look.shadows, None);
    assert!(!low_look.bloom && high_look.bloom);
    assert!(low_look.render_scale < 1.0 && high_look.render_scale == 1.0);
}
