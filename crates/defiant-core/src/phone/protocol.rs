//! The messages a phone and the game exchange (JSON, one object a message, tagged by
//! `type`), and how a message from a phone is read: exactly, and within its size limit.

use serde::{Deserialize, Serialize};

use crate::command::Guess;
use crate::kinds;

use super::PhoneView;

/// Largest message a phone may send, in bytes; a bigger one closes its connection.
pub const MAX_MESSAGE_BYTES: usize = 1024;

/// A message from a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToGame {
    /// Take a new seat in the room.
    Join {
        /// The room code as typed.
        room: String,
        /// The player's name for the seat.
        name: String,
    },
    /// Come back to the seat of a token, after a reload or a lost connection.
    Resume {
        /// The token the `welcome` gave.
        token: String,
    },
    /// Answer a multiple-choice question.
    Answer {
        /// The question answered (0-based), so a late answer cannot land on the next one.
        question: usize,
        /// The option chosen (0-based: A is 0).
        option: u8,
    },
    /// Press the buzzer.
    Buzz {
        /// The question buzzed on (0-based).
        question: usize,
    },
    /// An order: `items[k]` is the item (as shown, 0-based) put in place `k`.
    Order {
        /// The question answered (0-based).
        question: usize,
        /// The items (as shown, 0-based) from the first end to the last.
        items: Vec<u8>,
    },
    /// A guess at a number: finite and within ±[`Guess::MAX`], or the message does not
    /// parse.
    Number {
        /// The question answered (0-based).
        question: usize,
        /// The number typed.
        value: Guess,
    },
    /// The final: stake points (secretly) on its question. Whether the stake is within
    /// the seat's bounds, the game checks.
    Stake {
        /// The final's question (0-based), so a stake cannot land on another.
        question: usize,
        /// The points staked.
        points: u32,
    },
    /// Keep the connection alive; answered with `pong`.
    Ping,
}

impl ToGame {
    /// Parses a message: `None` for anything that is not exactly one of the messages. An
    /// order must name every one of 3 to 6 items once (whether that is the open question's
    /// item count, the game checks).
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() > MAX_MESSAGE_BYTES {
            return None;
        }
        let message: Self = serde_json::from_str(text).ok()?;
        match &message {
            // Every item once, 3 to 6 of them: the order the scoring rule takes.
            ToGame::Order { items, .. } => {
                let items: Vec<usize> = items.iter().map(|&i| usize::from(i)).collect();
                kinds::order_credit(&items, items.len()).map(|_| message)
            }
            _ => Some(message),
        }
    }
}

/// A message to a phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPhone {
    /// Seated: the page keeps the token to come back to the same seat.
    Welcome {
        /// The seat's secret, 32 hex digits.
        token: String,
        /// The seat's name as the game cleaned it (spaces, control characters, length).
        name: String,
    },
    /// What to show now; sent whenever it changes.
    View(Box<PhoneView>),
    /// A join or resume was refused.
    Refused {
        /// Why, in words for the player.
        reason: String,
        /// Whether the page may ask again (a wrong room code) or should stop (a full or
        /// locked room).
        retry: bool,
    },
    /// The host removed this seat; the connection closes.
    Kicked,
    /// The answer to a `ping`.
    Pong,
}

impl ToPhone {
    /// The message as the JSON text sent over the WebSocket.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"type":"pong"}"#.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phone::lobby_view;

    #[test]
    fn messages_parse_exactly() {
        assert_eq!(
            ToGame::parse(r#"{"type":"join","room":"abcd","name":"Ana"}"#),
            Some(ToGame::Join {
                room: "abcd".into(),
                name: "Ana".into()
            })
        );
        assert_eq!(
            ToGame::parse(r#"{"type":"answer","question":2,"option":3}"#),
            Some(ToGame::Answer {
                question: 2,
                option: 3
            })
        );
        assert_eq!(ToGame::parse(r#"{"type":"ping"}"#), Some(ToGame::Ping));
        for bad in [
            "",
            "{",
            "null",
            r#"{"type":"answer","question":2}"#,
            r#"{"type":"answer","question":2,"option":300}"#,
            r#"{"type":"answer","question":-1,"option":1}"#,
            r#"{"type":"answer","question":2,"option":1,"seat":4}"#,
            r#"{"type":"host","action":"end"}"#,
            r#"{"type":"buzz"}"#,
        ] {
            assert_eq!(ToGame::parse(bad), None, "{bad}");
        }
        let big = format!(
            r#"{{"type":"join","room":"ABCD","name":"{}"}}"#,
            "x".repeat(MAX_MESSAGE_BYTES)
        );
        assert_eq!(ToGame::parse(&big), None);
    }

    #[test]
    fn orders_and_numbers_parse_exactly() {
        assert_eq!(
            ToGame::parse(r#"{"type":"order","question":3,"items":[2,0,3,1]}"#),
            Some(ToGame::Order {
                question: 3,
                items: vec![2, 0, 3, 1]
            })
        );
        assert_eq!(
            ToGame::parse(r#"{"type":"order","question":0,"items":[5,4,3,2,1,0]}"#),
            Some(ToGame::Order {
                question: 0,
                items: vec![5, 4, 3, 2, 1, 0]
            })
        );
        let number = |text: &str| match ToGame::parse(text) {
            Some(ToGame::Number { question, value }) => Some((question, value.value())),
            _ => None,
        };
        assert_eq!(
            number(r#"{"type":"number","question":3,"value":1992}"#),
            Some((3, 1992.0))
        );
        assert_eq!(
            number(r#"{"type":"number","question":1,"value":-0.25}"#),
            Some((1, -0.25))
        );
        assert_eq!(
            number(r#"{"type":"number","question":1,"value":1e12}"#),
            Some((1, 1e12))
        );
        for bad in [
            // Not an order of every item once: a repeat, a gap, too few, too many.
            r#"{"type":"order","question":3,"items":[2,0,2,1]}"#,
            r#"{"type":"order","question":3,"items":[0,1,2,4]}"#,
            r#"{"type":"order","question":3,"items":[1,0]}"#,
            r#"{"type":"order","question":3,"items":[]}"#,
            r#"{"type":"order","question":3,"items":[0,1,2,3,4,5,6]}"#,
            r#"{"type":"order","question":3,"items":[0,1,2,300]}"#,
            r#"{"type":"order","question":3,"items":[0,1,-2]}"#,
            r#"{"type":"order","question":3,"items":["0","1","2"]}"#,
            r#"{"type":"order","question":3,"items":"0,1,2"}"#,
            r#"{"type":"order","question":3,"items":[0,1,2.5]}"#,
            r#"{"type":"order","question":3}"#,
            r#"{"type":"order","question":3,"items":[2,0,1],"seat":4}"#,
            // Not a finite number within 10^12: infinity (1e999), NaN, too big, text.
            r#"{"type":"number","question":3,"value":1e999}"#,
            r#"{"type":"number","question":3,"value":-1e999}"#,
            r#"{"type":"number","question":3,"value":NaN}"#,
            r#"{"type":"number","question":3,"value":"NaN"}"#,
            r#"{"type":"number","question":3,"value":1e13}"#,
            r#"{"type":"number","question":3,"value":"1992"}"#,
            r#"{"type":"number","question":3,"value":null}"#,
            r#"{"type":"number","question":3,"value":[1992]}"#,
            r#"{"type":"number","question":3}"#,
            r#"{"type":"number","question":3,"value":1992,"unit":"years"}"#,
            r#"{"type":"number","value":1992}"#,
        ] {
            assert_eq!(ToGame::parse(bad), None, "{bad}");
        }
        // The size limit holds for orders too.
        let long = format!(
            r#"{{"type":"order","question":3,"items":[2,0,1{}]}}"#,
            " ".repeat(MAX_MESSAGE_BYTES)
        );
        assert_eq!(ToGame::parse(&long), None);
    }

    #[test]
    fn phone_messages_serialise_with_a_type() {
        let json = ToPhone::Welcome {
            token: "00".into(),
            name: "Ana".into(),
        }
        .to_json();
        assert_eq!(json, r#"{"type":"welcome","token":"00","name":"Ana"}"#);
        let view = ToPhone::View(Box::new(lobby_view("Ana", 2, 3, "Waiting"))).to_json();
        assert!(
            view.starts_with(r#"{"type":"view","phase":"lobby""#),
            "{view}"
        );
    }
}
