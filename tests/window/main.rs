//! The real binary in a real window: Xvfb with Mesa's software Vulkan, real key events and
//! clicks from xdotool, screenshots from ImageMagick's `import`. One test binary (each
//! links Bevy), one file per capability.
//!
//! Every launched game writes what its UI shows to a probe file (`DEFIANT_TRIVIA_PROBE`):
//! tests wait on the screen, the focus or a button there, and find buttons by their
//! label, never by counting rows or by coordinates. Captures of the screen then check
//! that the window shows it. Screenshots are saved under `$CARGO_TARGET_TMPDIR/screenshots`
//! for people to look at.

#[path = "../common/mod.rs"]
mod common;

mod harness;
mod pixels;
mod probe;
mod webdriver;

mod benches;
mod console;
mod jam;
mod launch;
mod media;
mod night;
mod packs;
mod party;
mod phones;
mod rounds;
mod solo;
