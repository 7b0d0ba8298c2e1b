//! Phones as seats: the messages a phone and the game exchange, what a phone is shown,
//! and the checks every request from the network goes through (room code, seat tokens,
//! `Host` and `Origin`, message rate, LAN address choice). No networking here: the
//! server in the game's shell uses these, and the tests drive them with explicit times.
//!
//! The protocol is JSON over one WebSocket per phone, each message an object with a
//! `type`:
//!
//! | phone → game | meaning |
//! |---|---|
//! | `{"type":"join","room":"ABCD","name":"Ana"}` | take a new seat |
//! | `{"type":"resume","token":"<32 hex digits>"}` | back to the seat of that token |
//! | `{"type":"answer","question":3,"option":1}` | answer question 3 (0-based) with option B |
//! | `{"type":"buzz","question":3}` | buzz on question 3 |
//! | `{"type":"order","question":3,"items":[2,0,3,1]}` | answer order question 3: the items (A-D as shown, 0-based) from the first end to the last; every item once, 3 to 6 of them |
//! | `{"type":"number","question":3,"value":1992}` | answer number question 3; a finite number within ±10¹² |
//! | `{"type":"ping"}` | keep-alive; answered with `pong`, never seen by the game |
//!
//! | game → phone | meaning |
//! |---|---|
//! | `{"type":"welcome","token":"…","name":"Ana"}` | seated; keep the token to come back |
//! | `{"type":"view", …}` ([`PhoneView`]) | what to show now; sent whenever it changes |
//! | `{"type":"refused","reason":"…","retry":bool}` | join or resume refused; `retry`: the page may ask again |
//! | `{"type":"kicked"}` | removed by the host; the connection closes |
//! | `{"type":"pong"}` | keep-alive answer |
//!
//! A view's question says how it is answered (`"kind":"choice"`, `"order"` with the ends'
//! labels `first` and `last`, or `"number"` with its `unit` and `decimals`), never the
//! answer. After the reveal, its result carries the right answer (an option, or for orders
//! and numbers the right answer in words and the right order) and this phone's own answer.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::{Guess, PublicKind};
use crate::game::{Buzz, Format, Game, Given, Phase};
use crate::kinds;
use crate::pack::number_text;
use crate::round::Asked;
use crate::seat::SeatId;

/// Largest message a phone may send, in bytes; a bigger one closes its connection.
pub const MAX_MESSAGE_BYTES: usize = 1024;
/// Default largest number of phones connected at once; one more is refused.
pub const MAX_PHONES: usize = 64;
/// Letters of a room code.
pub const ROOM_CODE_LEN: usize = 4;
/// Letters a room code is made of: no I, O, Q or U, which read as digits or as each other.
const ROOM_LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTVWXYZ";
/// Default port of the phone server.
pub const DEFAULT_PORT: u16 = 7878;
/// First seat id of phones, far above the local seats' ids so the two never meet.
pub const FIRST_PHONE_SEAT: u32 = 1_000_000;

/// A message from a phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToGame {
    Join {
        room: String,
        name: String,
    },
    Resume {
        token: String,
    },
    Answer {
        question: usize,
        option: u8,
    },
    Buzz {
        question: usize,
    },
    /// An order: `items[k]` is the item (as shown, 0-based) put in place `k`.
    Order {
        question: usize,
        items: Vec<u8>,
    },
    /// A guess at a number: finite and within ±[`Guess::MAX`], or the message does not
    /// parse.
    Number {
        question: usize,
        value: Guess,
    },
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
    Welcome { token: String, name: String },
    View(Box<PhoneView>),
    Refused { reason: String, retry: bool },
    Kicked,
    Pong,
}

impl ToPhone {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"type":"pong"}"#.to_string())
    }
}

/// Where the party is, as a phone shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhonePhase {
    /// In the lobby, waiting for the host to start.
    Lobby,
    Question,
    Reveal,
    Scoreboard,
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
}

/// One question as a phone shows it: never the right answer before the reveal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneQuestion {
    /// 0-based index, sent back with answers and buzzes.
    pub index: usize,
    pub count: usize,
    /// Buzz-in for this question: a buzz-in round's choice questions (its orders and
    /// numbers are everyone-answers).
    pub buzz_in: bool,
    /// How many options (2 to 4), or an order's items (3 or 4 in a party); buttons A, B,
    /// C, D. None (0) for a number.
    pub options: usize,
    #[serde(flatten)]
    pub kind: PublicKind,
    /// The prompt and the options' text, when the host shows questions on phones.
    pub prompt: Option<String>,
    pub texts: Option<Vec<String>>,
    /// Time left when this view was made; the page counts down from it.
    pub remaining_ms: u64,
    pub paused: bool,
}

/// The outcome of the question just closed, for this phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneResult {
    pub question: usize,
    #[serde(flatten)]
    pub kind: PublicKind,
    /// The option this phone chose, on a choice question.
    pub chosen: Option<usize>,
    /// The right option, on a choice question.
    pub right: Option<usize>,
    pub correct: bool,
    /// Points for an answer that is not right: part of an order in place, a number near
    /// enough (or the closest in the room).
    pub partly: bool,
    /// Points won (or lost, negative) on this question.
    pub points: i64,
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
}

/// Everything a phone shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneView {
    pub phase: PhonePhase,
    pub name: String,
    /// Index into the seat colours.
    pub colour: u8,
    pub score: i64,
    /// 1-based place (tied scores share one) and out of how many.
    pub rank: Option<usize>,
    pub players: usize,
    pub you: YouState,
    /// The option this phone locked in on the open question, if any.
    pub locked: Option<usize>,
    /// The order this phone locked in on the open question (items as shown).
    pub locked_order: Option<Vec<usize>>,
    /// The number this phone locked in on the open question.
    pub locked_number: Option<f64>,
    pub question: Option<PhoneQuestion>,
    /// On the reveal, scoreboard and podium: how the last question went.
    pub result: Option<PhoneResult>,
    /// A line for the top of the page ("Waiting for the host to start", a team name...).
    pub note: String,
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
        Phase::Finished => PhonePhase::Finished,
    };
    let buzz_in = game.format_now() == Format::BuzzIn;
    let question = matches!(phase, PhonePhase::Question | PhonePhase::Reveal).then(|| {
        let q = game.current();
        PhoneQuestion {
            index: game.current_index(),
            count: game.questions().len(),
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
    let result = (phase != PhonePhase::Question)
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
            })
        })
        .flatten();
    let note = match (&phase, you) {
        (PhonePhase::Lobby, _) => "Waiting for the host to start".to_string(),
        (_, YouState::Waiting) => "You joined mid-question: you play from the next one".to_string(),
        (_, YouState::Removed) => "The host took you out of this game: watching only".to_string(),
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
    })
}

/// Items (as shown) by their letters: "B, D, A, C".
fn letters(items: &[usize]) -> String {
    items
        .iter()
        .map(|&i| crate::pack::option_letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A fresh room code from `random` (one `u64`, e.g. from the OS).
pub fn room_code(random: u64) -> String {
    let mut n = random;
    (0..ROOM_CODE_LEN)
        .map(|_| {
            let letter = ROOM_LETTERS[(n % ROOM_LETTERS.len() as u64) as usize];
            n /= ROOM_LETTERS.len() as u64;
            letter as char
        })
        .collect()
}

/// Whether a typed room code matches (case and surrounding spaces do not matter).
pub fn room_matches(typed: &str, code: &str) -> bool {
    typed.trim().eq_ignore_ascii_case(code)
}

/// A seat's secret: 128 random bits, written as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeatToken(pub u128);

impl SeatToken {
    /// Reads a token; `None` unless exactly 32 hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() != 32 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(text, 16).ok().map(Self)
    }
}

impl fmt::Display for SeatToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for SeatToken {
    /// Never printed in full: logs do not leak seats.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SeatToken({:04x}…)", self.0 >> 112)
    }
}

/// The host part of a `Host` header or an origin's authority, without the port; IPv6
/// addresses keep no brackets. `None` when it is not a well-formed host.
pub fn host_part(authority: &str) -> Option<&str> {
    let authority = authority.trim();
    if let Some(rest) = authority.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return None;
        }
        return Some(ip);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if port.is_some_and(|p| !is_port(p)) || host.is_empty() || host.contains(':') {
        return None;
    }
    Some(host)
}

fn is_port(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 5
        && p.bytes().all(|b| b.is_ascii_digit())
        && p.parse::<u16>().is_ok()
}

/// Whether a request's `Host` header names this game: an IP address, `localhost`, or one
/// of the game's configured names. Anything else is another site's name pointed at this
/// machine (DNS rebinding) and is refused.
pub fn host_allowed(host: &str, names: &[String]) -> bool {
    let Some(h) = host_part(host) else {
        return false;
    };
    h.parse::<IpAddr>().is_ok()
        || h.eq_ignore_ascii_case("localhost")
        || names.iter().any(|n| n.eq_ignore_ascii_case(h))
}

/// Whether a WebSocket's `Origin` may drive the game: absent (not a browser), or the page
/// this server served, on the very host the request names.
pub fn origin_allowed(origin: Option<&str>, host: &str, names: &[String]) -> bool {
    let Some(origin) = origin else {
        return true;
    };
    let Some(authority) = origin.strip_prefix("http://") else {
        return false;
    };
    authority.eq_ignore_ascii_case(host.trim()) && host_allowed(host, names)
}

/// A token bucket: `burst` messages at once, refilled at `per_second`. Times are
/// durations on any monotonic clock.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    burst: f64,
    per_second: f64,
    tokens: f64,
    last: Duration,
}

impl RateLimit {
    pub fn new(burst: u32, per_second: u32, now: Duration) -> Self {
        Self {
            burst: f64::from(burst),
            per_second: f64::from(per_second),
            tokens: f64::from(burst),
            last: now,
        }
    }

    /// Takes one message's token; `false` when the sender is over the limit.
    pub fn allow(&mut self, now: Duration) -> bool {
        let gained = now.saturating_sub(self.last).as_secs_f64() * self.per_second;
        self.tokens = (self.tokens + gained).min(self.burst);
        self.last = self.last.max(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The addresses of this machine's network interfaces, the likeliest for phones on the
/// same Wi-Fi first: private IPv4 on a physical interface, then other IPv4, then
/// virtual interfaces (Docker, bridges, VPNs), link-local and IPv6 last; loopback only
/// when nothing else exists (phones cannot reach it).
pub fn rank_addresses(interfaces: &[(String, IpAddr)]) -> Vec<(String, IpAddr)> {
    let mut ranked: Vec<(u8, usize, (String, IpAddr))> = interfaces
        .iter()
        .enumerate()
        .filter(|(_, (_, ip))| !ip.is_unspecified() && !ip.is_multicast())
        .map(|(i, (name, ip))| (address_rank(name, *ip), i, (name.clone(), *ip)))
        .collect();
    if ranked.iter().any(|(r, _, _)| *r < LOOPBACK) {
        ranked.retain(|(r, _, _)| *r < LOOPBACK);
    }
    ranked.sort_by_key(|(r, i, _)| (*r, *i));
    ranked.into_iter().map(|(_, _, a)| a).collect()
}

const LOOPBACK: u8 = 9;

fn address_rank(name: &str, ip: IpAddr) -> u8 {
    let virtual_name = [
        "docker",
        "br-",
        "veth",
        "virbr",
        "vmnet",
        "vboxnet",
        "tun",
        "tap",
        "wg",
        "tailscale",
        "zt",
        "utun",
        "lxc",
        "cni",
        "flannel",
        "podman",
    ]
    .iter()
    .any(|p| name.to_ascii_lowercase().starts_with(p));
    match ip {
        IpAddr::V4(v4) if v4.is_loopback() => LOOPBACK,
        IpAddr::V4(v4) if v4.is_link_local() => 6,
        IpAddr::V4(v4) if v4.is_private() && !virtual_name => 0,
        IpAddr::V4(_) if !virtual_name => 1,
        IpAddr::V4(_) => 5,
        IpAddr::V6(v6) if v6.is_loopback() => LOOPBACK,
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => 8,
        IpAddr::V6(_) => 7,
    }
}

/// The address a phone opens: `http://IP:PORT/` (IPv6 in brackets).
pub fn join_url(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}/"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::RoundQuestion;
    use std::net::{Ipv4Addr, Ipv6Addr};

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

    use crate::command::{Arrangement, Command, HostAction, SeatAction};
    use crate::game::{Rules, ScoreboardEvery};
    use crate::kinds::NumberRule;
    use crate::pack::Difficulty;
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

    fn order(items: &[usize]) -> SeatAction {
        SeatAction::Order(Arrangement::new(items).unwrap())
    }

    fn guess(value: f64) -> SeatAction {
        SeatAction::Number(Guess::new(value).unwrap())
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

    #[test]
    fn room_codes_are_four_unambiguous_letters() {
        for r in [0u64, 1, 12345, u64::MAX, 0xDEAD_BEEF] {
            let code = room_code(r);
            assert_eq!(code.len(), ROOM_CODE_LEN);
            assert!(code.bytes().all(|b| ROOM_LETTERS.contains(&b)), "{code}");
        }
        assert_ne!(room_code(1), room_code(2));
        assert!(room_matches(" abcd ", "ABCD"));
        assert!(!room_matches("ABCE", "ABCD"));
        assert!(!room_matches("", "ABCD"));
    }

    #[test]
    fn tokens_round_trip_and_refuse_anything_else() {
        let t = SeatToken(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        let text = t.to_string();
        assert_eq!(text.len(), 32);
        assert_eq!(SeatToken::parse(&text), Some(t));
        assert_eq!(SeatToken::parse(&text.to_uppercase()), Some(t));
        assert_eq!(SeatToken::parse(&text[1..]), None);
        assert_eq!(SeatToken::parse(&format!("{text}0")), None);
        assert_eq!(SeatToken::parse("+123456789abcdef0123456789abcdef"), None);
        assert_eq!(SeatToken::parse("zz23456789abcdef0123456789abcdef"), None);
        assert!(!format!("{t:?}").contains(&text));
    }

    #[test]
    fn only_addresses_and_own_names_are_hosts() {
        let names = vec!["trivia.lan".to_string()];
        for ok in [
            "192.168.1.20:7878",
            "192.168.1.20",
            "127.0.0.1:7878",
            "[::1]:7878",
            "[fe80::1]",
            "localhost:7878",
            "TRIVIA.lan:7878",
        ] {
            assert!(host_allowed(ok, &names), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "evil.example",
            "",
            ":7878",
            "192.168.1.20:99999",
            "192.168.1.20:x",
            "[::1",
            "::1",
            "trivia.lan.evil.example",
            "192.168.1.20.nip.io",
        ] {
            assert!(!host_allowed(bad, &names), "{bad}");
        }
    }

    #[test]
    fn origins_must_be_this_page() {
        let names = Vec::new();
        let host = "192.168.1.20:7878";
        assert!(origin_allowed(None, host, &names));
        assert!(origin_allowed(
            Some("http://192.168.1.20:7878"),
            host,
            &names
        ));
        for bad in [
            "http://evil.example",
            "https://192.168.1.20:7878",
            "http://192.168.1.20:7879",
            "http://192.168.1.20",
            "null",
            "",
            "file://",
        ] {
            assert!(!origin_allowed(Some(bad), host, &names), "{bad}");
        }
        // A rebinding page: its origin matches its Host, but the Host is not ours.
        assert!(!origin_allowed(
            Some("http://evil.example:7878"),
            "evil.example:7878",
            &names
        ));
    }

    #[test]
    fn the_rate_limit_allows_a_burst_then_the_rate() {
        let ms = Duration::from_millis;
        let mut limit = RateLimit::new(5, 10, ms(0));
        assert!((0..5).all(|_| limit.allow(ms(0))));
        assert!(!limit.allow(ms(0)));
        assert!(!limit.allow(ms(50)));
        assert!(limit.allow(ms(100)));
        assert!(!limit.allow(ms(100)));
        // A long pause refills only up to the burst.
        assert!((0..5).all(|_| limit.allow(ms(10_000))));
        assert!(!limit.allow(ms(10_000)));
        // A clock that goes back never grants tokens.
        assert!(!limit.allow(ms(5_000)));
    }

    #[test]
    fn the_lan_address_comes_first() {
        let v4 = |a, b, c, d| IpAddr::V4(Ipv4Addr::new(a, b, c, d));
        let interfaces = vec![
            ("lo".to_string(), v4(127, 0, 0, 1)),
            ("docker0".to_string(), v4(172, 17, 0, 1)),
            (
                "eth0".to_string(),
                IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1)),
            ),
            ("tailscale0".to_string(), v4(100, 101, 1, 2)),
            ("wlan0".to_string(), v4(192, 168, 1, 20)),
            ("eth1".to_string(), v4(169, 254, 3, 4)),
        ];
        let ranked = rank_addresses(&interfaces);
        let names: Vec<&str> = ranked.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["wlan0", "docker0", "tailscale0", "eth1", "eth0"]);
        // Loopback only when there is nothing else.
        let alone = rank_addresses(&interfaces[..1]);
        assert_eq!(alone, interfaces[..1].to_vec());
        assert_eq!(
            join_url(v4(192, 168, 1, 20), 7878),
            "http://192.168.1.20:7878/"
        );
        assert_eq!(
            join_url(IpAddr::V6(Ipv6Addr::LOCALHOST), 80),
            "http://[::1]:80/"
        );
    }
}
