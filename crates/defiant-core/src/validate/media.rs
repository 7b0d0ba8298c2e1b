//! What a question's pictures and sound must say in the pack file itself: paths that stay
//! in the pack, known file types, a clip's stretch within the limits, an `uncover` with a
//! picture to uncover. Whether the files exist and decode is `crate::media`'s job, which
//! needs the pack's folder or `.zip`.

use crate::media::{self, MediaKind};
use crate::pack::{Question, Uncover};

use super::Validator;

impl Validator<'_> {
    /// Checks question `i`'s `image`, `uncover`, `audio` and `reveal_image`.
    pub(super) fn media_fields(&mut self, i: usize, q: &Question) {
        let spans = self.spans;
        if let Some(path) = &q.image {
            self.media_path(spans.question_field(i, "image"), path, MediaKind::Image);
        }
        if let Some(path) = &q.reveal_image {
            self.media_path(
                spans.question_field(i, "reveal_image"),
                path,
                MediaKind::Image,
            );
        }
        match q.uncover {
            Some(_) if q.image.is_none() => {
                self.error(
                    spans.question_field(i, "uncover"),
                    "`uncover` needs a picture to uncover".to_string(),
                )
                .help = Some("add `image: \"pictures/...\"` to the question".to_string());
            }
            Some(Uncover::Zoom { x, y }) => {
                for (name, value) in [("x", x), ("y", y)] {
                    if !(0.0..=1.0).contains(&value) {
                        self.error(
                            spans.question_subfield(i, "uncover", name),
                            format!("the zoom's `{name}` is {value}; it must be between 0 and 1"),
                        )
                        .help = Some(
                            "x and y are fractions of the picture from its top left: 0.5, 0.5 is the middle"
                                .to_string(),
                        );
                    }
                }
            }
            _ => {}
        }
        if let Some(clip) = &q.audio {
            self.media_path(
                spans.question_subfield(i, "audio", "file"),
                &clip.file,
                MediaKind::Audio,
            );
            let start_at = spans.question_subfield(i, "audio", "start");
            let end_at = spans.question_subfield(i, "audio", "end");
            if !clip.start.is_finite() || clip.start < 0.0 {
                self.error(
                    start_at,
                    format!(
                        "the clip's start is {}; it must be 0 or more seconds",
                        clip.start
                    ),
                );
            }
            if let Some(end) = clip.end {
                let max = media::MAX_CLIP_SECONDS;
                if !end.is_finite() || end <= clip.start {
                    self.error(
                        end_at,
                        format!(
                            "the clip ends at {end} s, not after its start ({} s)",
                            clip.start
                        ),
                    )
                    .help =
                        Some("`end` is seconds from the file's start, after `start`".to_string());
                } else if end - clip.start > max {
                    self.error(
                        end_at,
                        format!(
                            "the clip plays {:.1} seconds; the limit is {max:.0}",
                            end - clip.start
                        ),
                    )
                    .help = Some("play a shorter stretch: move `start` or `end`".to_string());
                }
            }
        }
    }

    /// A media path: inside the pack, of a type the game plays.
    fn media_path(&mut self, at: Option<crate::diagnostic::Location>, path: &str, kind: MediaKind) {
        if let Err(problem) = media::check_path(path, kind) {
            self.error(at, problem.message).help = Some(problem.help);
        }
    }
}
