//! A pack out to a sheet, one question a row, that the importer reads back to the same
//! questions.

use super::{COLUMNS, MEDIA_COLUMNS, kind_name};
use crate::import::QuestionMedia;
use crate::pack::{Answers, Pack};

/// Writes a pack as CSV with the [`COLUMNS`] header, one question per row, its `kind`
/// always written (so a choice whose answers are `True` and `False` stays a choice) and
/// the other kind columns empty where they do not apply; [`import`](super::import) reads it
/// back to the same questions, numbers exactly. A pack with pictures or sounds gets the
/// [`MEDIA_COLUMNS`] too.
pub fn export(pack: &Pack) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let media = pack.has_media();
    let header = COLUMNS
        .iter()
        .chain(if media { &MEDIA_COLUMNS[..] } else { &[] });
    let mut rows = vec![header.map(|s| s.to_string()).collect::<Vec<_>>()];
    for q in &pack.questions {
        // The cells of the kind columns: tolerance, unit, limit, first, last.
        let mut kind_cells: [String; 5] = Default::default();
        let (correct, wrong) = match &q.answers {
            Answers::Choice { correct, wrong } => (correct.clone(), wrong.clone()),
            Answers::TrueFalse { correct } => (
                if *correct { "True" } else { "False" }.to_string(),
                vec![if *correct { "False" } else { "True" }.to_string()],
            ),
            Answers::Order { items, first, last } => {
                kind_cells[3] = first.clone();
                kind_cells[4] = last.clone();
                let (head, rest) = items
                    .split_first()
                    .map_or((String::new(), &[][..]), |(h, r)| (h.clone(), r));
                (head, rest.to_vec())
            }
            Answers::Number {
                answer,
                tolerance,
                unit,
                limit,
            } => {
                // `{}` writes the shortest plain decimal that reads back as the same f64.
                kind_cells[0] = format!("{tolerance}");
                kind_cells[1] = unit.clone();
                kind_cells[2] = limit.map(|l| format!("{l}")).unwrap_or_default();
                (format!("{answer}"), Vec::new())
            }
        };
        let mut row = vec![q.id.clone(), q.prompt.clone(), correct];
        row.extend((0..5).map(|i| wrong.get(i).cloned().unwrap_or_default()));
        row.extend([
            q.category.clone(),
            q.difficulty.label().to_string(),
            q.explanation.clone(),
            q.seconds.map(|s| s.to_string()).unwrap_or_default(),
            q.tags.join("; "),
            q.safe_after.clone().unwrap_or_default(),
            kind_name(q.answers.kind()).to_string(),
        ]);
        row.extend(kind_cells);
        if media {
            row.extend(super::media::cells(&QuestionMedia::of(q)));
        }
        rows.push(row);
    }
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}
