//! Who may reach the game from the network, and where: room codes, seat tokens, the
//! `Host` and `Origin` checks, the message rate limit, and the LAN address phones open.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

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
    /// A full bucket at `now`: `burst` messages at once, then `per_second` a second.
    pub fn new(burst: u32, per_second: u32, now: Duration) -> Self {
        Self {
            burst: f64::from(burst),
            per_second: f64::from(per_second),
            tokens: f64::from(burst),
            last: now,
        }
    }

    /// A full bucket at `now`: `burst` at once, then one more every `period` (for slow
    /// rates such as joins; a zero period never refills).
    pub fn every(burst: u32, period: Duration, now: Duration) -> Self {
        let per_second = if period.is_zero() {
            0.0
        } else {
            1.0 / period.as_secs_f64()
        };
        Self {
            burst: f64::from(burst),
            per_second,
            tokens: f64::from(burst),
            last: now,
        }
    }

    /// Whether the bucket would be full at `now` (nothing of it is in use: it may be
    /// forgotten).
    pub fn is_full(&self, now: Duration) -> bool {
        let gained = now.saturating_sub(self.last).as_secs_f64() * self.per_second;
        self.tokens + gained >= self.burst
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
    use std::net::{Ipv4Addr, Ipv6Addr};

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
