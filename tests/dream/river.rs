//! The river of memories: the fragments' places, chosen by the seed from the level's
//! candidates.

use crate::support::*;
use begin_again::core::flow::Chapter;
use begin_again::dream::river::FragmentPlan;
use begin_again::level::Levels;

#[test]
fn fragment_places_follow_the_seed() {
    let places = |seed| {
        let app = dream(seed, Chapter::Garden);
        app.world().resource::<FragmentPlan>().0.clone()
    };
    let level = Levels::load(&levels()).unwrap().garden;
    let fragments = level.fragments.clone().unwrap();
    let first = places(8);
    assert_eq!(first, places(8), "the same seed, the same places");
    assert_eq!(first.len(), fragments.count as usize);
    assert!(
        first
            .iter()
            .all(|planned| fragments.candidates[planned.place].at.vec() == planned.position),
        "every fragment lies at its own candidate place"
    );
    let distinct: std::collections::HashSet<usize> =
        first.iter().map(|planned| planned.place).collect();
    assert_eq!(distinct.len(), first.len(), "no place used twice");
    assert!(
        (9..14).any(|seed| places(seed) != first),
        "other seeds choose other places"
    );
}
