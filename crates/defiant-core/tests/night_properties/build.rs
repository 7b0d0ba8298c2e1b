//! Building nights: headers, seats, games to replay.

use super::*;

// ---- Building nights ---------------------------------------------------------------------

/// Seat `id`, in team `id % 2`, on its own key group or a phone.
pub(crate) fn seat(id: u32, phone: bool) -> Seat {
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
pub(crate) enum Kind {
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

pub(crate) fn question(n: usize, seconds: u64, kind: &Kind) -> RoundQuestion {
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

/// What a night has that a game alone has not.
#[derive(Debug, Clone)]
pub(crate) struct Extra {
    /// With a phone room, which of the first seats are phones (bit `i` for seat `i`).
    pub(crate) phones: Option<u8>,
    /// The night's rounds; none: one round of every question, as before rounds.
    pub(crate) rounds: Option<RoundsPlan>,
}

/// Everything a generated night is built from: per question, its seconds and how it is
/// answered (at least one order and one number); its phones and rounds.
pub(crate) type Setup = common::Setup<(u64, Kind), Extra>;

impl Setup {
    pub(crate) fn is_phone(&self, id: u32) -> bool {
        self.extra.phones.is_some_and(|mask| mask & (1 << id) != 0)
    }

    pub(crate) fn header(&self) -> NightHeader {
        let seats: Vec<Seat> = (0..self.seats)
            .map(|id| seat(id, self.is_phone(id)))
            .collect();
        let phones = self.extra.phones.map(|_| PhoneRoom {
            port: 7878,
            room: "ABCD".to_string(),
            tokens: seats
                .iter()
                .filter(|s| s.device == Device::Phone)
                .map(|s| (s.id, format!("seat-token-{}", s.id.0)))
                .collect(),
            banned: vec!["kicked".to_string()],
        });
        let plan = self.extra.rounds.as_ref();
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
            rounds: plan.map_or_else(Vec::new, |p| p.rounds(self.questions.len())),
            tiebreaks: plan.map_or_else(Vec::new, |p| p.tiebreaks(100)),
            series: plan.is_some_and(|p| p.series),
        }
    }
}

pub(crate) fn kinds() -> impl Strategy<Value = Vec<(u64, Kind)>> {
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

/// One question of an evening added later: a choice, an order or a number.
pub(crate) fn kind() -> impl Strategy<Value = (u64, Kind)> {
    let choice =
        (2usize..=4, 0usize..4).prop_map(|(options, correct)| Kind::Choice { options, correct });
    let order = shuffled_items().prop_map(|right| Kind::Order { right });
    let number = (-100.0f64..100.0, 0.0f64..5.0)
        .prop_map(|(answer, tolerance)| Kind::Number { answer, tolerance });
    (3u64..=10, prop_oneof![4 => choice, 1 => order, 1 => number])
}

/// Setups with up to four seats, maybe a phone room, and the rounds of `rounds`.
fn setup_with(rounds: impl Strategy<Value = Option<RoundsPlan>>) -> impl Strategy<Value = Setup> {
    let extra = (prop::option::of(any::<u8>()), rounds)
        .prop_map(|(phones, rounds)| Extra { phones, rounds });
    common::setup(1..=4, extra, kinds())
}

/// Setups of nights, half of them in rounds.
pub(crate) fn setup() -> impl Strategy<Value = Setup> {
    setup_with(prop::option::weighted(0.5, rounds_plan()))
}

/// Setups of nights in rounds.
pub(crate) fn rounds_setup() -> impl Strategy<Value = Setup> {
    setup_with(rounds_plan().prop_map(Some))
}
