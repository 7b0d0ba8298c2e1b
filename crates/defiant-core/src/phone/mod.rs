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
//! When the host shows pictures on phones, the open question's picture comes as
//! `"picture":{"url":"/picture/<key>","width":…,"height":…}` on the question, and the
//! reveal's on the result: the picture the TV shows, loaded from the game's own server.
//!
//! The messages and their limits are in `protocol`, what a phone is shown in `view`,
//! and who may connect (room codes, seat tokens, hosts and origins, rate limits,
//! addresses) in `access`, and the fair shares per address (connections, joins, wrong
//! codes) and the places seats hold in `guard`.

mod access;
mod guard;
mod protocol;
mod view;

pub use access::{
    DEFAULT_PORT, FIRST_PHONE_SEAT, MAX_PHONES, ROOM_CODE_LEN, RateLimit, SeatToken, host_allowed,
    host_part, join_url, origin_allowed, rank_addresses, room_code, room_matches,
};
pub use guard::{AddressRates, Places, Shares, address_key};
pub use protocol::{MAX_MESSAGE_BYTES, ToGame, ToPhone};
pub use view::{
    PhonePhase, PhonePicture, PhoneQuestion, PhoneResult, PhoneStake, PhoneView, ShownPicture,
    YouState, game_view, lobby_view, round_line, shown_picture,
};
