//! Accepting connections and serving HTTP: each address's share of connections, the
//! `Host` and `Origin` checks, the page with its script and style, the picture the TV
//! shows (when the host shows pictures on phones), and the upgrade of
//! `/ws` to a phone's WebSocket (counted against the pool of sockets that have not said
//! who they are yet, per address and in all).

use std::io;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Extension, Path, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tower::ServiceExt;

use super::hub::{Hub, Pool, Share};
use super::sockets::session;
use super::{PAGE, SCRIPT, STYLE};
use crate::core::phone::{MAX_MESSAGE_BYTES, host_allowed, origin_allowed};

/// The address a request came from, and its connection's place in the pool: a WebSocket
/// upgrade takes that place over (the connection becomes the socket), so one phone's
/// socket counts once against its address's share, not twice.
#[derive(Clone)]
struct Peer {
    ip: IpAddr,
    share: Arc<Mutex<Option<Share>>>,
}

/// Holds one open WebSocket in the count while alive.
struct Open<'a>(&'a AtomicUsize);

impl<'a> Open<'a> {
    fn new(counter: &'a AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::AcqRel);
        Self(counter)
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Whether an accept error is passing (the next accept may work). accept(2) passes on a
/// connection's own errors (aborted, reset, a network or protocol error, a firewall's
/// EPERM) and on the process running out of files or memory for a moment: only a listener
/// that is no longer one (a bad or wrong descriptor, a bad argument) ends the loop.
fn passing(e: &io::Error) -> bool {
    // EBADF, EFAULT, EINVAL, ENOTSOCK (Linux numbers; elsewhere every error passes).
    !(cfg!(target_os = "linux") && matches!(e.raw_os_error(), Some(9 | 14 | 22 | 88)))
}

/// Accepts connections until the listener fails for good (the error says why).
pub(super) async fn accept(listener: tokio::net::TcpListener, hub: Arc<Hub>) -> Result<(), String> {
    let router = Router::new()
        .route("/", get(page))
        .route("/page.js", get(script))
        .route("/page.css", get(style))
        .route("/picture/{key}", get(picture))
        .route("/ws", get(socket))
        .fallback(not_found)
        .with_state(hub.clone());
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) if passing(&e) => {
                // Out of file descriptors and the like: let it pass.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(format!("it could not accept connections: {e}")),
        };
        let ip = peer.ip();
        // Over its address's share (or the pool is full): dropped unanswered.
        let Some(share) = Hub::take(&hub, Pool::Connections, ip) else {
            continue;
        };
        let hub = hub.clone();
        let share = Arc::new(Mutex::new(Some(share)));
        let peer = Peer {
            ip,
            share: share.clone(),
        };
        let service = router.clone().map_request(move |mut request: Request<_>| {
            request.extensions_mut().insert(peer.clone());
            request
        });
        tokio::spawn(async move {
            // Given back when the connection ends, unless an upgrade took it over.
            let _share = share;
            let _ = stream.set_nodelay(true);
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(hub.config.handshake)
                .max_buf_size(16 * 1024)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .with_upgrades();
            // A page load takes well under a second; an idle keep-alive, a client that
            // never reads its responses, or one that dribbles requests ends here.
            let _ = tokio::time::timeout(hub.config.http_lifetime, connection).await;
        });
    }
}

fn host_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST)?.to_str().ok()
}

/// The request's `Host`, if it names this game.
fn checked_host<'a>(hub: &Hub, headers: &'a HeaderMap) -> Option<&'a str> {
    host_of(headers).filter(|host| host_allowed(host, &hub.config.names))
}

fn unknown_host() -> Response {
    (StatusCode::MISDIRECTED_REQUEST, "Unknown host\n").into_response()
}

/// Headers every file we serve carries.
fn harden(response: &mut Response, content_type: &'static str) {
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

async fn page(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    let Some(host) = checked_host(&hub, &headers).map(str::to_string) else {
        return unknown_host();
    };
    // No inline script or style at all: the page's own files, from this very host.
    let csp = format!(
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; \
         connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'"
    );
    let mut response = PAGE.into_response();
    harden(&mut response, "text/html; charset=utf-8");
    if let Ok(v) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
    response
}

/// One of the page's own files, for a request that names this game.
fn own_file(hub: &Hub, headers: &HeaderMap, body: &'static str, kind: &'static str) -> Response {
    if checked_host(hub, headers).is_none() {
        return unknown_host();
    }
    let mut response = body.into_response();
    harden(&mut response, kind);
    response
}

async fn script(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    own_file(&hub, &headers, SCRIPT, "text/javascript; charset=utf-8")
}

async fn style(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    own_file(&hub, &headers, STYLE, "text/css; charset=utf-8")
}

/// The picture the TV shows, for a request that names this game and carries its key: the
/// key changes with every picture, so an old address stops working once the TV moves on.
/// No seat token is asked for: anyone in the room sees the TV. Loads are limited per
/// address; the connection itself took its address's share like every other.
async fn picture(
    State(hub): State<Arc<Hub>>,
    Extension(peer): Extension<Peer>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    if checked_host(&hub, &headers).is_none() {
        return unknown_host();
    }
    let allowed = hub
        .picture_loads
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .allow(peer.ip, hub.now());
    if !allowed {
        let mut busy = (
            StatusCode::TOO_MANY_REQUESTS,
            "Too many pictures from this address: try again in a moment\n",
        )
            .into_response();
        busy.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
        return busy;
    }
    let Some(shown) = hub.picture(&key) else {
        return (StatusCode::NOT_FOUND, "Not found\n").into_response();
    };
    let mut response = Body::from(Bytes::from_owner(shown.bytes)).into_response();
    harden(&mut response, shown.mime);
    let h = response.headers_mut();
    // Kept by this phone's browser while its question lasts (a reload, the same picture at
    // the reveal), never by a shared cache.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=600"),
    );
    // Only this game's own page may show it, and opened by itself it runs nothing.
    h.insert(
        HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    response
}

async fn not_found(request: Request) -> Response {
    drop(request);
    (StatusCode::NOT_FOUND, "Not found\n").into_response()
}

async fn socket(
    State(hub): State<Arc<Hub>>,
    Extension(peer): Extension<Peer>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(host) = checked_host(&hub, &headers) else {
        return unknown_host();
    };
    let origin = headers
        .get(header::ORIGIN)
        .map(|o| o.to_str().unwrap_or(""));
    if !origin_allowed(origin, host, &hub.config.names) {
        return (StatusCode::FORBIDDEN, "Foreign origin\n").into_response();
    }
    // Until it says who it is, a WebSocket counts against a small pool of its own (per
    // address and in all); once seated it holds its seat's one connection.
    let busy = || {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many connections from this address: try again in a moment\n",
        )
            .into_response()
    };
    let ip = peer.ip;
    let Some(pending) = Hub::take(&hub, Pool::Pending, ip) else {
        return busy();
    };
    // The connection's own place becomes the socket's.
    let taken = peer
        .share
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    let Some(connection) = taken.or_else(|| Hub::take(&hub, Pool::Connections, ip)) else {
        return busy();
    };
    // A phone's messages are at most 1 KiB and its views a few: small buffers (the
    // defaults are 128 KiB each way, which made a phone cost over 130 KiB), every message
    // written at once, and at most 64 KiB queued for a phone that stopped reading.
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_write_buffer_size(64 * 1024)
        .on_upgrade(move |ws| async move {
            let _open = Open::new(&hub.sockets);
            session(ws, &hub, ip, pending).await;
            drop(connection);
        })
}
