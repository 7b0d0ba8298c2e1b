//! Accepting connections and serving HTTP: the `Host` and `Origin` checks, the page, and
//! the upgrade of `/ws` to a phone's WebSocket (bounded in number, like the plain
//! connections).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;

use super::sockets::session;
use super::{Hub, PAGE};
use crate::core::phone::{MAX_MESSAGE_BYTES, host_allowed, origin_allowed};

/// Holds one unit of a counter while alive.
struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Takes a unit of `counter` if it stays within `max`.
fn take_slot(counter: &AtomicUsize, max: usize) -> Option<Slot<'_>> {
    counter
        .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < max).then_some(n + 1)
        })
        .ok()
        .map(|_| Slot(counter))
}

pub(super) async fn accept(listener: tokio::net::TcpListener, hub: Arc<Hub>) {
    let router = Router::new()
        .route("/", get(page))
        .route("/ws", get(socket))
        .fallback(not_found)
        .with_state(hub.clone());
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: let it pass.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let hub = hub.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let Some(_slot) = take_slot(&hub.connections, hub.max_connections()) else {
                return; // too many: dropped
            };
            let _ = stream.set_nodelay(true);
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(hub.config.handshake)
                .max_buf_size(16 * 1024)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(router))
                .with_upgrades();
            let _ = connection.await;
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

async fn page(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    let Some(host) = checked_host(&hub, &headers).map(str::to_string) else {
        return unknown_host();
    };
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
         img-src data:; connect-src 'self' ws://{host}; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'"
    );
    let mut response = PAGE.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
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
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    response
}

async fn not_found(request: Request) -> Response {
    drop(request);
    (StatusCode::NOT_FOUND, "Not found\n").into_response()
}

async fn socket(
    State(hub): State<Arc<Hub>>,
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
    // Only a check: the session takes its slot once upgraded, so a failed upgrade never
    // holds one.
    if hub.sockets.load(Ordering::Acquire) >= hub.config.max_phones {
        return (StatusCode::SERVICE_UNAVAILABLE, "The party is full\n").into_response();
    }
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .max_write_buffer_size(256 * 1024)
        .on_upgrade(move |ws| async move {
            let Some(_slot) = take_slot(&hub.sockets, hub.config.max_phones) else {
                return;
            };
            session(ws, &hub).await;
        })
}
