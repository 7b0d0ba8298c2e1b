# Shared by scripts/play and scripts/test: find or install what the game needs to build.
# shellcheck shell=bash

die() {
    echo "error: $*" >&2
    exit 1
}

# Installs the Debian packages named that are not installed yet, or says exactly why it cannot.
ensure_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them: install them by hand."
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "missing packages ${missing[*]}: run 'apt-get install ${missing[*]}' as root."
        sudo=(sudo)
    fi
    echo "Installing missing packages: ${missing[*]}" >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || die "apt-get update failed: cannot install ${missing[*]}."
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}."
}

ensure_rust() {
    command -v cargo >/dev/null || die "cargo not found: install Rust 1.95 or newer with rustup (https://rustup.rs), then run this again."
}

# Build packages: ALSA and udev headers for audio and gamepads, pkg-config to find them.
BUILD_PACKAGES=(libasound2-dev libudev-dev pkg-config)
# Real-window tests: a virtual X server, software Vulkan, key events and screenshots.
WINDOW_TEST_PACKAGES=(xvfb mesa-vulkan-drivers xdotool imagemagick)
# Phone page test: Debian's Chromium, driven headless through WebDriver on loopback.
BROWSER_TEST_PACKAGES=(chromium chromium-driver)

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/defiant-trivia-target}"
