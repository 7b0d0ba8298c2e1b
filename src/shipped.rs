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
        assert!(!COMMIT.is_empty() && LONG_VERSION.starts_with(VERSION));
    }
}
