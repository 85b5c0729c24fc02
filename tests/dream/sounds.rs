//! The sounds the game plays are all there, real Ogg files.

use begin_again::dream::darkening::CHORD_COUNT;
use std::path::Path;

#[test]
fn every_sound_the_game_plays_is_in_the_assets() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let paths = begin_again::view::sound::sound_paths();
    assert_eq!(paths.len(), 2 * CHORD_COUNT as usize + 6 + 7);
    for path in paths {
        let file = assets.join(&path);
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        // An Ogg Vorbis file of a few seconds is tens of kilobytes; a stub would be tiny.
        assert!(
            size > 10_000,
            "{} is missing or empty ({size} bytes)",
            file.display()
        );
        let head = std::fs::read(&file).unwrap();
        assert_eq!(&head[..4], b"OggS", "{} is an Ogg file", file.display());
    }
}
