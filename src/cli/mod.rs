//! The command line: `defiant-trivia` plays; `check`, `new`, `pack`, `import` and `export`
//! are for pack authors.

pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod pack;
pub(crate) mod play;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "defiant-trivia",
    version = crate::shipped::LONG_VERSION,
    about = "A trivia game for watch parties. With no command, opens the game.",
    after_help = "The shipped packs are built in; in a clone of the repository, its quizzes/ and assets/\nare read instead (DEFIANT_TRIVIA_ROOT names such a folder). Your own packs go in your\npacks folder; saves go to your data folder (DEFIANT_TRIVIA_DATA overrides it)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the game window (the default when no command is given).
    ///
    /// With PATH, opens straight on that pack's round setup, or with --question on one
    /// question of it, shown again from the saved file after each reveal: edit, save, Enter.
    Play {
        /// A pack file to preview (it is checked first; errors are printed, not opened).
        path: Option<PathBuf>,
        /// The id of one question of PATH to show on its own.
        #[arg(long, value_name = "ID", requires = "path")]
        question: Option<String>,
    },
    /// Open the game straight in the party lobby.
    ///
    /// Players join with their keys or gamepads; the host sets the game up and starts it.
    /// With PACK (checked first, like `play PATH`), the lobby offers that pack.
    Party {
        /// A pack file to play (default: the documentary pack).
        pack: Option<PathBuf>,
        /// Let players join on their phones: serves the join page on the local network
        /// and prints its address.
        #[arg(long)]
        phones: bool,
        /// The port phones join on (remembered for next time; default 7878).
        #[arg(long, value_name = "N", requires = "phones")]
        port: Option<u16>,
        /// Most phones connected at once (default 64).
        #[arg(long, value_name = "N", requires = "phones", value_parser = clap::value_parser!(u16).range(1..=1000))]
        max_phones: Option<u16>,
        /// A name of this computer phones may open instead of its address (e.g.
        /// `trivia.lan`); any other name in a request is refused.
        #[arg(long, value_name = "NAME", requires = "phones")]
        host_name: Vec<String>,
        /// Listen on this address only (default: every interface, so phones on the
        /// Wi-Fi reach the game; `127.0.0.1` keeps it to this computer).
        #[arg(long, value_name = "ADDR", requires = "phones")]
        listen: Option<std::net::IpAddr>,
        /// Open the host console (the answers, the players and the host's buttons) as a
        /// second window, even with one monitor. With a second monitor it opens anyway
        /// (see Settings).
        #[arg(long)]
        host_window: bool,
        /// Go on with the last night that did not finish (a crash, a power cut, a
        /// closed window), from its journal: paused on the question it stopped in, its
        /// phones back on their seats. Exits 1 when there is nothing to resume.
        #[arg(long, conflicts_with = "pack")]
        resume: bool,
    },
    /// Check question packs and report every problem as path:line:col.
    ///
    /// Exits 0 when every pack is valid, 1 when any has errors (or warnings, with
    /// --deny-warnings).
    Check {
        /// Packs (a .ron file, a pack folder holding pack.ron, or a .zip of one) or folders
        /// of packs (default: the quizzes folder).
        paths: Vec<PathBuf>,
        /// `human` (source lines and carets) or `json` (for editors and CI).
        #[arg(long, value_enum, default_value_t = check::Format::Human)]
        format: check::Format,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a commented starter pack to PATH (never overwrites a file).
    ///
    /// With --media, PATH is a new folder: a pack with a picture question and a sound
    /// question, with an example picture and sound beside it.
    New {
        /// Where to write it, e.g. quizzes/my-pack.ron (with --media: a folder, e.g.
        /// quizzes/my-pack).
        path: PathBuf,
        /// Make a pack folder with pictures and sounds (pack format 3).
        #[arg(long)]
        media: bool,
    },
    /// Check a pack folder and write it as one .zip to share.
    ///
    /// The .zip holds pack.ron, exactly the pictures and sounds the pack uses, and the
    /// folder's LICENSE and README files; it is checked again once written. A folder with
    /// errors is refused with the same report as `check`.
    Pack {
        /// The pack folder (holding pack.ron).
        dir: PathBuf,
        /// Where to write the .zip (default: beside the folder, e.g. my-pack.zip).
        #[arg(short, long, value_name = "OUT.zip")]
        output: Option<PathBuf>,
        /// Replace the .zip if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Convert questions from another format into a pack that passes `check`.
    ///
    /// Rows that cannot be converted are listed as path:line:col with the reason, and then
    /// nothing is written unless --skip-bad is given. An existing pack is replaced only
    /// with --force, and only once the whole import has succeeded; its title, author,
    /// description and default time are kept unless given here.
    Import(import::ImportArgs),
    /// Write a pack out in another format, e.g. CSV for editing in a spreadsheet.
    Export {
        /// The output's format.
        #[arg(long, value_enum)]
        to: import::To,
        /// The pack to export.
        input: PathBuf,
        /// Where to write it; `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = find_root();
    match cli.command.unwrap_or(Command::Play {
        path: None,
        question: None,
    }) {
        Command::Play { path, question } => play::run(root, path, question, None, false),
        Command::Party {
            pack,
            phones,
            port,
            max_phones,
            host_name,
            listen,
            host_window,
            resume,
        } => {
            let options = crate::phones::PhoneOptions {
                on: phones,
                port,
                bind: listen,
                max_phones: max_phones.map(usize::from),
                names: host_name,
                print: true,
                handshake: None,
                tune: None,
            };
            if resume {
                play::resume(root, options, host_window)
            } else {
                play::run(root, pack, None, Some(options), host_window)
            }
        }
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => {
            let out = &mut std::io::stdout();
            match (paths.is_empty(), root) {
                (false, _) => check::run(&paths, format, deny_warnings, out),
                (true, Some(root)) => {
                    check::run(&[root.join("quizzes")], format, deny_warnings, out)
                }
                (true, None) => {
                    let user = crate::game::persist::DataDir::from_env().packs_dir();
                    check::run_installed(&user, format, deny_warnings, out)
                }
            }
        }
        Command::New { path, media } => {
            let out = &mut std::io::stdout();
            if media {
                new::run_media(&path, out)
            } else {
                new::run(&path, out)
            }
        }
        Command::Pack { dir, output, force } => {
            pack::run(&dir, output.as_deref(), force, &mut std::io::stdout())
        }
        Command::Import(args) => import::run_import(&args, &mut std::io::stdout()),
        Command::Export {
            to: import::To::Csv,
            input,
            output,
            force,
        } => import::run_export(&input, &output, force, &mut std::io::stdout()),
    }
}

/// The game folder holding `assets/` and `quizzes/` (a clone of the repository), whose
/// files then win over the ones built into the binary (live reload works there):
/// `DEFIANT_TRIVIA_ROOT` if set (set and empty: none), else the current folder if it has
/// them, else a folder above the binary that has them, else (a development build only) the
/// source tree it was built from. `None` for an installed binary: it plays with what it
/// carries.
pub fn find_root() -> Option<PathBuf> {
    if let Some(root) = std::env::var_os("DEFIANT_TRIVIA_ROOT") {
        return (!root.is_empty()).then(|| PathBuf::from(root));
    }
    let has_game = |dir: &Path| dir.join("quizzes").is_dir() && dir.join("assets").is_dir();
    if let Ok(cwd) = std::env::current_dir()
        && has_game(&cwd)
    {
        return Some(cwd);
    }
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| {
        exe.ancestors()
            .skip(1)
            .find(|d| has_game(d))
            .map(Path::to_path_buf)
    }) {
        return Some(dir);
    }
    // A development binary run from elsewhere still plays the clone it was built from; a
    // release binary is what gets installed, and plays what it carries.
    Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .filter(|d| cfg!(debug_assertions) && has_game(d))
}
