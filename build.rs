//! Build-time facts the binary carries: the commit it was built from (`--version` and the
//! title screen's corner). The shipped packs are built in by `src/shipped.rs`.

use std::path::Path;
use std::process::Command;

fn main() {
    // The checkout being built, as cargo says when it runs this script (not when it
    // compiled it: a script built for another checkout may be reused).
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let root = Path::new(&root);

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
