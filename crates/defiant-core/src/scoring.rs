//! The scoring rule, in one place: how many points a right answer earns, and the streak bonus.
//!
//! A right answer earns `round((1 - (t / T) / 2) * 1000)` points, where `t` is the time taken
//! and `T` the time limit: the full 1000 within half a second, falling steadily to 500 at the
//! buzzer. Each right answer in a row after the first adds a streak bonus of +100, +200, ...
//! up to +500. A wrong answer or no answer scores 0 and breaks the streak.

use std::time::Duration;

/// Points for a right answer given at once.
pub const BASE_POINTS: u32 = 1000;
/// Answers faster than this earn the full [`BASE_POINTS`].
pub const FULL_POINTS_WITHIN: Duration = Duration::from_millis(500);
/// Streak bonus added per consecutive right answer after the first.
pub const STREAK_STEP: u32 = 100;
/// The largest streak bonus.
pub const STREAK_CAP: u32 = 500;

/// The rule as players read it on screen and in the README.
pub const RULE_TEXT: &str = "A right answer earns up to 1000 points: all 1000 within half a second, \
falling steadily to 500 at the buzzer. Every right answer in a row after the first adds a streak \
bonus of +100, growing by 100 each time up to +500. A wrong answer or no answer scores 0 and \
resets the streak.";

/// The points one answer earned, split so the reveal screen can show where they came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Points {
    /// Points for being right, after the speed rule.
    pub answer: u32,
    /// The streak bonus on top.
    pub streak_bonus: u32,
}

impl Points {
    /// The answer points and the streak bonus together.
    pub fn total(self) -> u32 {
        self.answer + self.streak_bonus
    }
}

/// Points for a right answer after `taken` of a `limit`-long question (speed rule only).
pub fn answer_points(taken: Duration, limit: Duration) -> u32 {
    if taken < FULL_POINTS_WITHIN || limit.is_zero() {
        return BASE_POINTS;
    }
    let fraction = (taken.as_secs_f64() / limit.as_secs_f64()).min(1.0);
    ((1.0 - fraction / 2.0) * f64::from(BASE_POINTS)).round() as u32
}

/// The bonus for a right answer that makes a run of `streak` right answers in a row.
pub fn streak_bonus(streak: u32) -> u32 {
    (streak.saturating_sub(1).saturating_mul(STREAK_STEP)).min(STREAK_CAP)
}

/// Scores one answer. `streak_before` is the run of right answers before this one;
/// returns the points and the streak after it.
pub fn score(correct: bool, taken: Duration, limit: Duration, streak_before: u32) -> (Points, u32) {
    if !correct {
        return (Points::default(), 0);
    }
    let streak = streak_before.saturating_add(1);
    let points = Points {
        answer: answer_points(taken, limit),
        streak_bonus: streak_bonus(streak),
    };
    (points, streak)
}

/// A letter grade and a word for a round, from the share of right answers (0.0 to 1.0).
pub fn grade(accuracy: f64) -> (&'static str, &'static str) {
    match accuracy {
        a if a >= 1.0 => ("S", "Flawless"),
        a if a >= 0.8 => ("A", "Superb"),
        a if a >= 0.6 => ("B", "Solid"),
        a if a >= 0.4 => ("C", "Not bad"),
        _ => ("D", "Keep watching"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Duration = Duration::from_secs(20);

    #[test]
    fn instant_answer_earns_full_points() {
        assert_eq!(answer_points(Duration::ZERO, T), 1000);
        assert_eq!(answer_points(Duration::from_millis(499), T), 1000);
    }

    #[test]
    fn points_fall_linearly_to_half_at_the_buzzer() {
        assert_eq!(answer_points(Duration::from_secs(10), T), 750);
        assert_eq!(answer_points(Duration::from_secs(5), T), 875);
        assert_eq!(answer_points(Duration::from_secs(7), T), 825);
        assert_eq!(answer_points(T, T), 500);
        // Late answers never drop below half.
        assert_eq!(answer_points(Duration::from_secs(25), T), 500);
    }

    #[test]
    fn rounding_is_to_nearest() {
        // 1 - (3/7)/2 = 0.785714... -> 785.7 -> 786
        assert_eq!(
            answer_points(Duration::from_secs(3), Duration::from_secs(7)),
            786
        );
    }

    #[test]
    fn streak_bonus_grows_then_caps() {
        let bonuses: Vec<u32> = (1..=8).map(streak_bonus).collect();
        assert_eq!(bonuses, [0, 100, 200, 300, 400, 500, 500, 500]);
        assert_eq!(streak_bonus(0), 0);
        assert_eq!(streak_bonus(u32::MAX), 500);
    }

    #[test]
    fn grades_by_accuracy() {
        assert_eq!(grade(1.0).0, "S");
        assert_eq!(grade(0.8).0, "A");
        assert_eq!(grade(0.79).0, "B");
        assert_eq!(grade(0.6).0, "B");
        assert_eq!(grade(0.4).0, "C");
        assert_eq!(grade(0.0).0, "D");
    }

    #[test]
    fn wrong_answer_scores_zero_and_resets_streak() {
        let (points, streak) = score(false, Duration::ZERO, T, 4);
        assert_eq!(points.total(), 0);
        assert_eq!(streak, 0);
    }

    #[test]
    fn right_answer_extends_streak_with_bonus() {
        let (points, streak) = score(true, Duration::from_secs(10), T, 2);
        assert_eq!(streak, 3);
        assert_eq!(
            points,
            Points {
                answer: 750,
                streak_bonus: 200
            }
        );
        assert_eq!(points.total(), 950);
    }
}
