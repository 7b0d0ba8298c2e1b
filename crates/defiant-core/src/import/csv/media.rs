//! A sheet's picture and sound cells (format 3): `image`, `uncover`, `audio` (a path with
//! an optional W3C media fragment for the stretch to play: `sounds/track.ogg#t=2,12`),
//! `countdown_after` and `reveal_image`, read into a question's media and written back.

use crate::import::QuestionMedia;
use crate::pack::{Clip, Uncover};

/// Reads the media cells of a row (`get` gives a cell's trimmed text, empty when absent).
pub(super) fn read(get: impl Fn(&str) -> String) -> Result<QuestionMedia, String> {
    let some = |text: String| Some(text).filter(|t| !t.is_empty());
    let after = match get("countdown_after").to_ascii_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => false,
        "yes" | "y" | "true" | "1" | "x" => true,
        other => {
            return Err(format!(
                "countdown_after `{other}` is not yes or no (empty is no)"
            ));
        }
    };
    let audio = match some(get("audio")) {
        Some(cell) => Some(clip(&cell, after)?),
        None if after => {
            return Err(
                "`countdown_after` is only for a row with a sound: fill `audio`, or empty the cell"
                    .to_string(),
            );
        }
        None => None,
    };
    let uncover = match some(get("uncover")) {
        Some(cell) => Some(uncover(&cell)?),
        None => None,
    };
    Ok(QuestionMedia {
        image: some(get("image")),
        uncover,
        audio,
        reveal_image: some(get("reveal_image")),
    })
}

/// An `audio` cell: a path, then optionally `#t=START,END` (seconds, or `m:ss` or
/// `h:mm:ss`), `#t=START` (to the end) or `#t=,END` (from the start).
pub(super) fn clip(cell: &str, countdown_after: bool) -> Result<Clip, String> {
    let (file, times) = match cell.rsplit_once('#') {
        Some((file, fragment)) if fragment.starts_with("t=") => (file.trim(), Some(&fragment[2..])),
        _ => (cell, None),
    };
    let mut clip = Clip {
        file: file.to_string(),
        start: 0.0,
        end: None,
        countdown_after,
    };
    let Some(times) = times else {
        return Ok(clip);
    };
    let how = "write the stretch to play as `#t=2,12` (from 2 s to 12 s), `#t=2` (from 2 s to the end) or `#t=,12` (the first 12 s)";
    let times = times.strip_prefix("npt:").unwrap_or(times).trim();
    let (start, end) = times.split_once(',').unwrap_or((times, ""));
    let (start, end) = (start.trim(), end.trim());
    if start.is_empty() && end.is_empty() {
        return Err(format!("audio `{cell}` gives no time after `#t=`: {how}"));
    }
    let time = |text: &str| {
        seconds(text).ok_or_else(|| {
            format!(
                "audio `{cell}`: `{text}` is not a time in seconds (2.5) or minutes (1:05); {how}"
            )
        })
    };
    if !start.is_empty() {
        clip.start = time(start)?;
    }
    if !end.is_empty() {
        clip.end = Some(time(end)?);
    }
    Ok(clip)
}

/// Seconds written as `12`, `2.5`, `1:05`, `1:05.5` or `1:02:03` (the forms of a W3C media
/// fragment's normal play time); `None` for anything else.
fn seconds(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    let plain = |part: &str, decimals: bool| {
        let (whole, fraction) = part.split_once('.').unwrap_or((part, ""));
        let ok = !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && fraction.chars().all(|c| c.is_ascii_digit())
            && (decimals || !part.contains('.'));
        ok.then(|| part.parse::<f64>().ok()).flatten()
    };
    let last = parts.len() - 1;
    let mut total = 0.0;
    for (i, part) in parts.iter().enumerate() {
        let value = plain(part, i == last)?;
        // Minutes and seconds after the first part are below 60, as on a clock.
        if i > 0 && value >= 60.0 {
            return None;
        }
        total = total * 60.0 + value;
    }
    Some(total).filter(|t| t.is_finite())
}

/// An `uncover` cell: `tiles`, or `zoom X Y` (the point to start on, as fractions of the
/// picture from its top left; spaces, commas or semicolons between).
fn uncover(cell: &str) -> Result<Uncover, String> {
    let words: Vec<&str> = cell
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let how = "write `tiles`, or `zoom X Y` with the point to start on, e.g. `zoom 0.5 0.5` (fractions of the picture from its top left)";
    match words.as_slice() {
        [word] if word.eq_ignore_ascii_case("tiles") => Ok(Uncover::Tiles),
        [word, rest @ ..] if word.eq_ignore_ascii_case("zoom") => {
            let numbers: Vec<f64> = rest
                .iter()
                .map(|w| w.strip_prefix("x:").or(w.strip_prefix("y:")).unwrap_or(w))
                .filter(|w| !w.is_empty())
                .map(|w| w.parse::<f64>().ok().filter(|n| n.is_finite()))
                .collect::<Option<_>>()
                .ok_or_else(|| format!("uncover `{cell}`: {how}"))?;
            match numbers.as_slice() {
                [x, y] => Ok(Uncover::Zoom { x: *x, y: *y }),
                _ => Err(format!(
                    "uncover `{cell}` needs two numbers after zoom: {how}"
                )),
            }
        }
        _ => Err(format!("uncover `{cell}` is not tiles or zoom: {how}")),
    }
}

/// The media cells of a question, in the order of [`super::MEDIA_COLUMNS`]: `image`,
/// `uncover`, `audio`, `countdown_after`, `reveal_image`.
pub(super) fn cells(media: &QuestionMedia) -> [String; 5] {
    let audio = media.audio.as_ref();
    [
        media.image.clone().unwrap_or_default(),
        match media.uncover {
            None => String::new(),
            Some(Uncover::Tiles) => "tiles".to_string(),
            Some(Uncover::Zoom { x, y }) => format!("zoom {x} {y}"),
        },
        audio.map(audio_cell).unwrap_or_default(),
        if audio.is_some_and(|a| a.countdown_after) {
            "yes".to_string()
        } else {
            String::new()
        },
        media.reveal_image.clone().unwrap_or_default(),
    ]
}

/// A clip as an `audio` cell: its file, and `#t=...` when it plays a stretch of it.
/// (`{}` writes the shortest decimal that reads back as the same number.)
fn audio_cell(clip: &Clip) -> String {
    let start = (clip.start != 0.0).then(|| format!("{}", clip.start));
    let end = clip.end.map(|end| format!("{end}"));
    match (start, end) {
        (None, None) => clip.file.clone(),
        (Some(start), None) => format!("{}#t={start}", clip.file),
        (start, Some(end)) => format!("{}#t={},{end}", clip.file, start.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_cells_read_a_path_and_a_media_fragment() {
        let c = clip("sounds/track.ogg#t=2,12", false).unwrap();
        assert_eq!(
            (c.file.as_str(), c.start, c.end),
            ("sounds/track.ogg", 2.0, Some(12.0))
        );
        let c = clip("sounds/track.ogg#t=,12", true).unwrap();
        assert_eq!((c.start, c.end, c.countdown_after), (0.0, Some(12.0), true));
        let c = clip("sounds/track.ogg#t=2.5", false).unwrap();
        assert_eq!((c.start, c.end), (2.5, None));
        let c = clip("sounds/track.ogg#t=npt:1:05,1:02:03.5", false).unwrap();
        assert_eq!((c.start, c.end), (65.0, Some(3723.5)));
        let c = clip("sounds/track.ogg", false).unwrap();
        assert_eq!((c.start, c.end), (0.0, None));
        // A `#` that is not a time fragment is part of the name.
        assert_eq!(
            clip("sounds/no#1.ogg", false).unwrap().file,
            "sounds/no#1.ogg"
        );
        for bad in [
            "a.ogg#t=",
            "a.ogg#t=,",
            "a.ogg#t=x",
            "a.ogg#t=1:75",
            "a.ogg#t=-2",
            "a.ogg#t=1e3",
        ] {
            assert!(clip(bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn uncover_cells_are_tiles_or_a_zoom_point() {
        assert_eq!(uncover("Tiles"), Ok(Uncover::Tiles));
        assert_eq!(
            uncover("zoom 0.25 0.75"),
            Ok(Uncover::Zoom { x: 0.25, y: 0.75 })
        );
        assert_eq!(
            uncover("Zoom(0.5, 0.5)"),
            Ok(Uncover::Zoom { x: 0.5, y: 0.5 })
        );
        assert_eq!(
            uncover("zoom x:0.1 y:0.2"),
            Ok(Uncover::Zoom { x: 0.1, y: 0.2 })
        );
        for bad in ["zoom", "zoom 0.5", "zoom a b", "blur", "tiles 3"] {
            assert!(uncover(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cells_read_back_to_the_same_media() {
        let media = QuestionMedia {
            image: Some("pictures/a.png".to_string()),
            uncover: Some(Uncover::Zoom {
                x: 0.1,
                y: 1.0 / 3.0,
            }),
            audio: Some(Clip {
                file: "sounds/b.ogg".to_string(),
                start: 0.1,
                end: Some(12.25),
                countdown_after: true,
            }),
            reveal_image: Some("pictures/c.jpg".to_string()),
        };
        let cells = cells(&media);
        let names = super::super::MEDIA_COLUMNS;
        let get = |name: &str| {
            let i = names.iter().position(|n| *n == name).unwrap();
            cells[i].clone()
        };
        assert_eq!(read(get), Ok(media));
    }
}
