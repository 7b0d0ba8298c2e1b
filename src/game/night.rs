//! The night's journal and Resume: a party survives a crash, a `kill -9` or a power cut.
//!
//! - Screens never create or replace the [`Session`]: they send a [`SessionRequest`], and
//!   `carry_out` (before the round controller's frame) begins, restarts or resumes the
//!   night, and shows its first screen.
//! - The round controller applies every change to a night through [`NightJournal::commit`]
//!   (the core's [`night::apply`]); for a party, each applied record is also framed for
//!   the journal, and once a frame `flush` hands the frame's records to the writer
//!   thread, which writes and syncs them off the main thread.
//! - At start-up `find_offer` reads the newest journal left unfinished in
//!   `nights/` and replays it: the title offers **Resume the party**. A damaged journal or
//!   one from a newer version is set aside with a notice, like a corrupt save.
//! - When a night reaches its podium (its history saved), its journal is removed.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use bevy::prelude::*;

use super::clock::Now;
use super::input::bindings::Bindings;
use super::messages::{NightResumed, RoundSystems, ShownPhase};
use super::persist::{DataDir, Notices};
use super::session::Session;
use super::states::Screen;
use crate::core::command::{Command, HostAction, Refusal};
use crate::core::game::Phase;
use crate::core::night::{self, JournalError, JournalWriter, Night, Op, Roster};
use crate::core::seat::Device;
use crate::core::store;

pub fn plugin(app: &mut App) {
    app.init_resource::<NightJournal>()
        .init_resource::<ResumeOffer>()
        .init_resource::<SeriesOffers>()
        .add_message::<SessionRequest>()
        .add_systems(Startup, find_offer)
        .add_systems(OnEnter(Screen::Title), offer_quit_night)
        .add_systems(
            Update,
            carry_out
                .in_set(RoundSystems::Session)
                .run_if(on_message::<SessionRequest>),
        )
        .add_systems(
            Update,
            flush.after(RoundSystems::Apply).before(RoundSystems::View),
        )
        .add_systems(Update, finish.run_if(in_state(Screen::Podium)))
        .add_systems(
            Update,
            keep_series
                .after(flush)
                .run_if(in_state(Screen::Intermission)),
        )
        .add_systems(Last, redraw_for_pending_request);
}

/// A session asked for after `carry_out` ran this frame (a screen's Start or Play again)
/// is carried out on the next frame: make sure there is one, even when the reactive
/// loop would otherwise wait for input.
fn redraw_for_pending_request(
    mut requests: MessageReader<SessionRequest>,
    redraw: Option<ResMut<Messages<bevy::window::RequestRedraw>>>,
) {
    if requests.read().count() > 0
        && let Some(mut redraw) = redraw
    {
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// How often the journal notes that time ran on while the clock runs with nothing else
/// happening: a resumed question has the time left as of at most this long before.
pub const HEARTBEAT: Duration = Duration::from_secs(1);

/// What a screen asks of the session; `carry_out` does it.
#[derive(Message, Debug, Clone)]
pub enum SessionRequest {
    /// A new game: solo, a party or a preview, with the devices that play it.
    Begin(Box<Session>, Bindings),
    /// Play again: the same round from the start (a party's night goes on in its journal).
    Restart,
    /// Resume the night on offer.
    Resume,
    /// Continue the series at this place of [`SeriesOffers`] with its next evening.
    ContinueSeries(usize),
}

/// The journal of the night being played, if it is a party's.
#[derive(Resource, Default)]
pub struct NightJournal {
    writer: Option<JournalWriter>,
    /// The session the journal belongs to.
    session: u64,
    /// Frames applied this frame, handed to the writer by `flush`.
    pending: Vec<u8>,
    /// The time of the last record journalled.
    last_at: Duration,
    /// The first problem writing it, shown once.
    reported: bool,
}

impl NightJournal {
    /// Applies one change to the session's game (the one way anything changes a night)
    /// and journals it when the session is this journal's.
    pub fn commit(&mut self, session: &mut Session, op: Op, at: Duration) -> Result<(), Refusal> {
        let record = night::record(&session.game, op, at);
        let result = night::apply(&mut session.game, &session.header, &record);
        if self.writer.is_some() && self.session == session.id {
            self.pending.extend(night::encode_record(&record));
            self.last_at = record.at;
        }
        result
    }

    /// Time has run on for long enough without a record while the clock runs.
    pub fn heartbeat_due(&self, session: &Session, now: Duration) -> bool {
        self.writer.is_some()
            && self.session == session.id
            && !session.game.is_paused()
            && matches!(
                session.game.phase(),
                Phase::Question | Phase::Reveal | Phase::Scoreboard
            )
            && now.saturating_sub(self.last_at) >= HEARTBEAT
    }

    /// Starts journalling `session` in a new file (its header written and synced).
    fn begin(&mut self, dir: &DataDir, session: &Session) -> Result<(), String> {
        self.close();
        let folder = night::folder(&dir.0);
        // Room for this one among the nights kept.
        night::prune(&folder, night::KEEP_UNFINISHED.saturating_sub(1));
        let path = night::new_path(&folder, session.header.started_ms);
        let file = night::create(&path, &session.header)
            .map_err(|e| format!("the night cannot be journalled ({}: {e})", path.display()))?;
        self.open(
            JournalWriter::new(path, file),
            session.id,
            session.game.advanced_to(),
        );
        Ok(())
    }

    fn open(&mut self, writer: JournalWriter, session: u64, last_at: Duration) {
        self.writer = Some(writer);
        self.session = session;
        self.pending.clear();
        self.last_at = last_at;
        self.reported = false;
    }

    /// Stops journalling, with everything handed over written and synced; the file stays.
    fn close(&mut self) -> Option<PathBuf> {
        let writer = self.writer.take()?;
        if !self.pending.is_empty() {
            writer.append(std::mem::take(&mut self.pending));
        }
        let path = writer.path().to_path_buf();
        writer.close();
        Some(path)
    }
}

/// A night left unfinished, replayed from its journal and ready to go on.
#[derive(Resource, Default)]
pub struct ResumeOffer(pub Option<Offer>);

pub struct Offer {
    pub path: PathBuf,
    /// Where its last whole record ends: the journal goes on from there.
    pub good_len: u64,
    pub night: Night,
    /// "The Defiant Ones · question 7 of 20 · 5 players · 3 minutes ago"
    pub summary: String,
}

/// Reads the newest unfinished journal in `dir`'s `nights/` and replays it. A damaged one
/// is set aside (and said so in `notices`); one whose night had finished is removed.
pub fn offer_in(dir: &DataDir, notices: &mut Vec<String>) -> Option<Offer> {
    let folder = night::folder(&dir.0);
    night::journals(&folder).into_iter().find_map(|path| {
        read_offer(
            path,
            notices,
            "An unfinished night cannot be resumed",
            night::describe,
        )
    })
}

/// Replays the journal at `path` into an offer described by `describe`. A journal that
/// cannot be read, or whose round cannot be built, is set aside with a notice starting
/// `problem`; one cut before its header was whole (the night never began) or whose night
/// had finished is removed.
fn read_offer(
    path: PathBuf,
    notices: &mut Vec<String>,
    problem: &str,
    describe: fn(&Night, Option<SystemTime>, SystemTime) -> String,
) -> Option<Offer> {
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            notices.push(format!(
                "{problem}: {} could not be read ({e}).",
                path.display()
            ));
            return None;
        }
    };
    let journal = match night::read(&bytes) {
        Ok(journal) => journal,
        Err(JournalError::NoHeader) => {
            let _ = std::fs::remove_file(&path);
            return None;
        }
        Err(e) => {
            notices.push(format!(
                "{problem}: {}",
                store::set_aside(&path, &e.to_string())
            ));
            return None;
        }
    };
    let night = match night::replay(&journal) {
        Ok(night) => night,
        Err(e) => {
            let why = format!("its round cannot be built: {e}");
            notices.push(format!("{problem}: {}", store::set_aside(&path, &why)));
            return None;
        }
    };
    if night.game.phase() == Phase::Finished {
        let _ = std::fs::remove_file(&path);
        return None;
    }
    let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    let summary = describe(&night, written, SystemTime::now());
    Some(Offer {
        path,
        good_len: journal.good_len,
        night,
        summary,
    })
}

/// Series stopped for the night at a round's end, waiting in `nights/series/` for their
/// next evening, newest first: the title offers **Continue the series**.
#[derive(Resource, Default)]
pub struct SeriesOffers(pub Vec<Offer>);

/// Reads every series waiting for its next evening in `dir`. A damaged one is set aside
/// (and said so in `notices`); one that went on to its end is removed.
pub fn series_in(dir: &DataDir, notices: &mut Vec<String>) -> Vec<Offer> {
    let folder = night::series_folder(&dir.0);
    night::journals(&folder)
        .into_iter()
        .filter_map(|path| {
            read_offer(
                path,
                notices,
                "A saved series cannot be continued",
                night::describe_series,
            )
        })
        .collect()
}

/// A series stopped for tonight: its journal moves to `nights/series/` (synced first),
/// where new nights never prune it, and goes on being written there.
fn keep_series(
    mut journal: ResMut<NightJournal>,
    session: Option<Res<Session>>,
    dir: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
) {
    let (Some(session), Some(dir)) = (session, dir) else {
        return;
    };
    let folder = night::series_folder(&dir.0);
    let in_series = journal
        .writer
        .as_ref()
        .is_some_and(|w| w.path().parent() == Some(folder.as_path()));
    if journal.session != session.id || journal.writer.is_none() || in_series {
        return;
    }
    let last_at = journal.last_at;
    let Some(path) = journal.close() else { return };
    let moved = std::fs::create_dir_all(&folder).and_then(|_| {
        let to = folder.join(path.file_name().unwrap_or_default());
        std::fs::rename(&path, &to)?;
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(to)
    });
    let path = match moved {
        Ok(to) => to,
        Err(e) => {
            notices.0.push(format!(
                "The series could not be kept apart ({e}): it stays with the unfinished nights."
            ));
            path
        }
    };
    match std::fs::metadata(&path).and_then(|m| night::reopen(&path, m.len())) {
        Ok(file) => journal.open(JournalWriter::new(path, file), session.id, last_at),
        Err(e) => notices.0.push(format!(
            "The series is saved, but tonight's last changes cannot be written ({}: {e}).",
            path.display()
        )),
    }
}

/// `party --resume`: the night on offer resumes as the game opens.
#[derive(Resource, Debug, Clone, Copy)]
pub struct ResumeAtLaunch;

/// A night left for the title (Quit to title, Back from its podium before the end) stays
/// in its journal: the title offers to resume it at once.
/// Back on the title from a night: its journal closes, and it is offered to resume.
/// The title's own systems run after it.
pub fn offer_quit_night(
    mut journal: ResMut<NightJournal>,
    dir: Option<Res<DataDir>>,
    mut offer: ResMut<ResumeOffer>,
    mut notices: ResMut<Notices>,
    mut series: ResMut<SeriesOffers>,
) {
    if journal.close().is_some()
        && let Some(dir) = dir
    {
        offer.0 = offer_in(&dir, &mut notices.0);
        series.0 = series_in(&dir, &mut notices.0);
    }
}

fn find_offer(
    dir: Option<Res<DataDir>>,
    mut offer: ResMut<ResumeOffer>,
    mut series: ResMut<SeriesOffers>,
    mut notices: ResMut<Notices>,
) {
    if let Some(dir) = dir {
        offer.0 = offer_in(&dir, &mut notices.0);
        series.0 = series_in(&dir, &mut notices.0);
    }
}

/// Begins, restarts or resumes the session as asked, and shows its first screen.
fn carry_out(
    mut requests: MessageReader<SessionRequest>,
    mut session: Option<ResMut<Session>>,
    mut journal: ResMut<NightJournal>,
    mut offer: ResMut<ResumeOffer>,
    mut series: ResMut<SeriesOffers>,
    dir: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
    mut bindings: ResMut<Bindings>,
    mut shown: ResMut<ShownPhase>,
    now: Now,
    mut resumed_night: MessageWriter<NightResumed>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    // Only the last request of a frame counts (a double click begins one game).
    let Some(request) = requests.read().last().cloned() else {
        return;
    };
    match request {
        SessionRequest::Begin(new, new_bindings) => {
            let new = *new;
            journal.close();
            let journalled = new.is_party() && new.preview.is_none();
            if journalled
                && let Some(dir) = dir.as_deref()
                && let Err(e) = journal.begin(dir, &new)
            {
                notices
                    .0
                    .push(format!("{e}: a crash would lose this night."));
            }
            *bindings = new_bindings;
            shown.0 = None;
            commands.insert_resource(new);
            next.set(Screen::Question);
        }
        SessionRequest::Restart => {
            let Some(session) = session.as_deref_mut() else {
                return;
            };
            let again = session.restarted();
            let journalled = journal.session == session.id;
            *session = again;
            if journalled && journal.writer.is_some() {
                // The same night goes on in its journal, from the top.
                journal.session = session.id;
                let _ = journal.commit(session, Op::Restart, now.now());
            } else if session.is_party()
                && session.preview.is_none()
                && let Some(dir) = dir.as_deref()
                && let Err(e) = journal.begin(dir, session)
            {
                notices
                    .0
                    .push(format!("{e}: a crash would lose this night."));
            }
            shown.0 = None;
            next.set(Screen::Question);
        }
        SessionRequest::Resume | SessionRequest::ContinueSeries(_) => {
            let taken = match request {
                SessionRequest::ContinueSeries(_) if series.0.is_empty() => None,
                SessionRequest::ContinueSeries(i) => {
                    let i = i.min(series.0.len() - 1);
                    Some(series.0.remove(i))
                }
                _ => offer.0.take(),
            };
            let Some(Offer {
                path,
                good_len,
                night,
                ..
            }) = taken
            else {
                return;
            };
            journal.close();
            let tokens = night.tokens.clone();
            let resumed_at = night.resumed_at();
            // The game clock goes on from the journal's last time.
            let clock = now.set_to(resumed_at);
            commands.insert_resource(clock);
            let mut resumed = Session::resumed(night);
            match night::reopen(&path, good_len) {
                Ok(file) => journal.open(JournalWriter::new(path, file), resumed.id, resumed_at),
                Err(e) => notices.0.push(format!(
                    "The night resumes, but its journal cannot be written ({}: {e}): a crash would lose it.",
                    path.display()
                )),
            }
            // No phone is connected yet: each is away until its page finds its seat again.
            let phone_seats: Vec<_> = resumed
                .game
                .players()
                .iter()
                .filter(|p| p.seat.device == Device::Phone && !p.away && !p.removed)
                .map(|p| p.seat.id)
                .collect();
            for seat in phone_seats {
                let _ = journal.commit(&mut resumed, Op::Roster(Roster::Away(seat)), resumed_at);
            }
            // It opens paused where it stopped: the host continues when the room is ready.
            if matches!(
                resumed.game.phase(),
                Phase::Question | Phase::Reveal | Phase::Scoreboard
            ) && !resumed.game.is_paused()
            {
                let pause = Command::Host {
                    action: HostAction::Pause,
                    at: resumed_at,
                };
                let _ = journal.commit(&mut resumed, Op::Play(pause), resumed_at);
                resumed.game.take_events();
            }
            let seated = tokens
                .into_iter()
                .filter_map(|(seat, token)| {
                    Some((seat, token, resumed.game.player(seat)?.seat.name.clone()))
                })
                .collect();
            resumed_night.write(NightResumed {
                room: resumed.header.phones.clone(),
                seated,
            });
            *bindings = Bindings::party(&resumed.game, &[]);
            shown.0 = None;
            if let Some(screen) = super::session::screen_of(&resumed) {
                shown.0 = Some((
                    resumed.id,
                    resumed.game.phase(),
                    resumed.game.current_index(),
                ));
                next.set(screen);
            }
            commands.insert_resource(resumed);
        }
    }
}

/// Hands the frame's records to the writer thread; says once if writing failed.
pub(crate) fn flush(mut journal: ResMut<NightJournal>, mut notices: ResMut<Notices>) {
    let journal = journal.bypass_change_detection();
    if journal.pending.is_empty() {
        return;
    }
    let frames = std::mem::take(&mut journal.pending);
    if let Some(writer) = &journal.writer {
        writer.append(frames);
        if !journal.reported
            && let Some(error) = writer.status().error
        {
            journal.reported = true;
            notices.0.push(format!(
                "The night's journal could not be written ({error}): a crash would lose what follows."
            ));
        }
    }
}

/// The night is over and its history saved on entering the podium: its journal goes.
fn finish(mut journal: ResMut<NightJournal>, session: Option<Res<Session>>) {
    let Some(session) = session else { return };
    // A tie for first that a sudden death may still break keeps the night's journal.
    if session.game.phase() == Phase::Finished
        && !session.game.tiebreak_offered()
        && journal.session == session.id
        && let Some(path) = journal.close()
    {
        let _ = std::fs::remove_file(path);
    }
}
