//! Build-time facts the binary carries: the shipped packs (so that an installed binary
//! plays with nothing beside it), and the commit it was built from (`--version` and the
//! title screen's corner).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let quizzes = root.join("quizzes");
    println!("cargo:rerun-if-changed={}", quizzes.display());
    let mut names: Vec<String> = std::fs::read_dir(&quizzes)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.ends_with(".ron") && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut packs = String::from("&[\n");
    for name in &names {
        let path = quizzes.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            packs,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    packs.push(']');
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("shipped_packs.rs"), packs).expect("OUT_DIR is writable");

    // The commit, when built from a git clone (a source tarball has none).
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_string())
    };
    let commit = git(&["rev-parse", "--short=9", "HEAD"]).unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=DEFIANT_TRIVIA_COMMIT={commit}");
    // Built again when the commit changes: HEAD, the branch it names and the packed refs,
    // each only if it exists (a path that does not exist would make cargo run this script
    // on every build, and relink the whole release binary each time).
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])];
    watched.push(git(&["rev-parse", "--git-path", "packed-refs"]));
    if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(&["rev-parse", "--git-path", &head]));
    }
    for path in watched.into_iter().flatten() {
        let path = root.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}
