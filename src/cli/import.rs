//! `defiant-trivia import` and `export`: packs from and to other formats.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::{check_at, place_of, report, report_checked_with};
use crate::core::diagnostic::Diagnostic;
use crate::core::import::{self, Imported, opentdb};
use crate::core::media::{DirSource, PACK_FILE, PackPlace};
use crate::core::pack::{Defaults, Pack};
use crate::core::{check_file, check_text};

/// Formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// An Open Trivia Database API response (JSON).
    Opentdb,
    /// A spreadsheet saved as CSV.
    Csv,
}

/// Formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    /// A spreadsheet as CSV, in the layout `import --from csv` reads.
    Csv,
}

/// The OpenTDB encoding as the command line names it. The core (its own crate) stays free
/// of the command line, so clap's names for the encodings are given here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodingArg(pub opentdb::Encoding);

const ENCODINGS: [EncodingArg; opentdb::Encoding::ALL.len()] = {
    let mut all = [EncodingArg(opentdb::Encoding::Auto); opentdb::Encoding::ALL.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = EncodingArg(opentdb::Encoding::ALL[i]);
        i += 1;
    }
    all
};

impl clap::ValueEnum for EncodingArg {
    fn value_variants<'a>() -> &'a [Self] {
        &ENCODINGS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()).help(self.0.describe()))
    }
}

/// What `import` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The input's format.
    #[arg(long, value_enum)]
    pub from: From,
    /// The file to convert: an OpenTDB JSON response or a CSV file.
    pub input: PathBuf,
    /// The pack to write: a file, e.g. quizzes/imported.ron, or a folder, e.g.
    /// quizzes/imported/ (written as its pack.ron; a pack with pictures or sounds must be
    /// one, with its files in it).
    #[arg(short, long)]
    pub output: PathBuf,
    /// How an OpenTDB response's text is encoded (auto works it out).
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: EncodingArg,
    /// The pack's title (default: from the input's file name).
    #[arg(long)]
    pub title: Option<String>,
    /// The pack's author (default: Imported).
    #[arg(long)]
    pub author: Option<String>,
    /// The pack's description.
    #[arg(long)]
    pub description: Option<String>,
    /// Write the rows that converted even if some did not.
    #[arg(long)]
    pub skip_bad: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Reads a whole input file, refusing one over the pack size limit by its size alone.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_dir() {
        return Err(format!("{} is a folder, not a file", path.display()));
    }
    if let Some(message) = import::too_large(meta.len()) {
        return Err(format!("{}: {message}", path.display()));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A title from a file name: `my_party-questions.csv` → `My party questions`.
fn title_from(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_', '.'], " "))
        .unwrap_or_default();
    let stem = stem.trim();
    let mut chars = stem.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).take(80).collect(),
        None => "Imported questions".to_string(),
    }
}

/// Where `import` writes the pack: a lone `.ron` file, or `pack.ron` in a pack folder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A lone pack file (no pictures or sounds).
    File(PathBuf),
    /// A pack folder, holding `pack.ron` and the pack's pictures and sounds.
    Folder(PathBuf),
}

impl Target {
    /// What `-o` names: a folder (one that exists, a path ending in `/`, a name with no
    /// extension, or `DIR/pack.ron`), or a `.ron` file.
    fn of(output: &Path) -> Result<Target, String> {
        let slash = output.as_os_str().to_string_lossy().ends_with(['/', '\\']);
        if slash || output.is_dir() {
            Ok(Target::Folder(output.to_path_buf()))
        } else if output.file_name().is_some_and(|n| n == PACK_FILE) {
            let dir = output.parent().filter(|d| !d.as_os_str().is_empty());
            Ok(Target::Folder(dir.unwrap_or(Path::new(".")).to_path_buf()))
        } else if output.extension().is_some_and(|e| e == "ron") {
            Ok(Target::File(output.to_path_buf()))
        } else if output.extension().is_none() {
            Ok(Target::Folder(output.to_path_buf()))
        } else {
            Err(format!(
                "{}: the pack's file name must end in .ron (or name a folder, e.g. {}/, to \
                 write a pack folder)",
                output.display(),
                output.with_extension("").display()
            ))
        }
    }

    /// The pack file written.
    fn file(&self) -> PathBuf {
        match self {
            Target::File(file) => file.clone(),
            Target::Folder(dir) => dir.join(PACK_FILE),
        }
    }
}

/// Runs `import`; writes the pack only when every row converted (or `--skip-bad`), and
/// never over an existing file without `--force`.
pub fn run_import(args: &ImportArgs, out: &mut impl Write) -> ExitCode {
    let fail = |out: &mut dyn Write, message: String| {
        let _ = writeln!(out, "error: {message}");
        ExitCode::FAILURE
    };
    let target = match Target::of(&args.output) {
        Ok(target) => target,
        Err(message) => return fail(out, message),
    };
    let output = target.file();
    let replaced = if output.exists() {
        if !args.force {
            return fail(
                out,
                format!(
                    "{} already exists; nothing was written (use --force to replace it; it is \
                     replaced only if the import succeeds)",
                    output.display()
                ),
            );
        }
        check_file(&output).pack
    } else {
        None
    };
    let bytes = match read_input(&args.input) {
        Ok(bytes) => bytes,
        Err(message) => return fail(out, message),
    };
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let (result, what) = match args.from {
        From::Opentdb => (
            opentdb::import(&source, args.encoding.0).map(|(imported, encoding)| {
                let name = encoding.name();
                (
                    imported,
                    format!("an Open Trivia Database response ({name} encoding)"),
                )
            }),
            "Open Trivia Database",
        ),
        From::Csv => (
            import::csv::import(&bytes).map(|imported| (imported, "a CSV file".to_string())),
            "CSV",
        ),
    };
    let (imported, described) = match result {
        Ok(ok) => ok,
        Err(d) => {
            report(out, &args.input, &[d], Some(&source));
            return fail(
                out,
                format!(
                    "{} could not be read as {what}; nothing was written",
                    args.input.display()
                ),
            );
        }
    };
    let mut imported = imported;
    if let Some(first) = imported.questions.iter().position(|q| q.has_media()) {
        let q = &imported.questions[first];
        let path = [
            &q.image,
            &q.audio.as_ref().map(|c| c.file.clone()),
            &q.reveal_image,
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned()
        .unwrap_or_default();
        let named = format!(
            "the rows name pictures or sounds ({}: `{path}`)",
            imported.origins[first].1
        );
        match &target {
            // Pictures and sounds are files beside the pack: it must be a folder.
            Target::File(file) => {
                let dir = file.with_extension("");
                return fail(
                    out,
                    format!(
                        "{named}, so the pack must be a folder holding {PACK_FILE} and those \
                         files: use -o {}/ to write {}; nothing was written",
                        dir.display(),
                        dir.join(PACK_FILE).display()
                    ),
                );
            }
            Target::Folder(dir) if !dir.is_dir() => {
                return fail(
                    out,
                    format!(
                        "{named}, which must be in the pack's folder, and {} does not exist \
                         yet: make it, put the files in it as the rows name them ({}), and \
                         import again; nothing was written",
                        dir.display(),
                        dir.join(&path).display()
                    ),
                );
            }
            // Each row's files are checked where the pack will be, as `check` will.
            Target::Folder(dir) => import::check_files(&mut imported, &DirSource::new(dir)),
        }
    }
    let Imported {
        questions,
        problems,
        notes,
        placeholder_explanations,
        rows,
        origins: _,
    } = imported;
    report(out, &args.input, &problems, Some(&source));
    report(out, &args.input, &notes, Some(&source));
    if !problems.is_empty() && !args.skip_bad {
        let way_out = match questions.len() {
            0 => "fix them and import again".to_string(),
            1 => "fix them, or add --skip-bad to write the one that converted".to_string(),
            n => format!("fix them, or add --skip-bad to write the other {n}"),
        };
        return fail(
            out,
            format!(
                "{} of {rows} rows could not be converted (listed above); nothing was written \
                 ({way_out})",
                problems.len(),
            ),
        );
    }
    if questions.is_empty() {
        return fail(
            out,
            "no question could be converted; nothing was written".to_string(),
        );
    }
    let chapters = import::chapters_for(&questions, replaced.as_ref());
    let mut pack = Pack {
        format: crate::core::pack::OLDEST_FORMAT,
        title: args
            .title
            .clone()
            .or_else(|| replaced.as_ref().map(|p| p.title.clone()))
            .unwrap_or_else(|| title_from(&args.input)),
        description: args
            .description
            .clone()
            .or_else(|| replaced.as_ref().map(|p| p.description.clone()))
            .unwrap_or_else(|| format!("{} questions imported from {what}.", questions.len())),
        author: args
            .author
            .clone()
            .or_else(|| replaced.as_ref().map(|p| p.author.clone()))
            .unwrap_or_else(|| "Imported".to_string()),
        defaults: replaced
            .as_ref()
            .map(|p| p.defaults.clone())
            .unwrap_or_else(Defaults::default),
        chapters,
        questions,
    };
    // The oldest format that holds it: a pack without chapters stays format 1, one with
    // order or number questions is 2, one with pictures or sounds 3.
    pack.format = pack.needed_format();
    let input_name = args
        .input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = import::to_ron(
        &pack,
        &format!(
            "Imported from {input_name}, {described}.\nCheck it with: defiant-trivia check THIS_FILE"
        ),
    );
    // The pack as written must pass `check`; anything it reports is about the output file.
    let checked = check_text(&text);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = checked
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    report(out, &output, &errors, Some(&text));
    const SHOWN_WARNINGS: usize = 3;
    report(
        out,
        &output,
        &warnings[..warnings.len().min(SHOWN_WARNINGS)],
        Some(&text),
    );
    if warnings.len() > SHOWN_WARNINGS {
        let more = warnings.len() - SHOWN_WARNINGS;
        let _ = writeln!(
            out,
            "… and {more} more warning{} about {}: `defiant-trivia check {}` shows them all\n",
            if more == 1 { "" } else { "s" },
            output.display(),
            output.display()
        );
    }
    if !errors.is_empty() {
        return fail(
            out,
            "the converted pack does not pass check (above); nothing was written".to_string(),
        );
    }
    if let Err(e) = crate::core::store::write_atomic(&output, text.as_bytes()) {
        return fail(out, format!("cannot write {}: {e}", output.display()));
    }
    let skipped = match problems.len() {
        0 => String::new(),
        n => format!(" ({n} rows skipped)"),
    };
    let _ = writeln!(
        out,
        "wrote {} questions from {} to {}{skipped}",
        pack.questions.len(),
        args.input.display(),
        output.display()
    );
    if !placeholder_explanations.is_empty() {
        let shown: Vec<&str> = placeholder_explanations
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        let more = if placeholder_explanations.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "note: {} questions had no explanation, so each got one that only names the right \
             answer; write real ones before the party ({}{more})",
            placeholder_explanations.len(),
            shown.join(", ")
        );
    }
    let _ = match &target {
        Target::File(file) => writeln!(
            out,
            "next: defiant-trivia play {} (or check it with defiant-trivia check)",
            file.display()
        ),
        Target::Folder(dir) => writeln!(
            out,
            "next: defiant-trivia check {} (and to share it as one file: defiant-trivia pack {})",
            dir.display(),
            dir.display()
        ),
    };
    ExitCode::SUCCESS
}

/// Runs `export`: a valid pack (a `.ron` file, a pack folder or a `.zip`) to CSV, at
/// `output` or on standard output for `-`.
pub fn run_export(input: &Path, output: &Path, force: bool, out: &mut impl Write) -> ExitCode {
    let place = place_of(input);
    let checked = check_at(&place);
    if checked.checked.pack.is_none() {
        report_checked_with(
            out,
            &checked.file,
            &checked.checked,
            checked.text.as_deref(),
        );
        let _ = writeln!(
            out,
            "error: {} has errors; nothing was exported",
            input.display()
        );
        return ExitCode::FAILURE;
    }
    // The pack as its file says (checking a clip fills in its end from the sound file; the
    // sheet keeps what the author wrote).
    let written = match &place {
        PackPlace::File(_) => checked.checked.pack,
        PackPlace::Folder(dir) => check_file(&dir.join(PACK_FILE)).pack,
        PackPlace::Zip(zip) => crate::core::media::ZipSource::open(zip)
            .ok()
            .and_then(|source| {
                use crate::core::media::MediaSource;
                source
                    .read(PACK_FILE, crate::core::MAX_PACK_BYTES as u64)
                    .ok()
            })
            .and_then(|bytes| crate::core::check_bytes(&bytes).pack),
    };
    let Some(pack) = written else {
        let _ = writeln!(
            out,
            "error: cannot read {} again; nothing was exported",
            checked.file.display()
        );
        return ExitCode::FAILURE;
    };
    let csv = import::csv::export(&pack);
    if output == Path::new("-") {
        let _ = out.write_all(&csv);
        return ExitCode::SUCCESS;
    }
    if output.exists() && !force {
        let _ = writeln!(
            out,
            "error: {} already exists; nothing was written (use --force to replace it)",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    match crate::core::store::write_atomic(output, &csv) {
        Ok(()) => {
            let back = match &place {
                PackPlace::File(file) | PackPlace::Folder(file) => format!(
                    "after editing, bring them back with:\n  \
                     defiant-trivia import --from csv {} -o {} --force",
                    output.display(),
                    file.display()
                ),
                PackPlace::Zip(_) => format!(
                    "after editing, bring them back into a pack folder holding the pictures and \
                     sounds (the .zip unzipped) with:\n  \
                     defiant-trivia import --from csv {} -o FOLDER --force",
                    output.display()
                ),
            };
            let _ = writeln!(
                out,
                "wrote {} questions to {}; {back}",
                pack.questions.len(),
                output.display(),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(out, "error: cannot write {}: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}
