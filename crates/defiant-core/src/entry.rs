//! Building an order or a number one press at a time, the same way on every device.
//!
//! A seat's keys, pad or the mouse do not send a whole order or number: they pick items
//! and type or dial digits. These drafts turn those presses into the one answer the game
//! is sent when the player locks in (an order locks in when its last item is picked; a
//! number when the player confirms it). Drafts are the player's own business: the game
//! sees nothing until the lock-in, and it is stamped with the time of that last press.

use crate::command::{Arrangement, Guess};

/// Most digits a number may have, before and after the point together.
pub const MAX_DIGITS: usize = 12;
/// Digits the dial always shows before the point (a year fits; more appear as needed).
pub const DIAL_DIGITS: usize = 4;

/// Items picked in order, by their index as shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderEntry {
    items: usize,
    picked: Vec<usize>,
}

impl OrderEntry {
    /// A draft for `items` items, nothing picked yet.
    pub fn new(items: usize) -> Self {
        Self {
            items,
            picked: Vec::new(),
        }
    }

    /// How many items the question has to order.
    pub fn items(&self) -> usize {
        self.items
    }

    /// Puts `item` in the next place. False (and nothing changes) for an item that does
    /// not exist or is already placed.
    pub fn pick(&mut self, item: usize) -> bool {
        if item >= self.items || self.picked.contains(&item) || self.is_complete() {
            return false;
        }
        self.picked.push(item);
        true
    }

    /// Takes back the last item placed, if any.
    pub fn back(&mut self) -> Option<usize> {
        self.picked.pop()
    }

    /// The items placed so far, first place first.
    pub fn picked(&self) -> &[usize] {
        &self.picked
    }

    /// The place (0-based) `item` was put in, if it has been.
    pub fn place_of(&self, item: usize) -> Option<usize> {
        self.picked.iter().position(|&p| p == item)
    }

    /// Whether every item has its place: the order can be locked in.
    pub fn is_complete(&self) -> bool {
        self.items > 0 && self.picked.len() == self.items
    }

    /// The order to lock in, once every item is placed.
    pub fn arrangement(&self) -> Option<Arrangement> {
        if self.is_complete() {
            Arrangement::new(&self.picked)
        } else {
            None
        }
    }
}

/// A number typed digit by digit (keys, the phone's keypad, the on-screen keypad) or
/// dialled (a pad's d-pad, a party key group): up and down turn the selected digit, left
/// and right select another.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NumberEntry {
    negative: bool,
    /// Digits before the point, most significant first, without leading zeros.
    whole: String,
    /// Digits after the point, once a point is typed or a decimal digit dialled.
    fraction: Option<String>,
    /// The dial's selected digit: 0 the ones, 1 the tens, -1 the tenths.
    place: i8,
    /// How many digits after the point the dial offers.
    decimals: u8,
}

impl NumberEntry {
    /// An empty number whose dial offers `decimals` digits after the point.
    pub fn new(decimals: u8) -> Self {
        Self {
            decimals: decimals.min(6),
            ..Self::default()
        }
    }

    fn digits(&self) -> usize {
        self.whole.len() + self.fraction.as_ref().map_or(0, String::len)
    }

    /// Types a digit (0-9) at the end. False when the number is full.
    pub fn type_digit(&mut self, digit: u8) -> bool {
        if digit > 9 || self.digits() >= MAX_DIGITS {
            return false;
        }
        let c = char::from(b'0' + digit);
        match &mut self.fraction {
            Some(fraction) => fraction.push(c),
            None if self.whole == "0" => self.whole = c.to_string(),
            None => self.whole.push(c),
        }
        true
    }

    /// Types the decimal point (once).
    pub fn type_point(&mut self) -> bool {
        if self.fraction.is_some() {
            return false;
        }
        self.fraction = Some(String::new());
        true
    }

    /// Turns the number negative or back.
    pub fn toggle_sign(&mut self) {
        self.negative = !self.negative;
    }

    /// Deletes the last character typed (a digit, the point, then the sign).
    pub fn backspace(&mut self) -> bool {
        if let Some(fraction) = &mut self.fraction {
            if fraction.pop().is_none() {
                self.fraction = None;
            }
            return true;
        }
        if self.whole.pop().is_some() {
            return true;
        }
        std::mem::take(&mut self.negative)
    }

    /// Turns the selected digit up (`+1`) or down (`-1`), 9 wrapping to 0 and back; the
    /// digits around it do not change.
    pub fn turn(&mut self, by: i8) {
        let place = self.place;
        if place >= 0 {
            let place = place as usize;
            let mut whole: Vec<u8> = self.whole.bytes().map(|b| b - b'0').collect();
            while whole.len() <= place {
                whole.insert(0, 0);
            }
            let at = whole.len() - 1 - place;
            whole[at] = (whole[at] as i8 + by).rem_euclid(10) as u8;
            let first = whole
                .iter()
                .position(|&d| d != 0)
                .unwrap_or(whole.len() - 1);
            self.whole = whole[first..]
                .iter()
                .map(|&d| char::from(b'0' + d))
                .collect();
        } else {
            let at = (-place) as usize - 1;
            let fraction = self.fraction.get_or_insert_with(String::new);
            let mut digits: Vec<u8> = fraction.bytes().map(|b| b - b'0').collect();
            while digits.len() <= at {
                digits.push(0);
            }
            digits[at] = (digits[at] as i8 + by).rem_euclid(10) as u8;
            *fraction = digits.iter().map(|&d| char::from(b'0' + d)).collect();
            if self.whole.is_empty() {
                self.whole = "0".to_string();
            }
        }
    }

    /// Selects the digit to the left (`+1`) or right (`-1`) on the dial.
    pub fn select(&mut self, by: i8) {
        let highest = (MAX_DIGITS - usize::from(self.decimals) - 1) as i8;
        self.place = (self.place + by).clamp(-(self.decimals as i8), highest);
    }

    /// The selected digit: 0 the ones, 1 the tens, -1 the tenths.
    pub fn place(&self) -> i8 {
        self.place
    }

    /// What the player has typed, as shown: "", "-", "19", "2.", "-0.5".
    pub fn text(&self) -> String {
        let mut text = String::new();
        if self.negative {
            text.push('-');
        }
        text.push_str(&self.whole);
        if let Some(fraction) = &self.fraction {
            if self.whole.is_empty() {
                text.push('0');
            }
            text.push('.');
            text.push_str(fraction);
        }
        text
    }

    /// The dial's digits as shown, at least [`DIAL_DIGITS`] before the point and the
    /// offered decimals after it, with the index of the selected one: ("1992", 3) with the
    /// ones selected.
    pub fn dial(&self) -> (String, usize) {
        let mut whole = self.whole.clone();
        let wanted = DIAL_DIGITS.max(self.place.max(0) as usize + 1);
        while whole.len() < wanted {
            whole.insert(0, '0');
        }
        let mut fraction = self.fraction.clone().unwrap_or_default();
        while fraction.len() < usize::from(self.decimals) {
            fraction.push('0');
        }
        let mut text = String::new();
        if self.negative {
            text.push('-');
        }
        let sign = text.len();
        text.push_str(&whole);
        let selected = if self.place >= 0 {
            sign + whole.len() - 1 - self.place as usize
        } else {
            sign + whole.len() + (-self.place) as usize
        };
        if !fraction.is_empty() {
            text.push('.');
            text.push_str(&fraction);
        }
        (text, selected)
    }

    /// The number, once there is one.
    pub fn value(&self) -> Option<f64> {
        if self.whole.is_empty() && self.fraction.as_ref().is_none_or(String::is_empty) {
            return None;
        }
        self.text().parse().ok()
    }

    /// The guess to lock in, once there is a number.
    pub fn guess(&self) -> Option<Guess> {
        Guess::new(self.value()?)
    }
}

/// How many digits after the point a number question's dial offers: as many as its
/// answer or its tolerance has (a year: none; 2.5 within 0.25: two).
pub fn decimals_of(answer: f64, tolerance: f64) -> u8 {
    let count = |v: f64| {
        let text = crate::pack::number_text(v, "");
        text.split_once('.').map_or(0, |(_, f)| f.len())
    };
    count(answer).max(count(tolerance)).min(6) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_is_picked_taken_back_and_complete_with_its_last_item() {
        let mut order = OrderEntry::new(4);
        assert!(order.pick(2));
        assert!(!order.pick(2), "an item goes in one place");
        assert!(!order.pick(4), "no such item");
        assert!(order.pick(0));
        assert_eq!(order.back(), Some(0));
        assert!(order.pick(3) && order.pick(1));
        assert_eq!(order.arrangement(), None);
        assert!(order.pick(0));
        assert!(order.is_complete());
        assert!(!order.pick(1));
        assert_eq!(order.arrangement().unwrap().items(), [2, 3, 1, 0]);
        assert_eq!(order.place_of(1), Some(2));
        assert_eq!(order.place_of(9), None);
    }

    #[test]
    fn a_number_is_typed_with_point_sign_and_backspace() {
        let mut n = NumberEntry::new(0);
        assert_eq!(n.value(), None);
        for d in [1, 9, 9, 2] {
            assert!(n.type_digit(d));
        }
        assert_eq!((n.text(), n.value()), ("1992".to_string(), Some(1992.0)));
        assert!(n.backspace());
        assert_eq!(n.text(), "199");
        let mut n = NumberEntry::new(0);
        n.toggle_sign();
        assert!(n.type_point());
        assert!(!n.type_point());
        assert!(n.type_digit(5));
        assert_eq!((n.text(), n.value()), ("-0.5".to_string(), Some(-0.5)));
        assert!(n.backspace() && n.backspace());
        assert_eq!(n.text(), "-");
        assert_eq!(n.value(), None);
        assert!(n.backspace());
        assert!(!n.backspace());
        assert_eq!(n.text(), "");
        // Leading zeros are not kept; the number is capped.
        let mut n = NumberEntry::new(0);
        n.type_digit(0);
        n.type_digit(7);
        assert_eq!(n.text(), "7");
        for _ in 0..20 {
            n.type_digit(9);
        }
        assert_eq!(n.text().len(), MAX_DIGITS);
        assert!(n.guess().is_some());
    }

    #[test]
    fn a_number_is_dialled_digit_by_digit() {
        let mut n = NumberEntry::new(0);
        assert_eq!(n.dial(), ("0000".to_string(), 3));
        n.select(1);
        n.select(1);
        n.select(1);
        n.turn(1); // thousands: 1000
        n.select(-1);
        n.turn(-1); // hundreds wrap to 9: 1900
        n.select(-1);
        n.turn(-1); // 1990
        n.select(-1);
        n.turn(1);
        n.turn(1); // 1992
        assert_eq!(n.value(), Some(1992.0));
        assert_eq!(n.dial(), ("1992".to_string(), 3));
        n.select(-1);
        assert_eq!(n.place(), 0, "no decimals offered");
        // Turning a digit never carries into its neighbour.
        n.turn(-1);
        n.turn(-1);
        n.turn(-1);
        assert_eq!(n.value(), Some(1999.0));
        // Decimals when offered.
        let mut n = NumberEntry::new(2);
        n.select(-1);
        n.select(-1);
        n.select(-1);
        assert_eq!(n.place(), -2);
        n.turn(5);
        assert_eq!(n.value(), Some(0.05));
        assert_eq!(n.dial(), ("0000.05".to_string(), 6));
        n.toggle_sign();
        assert_eq!(n.dial(), ("-0000.05".to_string(), 7));
        // The dial grows to the selected digit.
        let mut n = NumberEntry::new(0);
        for _ in 0..5 {
            n.select(1);
        }
        n.turn(1);
        assert_eq!(n.value(), Some(100000.0));
        assert_eq!(n.dial(), ("100000".to_string(), 0));
    }

    #[test]
    fn decimals_follow_the_answer_and_the_tolerance() {
        assert_eq!(decimals_of(1992.0, 1.0), 0);
        assert_eq!(decimals_of(2.5, 0.0), 1);
        assert_eq!(decimals_of(3.0, 0.25), 2);
    }
}
