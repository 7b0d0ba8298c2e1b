//! What a phone is shown: its seat, score and place, the open question without its
//! answer, what it may do now, and after the reveal how its answer went; and, when the
//! host shows pictures on phones, the picture the TV shows ([`shown_picture`]).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::PublicKind;
use crate::game::{Buzz, Format, Game, Given, Phase};
use crate::pack::number_text;
use crate::round::Asked;
use crate::seat::SeatId;

/// Where the party is, as a phone shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhonePhase {
    /// In the lobby, waiting for the host to start.
    Lobby,
    /// A question is open.
    Question,
    /// The answer of the question just closed is shown.
    Reveal,
    /// The scores between questions.
    Scoreboard,
    /// The final's category shows: stake points on its question.
    Wager,
    /// A round is over: its scoreboard.
    RoundEnd,
    /// The series stopped for tonight: it goes on another evening.
    Intermission,
    /// The game is over: the podium.
    Finished,
}

/// What this phone may do, or is waiting for, on the open question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YouState {
    /// Nothing to do now (lobby, reveal, scoreboard).
    Idle,
    /// Joined during this question: plays from the next one.
    Waiting,
    /// Everyone answers: pick an option.
    Choose,
    /// Answer locked in (`locked` says which).
    Locked,
    /// Buzz-in, reading time: buzzing now is a false start.
    Reading,
    /// Buzz-in: buzzing is open.
    Buzz,
    /// Buzz-in: presses are being gathered (a tie is being settled).
    Gathering,
    /// Buzz-in: you won the buzz; answer now.
    Answer,
    /// Buzz-in: someone else is answering.
    Other,
    /// Buzz-in: locked out (a false start, for a while; a wrong answer, for this question).
    LockedOut,
    /// Taken out by the host: watching only.
    Removed,
    /// The final: set a stake (`stake` has the bounds).
    Stake,
    /// Sits out a sudden death between other seats.
    Benched,
}

/// One question as a phone shows it: never the right answer before the reveal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneQuestion {
    /// 0-based index in the night, sent back with answers and buzzes.
    pub index: usize,
    /// How many questions the round has.
    pub count: usize,
    /// The question's place in its round, from 1 ("Question 2 of 5").
    #[serde(default)]
    pub number: usize,
    /// Buzz-in for this question: a buzz-in round's choice questions (its orders and
    /// numbers are everyone-answers).
    pub buzz_in: bool,
    /// How many options (2 to 4), or an order's items (3 or 4 in a party); buttons A, B,
    /// C, D. None (0) for a number.
    pub options: usize,
    /// How it is answered (choice, order with its ends, number with its unit), never the
    /// answer.
    #[serde(flatten)]
    pub kind: PublicKind,
    /// The prompt, when the host shows questions on phones.
    pub prompt: Option<String>,
    /// The options' (or items') text, when the host shows questions on phones.
    pub texts: Option<Vec<String>>,
    /// Time left when this view was made; the page counts down from it.
    pub remaining_ms: u64,
    /// The host has paused: the countdown stands still.
    pub paused: bool,
    /// The question's picture, when the host shows pictures on phones (see
    /// [`shown_picture`]): never the answer's picture, nor one the TV uncovers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<PhonePicture>,
}

/// A picture as a phone loads it: the one the TV shows now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhonePicture {
    /// Where the page loads it from (`/picture/<key>`): a key made for this picture alone,
    /// which stops working once the TV shows another (or none).
    pub url: String,
    /// Its width in pixels, for the page to keep its room while it loads (0: unknown).
    #[serde(default)]
    pub width: u32,
    /// Its height in pixels (0: unknown).
    #[serde(default)]
    pub height: u32,
}

/// The picture the TV shows now that phones may show too: the open question's (unless it
/// uncovers itself over the countdown: whole on a phone, it would give the puzzle away),
/// and at the reveal the answer's picture, or else the question's. None between questions.
/// The answer's picture is never among them while the question is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownPicture<'a> {
    /// The question it belongs to (0-based).
    pub question: usize,
    /// Its path in the pack.
    pub path: &'a str,
    /// Shown at the reveal (it goes with the phone's result).
    pub reveal: bool,
}

/// See [`ShownPicture`].
pub fn shown_picture(game: &Game) -> Option<ShownPicture<'_>> {
    let (path, reveal) = match game.phase() {
        Phase::Question => {
            let media = &game.current().media;
            (
                media.image.as_deref().filter(|_| media.uncover.is_none())?,
                false,
            )
        }
        Phase::Reveal => {
            let media = &game.current().media;
            (
                media.reveal_image.as_deref().or(media.image.as_deref())?,
                true,
            )
        }
        _ => return None,
    };
    Some(ShownPicture {
        question: game.current_index(),
        path,
        reveal,
    })
}

/// The outcome of the question just closed, for this phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneResult {
    /// The question this is the result of (0-based).
    pub question: usize,
    /// How that question was answered, for the page to show the right answer its way.
    #[serde(flatten)]
    pub kind: PublicKind,
    /// The option this phone chose, on a choice question.
    pub chosen: Option<usize>,
    /// The right option, on a choice question.
    pub right: Option<usize>,
    /// Whether this phone's answer was right.
    pub correct: bool,
    /// Points for an answer that is not right: part of an order in place, a number near
    /// enough (or the closest in the room).
    pub partly: bool,
    /// Points won (or lost, negative) on this question.
    pub points: i64,
    /// The host skipped the question: nobody was scored.
    pub skipped: bool,
    /// Orders and numbers: the right answer in words ("Intro → Verse → Chorus",
    /// "1992 years").
    pub right_text: Option<String>,
    /// Orders: the items (as shown) in their right order.
    pub right_order: Option<Vec<usize>>,
    /// Orders and numbers: this phone's own answer in words ("B, D, A, C", "1990 years").
    pub given: Option<String>,
    /// Orders: this phone's own order (items as shown).
    pub given_order: Option<Vec<usize>>,
    /// At the reveal, the answer's picture (or the question's), when the host shows
    /// pictures on phones (see [`shown_picture`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<PhonePicture>,
}

/// Everything a phone shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneView {
    /// Where the party is.
    pub phase: PhonePhase,
    /// This seat's name.
    pub name: String,
    /// Index into the seat colours.
    pub colour: u8,
    /// This seat's score.
    pub score: i64,
    /// 1-based place (tied scores share one) and out of how many.
    pub rank: Option<usize>,
    /// Players in the game (not counting seats the host removed): the "of" of the rank.
    pub players: usize,
    /// What this phone may do now.
    pub you: YouState,
    /// The option this phone locked in on the open question, if any.
    pub locked: Option<usize>,
    /// The order this phone locked in on the open question (items as shown).
    pub locked_order: Option<Vec<usize>>,
    /// The number this phone locked in on the open question.
    pub locked_number: Option<f64>,
    /// The open question, or the one just revealed; none in the lobby and between
    /// questions.
    pub question: Option<PhoneQuestion>,
    /// On the reveal, scoreboard and podium: how the last question went.
    pub result: Option<PhoneResult>,
    /// A line for the top of the page ("Waiting for the host to start", a team name...).
    pub note: String,
    /// The final's stakes, while they are open: this seat's alone.
    #[serde(default)]
    pub stake: Option<PhoneStake>,
    /// The round being played, and how many there are ("Round 2 of 3 · double points").
    #[serde(default)]
    pub round: String,
}

impl PhoneView {
    /// Gives the view the picture the TV shows ([`shown_picture`] of the same game, loaded
    /// from `picture`): the open question's goes with the question, the reveal's with the
    /// result (a result not shown yet, the final's before this seat's turn, gets none).
    pub fn show_picture(&mut self, picture: &PhonePicture) {
        match self.phase {
            PhonePhase::Question => {
                if let Some(q) = self.question.as_mut() {
                    q.picture = Some(picture.clone());
                }
            }
            PhonePhase::Reveal => {
                if let Some(r) = self.result.as_mut() {
                    r.picture = Some(picture.clone());
                }
            }
            _ => {}
        }
    }
}

/// The final's stakes as one phone sees them: only its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneStake {
    /// The final question's index, sent back with the stake.
    pub question: usize,
    /// The final question's category: all that shows before the stakes are in.
    pub category: String,
    /// The most this seat may stake.
    pub max: u32,
    /// What it has staked so far (it may change it until the question opens).
    pub staked: Option<u32>,
}

/// The view of a seat that sits in the lobby.
pub fn lobby_view(name: &str, colour: u8, players: usize, note: &str) -> PhoneView {
    PhoneView {
        phase: PhonePhase::Lobby,
        name: name.to_string(),
        colour,
        score: 0,
        rank: None,
        players,
        you: YouState::Idle,
        locked: None,
        locked_order: None,
        locked_number: None,
        question: None,
        result: None,
        note: note.to_string(),
        stake: None,
        round: String::new(),
    }
}

/// What `seat` sees of `game` at `now`; `None` when the seat is not in the game.
/// `show_text`: the prompt and options go to the phone too.
pub fn game_view(game: &Game, seat: SeatId, now: Duration, show_text: bool) -> Option<PhoneView> {
    let player = game.player(seat)?;
    // The place as the scoreboard gives it (`game::places`): 1 + the seats scoring more.
    let rank = Some(
        1 + game
            .players()
            .iter()
            .filter(|p| p.stats.score > player.stats.score)
            .count(),
    );
    let phase = match game.phase() {
        Phase::Ready => PhonePhase::Lobby,
        Phase::Question => PhonePhase::Question,
        Phase::Reveal => PhonePhase::Reveal,
        Phase::Scoreboard => PhonePhase::Scoreboard,
        Phase::Wager => PhonePhase::Wager,
        Phase::RoundEnd => PhonePhase::RoundEnd,
        Phase::Intermission => PhonePhase::Intermission,
        Phase::Finished => PhonePhase::Finished,
    };
    let buzz_in = game.format_now() == Format::BuzzIn;
    let question = matches!(phase, PhonePhase::Question | PhonePhase::Reveal).then(|| {
        let q = game.current();
        PhoneQuestion {
            index: game.current_index(),
            count: game.round().len,
            number: game.current_index() - game.round().first + 1,
            buzz_in,
            options: q.options.len(),
            kind: PublicKind::of(q),
            prompt: show_text.then(|| q.prompt.clone()),
            texts: show_text.then(|| q.options.clone()),
            remaining_ms: if phase == PhonePhase::Question {
                match game.buzz() {
                    Buzz::Answering { until, .. } if buzz_in => {
                        // The answerer's own clock: what is left of the answer time.
                        let elapsed = game.phase_elapsed(now);
                        until.saturating_sub(elapsed).as_millis() as u64
                    }
                    _ => game.remaining(now).as_millis() as u64,
                }
            } else {
                0
            },
            paused: game.is_paused(),
            picture: None,
        }
    });
    let locked = (phase == PhonePhase::Question)
        .then(|| game.chosen(seat))
        .flatten();
    let given = (phase == PhonePhase::Question)
        .then(|| game.given(seat))
        .flatten();
    let locked_order = match given {
        Some(Given::Order(order)) => Some(order.items()),
        _ => None,
    };
    let locked_number = match given {
        Some(Given::Number(guess)) => Some(guess.value()),
        _ => None,
    };
    let you = if player.removed {
        YouState::Removed
    } else if phase == PhonePhase::Wager {
        YouState::Stake
    } else if player.benched && phase == PhonePhase::Question {
        YouState::Benched
    } else if phase != PhonePhase::Question {
        YouState::Idle
    } else if player.waiting {
        YouState::Waiting
    } else if game.has_answered(seat) {
        YouState::Locked
    } else if !buzz_in {
        YouState::Choose
    } else if game.lockout(seat, now).is_some() {
        YouState::LockedOut
    } else {
        match game.buzz() {
            Buzz::Reading { .. } => YouState::Reading,
            Buzz::Open => YouState::Buzz,
            Buzz::Gathering { .. } => YouState::Gathering,
            Buzz::Answering { seat: s, .. } if *s == seat => YouState::Answer,
            Buzz::Answering { .. } => YouState::Other,
        }
    };
    // The final's reveal goes seat by seat: a phone learns its own outcome in its turn.
    let hidden = game.final_pending() && !game.final_revealed(seat);
    let result = (phase != PhonePhase::Question && !hidden)
        .then(|| {
            let r = game.last_result(seat)?;
            let q = game.questions().get(r.question)?;
            let choice = matches!(q.asked, Asked::Choice);
            let (given, given_order) = match (&r.given, &q.asked) {
                (Some(Given::Order(order)), _) => {
                    let items = order.items();
                    (Some(letters(&items)), Some(items))
                }
                (Some(Given::Number(guess)), Asked::Number { unit, .. }) => {
                    (Some(number_text(guess.value(), unit)), None)
                }
                _ => (None, None),
            };
            Some(PhoneResult {
                question: r.question,
                kind: PublicKind::of(q),
                chosen: r.chosen,
                right: choice.then_some(q.correct),
                correct: r.correct,
                partly: r.partly(),
                points: r.points.total(),
                skipped: r.skipped,
                right_text: (!choice).then(|| q.correct_text()),
                right_order: match &q.asked {
                    Asked::Order { right, .. } => Some(right.clone()),
                    _ => None,
                },
                given,
                given_order,
                picture: None,
            })
        })
        .flatten();
    let note = match (&phase, you) {
        (PhonePhase::Lobby, _) => "Waiting for the host to start".to_string(),
        (_, YouState::Waiting) => "You joined mid-question: you play from the next one".to_string(),
        (_, YouState::Removed) => "The host took you out of this game: watching only".to_string(),
        (_, YouState::Benched) => "Sudden death between the leaders: watch the TV".to_string(),
        (PhonePhase::Wager, _) => "The final: stake points on one question".to_string(),
        (PhonePhase::Reveal, _) if hidden => {
            "The final's answers show one by one: watch the TV".to_string()
        }
        (PhonePhase::Intermission, _) => {
            "That's all for tonight: the series goes on another evening".to_string()
        }
        _ => player
            .seat
            .team
            .and_then(|t| game.teams().iter().find(|x| x.id == t))
            .map(|t| t.name.clone())
            .unwrap_or_default(),
    };
    Some(PhoneView {
        phase,
        name: player.seat.name.clone(),
        colour: player.seat.colour,
        score: player.stats.score,
        rank,
        players: game.players().iter().filter(|p| !p.removed).count(),
        you,
        locked,
        locked_order,
        locked_number,
        question,
        result,
        note,
        stake: (phase == PhonePhase::Wager && !player.removed).then(|| PhoneStake {
            question: game.current_index(),
            category: game.current().category.clone(),
            max: game.max_stake(seat),
            staked: game.stake(seat),
        }),
        round: round_line(game),
    })
}

/// The round in words for a night of rounds ("Round 2 of 3 · double points"); empty for
/// a night of one round.
pub fn round_line(game: &Game) -> String {
    use crate::game::{Modifier, RoundKind};
    if game.phase() == Phase::Intermission {
        return format!("Evening {} is over", game.evening());
    }
    let round = game.round();
    match round.kind {
        RoundKind::Final => return "The final".to_string(),
        RoundKind::Tiebreak => return "Sudden death".to_string(),
        RoundKind::Regular => {}
    }
    if !game.in_rounds() {
        return String::new();
    }
    let regular = game
        .rounds()
        .iter()
        .filter(|r| r.kind != RoundKind::Tiebreak && r.evening == round.evening)
        .count();
    let mut line = if game.is_series() {
        format!("Evening {} · {} of {regular}", round.evening, round.name)
    } else {
        format!("{} of {regular}", round.name)
    };
    if round.modifier == Modifier::Double {
        line.push_str(" · double points");
    }
    line
}

/// Items (as shown) by their letters: "B, D, A, C".
fn letters(items: &[usize]) -> String {
    items
        .iter()
        .map(|&i| crate::pack::option_letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::test_answers::{guess, order};
    use crate::command::{Command, HostAction, SeatAction};
    use crate::game::{Rules, ScoreboardEvery};
    use crate::kinds::NumberRule;
    use crate::pack::Difficulty;
    use crate::phone::{FIRST_PHONE_SEAT, ToPhone};
    use crate::round::RoundQuestion;
    use crate::seat::{Device, Seat};

    const S: Duration = Duration::from_secs(1);

    /// An order of four items shown as [Chorus, Intro, Outro, Bridge] (right: Intro,
    /// Bridge, Chorus, Outro; "Earliest" to "Latest"), a number (1992 years, within 1),
    /// then a choice (C is right).
    fn kinds_game(format: Format) -> Game {
        let base = |n: usize| RoundQuestion {
            id: format!("q{n}"),
            prompt: format!("Question {n}?"),
            options: (0..4).map(|o| format!("option {o}")).collect(),
            correct: 2,
            explanation: "Because.".to_string(),
            category: "Music".to_string(),
            difficulty: Difficulty::Easy,
            time_limit: 20 * S,
            true_false: false,
            asked: Asked::Choice,
            media: Default::default(),
        };
        let mut order = base(0);
        order.options = ["Chorus", "Intro", "Outro", "Bridge"]
            .map(String::from)
            .to_vec();
        order.asked = Asked::Order {
            right: vec![1, 3, 0, 2],
            first: "Earliest".to_string(),
            last: "Latest".to_string(),
        };
        let mut number = base(1);
        number.options = Vec::new();
        number.asked = Asked::Number {
            rule: NumberRule::new(1992.0, 1.0),
            unit: "years".to_string(),
        };
        let mut rules = Rules::party(format);
        rules.scoreboard = ScoreboardEvery::End;
        rules.speed_bonus = false;
        let seats = (0..3)
            .map(|i| Seat {
                id: SeatId(FIRST_PHONE_SEAT + i),
                name: ["Ana", "Ben", "Cy"][i as usize].to_string(),
                colour: i as u8,
                device: Device::Phone,
                team: None,
            })
            .collect();
        Game::new(vec![order, number, base(2)], seats, Vec::new(), rules, 7).unwrap()
    }

    fn phone(n: u32) -> SeatId {
        SeatId(FIRST_PHONE_SEAT + n)
    }

    fn act(game: &mut Game, seat: u32, action: SeatAction, at: Duration) {
        game.apply(Command::Seat {
            seat: phone(seat),
            action,
            at,
        })
        .unwrap();
    }

    #[test]
    fn a_buzz_in_partys_order_and_number_questions_are_answered_by_everyone() {
        let mut game = kinds_game(Format::BuzzIn);
        game.start(Duration::ZERO).unwrap();
        // The order question: no reading time, no buzzer; tap the items.
        let view = game_view(&game, phone(0), S, false).unwrap();
        assert_eq!(view.you, YouState::Choose);
        let q = view.question.clone().unwrap();
        assert!(!q.buzz_in);
        assert_eq!(q.options, 4);
        assert_eq!(
            q.kind,
            PublicKind::Order {
                first: "Earliest".into(),
                last: "Latest".into()
            }
        );
        assert_eq!((q.prompt, q.texts), (None, None));
        assert_eq!(q.remaining_ms, 19_000);
        let json = ToPhone::View(Box::new(view)).to_json();
        assert!(
            json.contains(r#""kind":"order","first":"Earliest","last":"Latest""#),
            "{json}"
        );
        assert!(!json.contains("Intro") && !json.contains("right"), "{json}");
        // With the text on, the items come as shown (never in their right order).
        let shown = game_view(&game, phone(0), S, true).unwrap();
        assert_eq!(
            shown.question.unwrap().texts.unwrap(),
            ["Chorus", "Intro", "Outro", "Bridge"]
        );

        // Ana puts it right, Ben swaps the last two, Cy reverses it.
        act(&mut game, 0, order(&[1, 3, 0, 2]), S);
        let locked = game_view(&game, phone(0), 2 * S, false).unwrap();
        assert_eq!(locked.you, YouState::Locked);
        assert_eq!(locked.locked, None);
        assert_eq!(locked.locked_order, Some(vec![1, 3, 0, 2]));
        assert_eq!(
            game_view(&game, phone(1), 2 * S, false).unwrap().you,
            YouState::Choose
        );
        act(&mut game, 1, order(&[1, 3, 2, 0]), 2 * S);
        act(&mut game, 2, order(&[2, 0, 3, 1]), 3 * S);
        assert_eq!(game.phase(), Phase::Reveal);
        let result = |game: &Game, n: u32| {
            game_view(game, phone(n), 4 * S, false)
                .unwrap()
                .result
                .unwrap()
        };
        let ana = result(&game, 0);
        assert_eq!(
            ana,
            PhoneResult {
                question: 0,
                kind: PublicKind::Order {
                    first: "Earliest".into(),
                    last: "Latest".into()
                },
                chosen: None,
                right: None,
                correct: true,
                partly: false,
                points: 1000,
                skipped: false,
                right_text: Some("Intro → Bridge → Chorus → Outro".into()),
                right_order: Some(vec![1, 3, 0, 2]),
                given: Some("B, D, A, C".into()),
                given_order: Some(vec![1, 3, 0, 2]),
                picture: None,
            }
        );
        let ben = result(&game, 1);
        assert!(!ben.correct && ben.partly);
        assert_eq!(ben.points, 250, "two of four in place: a quarter");
        assert_eq!(ben.given.as_deref(), Some("B, D, C, A"));
        let cy = result(&game, 2);
        assert!(!cy.correct && !cy.partly);
        assert_eq!((cy.points, cy.given.as_deref()), (0, Some("C, A, D, B")));
        let reveal = game_view(&game, phone(2), 4 * S, false).unwrap();
        assert_eq!(
            reveal.locked_order, None,
            "locked only while the question is open"
        );

        // The number: typed, with its unit; Ana and Ben are closest and share the win.
        game.apply(Command::Host {
            action: HostAction::Next,
            at: 5 * S,
        })
        .unwrap();
        let view = game_view(&game, phone(1), 5 * S, false).unwrap();
        assert_eq!(view.you, YouState::Choose);
        let q = view.question.clone().unwrap();
        assert!(!q.buzz_in);
        assert_eq!(q.options, 0);
        assert_eq!(
            q.kind,
            PublicKind::Number {
                unit: "years".into(),
                decimals: 0
            }
        );
        let json = ToPhone::View(Box::new(view)).to_json();
        assert!(
            json.contains(r#""kind":"number","unit":"years","decimals":0"#),
            "{json}"
        );
        assert!(!json.contains("1992"), "{json}");
        act(&mut game, 0, guess(1990.0), 6 * S);
        let locked = game_view(&game, phone(0), 6 * S, false).unwrap();
        assert_eq!(
            (locked.you, locked.locked_number),
            (YouState::Locked, Some(1990.0))
        );
        act(&mut game, 1, guess(1994.5), 6 * S);
        act(&mut game, 2, guess(2100.0), 7 * S);
        assert_eq!(game.phase(), Phase::Reveal);
        let ana = result(&game, 0);
        assert_eq!(ana.kind, q.kind);
        assert_eq!((ana.correct, ana.partly, ana.points), (false, true, 1000));
        assert_eq!(ana.right_text.as_deref(), Some("1992 years"));
        assert_eq!(ana.given.as_deref(), Some("1990 years"));
        assert_eq!(
            (ana.right, ana.right_order, ana.given_order),
            (None, None, None)
        );
        let cy = result(&game, 2);
        assert_eq!((cy.correct, cy.partly, cy.points), (false, false, 0));
        assert_eq!(cy.given.as_deref(), Some("2100 years"));

        // The choice after them is buzz-in again: reading time first.
        game.apply(Command::Host {
            action: HostAction::Next,
            at: 8 * S,
        })
        .unwrap();
        let view = game_view(&game, phone(0), 8 * S, false).unwrap();
        assert_eq!(view.you, YouState::Reading);
        let q = view.question.unwrap();
        assert!(q.buzz_in);
        assert_eq!(q.kind, PublicKind::Choice);
    }

    #[test]
    fn a_choice_result_names_its_option_and_no_answer_is_no_answer() {
        let mut game = kinds_game(Format::EveryoneAnswers);
        game.start(Duration::ZERO).unwrap();
        // Nobody answers the order: it closes on time with nothing given.
        game.advance(20 * S);
        assert_eq!(game.phase(), Phase::Reveal);
        let r = game_view(&game, phone(0), 20 * S, false)
            .unwrap()
            .result
            .unwrap();
        assert_eq!((r.given, r.given_order, r.points), (None, None, 0));
        assert!(!r.correct && !r.partly);
        assert_eq!(r.right_order, Some(vec![1, 3, 0, 2]));
        let host = |game: &mut Game, action, at| game.apply(Command::Host { action, at });
        host(&mut game, HostAction::Next, 21 * S).unwrap();
        // Skip the number; then the choice: the right option, as before.
        host(&mut game, HostAction::Skip, 22 * S).unwrap();
        if game.phase() != Phase::Question {
            host(&mut game, HostAction::Next, 23 * S).unwrap();
        }
        assert_eq!(game.current_index(), 2);
        assert_eq!(game.phase(), Phase::Question);
        act(&mut game, 0, SeatAction::Answer(1), 25 * S);
        for n in 1..3 {
            act(&mut game, n, SeatAction::Answer(2), 25 * S);
        }
        let view = game_view(&game, phone(0), 26 * S, false).unwrap();
        let r = view.result.unwrap();
        assert_eq!(r.kind, PublicKind::Choice);
        assert_eq!((r.chosen, r.right, r.correct), (Some(1), Some(2), false));
        assert_eq!((r.right_text, r.given), (None, None));
        let json =
            ToPhone::View(Box::new(game_view(&game, phone(1), 26 * S, false).unwrap())).to_json();
        assert!(
            json.contains(r#""kind":"choice","chosen":2,"right":2,"correct":true"#),
            "{json}"
        );
    }

    #[test]
    fn phones_are_shown_the_tvs_picture_and_never_the_answers_while_the_question_is_open() {
        let mut game = kinds_game(Format::EveryoneAnswers);
        // Three choices: a picture with an answer's picture, a picture that uncovers
        // itself, then no picture at all.
        let mut questions = game.questions().to_vec();
        for q in &mut questions {
            q.options = (0..4).map(|o| format!("option {o}")).collect();
            q.asked = Asked::Choice;
        }
        questions[0].media.image = Some("pictures/q.png".into());
        questions[0].media.reveal_image = Some("pictures/a.png".into());
        questions[1].media.image = Some("pictures/tiles.png".into());
        questions[1].media.uncover = Some(crate::pack::Uncover::Tiles);
        let seats = game.players().iter().map(|p| p.seat.clone()).collect();
        game = Game::new(questions, seats, Vec::new(), game.rules().clone(), 7).unwrap();
        assert_eq!(shown_picture(&game), None, "nothing before the start");
        game.start(Duration::ZERO).unwrap();
        let shown = shown_picture(&game).unwrap();
        assert_eq!(
            (shown.question, shown.path, shown.reveal),
            (0, "pictures/q.png", false)
        );
        let picture = PhonePicture {
            url: "/picture/0123".into(),
            width: 1280,
            height: 720,
        };
        let mut view = game_view(&game, phone(0), S, false).unwrap();
        let plain = ToPhone::View(Box::new(view.clone())).to_json();
        assert!(!plain.contains("picture"), "none unless given: {plain}");
        view.show_picture(&picture);
        assert_eq!(
            view.question.as_ref().unwrap().picture.as_ref(),
            Some(&picture)
        );
        let json = ToPhone::View(Box::new(view)).to_json();
        assert!(
            json.contains(r#""picture":{"url":"/picture/0123","width":1280,"height":720}"#),
            "{json}"
        );
        // The reveal: the answer's picture, with the result; none on the question.
        for n in 0..3 {
            act(&mut game, n, SeatAction::Answer(2), 2 * S);
        }
        assert_eq!(game.phase(), Phase::Reveal);
        let shown = shown_picture(&game).unwrap();
        assert_eq!((shown.path, shown.reveal), ("pictures/a.png", true));
        let mut view = game_view(&game, phone(0), 3 * S, false).unwrap();
        view.show_picture(&picture);
        assert_eq!(view.question.unwrap().picture, None);
        assert_eq!(view.result.unwrap().picture, Some(picture.clone()));
        // An uncovering picture stays on the TV while the question is open; whole at the
        // reveal (it has no answer's picture).
        let host = |game: &mut Game, action, at| game.apply(Command::Host { action, at }).unwrap();
        host(&mut game, HostAction::Next, 4 * S);
        if game.phase() != Phase::Question {
            host(&mut game, HostAction::Next, 4 * S);
        }
        assert_eq!((game.phase(), game.current_index()), (Phase::Question, 1));
        assert_eq!(shown_picture(&game), None);
        host(&mut game, HostAction::Reveal, 5 * S);
        let shown = shown_picture(&game).unwrap();
        assert_eq!((shown.question, shown.path), (1, "pictures/tiles.png"));
        // A question without one, and the scoreboard between: none.
        host(&mut game, HostAction::Next, 6 * S);
        if game.phase() == Phase::Scoreboard {
            assert_eq!(shown_picture(&game), None);
            host(&mut game, HostAction::Next, 6 * S);
        }
        assert_eq!((game.phase(), game.current_index()), (Phase::Question, 2));
        assert_eq!(shown_picture(&game), None);
        // A view outside a question or reveal takes no picture.
        let mut lobby = lobby_view("Ana", 0, 3, "");
        lobby.show_picture(&picture);
        assert_eq!((lobby.question, lobby.result), (None, None));
    }
}
