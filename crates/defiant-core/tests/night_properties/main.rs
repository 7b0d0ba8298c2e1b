//! Property tests (proptest) for a night's journal (`defiant_core::night`): a night played
//! live (every change through `night::apply`, timers fired by the shell's frames, a `Tick`
//! journalled when one fired) replays from its bytes to the very same game; a journal torn
//! anywhere in its last records reads back as its longest whole prefix; flipped bits are
//! refused or cost only records from the damage on, never misread; and undoing everything
//! replays as it went live. Time only ever enters as explicit `Duration` stamps.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use defiant_core::command::{Arrangement, Command, Guess, HostAction, Refusal, SeatAction};
use defiant_core::game::{Buzz, Format, Game, Modifier, Phase, ScoreboardEvery};
use defiant_core::kinds::NumberRule;
use defiant_core::night::{self, JournalError, NightHeader, Op, PhoneRoom, Record, Roster};
use defiant_core::round::{Asked, RoundQuestion, RoundSettings};
use defiant_core::seat::{Device, Seat, SeatId, TeamId};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

mod build;
mod changes;
#[path = "../common/mod.rs"]
mod common;
mod live;
mod properties;
mod scenarios;
use common::{
    EveningPlan, HostStep, RoundsPlan, StakeSize, blank_question, choice_answer, config, delay,
    evening_plan, host_step, rounds_host_step, rounds_plan, shuffled_items, stake_size, teams,
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

use build::*;
use changes::*;
use live::*;
use properties::{replays_as_it_went_live, undoes_everything_as_it_went_live};
