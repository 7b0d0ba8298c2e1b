//! A real phone browser: Debian's headless Chromium through chromedriver (WebDriver, with
//! fantoccini), on loopback only.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::harness::screenshot_dir;

/// chromedriver on loopback, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free loopback port for chromedriver.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Asserts that the browser and its driver are installed.
pub fn assert_installed() {
    for tool in ["chromium", "chromedriver"] {
        assert!(
            Command::new("which")
                .arg(tool)
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success()),
            "{tool} is installed (scripts/test installs it: apt-get install chromium chromium-driver)"
        );
    }
}

/// A headless Chromium window of 360x740, its profile in `profile`, driven over WebDriver.
pub struct Browser {
    pub rt: tokio::runtime::Runtime,
    pub client: Client,
    _driver: Driver,
}

impl Browser {
    pub fn open(profile: &Path) -> Self {
        let port = free_port();
        let driver = Driver(
            Command::new("chromedriver")
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver runs"),
        );
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let client = rt.block_on(async {
            let mut caps = serde_json::Map::new();
            caps.insert(
                "goog:chromeOptions".to_string(),
                serde_json::json!({
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--window-size=360,740", "--hide-scrollbars",
                        format!("--user-data-dir={}", profile.display()),
                    ],
                }),
            );
            // Until chromedriver listens.
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                match ClientBuilder::new(connector)
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await
                {
                    Ok(client) => break client,
                    Err(_) if Instant::now() < deadline => {
                        // The polling interval while chromedriver starts.
                        tokio::time::sleep(Duration::from_millis(300)).await;
                    }
                    Err(e) => panic!("WebDriver session: {e}"),
                }
            }
        });
        Self {
            rt,
            client,
            _driver: driver,
        }
    }

    /// Saves the page as `name.png` among the screenshots.
    pub fn save(&self, name: &str) {
        let png = self
            .rt
            .block_on(self.client.screenshot())
            .expect("a page screenshot");
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    pub fn goto(&self, url: &str) {
        self.rt
            .block_on(self.client.goto(url))
            .expect("the page opens");
    }

    pub fn reload(&self) {
        self.rt.block_on(self.client.refresh()).unwrap();
    }

    pub fn close(self) {
        self.rt.block_on(self.client.close()).unwrap();
    }

    /// Types `text` into the field `#id` once it is there.
    pub fn type_into(&self, id: &str, text: &str) {
        self.rt.block_on(async {
            let field = self
                .client
                .wait()
                .for_element(Locator::Id(id))
                .await
                .unwrap();
            field.send_keys(text).await.unwrap();
        });
    }

    /// Whether the page's body says `attribute` = `value` now.
    pub fn body_is(&self, attribute: &str, value: &str) -> bool {
        self.body(attribute).as_deref() == Some(value)
    }

    /// The page's body's `attribute`, if the page has one.
    pub fn body(&self, attribute: &str) -> Option<String> {
        self.rt.block_on(async {
            let body = self.client.find(Locator::Css("body")).await.ok()?;
            body.attr(attribute).await.ok().flatten()
        })
    }

    /// Waits (up to a minute) until the page's body says `attribute` = `value`.
    pub fn wait_body(&self, attribute: &str, value: &str) {
        self.wait_page(&format!("{attribute}={value}"), |b| {
            b.body_is(attribute, value)
        });
    }

    /// Waits (up to a minute) for `ready` to hold on the page.
    pub fn wait_page(&self, what: &str, ready: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !ready(self) {
            assert!(
                Instant::now() < deadline,
                "the phone page never showed {what}"
            );
            // The polling interval.
            self.rt
                .block_on(async { tokio::time::sleep(Duration::from_millis(200)).await });
        }
    }

    /// Waits until the element `css` shows text that satisfies `ready`; returns it.
    pub fn wait_text(&self, css: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        self.wait_page(what, |b| b.try_text(css).is_some_and(|t| ready(&t)));
        self.text_of(css)
    }

    /// Question `index` (0-based) open on the phone for it to answer; returns its kind.
    pub fn wait_question(&self, index: usize) -> String {
        let index = index.to_string();
        self.wait_page(&format!("question {index} to answer"), |b| {
            b.body_is("data-question", &index)
                && b.body_is("data-phase", "question")
                && b.body_is("data-you", "choose")
        });
        self.body("data-kind").unwrap_or_default()
    }

    /// Makes the page's viewport `width` x `height` CSS pixels: a small phone in portrait.
    /// (Headless Chromium's window size counts some room outside the page.)
    pub fn viewport(&self, width: u32, height: u32) {
        let inner = || -> (u32, u32) {
            let size = self
                .rt
                .block_on(
                    self.client
                        .execute("return [window.innerWidth, window.innerHeight];", vec![]),
                )
                .unwrap();
            let side = |i: usize| size[i].as_u64().unwrap_or(0) as u32;
            (side(0), side(1))
        };
        self.rt
            .block_on(self.client.set_window_size(width, height))
            .unwrap();
        let (w, h) = inner();
        self.rt
            .block_on(self.client.set_window_size(
                width + width.saturating_sub(w),
                height + height.saturating_sub(h),
            ))
            .unwrap();
        assert_eq!(inner(), (width, height), "the phone's viewport");
    }

    /// Taps the element `css` on the page.
    pub fn tap(&self, css: &str) {
        self.rt.block_on(async {
            self.client
                .find(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("{css} on the page: {e}"))
                .click()
                .await
                .unwrap_or_else(|e| panic!("tap {css}: {e}"));
        });
    }

    /// The visible text of the element `css` on the page.
    pub fn text_of(&self, css: &str) -> String {
        self.try_text(css)
            .unwrap_or_else(|| panic!("{css} on the page"))
    }

    fn try_text(&self, css: &str) -> Option<String> {
        self.rt.block_on(async {
            self.client
                .find(Locator::Css(css))
                .await
                .ok()?
                .text()
                .await
                .ok()
        })
    }

    /// An attribute of the element `#id`.
    pub fn attr_of(&self, id: &str, attribute: &str) -> String {
        self.rt
            .block_on(async {
                self.client
                    .find(Locator::Id(id))
                    .await
                    .unwrap()
                    .attr(attribute)
                    .await
            })
            .unwrap()
            .unwrap_or_default()
    }

    /// Clicks the element `#id`.
    pub fn click_id(&self, id: &str) {
        self.rt.block_on(async {
            self.client
                .find(Locator::Id(id))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
        });
    }
}
