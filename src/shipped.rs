//! What the binary carries with it: the shipped packs and its version. With these (and
//! the fonts and sounds embedded by `bevy_embedded_assets`), an installed binary runs from
//! any folder with nothing beside it.

/// The packs of the repository's `quizzes/` folder, by file name, built in (a test checks
/// that every pack there is listed). Listed here rather than found by the build script:
/// a build script's output is cached by cargo, and a build of another checkout sharing the
/// target folder could leave it listing none.
pub const PACKS: &[(&str, &str)] = &[(
    "the-defiant-ones.ron",
    include_str!("../quizzes/the-defiant-ones.ron"),
)];

/// The folder packs of `quizzes/` (packs with pictures and sounds), by folder name, each
/// with every file in it by its path in the folder, built in (a test checks that every
/// file there is listed).
pub const FOLDER_PACKS: &[(&str, &[(&str, &[u8])])] = &[(
    "picture-and-sound",
    &[
        (
            "LICENSE",
            include_bytes!("../quizzes/picture-and-sound/LICENSE"),
        ),
        (
            "pack.ron",
            include_bytes!("../quizzes/picture-and-sound/pack.ron"),
        ),
        (
            "pictures/cast-poster.webp",
            include_bytes!("../quizzes/picture-and-sound/pictures/cast-poster.webp"),
        ),
        (
            "pictures/four-parts-answer.png",
            include_bytes!("../quizzes/picture-and-sound/pictures/four-parts-answer.png"),
        ),
        (
            "pictures/four-parts.png",
            include_bytes!("../quizzes/picture-and-sound/pictures/four-parts.png"),
        ),
        (
            "pictures/gold-records-answer.jpg",
            include_bytes!("../quizzes/picture-and-sound/pictures/gold-records-answer.jpg"),
        ),
        (
            "pictures/gold-records.jpg",
            include_bytes!("../quizzes/picture-and-sound/pictures/gold-records.jpg"),
        ),
        (
            "pictures/hometowns-answer.jpg",
            include_bytes!("../quizzes/picture-and-sound/pictures/hometowns-answer.jpg"),
        ),
        (
            "pictures/hometowns.jpg",
            include_bytes!("../quizzes/picture-and-sound/pictures/hometowns.jpg"),
        ),
        (
            "pictures/timeline-gap-answer.png",
            include_bytes!("../quizzes/picture-and-sound/pictures/timeline-gap-answer.png"),
        ),
        (
            "pictures/timeline-gap.png",
            include_bytes!("../quizzes/picture-and-sound/pictures/timeline-gap.png"),
        ),
        (
            "pictures/who-made-what.webp",
            include_bytes!("../quizzes/picture-and-sound/pictures/who-made-what.webp"),
        ),
        (
            "sounds/beat.mp3",
            include_bytes!("../quizzes/picture-and-sound/sounds/beat.mp3"),
        ),
        (
            "sounds/chimes.ogg",
            include_bytes!("../quizzes/picture-and-sound/sounds/chimes.ogg"),
        ),
        (
            "sounds/crash.wav",
            include_bytes!("../quizzes/picture-and-sound/sounds/crash.wav"),
        ),
        (
            "sounds/fight-bell.flac",
            include_bytes!("../quizzes/picture-and-sound/sounds/fight-bell.flac"),
        ),
        (
            "sounds/projector.ogg",
            include_bytes!("../quizzes/picture-and-sound/sounds/projector.ogg"),
        ),
        (
            "sounds/riff.flac",
            include_bytes!("../quizzes/picture-and-sound/sounds/riff.flac"),
        ),
    ],
)];

/// The game's version (from `Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit the binary was built from (`unknown` outside a git clone).
pub const COMMIT: &str = env!("DEFIANT_TRIVIA_COMMIT");

/// `0.1.0 (commit 1a2b3c4d5)`, for `--version`.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("DEFIANT_TRIVIA_COMMIT"),
    ")"
);

/// The shipped pack named `name`, if any.
pub fn pack(name: &str) -> Option<&'static str> {
    PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documentary_pack_is_shipped_and_valid() {
        let text = pack("the-defiant-ones.ron").expect("the documentary pack is in the binary");
        let checked = crate::core::check_text(text);
        assert!(checked.pack.is_some(), "{:?}", checked.diagnostics);
        assert!(PACKS.iter().all(|(n, _)| n.ends_with(".ron")));
        // Every pack of `quizzes/` ships, unchanged.
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("quizzes");
        let mut found = 0;
        for entry in std::fs::read_dir(&folder).expect("quizzes/") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                assert_eq!(
                    pack(&name),
                    Some(text.as_str()),
                    "{name} is in shipped::PACKS"
                );
                found += 1;
            }
        }
        assert_eq!(found, PACKS.len());
        // Every folder pack ships with every one of its files, unchanged.
        let mut folders = 0;
        for entry in std::fs::read_dir(&folder).expect("quizzes/") {
            let path = entry.unwrap().path();
            if !path.join("pack.ron").is_file() {
                continue;
            }
            folders += 1;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let (_, files) = FOLDER_PACKS
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("{name} is in shipped::FOLDER_PACKS"));
            let mut on_disk = Vec::new();
            let mut stack = vec![path.clone()];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).unwrap() {
                    let p = entry.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        on_disk.push(p);
                    }
                }
            }
            assert_eq!(on_disk.len(), files.len(), "{name}: every file is listed");
            for file in on_disk {
                let rel = file
                    .strip_prefix(&path)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let listed = files.iter().find(|(p, _)| *p == rel).map(|(_, b)| *b);
                assert_eq!(
                    listed,
                    Some(std::fs::read(&file).unwrap().as_slice()),
                    "{name}/{rel}"
                );
            }
        }
        assert_eq!(folders, FOLDER_PACKS.len());
        assert!(!COMMIT.is_empty() && LONG_VERSION.starts_with(VERSION));
    }
}
