//! Scoring of the answer kinds beyond choosing an option: putting items in order, and
//! guessing a number.
//!
//! Both give a [`Credit`]: the share of the answer points earned (the answer points follow
//! the speed rule of [`crate::scoring`], as for choices) and whether the answer counts as
//! right for the streak.
//!
//! - **Order** (3 to 6 items): the exact order earns full points and is right. Otherwise
//!   each item in its right place earns an equal share of half the points, and the answer
//!   is not right: one swap of two items out of four keeps half of them in place, a quarter
//!   of the points; the reverse of an even number of items keeps none, and scores 0.
//! - **Number**: a guess within the author's tolerance earns full points and is right;
//!   further off, the points fall in a straight line to nothing at the limit (by default
//!   five times the tolerance, at least the tolerance plus 1), and a guess at or past the
//!   limit scores 0. In a party the closest guess wins: every seat tied for the
//!   smallest distance gets full points (ties share the win); every other seat gets its
//!   points by the solo rule, at most half.

use crate::seat::SeatId;

/// Fewest items of an order question.
pub const MIN_ITEMS: usize = 3;
/// Most items of an order question.
pub const MAX_ITEMS: usize = 6;

/// What an answer earned: `share` of the answer points (0.0 to 1.0), and whether it is
/// right (for the streak and the right-answer count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Credit {
    /// The share of the answer points earned, 0.0 to 1.0.
    pub share: f64,
    /// Whether the answer counts as right, for the streak and the count of right answers.
    pub right: bool,
}

impl Credit {
    /// No points, not right.
    pub const NONE: Credit = Credit {
        share: 0.0,
        right: false,
    };
    /// All the points, and right.
    pub const FULL: Credit = Credit {
        share: 1.0,
        right: true,
    };

    /// The points of this credit out of `answer_points`, rounded.
    pub fn points(self, answer_points: u32) -> u32 {
        (f64::from(answer_points) * self.share.clamp(0.0, 1.0)).round() as u32
    }
}

/// Credit for putting `n` items in order: `answer[k]` is the item the player put in place
/// `k`, where item `i` belongs in place `i`. `None` when `answer` is not an order of all
/// `n` items (an item missing or twice), or `n` is outside 3 to 6.
pub fn order_credit(answer: &[usize], n: usize) -> Option<Credit> {
    if !(MIN_ITEMS..=MAX_ITEMS).contains(&n) || answer.len() != n {
        return None;
    }
    let mut seen = [false; MAX_ITEMS];
    for &item in answer {
        if item >= n || std::mem::replace(&mut seen[item], true) {
            return None;
        }
    }
    let in_place = answer.iter().enumerate().filter(|(k, i)| k == *i).count();
    Some(if in_place == n {
        Credit::FULL
    } else {
        Credit {
            share: in_place as f64 / (2 * n) as f64,
            right: false,
        }
    })
}

/// A Number question's rule: the answer, the tolerance (a guess this close is right) and
/// the limit (a guess this far off or further scores nothing).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NumberRule {
    /// The right number.
    pub answer: f64,
    /// How far off a guess may be and still be right.
    pub tolerance: f64,
    /// How far off a guess scores nothing; points fall steadily from the tolerance to here.
    pub limit: f64,
}

impl NumberRule {
    /// A rule with the default limit: five times the tolerance, and at least the tolerance
    /// plus 1 (a year within 1 is right and points run out 5 years off; a count of 45
    /// within 5 runs out 25 off; an exact answer runs out 1 off).
    pub fn new(answer: f64, tolerance: f64) -> Self {
        let tolerance = tolerance.max(0.0);
        let limit = (tolerance * 5.0).max(tolerance + 1.0);
        Self {
            answer,
            tolerance,
            limit,
        }
    }

    /// How far `guess` is from the answer.
    pub fn distance(&self, guess: f64) -> f64 {
        (guess - self.answer).abs()
    }

    /// Solo credit for `guess`.
    pub fn credit(&self, guess: f64) -> Credit {
        if !guess.is_finite() {
            return Credit::NONE;
        }
        let distance = self.distance(guess);
        if distance <= self.tolerance {
            return Credit::FULL;
        }
        if distance >= self.limit || self.limit <= self.tolerance {
            return Credit::NONE;
        }
        Credit {
            share: (self.limit - distance) / (self.limit - self.tolerance),
            right: false,
        }
    }

    /// Party credits: the closest guesses (all tied for the smallest distance) get full
    /// points; the others their solo credit, at most half. Right stays the solo rule's
    /// (within the tolerance). Non-finite guesses score nothing.
    pub fn party_credits(&self, guesses: &[(SeatId, f64)]) -> Vec<(SeatId, Credit)> {
        let closest = guesses
            .iter()
            .filter(|(_, g)| g.is_finite())
            .map(|(_, g)| self.distance(*g))
            .fold(f64::INFINITY, f64::min);
        guesses
            .iter()
            .map(|&(seat, guess)| {
                let solo = self.credit(guess);
                let credit = if guess.is_finite() && self.distance(guess) == closest {
                    Credit {
                        share: 1.0,
                        right: solo.right,
                    }
                } else {
                    Credit {
                        share: solo.share.min(0.5),
                        right: solo.right,
                    }
                };
                (seat, credit)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(c: Option<Credit>) -> f64 {
        c.unwrap().share
    }

    #[test]
    fn order_exact_off_by_one_place_and_reversed() {
        assert_eq!(order_credit(&[0, 1, 2, 3], 4), Some(Credit::FULL));
        // One swap of neighbours: two of four in place, a quarter of the points.
        let swapped = order_credit(&[0, 2, 1, 3], 4).unwrap();
        assert_eq!((swapped.share, swapped.right), (0.25, false));
        // Everything shifted one place: nothing in place.
        assert_eq!(share(order_credit(&[3, 0, 1, 2], 4)), 0.0);
        // Reversed: none in place with an even count; the middle one with an odd count.
        assert_eq!(share(order_credit(&[3, 2, 1, 0], 4)), 0.0);
        assert!((share(order_credit(&[4, 3, 2, 1, 0], 5)) - 0.1).abs() < 1e-9);
        // Six items, all but two in place.
        assert!((share(order_credit(&[0, 1, 2, 3, 5, 4], 6)) - 4.0 / 12.0).abs() < 1e-9);
        assert_eq!(
            Credit {
                share: 0.25,
                right: false
            }
            .points(1000),
            250
        );
    }

    #[test]
    fn order_answers_that_are_not_an_order_are_refused() {
        assert_eq!(order_credit(&[0, 0, 1], 3), None);
        assert_eq!(order_credit(&[0, 1], 3), None);
        assert_eq!(order_credit(&[0, 1, 3], 3), None);
        assert_eq!(order_credit(&[0, 1], 2), None);
        assert_eq!(order_credit(&[0, 1, 2, 3, 4, 5, 6], 7), None);
    }

    #[test]
    fn number_inside_at_and_past_the_tolerance_and_the_limit() {
        // "Which year": 1992, within 1 year is right, nothing from 5 years off (the default).
        let rule = NumberRule::new(1992.0, 1.0);
        assert_eq!(rule.limit, 5.0);
        assert_eq!(rule.credit(1992.0), Credit::FULL);
        assert_eq!(rule.credit(1993.0), Credit::FULL); // at the tolerance
        assert_eq!(rule.credit(1991.0), Credit::FULL);
        let past = rule.credit(1995.0); // 3 off: halfway from tolerance 1 to limit 5
        assert_eq!((past.share, past.right), (0.5, false));
        assert_eq!(rule.credit(1997.0), Credit::NONE); // at the limit
        assert_eq!(rule.credit(2100.0), Credit::NONE);
        assert_eq!(rule.credit(f64::NAN), Credit::NONE);
        // Tolerance 0: only the exact number is right.
        let exact = NumberRule::new(45.0, 0.0);
        assert_eq!(exact.credit(45.0), Credit::FULL);
        assert_eq!(
            exact.credit(45.5),
            Credit {
                share: 0.5,
                right: false
            }
        );
        assert_eq!(exact.credit(46.0), Credit::NONE);
        assert_eq!(NumberRule::new(45.0, 5.0).limit, 25.0);
        // A negative tolerance is treated as none (check refuses one in a pack).
        let odd = NumberRule::new(4.0, -3.0);
        assert_eq!((odd.tolerance, odd.limit), (0.0, 1.0));
    }

    #[test]
    fn number_in_a_party_the_closest_wins_and_ties_share() {
        let rule = NumberRule {
            answer: 1992.0,
            tolerance: 0.0,
            limit: 10.0,
        };
        let (a, b, c, d) = (SeatId(0), SeatId(1), SeatId(2), SeatId(3));
        let credits = rule.party_credits(&[(a, 1990.0), (b, 1994.0), (c, 1996.0), (d, 2050.0)]);
        // A and B are both 2 off: both win in full (neither is right: tolerance 0).
        assert_eq!(credits[0].1.share, 1.0);
        assert_eq!(credits[1].1.share, 1.0);
        assert!(!credits[0].1.right);
        // C, 4 off, gets its solo credit (0.6) capped at half; D is past the limit.
        assert_eq!(credits[2].1.share, 0.5);
        assert_eq!(credits[3].1.share, 0.0);
        // An exact guess is right and alone at the top.
        let credits = rule.party_credits(&[(a, 1992.0), (b, 1993.0)]);
        assert_eq!(credits[0].1, Credit::FULL);
        assert_eq!(credits[1].1.share, 0.5);
        // Nobody finite: nobody wins.
        let credits = rule.party_credits(&[(a, f64::NAN)]);
        assert_eq!(credits[0].1, Credit::NONE);
    }
}
