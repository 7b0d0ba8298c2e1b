//! The picture and sound files of imported questions: checked in the folder the pack is
//! written to, so that a row naming a file that is missing, or is not what its name says,
//! is reported at its row like any other problem (and nothing is written unless the
//! author asks for the other rows).

use crate::diagnostic::Diagnostic;
use crate::media::{MediaSource, check_media};
use crate::spans::PackSpans;

use super::Imported;
use super::finish::pack_of;

/// Checks the files each imported question names against `source` (the pack's folder). A
/// question whose files are missing or do not decode is taken out of `imported` and
/// becomes a problem at its row, with the reason and how to fix it.
pub fn check_files(imported: &mut Imported, source: &dyn MediaSource) {
    let questions = std::mem::take(&mut imported.questions);
    let origins = std::mem::take(&mut imported.origins);
    for (question, (at, label)) in questions.into_iter().zip(origins) {
        let named =
            question.image.is_some() || question.audio.is_some() || question.reveal_image.is_some();
        let problems = if named {
            let mut pack = pack_of(question.clone());
            check_media(&mut pack, &PackSpans::default(), source)
        } else {
            Vec::new()
        };
        if problems.iter().any(Diagnostic::is_error) {
            imported
                .placeholder_explanations
                .retain(|id| *id != question.id);
            imported
                .problems
                .extend(problems.into_iter().filter(Diagnostic::is_error).map(|d| {
                    let mut e = Diagnostic::error(at, format!("{label}: {}", d.message));
                    e.help = d.help;
                    e
                }));
        } else {
            imported.questions.push(question);
            imported.origins.push((at, label));
        }
    }
    imported.problems.sort_by_key(|d| d.location);
}
