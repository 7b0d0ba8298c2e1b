//! Generated changes: strategies for a night's commands and roster changes.

use super::*;

// ---- Generated changes -------------------------------------------------------------------

#[derive(Debug, Clone)]
pub(crate) enum Action {
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
    /// What a host would press to move the night on: Reveal with a question open; at a
    /// round's end, Next or (`choice` % 4 == 0) stop for the evening; on a podium tied for
    /// first, a sudden death (`choice` % 4 < 2) or a shared win (2); else Next.
    Proceed {
        choice: u8,
    },
    /// The final: `seat` stakes a share of what it may stake, or more (refused).
    Stake {
        seat: u8,
        size: StakeSize,
    },
    /// The next evening of a series: its rounds and questions (`Op::Evening`), as the
    /// shell sends it from the intermission; `anyway`, also at any other time (refused).
    Evening {
        plan: EveningPlan<(u64, Kind)>,
        anyway: bool,
    },
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
pub(crate) enum Stamp {
    Same,
    /// It arrived this long before the record was made (a late frame).
    Before(Duration),
    /// Stamped after the record's time.
    After(Duration),
}

/// One change, `delay` after the previous one on the shell's clock.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) delay: Duration,
    /// Frames in between, each `f`/255 of the way through the delay (not always in order).
    pub(crate) frames: Vec<u8>,
    /// The record is asked for this long before the clock (`night::record` clamps it).
    pub(crate) early: Option<Duration>,
    pub(crate) stamp: Stamp,
    pub(crate) action: Action,
}

pub(crate) fn items() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        3 => shuffled_items(),
        1 => prop::collection::vec(0usize..7, 0..=6),
    ]
}

pub(crate) fn guess() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0f64),
        Just(1992.0f64),
        -1e9f64..1e9,
        -100.0f64..100.0,
    ]
}

pub(crate) fn action() -> impl Strategy<Value = Action> {
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
        40 => any::<u8>().prop_map(|choice| Action::Proceed { choice }),
        6 => rounds_host_step().prop_map(Action::Host),
        6 => (any::<u8>(), stake_size()).prop_map(|(seat, size)| Action::Stake { seat, size }),
        6 => (evening_plan(kind()), prop::bool::weighted(0.1))
            .prop_map(|(plan, anyway)| Action::Evening { plan, anyway }),
        6 => (prop::bool::weighted(0.85), any::<u8>(), any::<bool>(), prop::bool::weighted(0.8))
            .prop_map(|(fresh, seat, phone, token)| Action::Join { fresh, seat, phone, token }),
        5 => any::<u8>().prop_map(|seat| Action::Away { seat }),
        5 => any::<u8>().prop_map(|seat| Action::Back { seat }),
        3 => (any::<u8>(), any::<u8>()).prop_map(|(seat, name)| Action::Rename { seat, name }),
        5 => Just(Action::Tick),
        1 => Just(Action::Restart),
    ]
}

pub(crate) fn step() -> impl Strategy<Value = Step> {
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
pub(crate) fn steps(max: usize) -> impl Strategy<Value = Vec<Step>> {
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
