//! Phones as controllers: the game serves a page on the local network, guests scan the
//! QR code on the TV, type a name and play. A phone is a seat of the same engine: its
//! answers become the same [`GameCommand`]s as keys and gamepads, and it is shown the
//! same public state (never a right answer before the reveal).
//!
//! - [`server`]: the web server (axum on tokio, in its own thread) and every check on
//!   what comes from the network.
//! - This plugin: starts and stops the server with the lobby's phone switch, and turns
//!   what phones did into messages (in [`RoundSystems::Commands`], before the round
//!   controller applies the frame's input): a new phone is a [`PhoneJoined`] for the lobby
//!   to seat, presence and answers are [`RosterCommand`]s and [`GameCommand`]s.
//! - `views`: each phone's view, published after the frame's changes, and the picture on
//!   the TV handed to the server when the host shows pictures on phones; `corner`: the
//!   join code in the TV's corner.
//! - [`qr`]: the join address as a QR code image.

mod between;
mod corner;
pub(crate) mod qr;
pub mod server;
mod views;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;

use crate::core::night::{PhoneRoom, Roster};
use crate::core::phone::{self, PhoneView, ToPhone};
use crate::core::seat::{Device, Seat, SeatId};
use crate::game::clock::Now;
use crate::game::messages::{
    GameCommand, NightResumed, RecentRefusals, RosterCommand, RoundSystems,
};
use crate::game::persist::{DataDir, Notices, SavedSettings, save_settings};
use crate::game::session::Session;
use crate::game::states::Screen;
pub use between::BetweenFrames;
use corner::{make_qr, show_corner, spawn_corner};
use server::{Inbound, PhoneServer, RoomState, ServerConfig, Views, Waker};
use views::publish;

pub fn plugin(app: &mut App) {
    app.add_plugins(between::plugin);
    app.init_resource::<Phones>()
        .add_systems(Startup, (remember_port, start_at_launch).chain())
        .add_systems(PostStartup, spawn_corner)
        .add_message::<PhoneJoined>()
        .add_message::<PhoneFreed>()
        .add_systems(
            Update,
            (watch_server, receive)
                .chain()
                .in_set(RoundSystems::Commands),
        )
        .add_systems(
            Update,
            resume
                .after(RoundSystems::Session)
                .before(RoundSystems::Commands)
                .run_if(on_message::<NightResumed>),
        )
        .add_systems(
            Update,
            (make_qr, show_corner).chain().after(RoundSystems::View),
        )
        // Answers that came in are sent back as soon as they are applied and journalled,
        // before the screens redraw; the rest of the frame's changes at its end.
        .init_resource::<ActsApplied>()
        .add_systems(
            Update,
            publish
                .after(crate::game::night::flush)
                .before(RoundSystems::View)
                .run_if(acts_applied),
        )
        .add_systems(PostUpdate, (publish, published).chain())
        .add_systems(OnEnter(Screen::Title), stop);
}

/// How phones were asked for on the command line (`party --phones [--port N]`).
#[derive(Resource, Debug, Clone, Default)]
pub struct PhoneOptions {
    /// Start the server as the lobby opens.
    pub on: bool,
    /// The port; `None` is the remembered one.
    pub port: Option<u16>,
    /// Listen here instead of every interface (tests use loopback).
    pub bind: Option<IpAddr>,
    /// Most phones at once.
    pub max_phones: Option<usize>,
    /// A name of this machine that phones may use instead of its address.
    pub names: Vec<String>,
    /// Print the join address on standard output once serving.
    pub print: bool,
    /// Time for a connection's headers and first message (tests shorten it).
    pub handshake: Option<Duration>,
    /// Changes to the server's limits before it starts (tests shorten the deadlines).
    pub tune: Option<fn(&mut ServerConfig)>,
}

/// Phone play: the server while it runs, and the lobby's phone settings.
#[derive(Resource, Default)]
pub struct Phones {
    server: Option<PhoneServer>,
    pub options: PhoneOptions,
    /// The port to listen on (remembered in the settings).
    pub port: u16,
    /// This machine's addresses, likeliest for the Wi-Fi first, and the one shown.
    pub addresses: Vec<(String, IpAddr)>,
    pub address: usize,
    /// Show the question and the options' text on the phones too.
    pub show_text: bool,
    /// Show the picture on the TV on the phones too (off by default: a room of phones
    /// loading every picture weighs on the Wi-Fi).
    pub show_pictures: bool,
    /// No new phones may join (seated ones still come back).
    pub locked: bool,
    /// Why the server is not running, when it failed to start.
    pub error: Option<String>,
    /// Phone seats whose phone is connected now.
    pub connected: HashSet<SeatId>,
    /// What each phone was last sent, and when, with the time left it was sent with.
    sent: HashMap<SeatId, Sent>,
    /// The QR code of the join address, and the address it encodes.
    pub qr: Option<(String, Handle<Image>)>,
    /// The party's phone seats not in the night (in the lobby, or joined after the night
    /// ended), with how many players the lobby has: they are shown a waiting page. The
    /// lobby keeps it.
    pub waiting: (Vec<Seat>, usize),
    /// Phone seats a night has had: the server keeps their places for good.
    playing: HashSet<SeatId>,
    /// A room that stopped by itself: starting phones again opens it with the same code,
    /// and its seated phones find their seats.
    restart: Option<RoomState>,
    /// `--max-phones` was more than the open-file limit allows: the number that fits.
    pub capped: Option<usize>,
    /// The picture the server hands phones now: its question, path and key.
    picture: Option<views::Served>,
    /// Notified with the event loop's wake-up each time phones send something: the frame's
    /// wait for the render thread listens for it (see [`between`]).
    signal: Arc<tokio::sync::Notify>,
}

/// Phones' answers or buzzes went to the round controller this frame (or between frames):
/// their views are published right after the controller applied them.
#[derive(Resource, Default)]
pub(crate) struct ActsApplied(bool);

fn acts_applied(acts: Res<ActsApplied>) -> bool {
    acts.0
}

/// The views of the answers applied are out.
fn published(mut acts: ResMut<ActsApplied>) {
    acts.0 = false;
}

/// A phone seat the server let go (it never played and its phone left long ago, or the
/// host cleared it): the lobby drops its card; its name is free again.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneFreed(pub SeatId);

/// A phone took a new seat (its name as typed): the lobby seats it, or the night takes
/// it as a latecomer, and its unique name is sent back with [`Phones::rename`].
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct PhoneJoined {
    /// The seat the server gave it.
    pub seat: SeatId,
    /// The name it typed (cleaned by the server).
    pub name: String,
    /// Its token, for the night's journal.
    pub token: String,
}

#[derive(Clone)]
struct Sent {
    view: PhoneView,
    remaining: Option<u64>,
    at: Duration,
    /// The message it was sent as: reused while the view stays the same, so a frame in
    /// which one phone's view changed serialises one view, not one per phone.
    json: Arc<str>,
}

impl Phones {
    pub fn with_options(options: PhoneOptions) -> Self {
        Self {
            options,
            ..default()
        }
    }

    pub fn running(&self) -> bool {
        self.server.is_some()
    }

    pub fn server(&self) -> Option<&PhoneServer> {
        self.server.as_ref()
    }

    pub fn room(&self) -> Option<&str> {
        self.server.as_ref().map(PhoneServer::room)
    }

    /// The address phones open (with the room code, for the QR code).
    pub fn join_url(&self) -> Option<String> {
        let server = self.server.as_ref()?;
        let port = server.local_addr().port();
        let ip = self
            .addresses
            .get(self.address)
            .map_or(server.local_addr().ip(), |(_, ip)| *ip);
        Some(phone::join_url(ip, port))
    }

    /// The join address with the room code in it, as the QR code carries it.
    pub fn qr_url(&self) -> Option<String> {
        Some(format!("{}?room={}", self.join_url()?, self.room()?))
    }

    /// The address shown, with its interface ("192.168.1.20 (wlan0)").
    pub fn address_label(&self) -> String {
        match self.addresses.get(self.address) {
            Some((name, ip)) => format!("{ip} ({name})"),
            None => "this computer".to_string(),
        }
    }

    /// Starts the server; a failure is kept in `error` for the lobby to show. A room that
    /// stopped by itself opens again with its code and seats.
    pub fn start(&mut self, waker: Waker) {
        if let Some(state) = self.restart.take() {
            self.start_state(waker, state.clone());
            if !self.running() {
                // Kept for the next try: the same room, still.
                self.restart = Some(state);
            }
            return;
        }
        let room = phone::room_code(rand::random::<u64>());
        self.start_room(waker, room, Vec::new());
    }

    /// Starts the server for a resumed night: the same port and room code, and its phone
    /// seats' tokens work again, so every page finds its seat with no new scan.
    pub fn resume(
        &mut self,
        waker: Waker,
        room: &PhoneRoom,
        seated: Vec<(SeatId, String, String)>,
    ) {
        self.stop();
        self.port = room.port;
        self.start_state(
            waker,
            RoomState {
                room: room.room.clone(),
                seated,
                banned: room.banned.clone(),
                ..default()
            },
        );
    }

    /// The phone room to note in a new night's header: port, code and seat tokens.
    pub fn night_room(&self) -> Option<PhoneRoom> {
        let server = self.server.as_ref()?;
        let mut banned = server.state().banned;
        banned.sort();
        Some(PhoneRoom {
            port: server.local_addr().port(),
            room: server.room().to_string(),
            tokens: server.tokens(),
            banned,
        })
    }

    fn start_room(&mut self, waker: Waker, room: String, seated: Vec<(SeatId, String, String)>) {
        self.start_state(
            waker,
            RoomState {
                room,
                seated,
                ..default()
            },
        );
    }

    /// Starts the server on `state`: a room's code and seats, and for a room opened again
    /// its kept-out names and next seat number.
    fn start_state(&mut self, waker: Waker, state: RoomState) {
        if self.server.is_some() {
            return;
        }
        self.addresses = match self.options.bind {
            Some(ip) if !ip.is_unspecified() => vec![("listen".to_string(), ip)],
            _ => local_addresses(),
        };
        self.address = self.address.min(self.addresses.len().saturating_sub(1));
        let bind = self
            .options
            .bind
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let mut config = ServerConfig::new(bind, self.port, state.room);
        config.seated = state.seated;
        config.banned = state.banned;
        config.next_seat = state.next;
        config.names = self.options.names.clone();
        if let Some(handshake) = self.options.handshake {
            config.handshake = handshake;
            config.auth = config.auth.min(handshake);
        }
        if let Some(tune) = self.options.tune {
            tune(&mut config);
        }
        if let Some(max) = self.options.max_phones {
            config.max_phones = max.max(1);
        }
        // Every phone is an open file (or three, while it reconnects): raise the limit and
        // keep the room within it.
        let fit = server::raise_open_files();
        if config.max_phones > fit {
            warn!(
                "phones: at most {fit} phones fit in this system's open-file limit (asked for {})",
                config.max_phones
            );
            if self.options.print {
                eprintln!(
                    "At most {fit} phones fit in this system's open-file limit (`ulimit -n`); \
                     the room takes {fit}."
                );
            }
            config.max_phones = fit;
            self.capped = Some(fit);
        }
        let signal = Arc::clone(&self.signal);
        let waker: Waker = Arc::new(move || {
            signal.notify_one();
            waker();
        });
        match PhoneServer::start(config, waker) {
            Ok(server) => {
                server.set_locked(self.locked);
                self.server = Some(server);
                self.error = None;
                if self.options.print
                    && let Some(url) = self.join_url()
                {
                    println!(
                        "Phones join at {url} (room {}), or scan the QR code on the TV.",
                        self.room().unwrap_or_default()
                    );
                }
            }
            Err(e) => {
                warn!("phones: {e}");
                self.error = Some(format!("could not start: {e}"));
                if self.options.print {
                    eprintln!("Phones cannot join: {e}.");
                }
            }
        }
    }

    /// Stops the server: every phone is disconnected (their tokens died with the server:
    /// they cannot come back, and the lobby lets their seats go).
    pub fn stop(&mut self) {
        self.server = None;
        self.connected.clear();
        self.sent.clear();
        self.playing.clear();
        self.restart = None;
        self.qr = None;
        self.picture = None;
    }

    /// Lets a phone seat go without keeping its name out (the host cleared a seat whose
    /// phone left): its token stops working and its place is free.
    pub fn release(&mut self, seat: SeatId) {
        if let Some(server) = &self.server {
            server.release(seat);
        }
        if let Some(state) = &mut self.restart {
            state.seated.retain(|(s, _, _)| *s != seat);
        }
        self.connected.remove(&seat);
        self.sent.remove(&seat);
    }

    pub fn set_locked(&mut self, locked: bool) {
        self.locked = locked;
        if let Some(server) = &self.server {
            server.set_locked(locked);
        }
    }

    /// Removes a phone's seat for good: disconnected, and its name kept out of the party.
    pub fn kick(&mut self, seat: SeatId, name: &str) {
        if let Some(server) = &self.server {
            server.kick(seat, name);
        }
        self.connected.remove(&seat);
        self.sent.remove(&seat);
    }

    /// A phone seat renamed by the host.
    pub fn rename(&self, seat: SeatId, name: &str) {
        if let Some(server) = &self.server {
            server.rename(seat, name);
        }
    }
}

/// The machine's addresses, likeliest for the Wi-Fi first.
pub fn local_addresses() -> Vec<(String, IpAddr)> {
    let found: Vec<(String, IpAddr)> = if_addrs::get_if_addrs()
        .map(|list| list.into_iter().map(|i| (i.name.clone(), i.ip())).collect())
        .unwrap_or_default();
    phone::rank_addresses(&found)
}

/// The waker the server calls: a wake-up of the reactive event loop (coalesced by the
/// server: one per batch of messages). Headless, there is no loop to wake.
pub fn waker(proxy: Option<&bevy::winit::EventLoopProxyWrapper>) -> Waker {
    match proxy.map(|p| (**p).clone()) {
        Some(proxy) => Arc::new(move || {
            let _ = proxy.send_event(bevy::winit::WinitUserEvent::WakeUp);
        }),
        None => Arc::new(|| {}),
    }
}

/// The port: the one given on the command line (then remembered), else the remembered one.
fn remember_port(
    mut phones: ResMut<Phones>,
    settings: Option<ResMut<SavedSettings>>,
    dir: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
) {
    let Some(mut settings) = settings else {
        phones.port = phones.options.port.unwrap_or(phone::DEFAULT_PORT);
        return;
    };
    match phones.options.port {
        Some(port) if port != 0 && port != settings.0.phone_port => {
            settings.0.phone_port = port;
            save_settings(dir.as_deref(), &settings.0, &mut notices);
            phones.port = port;
        }
        Some(port) => phones.port = port,
        None => phones.port = settings.0.phone_port,
    }
}

/// `party --phones`: the server starts with the game.
fn start_at_launch(
    mut phones: ResMut<Phones>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
) {
    if phones.options.on {
        phones.start(waker(proxy.as_deref()));
    }
}

/// A server whose accept loop died is noticed. During a night it opens again at once
/// (same port, code and seats: every phone finds its seat by itself) and the host is told;
/// in the lobby it says so, and switching phones on opens the same room again.
fn watch_server(
    mut phones: ResMut<Phones>,
    state: Res<State<Screen>>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
    mut notices: ResMut<Notices>,
) {
    let Some(why) = phones.server.as_ref().and_then(PhoneServer::failure) else {
        return;
    };
    let server = phones.server.as_ref().expect("checked above");
    let restart = server.state();
    let port = server.local_addr().port();
    warn!("phones: the phone room stopped: {why}");
    phones.stop();
    // The same address too: the phones' pages reconnect to it by themselves.
    phones.port = port;
    phones.restart = Some(restart);
    if state.get().in_game() {
        phones.start(waker(proxy.as_deref()));
        if phones.running() {
            notices.0.push(format!(
                "The phone room stopped ({why}) and opened again: phones find their seats."
            ));
            return;
        }
        notices.0.push(format!(
            "The phone room stopped ({why}) and could not open again ({}): open it from the lobby.",
            phones.error.as_deref().unwrap_or("unknown")
        ));
    }
    phones.error = Some(format!(
        "the phone room stopped ({why}); switch Phones on to open it again: phones keep their seats"
    ));
}

fn stop(mut phones: ResMut<Phones>) {
    if !phones.running() {
        return;
    }
    phones.stop();
}

/// A resumed night's room opens again: the same port and code, and its phone seats'
/// tokens work again.
fn resume(
    mut resumed: MessageReader<NightResumed>,
    mut phones: ResMut<Phones>,
    proxy: Option<Res<bevy::winit::EventLoopProxyWrapper>>,
) {
    for night in resumed.read() {
        if let Some(room) = &night.room {
            phones.resume(waker(proxy.as_deref()), room, night.seated.clone());
        }
    }
}

/// Turns what phones did into messages: a new seat for the lobby ([`PhoneJoined`]), and
/// during a game the round controller's [`RosterCommand`]s and [`GameCommand`]s.
pub(crate) fn receive(
    mut phones: ResMut<Phones>,
    mut joined: MessageWriter<PhoneJoined>,
    mut freed: MessageWriter<PhoneFreed>,
    session: Option<Res<Session>>,
    state: Res<State<Screen>>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut roster: MessageWriter<RosterCommand>,
    mut acts: ResMut<ActsApplied>,
) {
    let Some(server) = phones.server.as_ref() else {
        return;
    };
    let inbound = server.drain();
    if inbound.is_empty() {
        return;
    }
    let session = session.filter(|_| state.get().in_game());
    let in_game = |seat: SeatId| {
        session
            .as_ref()
            .is_some_and(|s| s.game.player(seat).is_some())
    };
    for message in inbound {
        match message {
            Inbound::Joined { seat, name, token } => {
                phones.connected.insert(seat);
                joined.write(PhoneJoined { seat, name, token });
            }
            Inbound::Back { seat } => {
                phones.connected.insert(seat);
                phones.sent.remove(&seat); // a fresh page: send it everything again
                if in_game(seat) {
                    roster.write(RosterCommand {
                        change: Roster::Back(seat),
                        at: now.now(),
                    });
                }
            }
            Inbound::Freed { seat } => {
                phones.connected.remove(&seat);
                phones.sent.remove(&seat);
                freed.write(PhoneFreed(seat));
            }
            Inbound::Gone { seat } => {
                phones.connected.remove(&seat);
                if in_game(seat) {
                    roster.write(RosterCommand {
                        change: Roster::Away(seat),
                        at: now.now(),
                    });
                }
            }
            Inbound::Act {
                seat,
                question,
                action,
                at,
            } => {
                // An answer for a question that is no longer open is stale: dropped. So is
                // a stake once the final's question has opened (or before its stakes).
                let Some(command) = session
                    .as_ref()
                    .and_then(|s| between::act_command(s, &now, seat, question, action, at))
                else {
                    continue;
                };
                acts.0 = true;
                out.write(GameCommand(command));
            }
        }
    }
}
