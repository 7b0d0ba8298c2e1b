//! Steppers: a choice that Left/Right (or Enter) move through, wrapping around at both
//! ends (settings, the lobby's rows, the high-score tables), and its `‹ value ›` label.

use std::fmt::Display;

/// Choice `at` moved `step` places among `len` choices, wrapping around at both ends
/// (0 when there are none).
pub fn stepped(at: usize, len: usize, step: i32) -> usize {
    if len == 0 {
        return 0;
    }
    (at as i64 + i64::from(step)).rem_euclid(len as i64) as usize
}

/// The choice `step` places from `current` in `choices`, wrapping around; from the first
/// when `current` is not among them.
pub fn step_in<T: PartialEq + Clone>(choices: &[T], current: &T, step: i32) -> Option<T> {
    let at = choices.iter().position(|c| c == current).unwrap_or(0);
    choices.get(stepped(at, choices.len(), step)).cloned()
}

/// A stepper's label: its name, then its value between the arrows (`Volume:  ‹ 80% ›`).
pub fn label(name: &str, value: impl Display) -> String {
    format!("{name}:  ‹ {value} ›")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wrap_around_both_ends() {
        assert_eq!(stepped(0, 3, -1), 2);
        assert_eq!(stepped(2, 3, 1), 0);
        assert_eq!(stepped(1, 3, 7), 2);
        assert_eq!(stepped(5, 0, 1), 0);
        assert_eq!(stepped(1, 4, -2), 3);
    }

    #[test]
    fn a_choice_not_listed_steps_from_the_first() {
        let seconds = [None, Some(10), Some(20)];
        assert_eq!(step_in(&seconds, &Some(20), 1), Some(None));
        assert_eq!(step_in(&seconds, &Some(99), 1), Some(Some(10)));
        assert_eq!(step_in::<u8>(&[], &1, 1), None);
        assert_eq!(label("Volume", "80%"), "Volume:  ‹ 80% ›");
    }
}
