//! Fair shares of the phone server, so that no one guest can jam the room: connections
//! counted per address, rates per address (joins, wrong room codes), and the places the
//! seats hold under the room's cap. Pure bookkeeping with explicit times; the server
//! holds one of each behind a lock.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::time::Duration;

use super::access::RateLimit;
use crate::seat::SeatId;

/// The address a share is counted by: the address itself, with an IPv4 address mapped
/// into IPv6 counted as that IPv4 address. (Not an IPv6 address's /64: on a home network
/// every device shares one /64, so grouping by it would make the whole party one guest.)
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
    }
}

/// Units of something scarce (open connections, unauthenticated WebSockets), counted in
/// all and per address: a unit is taken only if both the address's share and the total
/// stay within their limits.
#[derive(Debug, Default)]
pub struct Shares {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

impl Shares {
    /// Takes a unit for `ip` if the address holds fewer than `per_address` and all hold
    /// fewer than `total`; `false` (and nothing taken) otherwise.
    pub fn take(&mut self, ip: IpAddr, per_address: usize, total: usize) -> bool {
        let key = address_key(ip);
        let held = self.by_address.get(&key).copied().unwrap_or(0);
        if held >= per_address || self.total >= total {
            return false;
        }
        self.by_address.insert(key, held + 1);
        self.total += 1;
        true
    }

    /// Gives back a unit `ip` took (an address with none left is forgotten).
    pub fn give_back(&mut self, ip: IpAddr) {
        let key = address_key(ip);
        if let Some(held) = self.by_address.get_mut(&key) {
            *held -= 1;
            self.total -= 1;
            if *held == 0 {
                self.by_address.remove(&key);
            }
        }
    }

    /// Units `ip`'s address holds.
    pub fn of(&self, ip: IpAddr) -> usize {
        self.by_address.get(&address_key(ip)).copied().unwrap_or(0)
    }

    /// Units held in all.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Addresses holding at least one.
    pub fn addresses(&self) -> usize {
        self.by_address.len()
    }
}

/// A rate limit per address: each address its own bucket of `burst`, refilled one every
/// `period`. Bounded: at most `capacity` addresses are remembered; a full bucket is
/// forgotten first, and when every remembered address is still limited a new address is
/// refused until one refills (a flood from thousands of addresses cannot grow the table).
#[derive(Debug)]
pub struct AddressRates {
    burst: u32,
    period: Duration,
    capacity: usize,
    buckets: HashMap<IpAddr, RateLimit>,
}

impl AddressRates {
    /// `burst` at once per address, then one every `period`; at most `capacity`
    /// addresses remembered.
    pub fn new(burst: u32, period: Duration, capacity: usize) -> Self {
        Self {
            burst,
            period,
            capacity: capacity.max(1),
            buckets: HashMap::new(),
        }
    }

    /// Takes one for `ip` at `now`; `false` when its address is over its rate.
    pub fn allow(&mut self, ip: IpAddr, now: Duration) -> bool {
        let key = address_key(ip);
        if !self.buckets.contains_key(&key) && self.buckets.len() >= self.capacity {
            self.buckets.retain(|_, bucket| !bucket.is_full(now));
            if self.buckets.len() >= self.capacity {
                return false;
            }
        }
        self.buckets
            .entry(key)
            .or_insert_with(|| RateLimit::every(self.burst, self.period, now))
            .allow(now)
    }

    /// Addresses remembered now.
    pub fn remembered(&self) -> usize {
        self.buckets.len()
    }
}

/// One seat's place under the room's cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// Its phone is connected now.
    connected: bool,
    /// It answered, or took part in a night: its place is kept for good.
    played: bool,
    /// When its phone last left (while not connected).
    left: Option<Duration>,
    /// The address it joined from (by [`address_key`]); none for a resumed night's seat.
    from: Option<IpAddr>,
}

/// The places seats hold under the room's cap (`--max-phones`): a seat holds its place
/// while its phone is connected, once it has played, and for `hold` after its phone left;
/// a seat that never played and left longer ago than that frees its place (and is let go:
/// the server forgets its token, the lobby its card).
#[derive(Debug, Default, Clone)]
pub struct Places {
    seats: BTreeMap<SeatId, Place>,
}

impl Places {
    /// A new seat, connected, joined from `ip`.
    pub fn join(&mut self, seat: SeatId, ip: IpAddr) {
        self.seats.insert(
            seat,
            Place {
                connected: true,
                played: false,
                left: None,
                from: Some(address_key(ip)),
            },
        );
    }

    /// A seat known from before (a resumed night's), not connected yet, its place kept.
    pub fn keep(&mut self, seat: SeatId) {
        self.seats.insert(
            seat,
            Place {
                connected: false,
                played: true,
                left: None,
                from: None,
            },
        );
    }

    /// The seat's phone is connected (again).
    pub fn back(&mut self, seat: SeatId) {
        if let Some(place) = self.seats.get_mut(&seat) {
            place.connected = true;
            place.left = None;
        }
    }

    /// The seat's phone left at `now`.
    pub fn left(&mut self, seat: SeatId, now: Duration) {
        if let Some(place) = self.seats.get_mut(&seat) {
            place.connected = false;
            place.left = Some(now);
        }
    }

    /// The seat played: its place is kept from now on.
    pub fn played(&mut self, seat: SeatId) {
        if let Some(place) = self.seats.get_mut(&seat) {
            place.played = true;
        }
    }

    /// Whether the seat has played.
    pub fn has_played(&self, seat: SeatId) -> bool {
        self.seats.get(&seat).is_some_and(|p| p.played)
    }

    /// The seat is gone for good (kicked, let go).
    pub fn remove(&mut self, seat: SeatId) {
        self.seats.remove(&seat);
    }

    /// Seats holding a place at `now`.
    pub fn holding(&self, now: Duration, hold: Duration) -> usize {
        self.seats
            .values()
            .filter(|p| Self::holds(p, now, hold))
            .count()
    }

    /// Whether a seat that joined from `ip`'s address is still known (a seated guest's
    /// address: its reconnects may use capacity others may not).
    pub fn seated_from(&self, ip: IpAddr) -> bool {
        let key = address_key(ip);
        self.seats.values().any(|p| p.from == Some(key))
    }

    /// Seats joined from `ip`'s address holding a place at `now`: one guest's share of
    /// the room is bounded, however slowly it joins.
    pub fn holding_from(&self, ip: IpAddr, now: Duration, hold: Duration) -> usize {
        let key = address_key(ip);
        self.seats
            .values()
            .filter(|p| p.from == Some(key) && Self::holds(p, now, hold))
            .count()
    }

    /// Seats that no longer hold a place at `now` (never played, left at least `hold`
    /// ago), oldest id first.
    pub fn expired(&self, now: Duration, hold: Duration) -> Vec<SeatId> {
        self.seats
            .iter()
            .filter(|(_, p)| !Self::holds(p, now, hold))
            .map(|(s, _)| *s)
            .collect()
    }

    /// Seats known, holding a place or not.
    pub fn len(&self) -> usize {
        self.seats.len()
    }

    /// Whether no seat is known.
    pub fn is_empty(&self) -> bool {
        self.seats.is_empty()
    }

    fn holds(place: &Place, now: Duration, hold: Duration) -> bool {
        place.connected
            || place.played
            || place
                .left
                .is_none_or(|left| now.saturating_sub(left) < hold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn v4(d: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(192, 168, 1, d))
    }

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn each_ipv6_device_is_its_own_address() {
        // Two phones on one home network share its /64: they are two guests.
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_ne!(address_key(a), address_key(b));
        let mut shares = Shares::default();
        assert!(shares.take(a, 1, 10) && shares.take(b, 1, 10));
        // An IPv4 address mapped into IPv6 is that IPv4 address.
        let mapped: IpAddr = "::ffff:192.168.1.7".parse().unwrap();
        assert_eq!(address_key(mapped), v4(7));
    }

    #[test]
    fn one_address_cannot_take_more_than_its_share() {
        let mut shares = Shares::default();
        for _ in 0..8 {
            assert!(shares.take(v4(1), 8, 100));
        }
        assert!(!shares.take(v4(1), 8, 100), "a ninth from the same address");
        assert!(shares.take(v4(2), 8, 100), "another address still gets in");
        assert_eq!(
            (shares.of(v4(1)), shares.total(), shares.addresses()),
            (8, 9, 2)
        );
        shares.give_back(v4(1));
        assert!(shares.take(v4(1), 8, 100));
        // The total bounds everyone.
        let mut small = Shares::default();
        assert!(small.take(v4(1), 8, 2) && small.take(v4(2), 8, 2));
        assert!(!small.take(v4(3), 8, 2));
        // Giving back forgets an address with nothing left; a stray give-back is harmless.
        small.give_back(v4(1));
        small.give_back(v4(1));
        small.give_back(v4(9));
        assert_eq!((small.total(), small.addresses()), (1, 1));
    }

    #[test]
    fn each_address_has_its_own_rate() {
        let mut joins = AddressRates::new(3, s(10), 100);
        assert!((0..3).all(|_| joins.allow(v4(1), s(0))));
        assert!(!joins.allow(v4(1), s(1)), "a fourth join at once");
        assert!(joins.allow(v4(2), s(1)), "another guest is not held up");
        assert!(!joins.allow(v4(1), s(9)));
        assert!(joins.allow(v4(1), s(11)), "one more after the period");
    }

    #[test]
    fn the_rate_table_stays_bounded() {
        let mut rates = AddressRates::new(1, s(60), 4);
        for d in 1..=4 {
            assert!(rates.allow(v4(d), s(0)));
        }
        // Full of limited addresses: a fifth is refused rather than remembered.
        assert!(!rates.allow(v4(5), s(1)));
        assert_eq!(rates.remembered(), 4);
        // Once the others have refilled they are forgotten and the newcomer gets in.
        assert!(rates.allow(v4(5), s(61)));
        assert_eq!(rates.remembered(), 1);
    }

    #[test]
    fn a_seat_that_never_played_frees_its_place_after_the_hold() {
        let hold = s(120);
        let mut places = Places::default();
        let (ana, ben, cy) = (SeatId(1), SeatId(2), SeatId(3));
        places.join(ana, v4(1));
        places.join(ben, v4(2));
        places.join(cy, v4(1));
        places.played(ben);
        places.left(ana, s(10));
        places.left(ben, s(10));
        assert_eq!(places.holding(s(60), hold), 3, "within the hold");
        assert!(places.expired(s(60), hold).is_empty());
        assert_eq!(places.holding(s(130), hold), 2, "ana left long ago");
        assert_eq!(places.holding_from(v4(1), s(60), hold), 2);
        assert_eq!(places.holding_from(v4(1), s(130), hold), 1, "only cy");
        assert!(places.seated_from(v4(2)) && !places.seated_from(v4(3)));
        assert_eq!(places.expired(s(130), hold), vec![ana]);
        // Coming back before being let go keeps the place.
        places.back(ana);
        assert!(places.expired(s(500), hold).is_empty());
        // A connected seat never expires; a played one never does either.
        places.left(ana, s(500));
        places.remove(ana);
        assert_eq!(places.holding(s(10_000), hold), 2);
        // A resumed night's seats keep their places while they have not come back.
        places.keep(SeatId(9));
        assert_eq!(places.holding(s(10_000), hold), 3);
        assert!(places.has_played(SeatId(9)) && !places.has_played(cy));
    }
}
