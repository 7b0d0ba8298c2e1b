//! A night's journal: everything that changes a party, in order, so that a crash, a
//! `kill -9` or a power cut resumes the same night.
//!
//! The game is deterministic (time is an argument, ties are drawn with the seed), so the
//! changes *are* the night: a [`NightHeader`] holds what is needed to build the game
//! without the pack file (the questions and their option orders as asked, the rules, the
//! seed, the seats and the phones' seat tokens), and each [`Record`] is one change applied
//! at one time on the game clock. [`apply`] is the one way a change reaches a running
//! night, live and in [`replay`] alike.
//!
//! ## The file
//! ```text
//! "DTNIGHT\n"  format (u32 LE)  frame(header)  frame(record)  frame(record) ...
//! frame = length (u32 LE)  CRC-32 of the payload (u32 LE)  payload (JSON)
//! ```
//! A frame cut short at the end of the file (a power cut mid-write) is dropped, and so is
//! a last frame whose checksum fails; a failing frame with more after it is damage, and
//! the journal is refused rather than misread ([`JournalError::Damaged`]).

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::command::{Command, Refusal};
use crate::game::{Game, GameError, Phase, Rules};
use crate::pack::Pack;
use crate::round::{RoundQuestion, RoundSettings, pick_questions};
use crate::seat::{Device, Seat, SeatId, Team};

/// The first bytes of every journal.
pub const MAGIC: &[u8; 8] = b"DTNIGHT\n";
/// The journal format this build writes and reads; a newer one is set aside, not misread.
pub const FORMAT: u32 = 1;
/// Largest frame read back: a header holds every question of the round as asked.
pub const MAX_FRAME: usize = 64 * 1024 * 1024;
/// Journals of unfinished nights kept in the folder (the oldest go first).
pub const KEEP_UNFINISHED: usize = 3;
/// The journals' file extension.
pub const EXTENSION: &str = "night";

/// Everything needed to build the night's game again without the pack file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NightHeader {
    /// The pack's file name (the high-score key) and title.
    pub pack_file: String,
    pub pack_title: String,
    /// The round's settings (its code among them) as chosen.
    pub settings: RoundSettings,
    pub rules: Rules,
    /// The round's questions with their options in the order asked.
    pub questions: Vec<RoundQuestion>,
    pub seats: Vec<Seat>,
    pub teams: Vec<Team>,
    pub seed: u64,
    /// The phone room the night was played in, if phones could join.
    pub phones: Option<PhoneRoom>,
    /// When the night started, in milliseconds since the Unix epoch.
    pub started_ms: u64,
}

/// The phone room of a night: the same port, code and seat tokens let every phone page
/// find its seat again after a resume, with no new scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneRoom {
    pub port: u16,
    pub room: String,
    /// Phone seats seated before the game started, and their tokens.
    pub tokens: BTreeMap<SeatId, String>,
}

/// A change to the roster during a night.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Roster {
    /// A latecomer takes a seat (a phone with its seat token).
    Join {
        seat: Seat,
        token: Option<String>,
    },
    /// A seat's device went away (a phone's page closed, a pad unplugged).
    Away(SeatId),
    /// A seat's device is back.
    Back(SeatId),
    Rename {
        seat: SeatId,
        name: String,
    },
}

/// What one record does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// The first question opens.
    Start,
    /// A seat's or the host's input.
    Play(Command),
    Roster(Roster),
    /// Time passed: a timer fired, or the clock ran on (so a resume knows the time left).
    Tick,
    /// Play again: the same round from the start with the night's first seats.
    Restart,
}

/// One change, applied at `at` on the game clock: the game is advanced to `at` (timers
/// due by then fire first), then the op is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub at: Duration,
    pub op: Op,
}

impl NightHeader {
    /// The header of a new night of `pack` (read from `pack_file`): its round picked
    /// with `settings`, no phone room yet, started now.
    pub fn new(
        pack_file: &str,
        pack: &Pack,
        settings: RoundSettings,
        rules: Rules,
        seats: Vec<Seat>,
        teams: Vec<Team>,
    ) -> Self {
        Self {
            pack_file: pack_file.to_string(),
            pack_title: pack.title.clone(),
            questions: pick_questions(pack, &settings),
            seed: settings.seed,
            settings,
            rules,
            seats,
            teams,
            phones: None,
            started_ms: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
        }
    }

    /// A new game of this night, before its first question.
    pub fn game(&self) -> Result<Game, GameError> {
        Game::new(
            self.questions.clone(),
            self.seats.clone(),
            self.teams.clone(),
            self.rules.clone(),
            self.seed,
        )
    }
}

/// The record that applies `op` now: never earlier than the game has been advanced to,
/// so that the record replays exactly as it was applied.
pub fn record(game: &Game, op: Op, at: Duration) -> Record {
    Record {
        at: at.max(game.advanced_to()),
        op,
    }
}

/// Applies one record to the night's game: the one way a change reaches a night, live
/// and in [`replay`] alike.
pub fn apply(game: &mut Game, header: &NightHeader, record: &Record) -> Result<(), Refusal> {
    let at = record.at;
    match &record.op {
        Op::Restart => {
            // Built once from this header already, so it builds again.
            *game = header.game().map_err(|_| Refusal::WrongPhase)?;
            Ok(())
        }
        Op::Start => {
            game.advance(at);
            game.start(at)
        }
        Op::Play(command) => {
            game.advance(at);
            game.apply(*command)
        }
        Op::Tick => {
            game.advance(at);
            Ok(())
        }
        Op::Roster(change) => {
            game.advance(at);
            match change {
                Roster::Join { seat, .. } => {
                    if game.phase() == Phase::Finished {
                        return Err(Refusal::WrongPhase);
                    }
                    game.add_seat(seat.clone()).map_err(|_| Refusal::NoSuchSeat)
                }
                Roster::Away(seat) | Roster::Back(seat) => {
                    let away = matches!(change, Roster::Away(_));
                    match game.player(*seat) {
                        None => Err(Refusal::NoSuchSeat),
                        Some(p) if p.away == away => Err(Refusal::WrongPhase),
                        Some(_) => {
                            game.set_away(*seat, away, at);
                            Ok(())
                        }
                    }
                }
                Roster::Rename { seat, name } => {
                    game.player(*seat).ok_or(Refusal::NoSuchSeat)?;
                    game.rename(*seat, name.clone());
                    Ok(())
                }
            }
        }
    }
}

/// A night rebuilt from its journal.
#[derive(Debug, Clone)]
pub struct Night {
    pub header: NightHeader,
    pub game: Game,
    /// Records applied (refused ones included: they changed nothing then either).
    pub records: usize,
    /// Every phone seat still in the game and its token, for the phone server: the
    /// header's, and those of joins the game took (a refused join's token is not).
    pub tokens: BTreeMap<SeatId, String>,
}

impl Night {
    /// The game-clock time of the last record: the night goes on from here.
    pub fn resumed_at(&self) -> Duration {
        self.game.advanced_to()
    }
}

/// Replays a journal's records on a fresh game from its header.
pub fn replay(journal: &Journal) -> Result<Night, GameError> {
    let header = &journal.header;
    let mut game = header.game()?;
    let mut tokens: BTreeMap<SeatId, String> = header
        .phones
        .as_ref()
        .map(|p| p.tokens.clone())
        .unwrap_or_default();
    for record in &journal.records {
        let taken = apply(&mut game, header, record).is_ok();
        game.take_events();
        if taken
            && let Op::Roster(Roster::Join {
                seat,
                token: Some(token),
            }) = &record.op
        {
            tokens.insert(seat.id, token.clone());
        }
    }
    tokens.retain(|seat, _| {
        game.player(*seat)
            .is_some_and(|p| !p.removed && p.seat.device == Device::Phone)
    });
    Ok(Night {
        header: header.clone(),
        game,
        records: journal.records.len(),
        tokens,
    })
}

// ---- The file format ------------------------------------------------------------------

/// One frame: length, checksum, payload.
pub fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The start of a journal: magic, format and the header's frame.
pub fn encode_start(header: &NightHeader) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&FORMAT.to_le_bytes());
    let payload = serde_json::to_vec(header).expect("a header is plain data");
    out.extend(frame(&payload));
    out
}

/// One record's frame.
pub fn encode_record(record: &Record) -> Vec<u8> {
    frame(&serde_json::to_vec(record).expect("a record is plain data"))
}

/// A journal read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    pub header: NightHeader,
    pub records: Vec<Record>,
    /// Bytes up to the end of the last whole record: appending goes on from here.
    pub good_len: u64,
    /// Bytes after it that were dropped (a record cut short or unfinished at the end).
    pub dropped: u64,
}

/// Why a journal cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("it is not a night journal")]
    NotAJournal,
    #[error("it was written by a newer version of the game (journal format {0})")]
    NewerFormat(u32),
    #[error("it ends before its header is complete")]
    NoHeader,
    #[error("it is damaged at byte {offset} ({why})")]
    Damaged { offset: u64, why: String },
}

/// Reads a journal: its header and every whole record, dropping a torn end.
pub fn read(bytes: &[u8]) -> Result<Journal, JournalError> {
    let start = MAGIC.len() + 4;
    if bytes.len() < start {
        // Cut short in the magic or in the format after it: a journal torn as it was made.
        let n = bytes.len().min(MAGIC.len());
        return Err(if bytes[..n] == MAGIC[..n] {
            JournalError::NoHeader
        } else {
            JournalError::NotAJournal
        });
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return Err(JournalError::NotAJournal);
    }
    let format = u32::from_le_bytes(bytes[MAGIC.len()..start].try_into().expect("4 bytes"));
    if format > FORMAT {
        return Err(JournalError::NewerFormat(format));
    }
    if format == 0 {
        return Err(JournalError::NotAJournal);
    }
    let mut frames = Frames { bytes, at: start };
    let header: NightHeader = match frames.next_frame()? {
        Some(payload) => serde_json::from_slice(payload).map_err(|e| JournalError::Damaged {
            offset: start as u64,
            why: format!("its header does not read: {e}"),
        })?,
        None => return Err(JournalError::NoHeader),
    };
    let mut records = Vec::new();
    loop {
        let offset = frames.at;
        match frames.next_frame()? {
            Some(payload) => {
                let record =
                    serde_json::from_slice(payload).map_err(|e| JournalError::Damaged {
                        offset: offset as u64,
                        why: format!("a record does not read: {e}"),
                    })?;
                records.push(record);
            }
            None => {
                return Ok(Journal {
                    header,
                    records,
                    good_len: offset as u64,
                    dropped: (bytes.len() - offset) as u64,
                });
            }
        }
    }
}

struct Frames<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Frames<'a> {
    /// The next whole frame's payload; `None` at the end, or for a torn last frame.
    fn next_frame(&mut self) -> Result<Option<&'a [u8]>, JournalError> {
        let rest = &self.bytes[self.at..];
        if rest.len() < 8 {
            return Ok(None);
        }
        let len = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        let damaged = |why: &str| JournalError::Damaged {
            offset: self.at as u64,
            why: why.to_string(),
        };
        if len > MAX_FRAME {
            return Err(damaged("a record's length is impossible"));
        }
        if rest.len() < 8 + len {
            return Ok(None); // cut short: the write never finished
        }
        let payload = &rest[8..8 + len];
        if crc32fast::hash(payload) != crc {
            if rest.len() == 8 + len {
                return Ok(None); // the last frame, half written
            }
            return Err(damaged("a record's checksum does not match"));
        }
        self.at += 8 + len;
        Ok(Some(payload))
    }
}

// ---- Files ----------------------------------------------------------------------------

/// The folder of night journals in the data folder.
pub fn folder(data: &Path) -> PathBuf {
    data.join("nights")
}

/// A new journal's path: named by the night's start time, so names sort by age.
pub fn new_path(folder: &Path, started_ms: u64) -> PathBuf {
    (0..)
        .map(|n| folder.join(format!("night-{started_ms:015}-{n}.{EXTENSION}")))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Opens a file only its owner may read (it holds the phones' seat tokens).
fn open_private(path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true);
    if create {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a journal at `path` with its header written and synced (and the folder's
/// entry too), ready for records.
pub fn create(path: &Path, header: &NightHeader) -> io::Result<File> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut file = open_private(path, true)?;
    file.write_all(&encode_start(header))?;
    file.sync_all()?;
    if let Some(dir) = path.parent()
        && let Ok(dir) = File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(file)
}

/// Opens a journal read back to go on appending after its last whole record (a torn end
/// is cut off first).
pub fn reopen(path: &Path, good_len: u64) -> io::Result<File> {
    let mut file = open_private(path, false)?;
    file.set_len(good_len)?;
    file.sync_all()?;
    use std::io::Seek;
    file.seek(io::SeekFrom::End(0))?;
    Ok(file)
}

/// The journals in `folder`, newest first.
pub fn journals(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<(SystemTime, PathBuf)> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
        .map(|p| {
            let modified = fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (modified, p)
        })
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Removes the oldest journals past the newest `keep`.
pub fn prune(folder: &Path, keep: usize) {
    for old in journals(folder).into_iter().skip(keep) {
        let _ = fs::remove_file(old);
    }
}

/// What a resumable night is, for the title screen: "The Defiant Ones · question 7 of
/// 20 · 5 players · 3 minutes ago".
pub fn describe(night: &Night, last_written: Option<SystemTime>, now: SystemTime) -> String {
    let game = &night.game;
    let players = game.players().iter().filter(|p| !p.removed).count();
    let mut parts = vec![
        night.header.pack_title.clone(),
        format!(
            "question {} of {}",
            game.current_index() + 1,
            game.questions().len()
        ),
        format!("{players} player{}", if players == 1 { "" } else { "s" }),
    ];
    if let Some(written) = last_written {
        parts.push(ago(now.duration_since(written).unwrap_or_default()));
    }
    parts.join(" · ")
}

/// "just now", "3 minutes ago", "2 hours ago", "4 days ago".
pub fn ago(age: Duration) -> String {
    let secs = age.as_secs();
    let (n, unit) = match secs {
        0..60 => return "just now".to_string(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

// ---- The writer -----------------------------------------------------------------------

/// Appends frames to a journal on a thread of its own: the frame that applied a change
/// never waits for the disk. Each batch handed over is written and then synced once
/// (`fdatasync`), and batches that queued up meanwhile share one sync, so a power cut
/// loses at most the changes of the last moment.
pub struct JournalWriter {
    path: PathBuf,
    sender: Option<Sender<Vec<u8>>>,
    thread: Option<JoinHandle<()>>,
    status: Arc<Mutex<WriterStatus>>,
}

/// What the writer thread has done so far.
#[derive(Debug, Clone, Default)]
pub struct WriterStatus {
    /// Batches written and synced.
    pub synced: u64,
    /// The first write or sync that failed: the night goes on, unjournalled from here.
    pub error: Option<String>,
}

impl JournalWriter {
    /// Takes over `file` (positioned at its end) for appending.
    pub fn new(path: PathBuf, file: File) -> Self {
        let (sender, receiver) = mpsc::channel();
        let status = Arc::new(Mutex::new(WriterStatus::default()));
        let thread = {
            let status = status.clone();
            std::thread::Builder::new()
                .name("night journal".into())
                .spawn(move || write_batches(file, receiver, status))
                .ok()
        };
        Self {
            path,
            sender: Some(sender),
            thread,
            status,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Hands a batch of frames to the writer thread.
    pub fn append(&self, frames: Vec<u8>) {
        if frames.is_empty() {
            return;
        }
        if let Some(sender) = &self.sender {
            let _ = sender.send(frames);
        }
    }

    pub fn status(&self) -> WriterStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits until everything handed over is on disk, and closes the file.
    pub fn close(mut self) -> WriterStatus {
        self.finish();
        self.status()
    }

    fn finish(&mut self) {
        self.sender.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for JournalWriter {
    fn drop(&mut self) {
        self.finish();
    }
}

fn write_batches(mut file: File, batches: Receiver<Vec<u8>>, status: Arc<Mutex<WriterStatus>>) {
    while let Ok(first) = batches.recv() {
        let mut result = file.write_all(&first);
        // Whatever queued up while the last sync ran shares the next one.
        while let Ok(more) = batches.try_recv() {
            if result.is_ok() {
                result = file.write_all(&more);
            }
        }
        let result = result.and_then(|()| file.sync_data());
        let Ok(mut status) = status.lock() else {
            return;
        };
        match result {
            Ok(()) => status.synced += 1,
            Err(e) => {
                status.error.get_or_insert_with(|| e.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{HostAction, SeatAction};
    use crate::game::Format;
    use crate::pack::Difficulty;
    use crate::round::Asked;

    const S: Duration = Duration::from_secs(1);

    fn header(seats: u32) -> NightHeader {
        let questions = (0..3)
            .map(|n| RoundQuestion {
                id: format!("q{n}"),
                prompt: format!("Question {n}?"),
                options: vec!["A".into(), "B".into(), "C".into()],
                correct: n % 3,
                explanation: "Because.".into(),
                category: "Test".into(),
                difficulty: Difficulty::Easy,
                time_limit: 10 * S,
                true_false: false,
                asked: Asked::Choice,
            })
            .collect();
        NightHeader {
            pack_file: "test.ron".into(),
            pack_title: "Test pack".into(),
            settings: RoundSettings::default(),
            rules: Rules::party(Format::EveryoneAnswers),
            questions,
            seats: (0..seats)
                .map(|i| Seat {
                    id: SeatId(i),
                    name: format!("P{i}"),
                    colour: i as u8,
                    device: Device::Keys(i as u8),
                    team: None,
                })
                .collect(),
            teams: Vec::new(),
            seed: 7,
            phones: None,
            started_ms: 0,
        }
    }

    fn play(seat: u32, option: u8, at: Duration) -> Op {
        Op::Play(Command::Seat {
            seat: SeatId(seat),
            action: SeatAction::Answer(option),
            at,
        })
    }

    /// Applies `ops` live (as the controller does) and returns the game and the bytes.
    fn live(header: &NightHeader, ops: &[(Duration, Op)]) -> (Game, Vec<u8>) {
        let mut game = header.game().unwrap();
        let mut bytes = encode_start(header);
        for (at, op) in ops {
            let record = record(&game, op.clone(), *at);
            let _ = apply(&mut game, header, &record);
            game.take_events();
            bytes.extend(encode_record(&record));
        }
        (game, bytes)
    }

    #[test]
    fn a_replayed_night_equals_the_live_one() {
        let h = header(2);
        let ops = vec![
            (S, Op::Start),
            (2 * S, play(0, 0, 2 * S)),
            (3 * S, play(1, 1, 3 * S)),
            (
                4 * S,
                Op::Play(Command::Host {
                    action: HostAction::Undo,
                    at: 4 * S,
                }),
            ),
            (20 * S, Op::Tick),
        ];
        let (game, bytes) = live(&h, &ops);
        let journal = read(&bytes).unwrap();
        assert_eq!(journal.records.len(), 5);
        assert_eq!(journal.dropped, 0);
        let night = replay(&journal).unwrap();
        assert_eq!(night.game, game);
    }

    #[test]
    fn a_torn_end_is_dropped_and_damage_is_refused() {
        let h = header(2);
        let ops = vec![
            (S, Op::Start),
            (2 * S, play(0, 0, 2 * S)),
            (3 * S, play(1, 2, 3 * S)),
        ];
        let (_, bytes) = live(&h, &ops);
        let whole = read(&bytes).unwrap();
        // Cut anywhere in the last record: the two before it remain.
        let last = encode_record(&whole.records[2]).len();
        for cut in 1..=last {
            let journal = read(&bytes[..bytes.len() - cut]).unwrap();
            assert_eq!(journal.records, whole.records[..2]);
            assert_eq!(journal.good_len as usize, bytes.len() - last);
        }
        // A flipped bit in the middle record is damage.
        let mut flipped = bytes.clone();
        let middle = bytes.len() - last - 3;
        flipped[middle] ^= 0x10;
        assert!(matches!(read(&flipped), Err(JournalError::Damaged { .. })));
        // Another format or not a journal at all.
        let mut newer = bytes.clone();
        newer[8] = 9;
        assert_eq!(read(&newer), Err(JournalError::NewerFormat(9)));
        assert_eq!(
            read(b"hello world, this is no journal"),
            Err(JournalError::NotAJournal)
        );
        assert_eq!(read(&bytes[..5]), Err(JournalError::NoHeader));
    }

    #[test]
    fn the_writer_appends_and_a_journal_reopens_after_its_torn_end() {
        let dir = std::env::temp_dir().join(format!("dt-night-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let h = header(2);
        let path = new_path(&dir, 42);
        let file = create(&path, &h).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let writer = JournalWriter::new(path.clone(), file);
        let first = Record {
            at: S,
            op: Op::Start,
        };
        writer.append(encode_record(&first));
        let status = writer.close();
        assert!(status.error.is_none());
        assert!(status.synced >= 1);
        // A torn tail is cut off on reopening, and appending goes on after the last whole record.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&[1, 2, 3]).unwrap();
        drop(f);
        let journal = read(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(journal.dropped, 3);
        let file = reopen(&path, journal.good_len).unwrap();
        let writer = JournalWriter::new(path.clone(), file);
        writer.append(encode_record(&Record {
            at: 2 * S,
            op: Op::Tick,
        }));
        writer.close();
        let journal = read(&fs::read(&path).unwrap()).unwrap();
        assert_eq!(journal.records.len(), 2);
        assert_eq!(journal.dropped, 0);
        assert_eq!(journals(&dir), vec![path]);
        prune(&dir, 0);
        assert!(journals(&dir).is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn phones_keep_their_tokens_unless_removed() {
        let mut h = header(1);
        h.phones = Some(PhoneRoom {
            port: 7878,
            room: "ABCD".into(),
            tokens: BTreeMap::new(),
        });
        let phone = |id: u32| Seat {
            id: SeatId(id),
            name: format!("Phone {id}"),
            colour: 1,
            device: Device::Phone,
            team: None,
        };
        let join = |id: u32| {
            Op::Roster(Roster::Join {
                seat: phone(id),
                token: Some(format!("token{id}")),
            })
        };
        let ops = vec![
            (S, Op::Start),
            (2 * S, join(1000)),
            (3 * S, join(1001)),
            (4 * S, Op::Roster(Roster::Away(SeatId(1000)))),
            (
                5 * S,
                Op::Play(Command::Host {
                    action: HostAction::RemoveSeat(SeatId(1001)),
                    at: 5 * S,
                }),
            ),
        ];
        let (game, bytes) = live(&h, &ops);
        let journal = read(&bytes).unwrap();
        let night = replay(&journal).unwrap();
        assert_eq!(night.game, game);
        assert!(night.game.player(SeatId(1000)).unwrap().away);
        let tokens = &night.tokens;
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[&SeatId(1000)], "token1000");
        assert_eq!(night.resumed_at(), 5 * S);
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(Duration::from_secs(5)), "just now");
        assert_eq!(ago(Duration::from_secs(60)), "1 minute ago");
        assert_eq!(ago(Duration::from_secs(180)), "3 minutes ago");
        assert_eq!(ago(Duration::from_secs(7200)), "2 hours ago");
        assert_eq!(ago(Duration::from_secs(86_400 * 3)), "3 days ago");
    }
}
