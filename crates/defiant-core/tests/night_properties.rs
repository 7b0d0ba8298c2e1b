//! Property tests (proptest) for a night's journal (`defiant_core::night`): a night played
//! live (every change through `night::apply`, timers fired by the shell's frames, a `Tick`
//! journalled when one fired) replays from its bytes to the very same game; a journal torn
//! anywhere in its last records reads back as its longest whole prefix; flipped bits are
//! refused or cost only records from the damage on, never misread; and undoing everything
//! replays as it went live. Time only ever enters as explicit `Duration` stamps.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use defiant_core::command::{Arrangement, Command, Guess, HostAction, Refusal, SeatAction};
use defiant_core::game::{Buzz, Format, Game, ScoreboardEvery};
use defiant_core::kinds::NumberRule;
use defiant_core::night::{self, JournalError, NightHeader, Op, PhoneRoom, Record, Roster};
use defiant_core::round::{Asked, RoundQuestion, RoundSettings};
use defiant_core::seat::{Device, Seat, SeatId, TeamId};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

mod common;
use common::{
    HostStep, blank_question, choice_answer, config, delay, host_step, shuffled_items, teams,
};

/// Names with quotes, backslashes and more than ASCII: the journal is JSON.
const NAMES: [&str; 8] = [
    "Ana",
    "Bén",
    "Cy \"the\" Kid",
    "Dee\\",
    "Ève",
    "Flo 🎉",
    "Gus\n",
    "Hal",
];
/// A seat no night has.
const NOBODY: SeatId = SeatId(9_999);

// ---- Building nights ---------------------------------------------------------------------

/// Seat `id`, in team `id % 2`, on its own key group or a phone.
fn seat(id: u32, phone: bool) -> Seat {
    Seat {
        id: SeatId(id),
        name: NAMES[id as usize % NAMES.len()].to_string(),
        colour: (id % 8) as u8,
        device: if phone {
            Device::Phone
        } else {
            Device::Keys((id % 4) as u8)
        },
        team: Some(TeamId((id % 2) as u8)),
    }
}

/// How one of the night's questions is answered.
#[derive(Debug, Clone)]
enum Kind {
    /// `options` options, the right one at `correct`.
    Choice {
        options: usize,
        correct: usize,
    },
    /// Items shown in some order: `right[k]` is the shown item that belongs in place `k`.
    Order {
        right: Vec<usize>,
    },
    Number {
        answer: f64,
        tolerance: f64,
    },
}

fn question(n: usize, seconds: u64, kind: &Kind) -> RoundQuestion {
    match kind {
        Kind::Choice { options, correct } => common::question(n, seconds, *options, *correct),
        Kind::Order { right } => RoundQuestion {
            options: (0..right.len()).map(|i| format!("item {i}")).collect(),
            asked: Asked::Order {
                right: right.clone(),
                first: "Earliest".to_string(),
                last: "Latest".to_string(),
            },
            ..blank_question(n, seconds)
        },
        Kind::Number { answer, tolerance } => RoundQuestion {
            asked: Asked::Number {
                rule: NumberRule::new(*answer, *tolerance),
                unit: "m".to_string(),
            },
            ..blank_question(n, seconds)
        },
    }
}

/// Everything a generated night is built from: per question, its seconds and how it is
/// answered (at least one order and one number); as `extra`, with a phone room, which of
/// the first seats are phones (bit `i` for seat `i`).
type Setup = common::Setup<(u64, Kind), Option<u8>>;

impl Setup {
    fn is_phone(&self, id: u32) -> bool {
        self.extra.is_some_and(|mask| mask & (1 << id) != 0)
    }

    fn header(&self) -> NightHeader {
        let seats: Vec<Seat> = (0..self.seats)
            .map(|id| seat(id, self.is_phone(id)))
            .collect();
        let phones = self.extra.map(|_| PhoneRoom {
            port: 7878,
            room: "ABCD".to_string(),
            tokens: seats
                .iter()
                .filter(|s| s.device == Device::Phone)
                .map(|s| (s.id, format!("seat-token-{}", s.id.0)))
                .collect(),
        });
        NightHeader {
            pack_file: "generated.ron".to_string(),
            pack_title: "Generated · «night»".to_string(),
            settings: RoundSettings {
                seed: self.seed,
                max_options: Some(4),
                ..RoundSettings::default()
            },
            rules: self.rules(),
            questions: self.round_questions(|n, (seconds, kind)| question(n, *seconds, kind)),
            seats,
            teams: teams(),
            seed: self.seed,
            phones,
            started_ms: 1_700_000_000_000,
        }
    }
}

fn kinds() -> impl Strategy<Value = Vec<(u64, Kind)>> {
    let choice =
        (2usize..=4, 0usize..4).prop_map(|(options, correct)| Kind::Choice { options, correct });
    let order = shuffled_items().prop_map(|right| Kind::Order { right });
    let number = (
        prop_oneof![Just(1992.0f64), -10_000.0f64..10_000.0],
        prop_oneof![Just(0.0f64), Just(1.0), 0.0f64..50.0],
    )
        .prop_map(|(answer, tolerance)| Kind::Number { answer, tolerance });
    (
        prop::collection::vec((3u64..=10, choice), 1..=3),
        (3u64..=10, order),
        (3u64..=10, number),
    )
        .prop_flat_map(|(mut questions, order, number)| {
            questions.push(order);
            questions.push(number);
            Just(questions).prop_shuffle()
        })
}

fn setup() -> impl Strategy<Value = Setup> {
    common::setup(1..=4, prop::option::of(any::<u8>()), kinds())
}

// ---- Generated changes -------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Action {
    /// Only time passes: the shell's frames advance the game.
    Wait,
    Start,
    Answer {
        seat: u8,
        option: u8,
    },
    Buzz {
        seat: u8,
    },
    Order {
        seat: u8,
        items: Vec<usize>,
    },
    Number {
        seat: u8,
        guess: f64,
    },
    /// What a player would do with the question open now: answer it right or wrong (a
    /// choice, an order, a number `off` away times the tolerance and 1), or in buzz-in the
    /// seat holding the buzz answers, else `seat` buzzes.
    Play {
        seat: u8,
        right: bool,
        off: f64,
    },
    Host(HostStep),
    /// A latecomer: a new seat (or, `fresh` false, one with the id of a seat already
    /// there), maybe a phone with its seat token.
    Join {
        fresh: bool,
        seat: u8,
        phone: bool,
        token: bool,
    },
    Away {
        seat: u8,
    },
    Back {
        seat: u8,
    },
    Rename {
        seat: u8,
        name: u8,
    },
    Tick,
    Restart,
}

/// When a seat's or the host's command was stamped, against the record that carries it.
#[derive(Debug, Clone, Copy)]
enum Stamp {
    Same,
    /// It arrived this long before the record was made (a late frame).
    Before(Duration),
    /// Stamped after the record's time.
    After(Duration),
}

/// One change, `delay` after the previous one on the shell's clock.
#[derive(Debug, Clone)]
struct Step {
    delay: Duration,
    /// Frames in between, each `f`/255 of the way through the delay (not always in order).
    frames: Vec<u8>,
    /// The record is asked for this long before the clock (`night::record` clamps it).
    early: Option<Duration>,
    stamp: Stamp,
    action: Action,
}

fn items() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        3 => shuffled_items(),
        1 => prop::collection::vec(0usize..7, 0..=6),
    ]
}

fn guess() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0f64),
        Just(1992.0f64),
        -1e9f64..1e9,
        -100.0f64..100.0,
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        20 => Just(Action::Wait),
        6 => Just(Action::Start),
        24 => (any::<u8>(), 0u8..5).prop_map(|(seat, option)| Action::Answer { seat, option }),
        16 => any::<u8>().prop_map(|seat| Action::Buzz { seat }),
        8 => (any::<u8>(), items()).prop_map(|(seat, items)| Action::Order { seat, items }),
        8 => (any::<u8>(), guess()).prop_map(|(seat, guess)| Action::Number { seat, guess }),
        64 => (any::<u8>(), any::<bool>(), -3.0f64..3.0)
            .prop_map(|(seat, right, off)| Action::Play { seat, right, off }),
        60 => host_step().prop_map(Action::Host),
        1 => Just(Action::Host(HostStep::End)),
        6 => (prop::bool::weighted(0.85), any::<u8>(), any::<bool>(), prop::bool::weighted(0.8))
            .prop_map(|(fresh, seat, phone, token)| Action::Join { fresh, seat, phone, token }),
        5 => any::<u8>().prop_map(|seat| Action::Away { seat }),
        5 => any::<u8>().prop_map(|seat| Action::Back { seat }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(seat, name)| Action::Rename { seat, name }),
        5 => Just(Action::Tick),
        1 => Just(Action::Restart),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let frames = prop_oneof![
        3 => Just(Vec::new()),
        2 => prop::collection::vec(any::<u8>(), 1..=3),
    ];
    let early = prop_oneof![
        8 => Just(None),
        1 => (1u64..1_500).prop_map(|ms| Some(Duration::from_millis(ms))),
    ];
    let stamp = prop_oneof![
        6 => Just(Stamp::Same),
        3 => (1u64..2_000).prop_map(|ms| Stamp::Before(Duration::from_millis(ms))),
        1 => (1u64..500).prop_map(|ms| Stamp::After(Duration::from_millis(ms))),
    ];
    (delay(), frames, early, stamp, action()).prop_map(|(delay, frames, early, stamp, action)| {
        Step {
            delay,
            frames,
            early,
            stamp,
            action,
        }
    })
}

/// A night's changes: nearly always the Start first, then up to `max` more.
fn steps(max: usize) -> impl Strategy<Value = Vec<Step>> {
    (
        prop::bool::weighted(0.9),
        step(),
        prop::collection::vec(step(), 0..=max),
    )
        .prop_map(|(start, mut first, mut steps)| {
            if start {
                first.action = Action::Start;
                steps.insert(0, first);
            }
            steps
        })
}

// ---- Playing a night live ----------------------------------------------------------------

/// A night played as the shell's controller plays it, with its journal and the live game
/// after every record.
struct Live {
    header: NightHeader,
    game: Game,
    /// The shell's clock.
    now: Duration,
    bytes: Vec<u8>,
    records: Vec<Record>,
    /// `ends[k]`: the journal's length with its first `k` records (`ends[0]`: the header's).
    ends: Vec<usize>,
    /// `after[k]`: the live game after its first `k` records, events taken.
    after: Vec<Game>,
    /// The phone tokens of the seats that were seated: the header's and accepted joins'.
    tokens: BTreeMap<SeatId, String>,
    /// The next latecomer's id.
    next_seat: u32,
}

impl Live {
    fn new(header: NightHeader) -> Self {
        let game = header.game().expect("a valid night");
        let bytes = night::encode_start(&header);
        let tokens = header
            .phones
            .as_ref()
            .map(|p| p.tokens.clone())
            .unwrap_or_default();
        Self {
            ends: vec![bytes.len()],
            after: vec![game.clone()],
            header,
            game,
            now: Duration::ZERO,
            bytes,
            records: Vec::new(),
            tokens,
            next_seat: 100,
        }
    }

    fn append(&mut self, record: Record) {
        self.bytes.extend(night::encode_record(&record));
        self.records.push(record);
        self.ends.push(self.bytes.len());
        self.after.push(self.game.clone());
    }

    /// One change, as the controller makes it: recorded now, applied, journalled.
    fn journal(&mut self, op: Op, at: Duration) -> Result<(), Refusal> {
        let record = night::record(&self.game, op, at);
        let outcome = night::apply(&mut self.game, &self.header, &record);
        self.game.take_events();
        self.append(record);
        outcome
    }

    /// A frame of the shell: the game runs on to `now`, and a timer that fired is journalled.
    fn frame(&mut self, now: Duration) {
        if self.game.advance(now) {
            self.game.take_events();
            let record = night::record(&self.game, Op::Tick, now);
            self.append(record);
        }
        self.game.take_events();
    }

    /// Seat ids from generated bytes: mostly seats in the game, sometimes one that is not.
    fn seat_id(&self, raw: u8) -> SeatId {
        let players = self.game.players();
        if raw % 16 == 15 || players.is_empty() {
            NOBODY
        } else {
            players[usize::from(raw) % players.len()].seat.id
        }
    }

    fn seat(&mut self, seat: u8, action: SeatAction, at: Duration, stamp: Duration) {
        let seat = self.seat_id(seat);
        let command = Command::Seat {
            seat,
            action,
            at: stamp,
        };
        let _ = self.journal(Op::Play(command), at);
    }

    fn host(&mut self, action: HostAction, at: Duration, stamp: Duration) -> Result<(), Refusal> {
        self.journal(Op::Play(Command::Host { action, at: stamp }), at)
    }

    /// What a player would do with the question open now.
    fn play(&self, seat: u8, right: bool, off: f64) -> (u8, SeatAction) {
        let q = self.game.current();
        match &q.asked {
            Asked::Choice => {
                let answer = choice_answer(q, right);
                match (self.game.format_now(), self.game.buzz()) {
                    (Format::BuzzIn, Buzz::Answering { seat: holder, .. }) => {
                        let raw = self
                            .game
                            .players()
                            .iter()
                            .position(|p| p.seat.id == *holder)
                            .unwrap_or(15);
                        (raw as u8, answer)
                    }
                    (Format::BuzzIn, _) => (seat, SeatAction::Buzz),
                    _ => (seat, answer),
                }
            }
            Asked::Order { right: order, .. } => {
                let mut items = order.clone();
                if !right {
                    items.rotate_left(1);
                }
                let order = Arrangement::new(&items).expect("at most six items");
                (seat, SeatAction::Order(order))
            }
            Asked::Number { rule, .. } => {
                let value = if right {
                    rule.answer
                } else {
                    rule.answer + off * (rule.tolerance + 1.0)
                };
                let guess = Guess::new(value).expect("a guess near the answer");
                (seat, SeatAction::Number(guess))
            }
        }
    }

    fn step(&mut self, step: &Step) {
        let before = self.now;
        self.now += step.delay;
        for f in &step.frames {
            self.frame(before + step.delay * u32::from(*f) / 255);
        }
        let at = match step.early {
            Some(back) => self.now.saturating_sub(back),
            None => self.now,
        };
        let stamp = match step.stamp {
            Stamp::Same => at,
            Stamp::Before(back) => at.saturating_sub(back),
            Stamp::After(ahead) => at + ahead,
        };
        match step.action.clone() {
            Action::Wait => self.frame(self.now),
            Action::Start => {
                let _ = self.journal(Op::Start, at);
            }
            Action::Answer { seat, option } => {
                self.seat(seat, SeatAction::Answer(option), at, stamp);
            }
            Action::Buzz { seat } => self.seat(seat, SeatAction::Buzz, at, stamp),
            Action::Order { seat, items } => {
                let order = Arrangement::new(&items).expect("at most six items");
                self.seat(seat, SeatAction::Order(order), at, stamp);
            }
            Action::Number { seat, guess } => {
                let guess = Guess::new(guess).expect("a guess in range");
                self.seat(seat, SeatAction::Number(guess), at, stamp);
            }
            Action::Play { seat, right, off } => {
                // Decided on the game as it stands when the press arrives.
                self.frame(at);
                let (seat, action) = self.play(seat, right, off);
                self.seat(seat, action, at, stamp);
            }
            Action::Host(host) => {
                let action = host.action(|seat| self.seat_id(seat));
                let _ = self.host(action, at, stamp);
            }
            Action::Join {
                fresh,
                seat: raw,
                phone,
                token,
            } => {
                let id = if fresh {
                    self.next_seat += 1;
                    self.next_seat - 1
                } else {
                    self.seat_id(raw).0
                };
                let token =
                    (phone && token).then(|| format!("join-token-{id}-{}", self.now.as_millis()));
                let seat = seat(id, phone);
                let op = Op::Roster(Roster::Join {
                    seat,
                    token: token.clone(),
                });
                if self.journal(op, at).is_ok()
                    && let Some(token) = token
                {
                    self.tokens.insert(SeatId(id), token);
                }
            }
            Action::Away { seat } => {
                let _ = self.journal(Op::Roster(Roster::Away(self.seat_id(seat))), at);
            }
            Action::Back { seat } => {
                let _ = self.journal(Op::Roster(Roster::Back(self.seat_id(seat))), at);
            }
            Action::Rename { seat, name } => {
                let seat = self.seat_id(seat);
                let name = format!("{} {name}", NAMES[usize::from(name) % NAMES.len()]);
                let _ = self.journal(Op::Roster(Roster::Rename { seat, name }), at);
            }
            Action::Tick => {
                let _ = self.journal(Op::Tick, at);
            }
            Action::Restart => {
                let _ = self.journal(Op::Restart, at);
            }
        }
    }

    /// The phone tokens the night should resume with: those of seated phones still in it.
    fn expected_tokens(&self) -> BTreeMap<SeatId, String> {
        let mut tokens = self.tokens.clone();
        tokens.retain(|seat, _| {
            self.game
                .player(*seat)
                .is_some_and(|p| !p.removed && p.seat.device == Device::Phone)
        });
        tokens
    }

    /// How many records fit whole in the first `len` bytes.
    fn whole_records(&self, len: usize) -> usize {
        self.ends
            .iter()
            .rposition(|&end| end <= len)
            .expect("the header is in")
    }
}

fn play(setup: &Setup, steps: &[Step]) -> Live {
    let mut live = Live::new(setup.header());
    for step in steps {
        live.step(step);
    }
    live
}

fn read(bytes: &[u8]) -> Result<night::Journal, TestCaseError> {
    night::read(bytes).map_err(|e| TestCaseError::fail(format!("the journal does not read: {e}")))
}

fn replay(journal: &night::Journal) -> Result<Game, TestCaseError> {
    night::replay(journal)
        .map(|night| night.game)
        .map_err(|e| TestCaseError::fail(format!("the journal does not replay: {e:?}")))
}

// ---- Properties --------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(1024))]

    /// A night read back from its journal replays to the live game: record by record, and
    /// at the end (where the live game, run on by frames in which no timer fired since the
    /// last record, is the replay run on to the same time). It resumes with the phone
    /// tokens of the phones still seated.
    #[test]
    fn a_replayed_night_equals_the_live_one(setup in setup(), steps in steps(64)) {
        let live = play(&setup, &steps);
        let journal = read(&live.bytes)?;
        prop_assert_eq!(&journal.header, &live.header);
        prop_assert_eq!(&journal.records, &live.records);
        prop_assert_eq!(journal.good_len as usize, live.bytes.len());
        prop_assert_eq!(journal.dropped, 0);

        let mut game = journal.header.game().expect("the header builds its game");
        prop_assert_eq!(&game, &live.after[0]);
        for (k, record) in journal.records.iter().enumerate() {
            let _ = night::apply(&mut game, &journal.header, record);
            game.take_events();
            prop_assert_eq!(&game, &live.after[k + 1], "after record {}: {:?}", k, record);
        }

        let night = night::replay(&journal).expect("the header builds its game");
        prop_assert_eq!(night.records, live.records.len());
        prop_assert_eq!(&night.game, live.after.last().expect("the start"));
        prop_assert_eq!(night.resumed_at(), live.after.last().expect("the start").advanced_to());
        let mut resumed = night.game.clone();
        prop_assert!(!resumed.advance(live.game.advanced_to()), "a timer the live frames missed");
        resumed.take_events();
        prop_assert_eq!(&resumed, &live.game);
        prop_assert_eq!(night.tokens.clone(), live.expected_tokens());
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// A journal cut at any byte of its header has no night to resume; cut at any byte of
    /// its last three records, it reads back as its longest whole prefix (what follows is
    /// dropped, and appending goes on after it), which replays to the live game as it was
    /// after that prefix.
    #[test]
    fn a_torn_end_reads_as_the_longest_whole_prefix(setup in setup(), steps in steps(48)) {
        let live = play(&setup, &steps);
        for cut in 0..live.ends[0] {
            prop_assert_eq!(night::read(&live.bytes[..cut]), Err(JournalError::NoHeader), "cut at {}", cut);
        }
        let n = live.records.len();
        let mut replayed = BTreeSet::new();
        for cut in live.ends[n.saturating_sub(3)]..=live.bytes.len() {
            let journal = read(&live.bytes[..cut])?;
            let k = live.whole_records(cut);
            prop_assert_eq!(&journal.header, &live.header);
            prop_assert_eq!(&journal.records[..], &live.records[..k], "cut at {}", cut);
            prop_assert_eq!(journal.good_len as usize, live.ends[k]);
            prop_assert_eq!(journal.dropped as usize, cut - live.ends[k]);
            if replayed.insert(k) {
                prop_assert_eq!(&replay(&journal)?, &live.after[k], "{} records", k);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(1024))]

    /// One to three flipped bits anywhere (in a whole journal or a torn one): reading never
    /// panics and never misreads. It refuses the journal, or reads the header as written and
    /// a prefix of the records written, none from the first damaged frame on, which
    /// replays to the live game after that prefix. Damage before the first record is always
    /// refused.
    #[test]
    fn flipped_bits_are_refused_or_cost_only_the_records_from_there(
        setup in setup(),
        steps in steps(48),
        torn in prop::bool::weighted(0.3),
        cut in any::<Index>(),
        flips in prop::collection::vec((any::<Index>(), 0u8..8), 1..=3),
    ) {
        let live = play(&setup, &steps);
        let len = if torn { cut.index(live.bytes.len() + 1) } else { live.bytes.len() };
        let mut bytes = live.bytes[..len].to_vec();
        if len > 0 {
            for (at, bit) in &flips {
                bytes[at.index(len)] ^= 1 << bit;
            }
        }
        // Flips of the same bit twice cancel out.
        let damaged = bytes.iter().zip(&live.bytes).position(|(a, b)| a != b);
        let outcome = night::read(&bytes);
        let fits = (len >= live.ends[0]).then(|| live.whole_records(len));
        match (&outcome, damaged, fits) {
            (Err(JournalError::NoHeader), None, None) => return Ok(()),
            (Err(e), None, _) => return Err(TestCaseError::fail(format!("an undamaged journal refused: {e}"))),
            (Err(_), Some(_), _) => return Ok(()),
            (Ok(_), _, None) => return Err(TestCaseError::fail("a torn header read")),
            (Ok(_), Some(at), _) if at < live.ends[0] => {
                return Err(TestCaseError::fail(format!("damage at byte {at}, in the header, read")));
            }
            (Ok(_), _, Some(_)) => {}
        }
        let journal = outcome.expect("read");
        let k = journal.records.len();
        prop_assert_eq!(&journal.header, &live.header);
        prop_assert!(k <= fits.expect("some fit"));
        prop_assert_eq!(&journal.records[..], &live.records[..k], "a record never written");
        prop_assert_eq!(journal.good_len as usize, live.ends[k]);
        prop_assert_eq!(journal.dropped as usize, len - live.ends[k]);
        match damaged {
            // The damaged frame is record `r`'s: nothing from it on is read.
            Some(at) => prop_assert!(k < live.whole_records(at) + 1, "read past the damage at byte {}", at),
            None => prop_assert_eq!(k, fits.expect("some fit")),
        }
        prop_assert_eq!(&replay(&journal)?, &live.after[k]);
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Any night, then Undo after Undo (a little time passing between them, timers firing
    /// and journalled as ever) until there is nothing left to undo: the journal replays to
    /// the live game, with every score back to 0 and no seat removed.
    #[test]
    fn undoing_everything_replays_as_it_went_live(
        setup in setup(),
        steps in steps(64),
        gaps in prop::collection::vec(prop_oneof![3 => Just(Duration::ZERO), 1 => (0u64..4_000).prop_map(Duration::from_millis)], 1..=4),
    ) {
        let mut live = play(&setup, &steps);
        let mut undone = 0;
        loop {
            live.now += gaps[undone % gaps.len()];
            live.frame(live.now);
            let at = live.now;
            match live.host(HostAction::Undo, at, at) {
                Ok(()) => undone += 1,
                Err(Refusal::NothingToUndo) => break,
                Err(other) => return Err(TestCaseError::fail(format!("undo refused: {other:?}"))),
            }
            prop_assert!(undone < 1_000, "undo never ran out");
        }
        prop_assert!(live.game.undo_label().is_none());
        for p in live.game.players() {
            prop_assert_eq!(p.stats.score, 0, "{} after undoing everything", p.seat.id);
            prop_assert!(!p.removed, "{} still removed after undoing everything", p.seat.id);
        }
        let journal = read(&live.bytes)?;
        prop_assert_eq!(&journal.records, &live.records);
        let game = replay(&journal)?;
        prop_assert_eq!(&game, &live.game);
    }
}

// ---- Scenarios ---------------------------------------------------------------------------

fn one_seat_night(phone: bool) -> Setup {
    Setup {
        format: Format::EveryoneAnswers,
        seats: 1,
        extra: phone.then_some(1),
        questions: vec![
            (
                3,
                Kind::Number {
                    answer: 1992.0,
                    tolerance: 0.0,
                },
            ),
            (
                3,
                Kind::Order {
                    right: vec![0, 1, 2],
                },
            ),
        ],
        speed_bonus: false,
        streak_bonus: false,
        wrong_penalty: 0,
        reveal_for: None,
        scoreboard: ScoreboardEvery::End,
        seed: 0,
    }
}

fn at_once(action: Action) -> Step {
    Step {
        delay: Duration::ZERO,
        frames: Vec::new(),
        early: None,
        stamp: Stamp::Same,
        action,
    }
}

/// A guess with 17 significant digits comes back from the journal to the last bit (JSON
/// numbers are read back exactly only with serde_json's `float_roundtrip`): the replayed
/// guess, and so who guessed closest, is the one played.
#[test]
fn a_guess_reads_back_to_the_last_bit() {
    let steps = [
        at_once(Action::Start),
        at_once(Action::Number {
            seat: 0,
            guess: 19_484_179.667_837_046,
        }),
    ];
    let live = play(&one_seat_night(false), &steps);
    let journal = night::read(&live.bytes).unwrap();
    assert_eq!(journal.records, live.records);
    assert_eq!(&night::replay(&journal).unwrap().game, &live.game);
}

/// A journal torn as it was made, in its magic or its format number, has no header yet:
/// it is not taken for something else.
#[test]
fn a_journal_torn_in_its_format_has_no_header() {
    let live = play(&one_seat_night(false), &[]);
    for cut in 0..=12 {
        assert_eq!(
            night::read(&live.bytes[..cut]),
            Err(JournalError::NoHeader),
            "cut at {cut}"
        );
    }
}

/// A join refused because its seat id is taken changes nobody's phone token on resume.
#[test]
fn a_refused_join_keeps_the_seated_phone_token() {
    let steps = [
        at_once(Action::Start),
        at_once(Action::Join {
            fresh: false,
            seat: 0,
            phone: true,
            token: true,
        }),
    ];
    let live = play(&one_seat_night(true), &steps);
    let journal = night::read(&live.bytes).unwrap();
    let night = night::replay(&journal).unwrap();
    let tokens = night.tokens.clone();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[&SeatId(0)], "seat-token-0");
}
