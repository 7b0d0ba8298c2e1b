use std::io::Write;

use proptest::prelude::*;

use super::*;
use crate::parse::check_text;

/// A PNG of `w` x `h` pixels, encoded by the `image` crate.
pub(crate) fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode a PNG");
    out.into_inner()
}

/// A mono 16-bit WAV of `seconds` at `rate` Hz: a quiet tone.
pub(crate) fn wav(seconds: f64, rate: u32) -> Vec<u8> {
    let samples = (seconds * f64::from(rate)) as u32;
    super::archive::mono_wav(rate, samples, |i| {
        ((f64::from(i) * 0.05).sin() * 3000.0) as i16
    })
}

/// A format-3 pack with one picture question and one sound question.
fn media_pack(image: &str, audio: &str) -> String {
    format!(
        r#"Pack(
    format: 3,
    title: "Media",
    description: "",
    author: "",
    questions: [
        (
            id: "pic",
            prompt: "What is drawn?",
            image: "{image}",
            answers: Choice(correct: "A map", wrong: ["A chart"]),
            explanation: "It is a map.",
            category: "Pictures",
            difficulty: Easy,
        ),
        (
            id: "snd",
            prompt: "How many chimes?",
            audio: (file: "{audio}", countdown_after: true),
            answers: Choice(correct: "Four", wrong: ["Three"]),
            explanation: "Four chimes.",
            category: "Pictures",
            difficulty: Easy,
        ),
    ],
)
"#
    )
}

fn checked_with(text: &str, source: &MemorySource) -> crate::parse::Checked {
    with_media(check_text(text), Some(text.as_bytes()), Some(source))
}

#[test]
fn paths_must_stay_in_the_pack_and_name_a_type_the_game_plays() {
    assert_eq!(
        check_path("pictures/map.png", MediaKind::Image),
        Ok(Format::Png)
    );
    assert_eq!(check_path("a.JPEG", MediaKind::Image), Ok(Format::Jpeg));
    assert_eq!(check_path("s/x.flac", MediaKind::Audio), Ok(Format::Flac));
    let message = |p: &str, k| check_path(p, k).unwrap_err().message;
    assert!(message("../x.png", MediaKind::Image).contains("leaves the pack"));
    assert!(message("a/../../x.png", MediaKind::Image).contains("leaves the pack"));
    assert!(message("/etc/x.png", MediaKind::Image).contains("absolute"));
    assert!(message("C:/x.png", MediaKind::Image).contains("absolute"));
    assert!(message("a\\x.png", MediaKind::Image).contains("backslash"));
    assert!(message("./x.png", MediaKind::Image).contains("`.` part"));
    assert!(message("a//x.png", MediaKind::Image).contains("empty"));
    assert!(message("x.gif", MediaKind::Image).contains("not a picture"));
    assert!(message("x.png", MediaKind::Audio).contains("not a sound"));
    assert!(message("x.ogg", MediaKind::Image).contains("not a picture"));
    assert!(message(" ", MediaKind::Image).contains("empty"));
    assert!(message(&"a".repeat(300), MediaKind::Image).contains("limit"));
}

#[test]
fn content_is_told_by_its_first_bytes() {
    assert_eq!(Format::sniff(&png(2, 2)), Some(Format::Png));
    assert_eq!(Format::sniff(&wav(0.1, 8000)), Some(Format::Wav));
    assert_eq!(Format::sniff(b"\xFF\xD8\xFF\xE0rest"), Some(Format::Jpeg));
    assert_eq!(Format::sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Format::WebP));
    assert_eq!(Format::sniff(b"OggS\0\x02"), Some(Format::Ogg));
    assert_eq!(Format::sniff(b"fLaC\0\0"), Some(Format::Flac));
    assert_eq!(
        Format::sniff(b"ID3\x04\0\0\0\0\0\x02ab\xFF\xFB"),
        Some(Format::Mp3)
    );
    assert_eq!(
        Format::sniff(b"ID3\x04\0\0\0\0\0\x02abfLaC"),
        Some(Format::Flac)
    );
    assert_eq!(Format::sniff(b"\xFF\xFB\x90\x00"), Some(Format::Mp3));
    assert_eq!(Format::sniff(b"GIF89a"), Some(Format::Gif));
    assert_eq!(Format::sniff(b"hello"), None);
    assert_eq!(Format::sniff(b""), None);
}

#[test]
fn a_picture_is_measured_and_decoded() {
    let info = check_image(&png(8, 6), Format::Png).unwrap();
    assert_eq!((info.width, info.height), (8, 6));
    // Named JPEG, holding PNG.
    let wrong = check_image(&png(8, 6), Format::Jpeg).unwrap_err();
    assert!(wrong.message.contains("PNG data, not JPEG"), "{wrong:?}");
    assert!(wrong.help.contains(".png"), "{wrong:?}");
    // Not a picture at all.
    let junk = check_image(b"just some text", Format::Png).unwrap_err();
    assert!(junk.message.contains("not PNG data"), "{junk:?}");
    // Cut short: the header reads, the pixels do not.
    let mut cut = png(64, 64);
    cut.truncate(cut.len() / 2);
    let cut = check_image(&cut, Format::Png).unwrap_err();
    assert!(cut.message.contains("does not decode"), "{cut:?}");
    // Too wide.
    let wide = check_image(&png(MAX_IMAGE_SIDE + 1, 1), Format::Png).unwrap_err();
    assert!(wide.message.contains("4097x1"), "{wide:?}");
    // Too many bytes.
    let mut big = png(4, 4);
    big.resize(MAX_IMAGE_BYTES as usize + 1, 0);
    let big = check_image(&big, Format::Png).unwrap_err();
    assert!(
        big.message.contains("limit for a picture is 4 MB"),
        "{big:?}"
    );
}

#[test]
fn a_clip_is_decoded_to_the_end_and_timed() {
    let info = check_clip(&wav(1.5, 8000), Format::Wav).unwrap();
    assert!((info.seconds - 1.5).abs() < 0.01, "{info:?}");
    let long = check_clip(&wav(61.5, 2000), Format::Wav).unwrap_err();
    assert!(long.message.contains("over 60 seconds"), "{long:?}");
    let named_ogg = check_clip(&wav(0.5, 8000), Format::Ogg).unwrap_err();
    assert!(
        named_ogg.message.contains("WAV data, not Ogg"),
        "{named_ogg:?}"
    );
    // A WAV header with nothing that decodes after it.
    let mut broken = wav(0.5, 8000);
    broken.truncate(20);
    let broken = check_clip(&broken, Format::Wav).unwrap_err();
    assert!(broken.message.contains("does not decode"), "{broken:?}");
    let picture = check_clip(&png(2, 2), Format::Wav).unwrap_err();
    assert!(picture.message.contains("PNG data"), "{picture:?}");
}

#[test]
fn media_files_are_checked_at_their_paths_and_clip_ends_filled_in() {
    let text = media_pack("pictures/map.png", "sounds/chimes.wav");
    let mut source = MemorySource::default();
    source.insert("pictures/map.png", png(16, 9));
    source.insert("sounds/chimes.wav", wav(2.0, 8000));
    let checked = checked_with(&text, &source);
    assert!(checked.is_ok(), "{:?}", checked.diagnostics);
    let pack = checked.pack.unwrap();
    let clip = pack.questions[1].audio.as_ref().unwrap();
    assert!((clip.end.unwrap() - 2.0).abs() < 0.01);
    // The countdown waits for the clip: 20 s plus its 2 s.
    let asked = crate::round::AskedMedia::of(&pack.questions[1]);
    assert_eq!(asked.listen, std::time::Duration::from_millis(2000));

    // A missing picture, at the line and column of its path.
    let mut missing = MemorySource::default();
    missing.insert("sounds/chimes.wav", wav(2.0, 8000));
    let checked = checked_with(&text, &missing);
    assert!(!checked.is_ok());
    let error = checked.first_error().unwrap();
    assert_eq!((error.location.line, error.location.col), (10, 20));
    assert!(
        error.message.contains("`pictures/map.png`: no such file"),
        "{error:?}"
    );
}

#[test]
fn a_clip_end_past_the_file_is_an_error_at_end() {
    let text = media_pack("p.png", "s.wav").replace(
        "countdown_after: true",
        "start: 0.5, end: 9.0, countdown_after: true",
    );
    let mut source = MemorySource::default();
    source.insert("p.png", png(4, 4));
    source.insert("s.wav", wav(2.0, 8000));
    let checked = checked_with(&text, &source);
    let error = checked.first_error().unwrap();
    assert!(error.message.contains("ends at 9 s"), "{error:?}");
    assert!(error.message.contains("only 2.0 s long"), "{error:?}");
    assert_eq!(error.location.line, 19);
}

#[test]
fn a_lone_ron_file_cannot_carry_media() {
    let text = media_pack("p.png", "s.wav");
    let checked = with_media(check_text(&text), Some(text.as_bytes()), None);
    let error = checked.first_error().unwrap();
    assert!(error.message.contains("must be a folder"), "{error:?}");
    assert_eq!(error.location.line, 10);
}

#[test]
fn media_need_format_3() {
    let text = media_pack("p.png", "s.wav").replace("format: 3", "format: 2");
    let checked = check_text(&text);
    let error = checked.first_error().unwrap();
    assert!(
        error
            .message
            .contains("pictures and sounds need pack format 3"),
        "{error:?}"
    );
}

#[test]
fn uncover_needs_a_picture_and_zoom_a_point_inside() {
    let text = media_pack("p.png", "s.wav")
        .replace(
            "            image: \"p.png\",\n",
            "            image: \"p.png\",\n            uncover: Zoom(x: 1.5, y: 0.5),\n",
        )
        .replace(
            "            audio: (",
            "            uncover: Tiles,\n            audio: (",
        );
    let checked = check_text(&text);
    let messages: Vec<&str> = checked.errors().map(|d| d.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("`x` is 1.5")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("`uncover` needs a picture")),
        "{messages:?}"
    );
}

#[test]
fn a_folder_pack_reads_its_own_files_and_no_others() {
    let dir = std::env::temp_dir().join(format!("dt-media-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pack/pictures")).unwrap();
    std::fs::write(dir.join("pack/pictures/map.png"), png(4, 4)).unwrap();
    std::fs::write(dir.join("secret.png"), png(4, 4)).unwrap();
    let source = DirSource::new(dir.join("pack"));
    assert!(source.read("pictures/map.png", 1 << 20).is_ok());
    assert_eq!(
        source.read("pictures/none.png", 1 << 20),
        Err(ReadError::Missing)
    );
    assert_eq!(
        source.read("../secret.png", 1 << 20),
        Err(ReadError::Outside)
    );
    assert_eq!(
        source.read("pictures/map.png", 10),
        Err(ReadError::TooLarge(
            std::fs::metadata(dir.join("pack/pictures/map.png"))
                .unwrap()
                .len()
        ))
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("secret.png"), dir.join("pack/link.png")).unwrap();
        assert_eq!(source.read("link.png", 1 << 20), Err(ReadError::Outside));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_zip_pack_is_read_at_its_top_or_in_its_one_folder() {
    let dir = std::env::temp_dir().join(format!("dt-media-zip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let text = media_pack("pictures/map.png", "sounds/chimes.wav");
    let map = png(16, 9);
    let chimes = wav(1.0, 8000);
    for (name, prefix) in [("top.zip", ""), ("folder.zip", "my-pack/")] {
        let path = dir.join(name);
        let files = [
            (format!("{prefix}pack.ron"), text.as_bytes()),
            (format!("{prefix}pictures/map.png"), &map[..]),
            (format!("{prefix}sounds/chimes.wav"), &chimes[..]),
        ];
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        std::fs::write(&path, zip_of(&files)).unwrap();
        let placed = check_place(&PackPlace::of(&path));
        assert!(
            placed.checked.is_ok(),
            "{name}: {:?}",
            placed.checked.diagnostics
        );
        let source = placed.source.unwrap();
        assert_eq!(source.read("pictures/map.png", 1 << 20).unwrap(), map);
        assert_eq!(
            source.read("pack.ron", 5),
            Err(ReadError::TooLarge(text.len() as u64))
        );
    }
    // No pack.ron.
    std::fs::write(dir.join("empty.zip"), zip_of(&[("readme.txt", b"hi")])).unwrap();
    let placed = check_place(&PackPlace::of(&dir.join("empty.zip")));
    assert!(
        placed
            .checked
            .first_error()
            .unwrap()
            .message
            .contains("no pack.ron")
    );
    // Not a zip.
    std::fs::write(dir.join("bad.zip"), b"not a zip at all").unwrap();
    let placed = check_place(&PackPlace::of(&dir.join("bad.zip")));
    assert!(
        placed
            .checked
            .first_error()
            .unwrap()
            .message
            .contains("not a readable .zip")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the bytes, checking them as a picture or a clip of any format gives an
    /// answer and never panics (the decoders see them after a real signature too).
    #[test]
    fn checking_random_bytes_never_panics(
        body in prop::collection::vec(any::<u8>(), 0..2048),
        lead in 0usize..8,
    ) {
        let leads: [&[u8]; 8] = [
            b"",
            b"\x89PNG\r\n\x1a\n",
            b"\xFF\xD8\xFF",
            b"RIFF\x10\0\0\0WEBP",
            b"RIFF\x10\0\0\0WAVEfmt ",
            b"OggS\0\x02",
            b"fLaC",
            b"ID3\x04\0\0\0\0\0\0\xFF\xFB",
        ];
        let mut bytes = leads[lead].to_vec();
        bytes.extend_from_slice(&body);
        for format in [Format::Png, Format::Jpeg, Format::WebP] {
            let _ = check_image(&bytes, format);
        }
        for format in [Format::Wav, Format::Ogg, Format::Mp3, Format::Flac] {
            let _ = check_clip(&bytes, format);
        }
    }

    /// A real file with bytes flipped anywhere: an answer, never a panic.
    #[test]
    fn damaged_real_files_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
    ) {
        for (mut bytes, format) in [(png(12, 7), Format::Png), (wav(0.2, 8000), Format::Wav)] {
            for (at, value) in &flips {
                let i = at.index(bytes.len());
                bytes[i] = *value;
            }
            match format.kind() {
                Some(MediaKind::Image) => { let _ = check_image(&bytes, format); }
                _ => { let _ = check_clip(&bytes, format); }
            }
        }
    }
}

/// The shipped sampler decodes whole, with every format the game plays: PNG, JPEG, WebP,
/// WAV, Ogg Vorbis, MP3 and FLAC (made by `scripts/make-sampler`).
#[test]
fn the_sampler_pack_checks_clean_in_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../quizzes/picture-and-sound");
    let placed = check_place(&PackPlace::of(&dir));
    assert!(placed.checked.is_ok(), "{:#?}", placed.checked.diagnostics);
    let pack = placed.checked.pack.unwrap();
    let mut formats: Vec<Format> = pack
        .questions
        .iter()
        .flat_map(|q| {
            [
                q.image.clone(),
                q.reveal_image.clone(),
                q.audio.as_ref().map(|c| c.file.clone()),
            ]
        })
        .flatten()
        .filter_map(|p| Format::from_path(&p))
        .collect();
    formats.sort_by_key(|f| f.label());
    formats.dedup();
    assert_eq!(formats.len(), 7, "{formats:?}");
    // Every clip's end is known after the check.
    assert!(
        pack.questions
            .iter()
            .filter_map(|q| q.audio.as_ref())
            .all(|c| c.end.is_some())
    );
}
