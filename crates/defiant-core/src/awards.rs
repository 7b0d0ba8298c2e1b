//! The podium's awards, from a finished game: who was fastest, steadiest, most accurate
//! and the best buzzer. Ties share an award; an award nobody qualifies for is left out.

use std::time::Duration;

use crate::game::{Format, Game, Player};
use crate::seat::SeatId;

/// One award and who won it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Award {
    /// The award's name, e.g. "Fastest fingers".
    pub title: String,
    /// How it is won, e.g. "fastest average right answer".
    pub rule: String,
    /// The winners (more than one on a tie).
    pub seats: Vec<SeatId>,
    /// The winning figure, e.g. "2.4 s on average".
    pub detail: String,
}

/// The awards of `game`, in a fixed order. Each needs at least one right answer (two in a
/// row for the streak), so nobody is crowned for 0% right.
pub fn awards(game: &Game) -> Vec<Award> {
    let players = game.players();
    let mut out = Vec::new();
    // Lower is better for times: compare their negation in milliseconds.
    if let Some((seats, best)) = best_by(players, |p| {
        p.stats
            .average_right_time()
            .map(|t| -(t.as_millis() as i64))
    }) {
        out.push(Award {
            title: "Fastest fingers".to_string(),
            rule: "fastest average right answer".to_string(),
            seats,
            detail: format!(
                "{:.1} s on average",
                Duration::from_millis((-best) as u64).as_secs_f32()
            ),
        });
    }
    if let Some((seats, best)) = best_by(players, |p| {
        (p.stats.best_streak >= 2).then_some(i64::from(p.stats.best_streak))
    }) {
        out.push(Award {
            title: "On a roll".to_string(),
            rule: "longest run of right answers".to_string(),
            seats,
            detail: format!("{best} in a row"),
        });
    }
    // Accuracy in tenths of a percent, so ties are exact.
    if let Some((seats, best)) = best_by(players, |p| {
        (p.stats.correct_count() > 0).then(|| (p.stats.accuracy() * 1000.0).round() as i64)
    }) {
        out.push(Award {
            title: "Sharpshooter".to_string(),
            rule: "most accurate".to_string(),
            seats,
            detail: format!("{:.0}% right", best as f64 / 10.0),
        });
    }
    if game.rules().format == Format::BuzzIn
        && let Some((seats, best)) = best_by(players, |p| {
            let n = p
                .stats
                .results
                .iter()
                .filter(|r| r.buzzed && r.correct)
                .count();
            (n > 0).then_some(n as i64)
        })
    {
        out.push(Award {
            title: "Best buzzer".to_string(),
            rule: "most right answers after winning the buzz".to_string(),
            seats,
            detail: format!("{best} right after buzzing"),
        });
    }
    out
}

/// The seats with the highest value of `measure` (ties share), and that value; `None`
/// when no seat has a value.
fn best_by(
    players: &[Player],
    measure: impl Fn(&Player) -> Option<i64>,
) -> Option<(Vec<SeatId>, i64)> {
    let best = players.iter().filter_map(&measure).max()?;
    let seats = players
        .iter()
        .filter(|p| measure(p) == Some(best))
        .map(|p| p.seat.id)
        .collect();
    Some((seats, best))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, SeatAction};
    use crate::game::{Rules, ScoreboardEvery};
    use crate::pack::Difficulty;
    use crate::round::RoundQuestion;

    const S: Duration = Duration::from_secs(1);

    fn game(format: Format, seats: u32, questions: usize) -> Game {
        let mut rules = Rules::party(format);
        rules.scoreboard = ScoreboardEvery::End;
        rules.reveal_for = Some(S);
        let questions = (0..questions)
            .map(|n| RoundQuestion {
                id: format!("q{n}"),
                prompt: format!("Q{n}?"),
                options: vec!["a".into(), "b".into(), "c".into()],
                correct: 0,
                explanation: "E.".into(),
                category: "C".into(),
                difficulty: Difficulty::Easy,
                time_limit: 20 * S,
                true_false: false,
                asked: Default::default(),
                media: Default::default(),
            })
            .collect();
        let seats = (0..seats).map(crate::seat::test_seat).collect();
        Game::new(questions, seats, Vec::new(), rules, 3).unwrap()
    }

    fn answer(g: &mut Game, seat: u32, option: u8, at: Duration) {
        g.apply(Command::Seat {
            seat: SeatId(seat),
            action: SeatAction::Answer(option),
            at,
        })
        .unwrap();
    }

    #[test]
    fn awards_go_to_the_fastest_steadiest_and_most_accurate() {
        let mut g = game(Format::EveryoneAnswers, 3, 3);
        g.start(Duration::ZERO).unwrap();
        let mut t = Duration::ZERO;
        for q in 0..3 {
            // P0 right and fast every time; P1 right but slow, wrong on the last; P2 wrong.
            answer(&mut g, 0, 0, t + S);
            answer(&mut g, 1, if q == 2 { 1 } else { 0 }, t + 5 * S);
            answer(&mut g, 2, 2, t + 6 * S);
            t += 6 * S + S;
            g.advance(t);
        }
        let awards = awards(&g);
        let titles: Vec<&str> = awards.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Fastest fingers", "On a roll", "Sharpshooter"]);
        assert!(awards.iter().all(|a| a.seats == [SeatId(0)]));
        assert_eq!(awards[0].detail, "1.0 s on average");
        assert_eq!(awards[1].detail, "3 in a row");
        assert_eq!(awards[2].detail, "100% right");
    }

    #[test]
    fn ties_share_and_nobody_qualifies_for_nothing() {
        let mut g = game(Format::EveryoneAnswers, 2, 1);
        g.start(Duration::ZERO).unwrap();
        answer(&mut g, 0, 0, S);
        answer(&mut g, 1, 0, S);
        let awards = awards(&g);
        // One right answer each: no streak award, and the rest shared.
        assert_eq!(awards.len(), 2);
        assert!(awards.iter().all(|a| a.seats == [SeatId(0), SeatId(1)]));

        let g = game(Format::BuzzIn, 2, 1);
        assert!(super::awards(&g).is_empty());
    }

    #[test]
    fn best_buzzer_in_buzz_in_games() {
        let mut g = game(Format::BuzzIn, 2, 1);
        g.start(Duration::ZERO).unwrap();
        g.advance(3 * S);
        g.apply(Command::Seat {
            seat: SeatId(1),
            action: SeatAction::Buzz,
            at: 3 * S,
        })
        .unwrap();
        g.advance(4 * S);
        answer(&mut g, 1, 0, 4 * S);
        let best = awards(&g)
            .into_iter()
            .find(|a| a.title == "Best buzzer")
            .unwrap();
        assert_eq!(best.seats, [SeatId(1)]);
    }
}
