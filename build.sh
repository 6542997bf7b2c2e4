#!/usr/bin/env bash
# AskFirst build script. Plain shell, echoes every step.
#
#   ./build.sh          build dist/chrome and dist/firefox (unpacked), and their zips
#                       dist/askfirst-chrome.zip, dist/askfirst-firefox.zip
#   ./build.sh test     install what is missing, build, run every test suite, one summary
#   ./build.sh demo     build, then open Chromium with AskFirst on the bundled demo page
#                       (styled like LinkedIn by tests/e2e/demo/linkedin-like.css); screenshots
#                       of the badges, the prompt, the popup and the options page in dist/demo/
#   ./build.sh bench    criterion benchmarks (native), the wasm benchmark (Node), the in-page one
#   ./build.sh setup    only install what is missing
#   ./build.sh train    retrain the note classifier's model (src/core/note/model.bin) from
#                       the committed fitting tables; same tables, same bytes
#
# Tools it installs when missing (idempotent, and it says so): the wasm32 target,
# wasm-bindgen-cli at the version pinned in Cargo.toml, the npm dev tools from
# package-lock.json (binaryen's wasm-opt, playwright-core, puppeteer-core, web-ext) and,
# when run as root, Debian's chromium, chromium-driver and firefox-esr (and, for the tests,
# libreoffice-calc-nogui).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
DIST="$ROOT/dist"
CHROME_DIR="$DIST/chrome"
FIREFOX_DIR="$DIST/firefox"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Keep cargo's output directory where cargo says it is (CARGO_TARGET_DIR is honoured).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

step() { printf '\n==> %s\n' "$*"; }
run() { printf '+ %s\n' "$*"; "$@"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n 1
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo is missing: install Rust with rustup (https://rustup.rs), then run again."
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target"
    run rustup target add wasm32-unknown-unknown
  fi
  local want have
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "cannot read the pinned wasm-bindgen version from Cargo.toml"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$want" ]; then
    step "installing wasm-bindgen-cli $want (found: ${have:-none}; takes ~5 minutes on 2 cores)"
    # --locked first, as the release was tested; if the registry no longer serves one of
    # its locked versions, let cargo pick compatible ones.
    run cargo install --locked wasm-bindgen-cli --version "$want" \
      || run cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  command -v node >/dev/null || die "node is missing: install Node.js 20+ and npm, then run again."
  if [ -L node_modules ] && [ -x node_modules/.bin/wasm-opt ]; then
    # A git worktree sharing another checkout's tools: `npm ci` would empty them there.
    return
  fi
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "installing npm dev tools from package-lock.json (binaryen, playwright-core, web-ext)"
    run npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian's chromium and chromium-driver"
    run apt-get update -qq
    DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq chromium chromium-driver
  else
    die "Chromium is missing. Install it, e.g.: sudo apt-get install chromium chromium-driver"
  fi
}

# LibreOffice Calc (headless) opens the CSV export in tests/spreadsheet.rs: a real
# spreadsheet engine is the proof that no exported cell is a formula (issue #13). ~45 s.
ensure_libreoffice() {
  if command -v soffice >/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian's libreoffice-calc-nogui (the CSV export test opens the file in it)"
    run apt-get update -qq
    DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui
  else
    die "LibreOffice is missing. Install it, e.g.: sudo apt-get install --no-install-recommends libreoffice-calc-nogui"
  fi
}

ensure_firefox() {
  if command -v firefox-esr >/dev/null || [ -n "${FIREFOX:-}" ]; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "installing Debian's firefox-esr (the Firefox suite drives it over WebDriver BiDi)"
    run apt-get update -qq
    DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq firefox-esr
  else
    die "Firefox ESR is missing. Install it, e.g.: sudo apt-get install firefox-esr (or set FIREFOX=/path/to/firefox)"
  fi
}

setup() {
  ensure_rust
  ensure_node
}

# Two wasm builds of the engine crate, each with only what its side runs: `worker` (the
# background: router, reader, ledger) and `pages` (the popup and options UI). The linker
# drops what the build's entry points never reach (issue #18: the pages' UI was ~1/3 of
# the one wasm the worker compiled at every start).
WASM_BUILDS=(worker pages)

build_wasm() {
  rm -rf "$CHROME_DIR/pkg"
  local which wasm="$TARGET_DIR/wasm32-unknown-unknown/wasm/askfirst.wasm"
  for which in "${WASM_BUILDS[@]}"; do
    step "building the engine for wasm: $which (profile wasm: release, tuned for size)"
    run cargo build --profile wasm --lib --target wasm32-unknown-unknown --no-default-features --features "$which"
    run wasm-bindgen --target web --no-typescript --out-name "$which" --out-dir "$CHROME_DIR/pkg" "$wasm"
    step "shrinking $which with wasm-opt -Oz (npm binaryen)"
    run node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$CHROME_DIR/pkg/${which}_bg.wasm" -o "$CHROME_DIR/pkg/${which}_bg.wasm"
  done
  wasm_sizes
}

# The wasm budget (issue #18), checked by `./build.sh test` (suite wasm-budget): a wasm
# that grows past it fails the run with its sizes. The issue's goal is every wasm
# <= 1,000,000 bytes raw and <= 400,000 gzip; the pages meet it, the worker does not yet
# (docs/performance.md says how far it got and why), so its budget is the size it reached
# (the note classifier's learned model included), rounded up to 1,750,000 / 725,000 (about
# 1.4 % over 1,726,337 / 714,438 on 2026-12-07) so that a small feature does not turn the
# run red while the diet is still to come. Raised once, to 1,780,000 / 735,000, when the
# hostile-page defences landed (issue #13: markup depth/work caps, ledger flood ceilings;
# the worker went to 1,774,058 / 732,329). Lowered to 1,750,000 / 725,000 when one shared
# sort replaced the engine's per-type copies of std's (worker 1,793,069 / 738,510 ->
# 1,739,859 / 721,816 on 2026-12-08). Raised to 1,780,000 / 735,000 for what the user
# sees (issue #14): the engine's decisions as catalogue codes worded in seven languages,
# settings errors written for people, and the popup's honest states (empty list, watching a
# conversation): worker 1,773,642 / 732,130. Lower it as the worker shrinks; do not raise
# it again without saying in the commit what the bytes buy.
WASM_GOAL_RAW=1000000
WASM_GOAL_GZIP=400000
wasm_budget_of() {
  case "$1" in
    worker_bg.wasm) echo "1780000 735000" ;;
    *) echo "$WASM_GOAL_RAW $WASM_GOAL_GZIP" ;;
  esac
}

wasm_budget() {
  local f name raw gz max_raw max_gz over=0 n=0
  for f in "$CHROME_DIR"/pkg/*.wasm; do
    [ -e "$f" ] || die "no wasm in $CHROME_DIR/pkg: run ./build.sh first"
    name=$(basename "$f")
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    read -r max_raw max_gz <<<"$(wasm_budget_of "$name")"
    n=$((n + 1))
    if [ "$raw" -gt "$max_raw" ] || [ "$gz" -gt "$max_gz" ]; then
      printf 'OVER BUDGET: %s is %d bytes raw (budget %d), %d bytes gzip (budget %d)\n' "$name" "$raw" "$max_raw" "$gz" "$max_gz"
      over=1
    else
      printf 'within budget: %s %d / %d bytes raw, %d / %d gzip (goal %d / %d)\n' "$name" "$raw" "$max_raw" "$gz" "$max_gz" "$WASM_GOAL_RAW" "$WASM_GOAL_GZIP"
    fi
  done
  [ "$n" -ge 2 ] || { echo "expected the worker's and the pages' wasm, found $n"; over=1; }
  [ "$over" -eq 0 ]
}

# Every wasm in the package, raw and gzip -9 (what a store download and the disk hold).
wasm_sizes() {
  local f raw gz
  for f in "$CHROME_DIR"/pkg/*.wasm; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    printf 'wasm size: %s %d bytes raw, %d bytes gzip\n' "$(basename "$f")" "$raw" "$gz"
  done
}

build_node_wasm() {
  # The same engine for Node: used by the wasm-vs-native parity test and the wasm bench.
  # Its bench and parity entry points are behind the feature `node`, out of the extension.
  step "building the engine for Node (wasm-vs-native parity, wasm bench)"
  run cargo build --profile wasm --lib --target wasm32-unknown-unknown --no-default-features --features node
  local wasm="$TARGET_DIR/wasm32-unknown-unknown/wasm/askfirst.wasm"
  rm -rf "$DIST/node"
  run wasm-bindgen --target nodejs --no-typescript --out-dir "$DIST/node" "$wasm"
}

build_content() {
  # The content script's modules (extension/content/, map in main.js) become the one
  # content.js the manifest lists: an IIFE (no modules, no dynamic import, nothing
  # web-accessible), not minified so that stack traces stay readable. Strict mode: the
  # modules are ES modules (extension/content/package.json), which esbuild keeps strict.
  step "bundling the content script (esbuild: extension/content/main.js -> content.js)"
  run node_modules/.bin/esbuild extension/content/main.js --bundle --format=iife \
    --target=chrome120,firefox142 --charset=utf8 --log-level=warning \
    '--banner:js=// AskFirst content script, bundled from extension/content/ (edit those).' \
    --outfile="$CHROME_DIR/content.js"
}

build_extension() {
  step "assembling dist/chrome"
  mkdir -p "$CHROME_DIR"
  # Copy the shell (JS, HTML, CSS, icons, _locales) but the content script's sources, and
  # the one manifest.
  local f
  for f in extension/*; do
    [ "$f" = extension/content ] || run cp -R "$f" "$CHROME_DIR/"
  done
  run cp manifest.json "$CHROME_DIR/manifest.json"
  build_content
  step "rasterising the icons (extension/icons/*.svg → PNG, @resvg/resvg-js)"
  run node scripts/icons.mjs "$CHROME_DIR"
  build_wasm
  step "packing dist/askfirst-chrome.zip"
  rm -f "$DIST/askfirst-chrome.zip"
  (cd "$CHROME_DIR" && run zip -qr -X "$DIST/askfirst-chrome.zip" .)
  ls -l "$DIST/askfirst-chrome.zip"
}

# The same files and the same wasm as dist/chrome; only the manifest differs (background
# as an event page: scripts/firefox-manifest.mjs says what changes and why).
build_firefox() {
  step "assembling dist/firefox (same files and wasm, Firefox manifest)"
  rm -rf "$FIREFOX_DIR"
  run cp -R "$CHROME_DIR" "$FIREFOX_DIR"
  run node scripts/firefox-manifest.mjs manifest.json "$FIREFOX_DIR/manifest.json"
  step "packing dist/askfirst-firefox.zip"
  rm -f "$DIST/askfirst-firefox.zip"
  (cd "$FIREFOX_DIR" && run zip -qr -X "$DIST/askfirst-firefox.zip" .)
  ls -l "$DIST/askfirst-firefox.zip"
}

build() {
  setup
  rm -rf "$CHROME_DIR"
  build_extension
  build_firefox
}

# --- tests -------------------------------------------------------------------------------
SUITES=()
RESULTS=()
PASSED=0
FAILED=0

# Runs one suite, records its status, and adds the counts its runner printed.
suite() {
  local name="$1"; shift
  step "test suite: $name"
  local log="$DIST/test-$name.log" status=0
  mkdir -p "$DIST"
  set +e
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  local p f
  # cargo: "test result: ok. 12 passed; 0 failed; …"; node:test: "# pass 12" / "# fail 0"
  # (`|| true`: grep finds nothing in the other runner's log, and pipefail + set -e would
  # end the whole run there.)
  p=$( (grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" || true) | awk '{s+=$4} END{print s+0}')
  f=$( (grep -Eo '; [0-9]+ failed' "$log" || true) | awk '{s+=$2} END{print s+0}')
  p=$((p + $( (grep -E '^# pass [0-9]+' "$log" || true) | awk '{s+=$3} END{print s+0}')))
  f=$((f + $( (grep -E '^# fail [0-9]+' "$log" || true) | awk '{s+=$3} END{print s+0}')))
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then FAILED=$((FAILED + 1)); fi
  SUITES+=("$name"); RESULTS+=("$([ "$status" -eq 0 ] && echo ok || echo FAILED) ($p passed, $f failed)")
}

test_all() {
  setup
  ensure_chromium
  ensure_libreoffice
  ensure_firefox
  build
  build_node_wasm
  # Formatting and clippy's warnings are errors: a reviewer would stop there first.
  # The content script's JSDoc types too (tsc, extension/content/tsconfig.json).
  suite lint bash -c 'cargo fmt --check && cargo clippy --all-targets --features cli -- -D warnings && node_modules/.bin/tsc --noEmit -p extension/content'
  suite js-unit node --test tests/js/
  suite wasm-budget wasm_budget
  suite native cargo test --features cli --all-targets --no-fail-fast
  suite wasm-parity node --test tests/wasm/
  # Popup/options rendering in headless Chromium (wasm-bindgen-test; .cargo/config.toml).
  suite wasm-browser cargo test --target wasm32-unknown-unknown --test web_ui
  # The Firefox build must be a valid Firefox add-on: 0 errors and 0 warnings.
  suite web-ext-lint node_modules/.bin/web-ext lint --source-dir "$FIREFOX_DIR" --output text --warnings-as-errors
  if [ -d tests/e2e ] && ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
    suite e2e node --test --test-concurrency=1 tests/e2e/
  fi
  # The same add-on in Firefox ESR over WebDriver BiDi (tests/firefox/harness.mjs).
  suite firefox node --test --test-concurrency=1 tests/firefox/
  step "summary"
  local i
  for i in "${!SUITES[@]}"; do printf '  %-14s %s\n' "${SUITES[$i]}" "${RESULTS[$i]}"; done
  printf 'tests: %d passed, %d failed\n' "$PASSED" "$FAILED"
  [ "$FAILED" -eq 0 ]
}

demo() {
  build
  ensure_chromium
  step "opening Chromium with AskFirst on the bundled demo page (${DISPLAY:+headed, }screenshots in dist/demo/)"
  run node tests/e2e/demo.mjs
}

bench() {
  setup
  build
  build_node_wasm
  step "native benchmarks (criterion)"
  run cargo bench --bench reader --bench engine
  step "wasm benchmark (Node)"
  run node benches/wasm-bench.mjs
  ensure_chromium
  step "in-page benchmark (Chromium, with and without the extension)"
  run node benches/inpage-bench.mjs
}

train() {
  step "training the note model from the fitting tables (labelled.tsv, fit-*.tsv)"
  run cargo run --release --example train_note_model
}

case "${1:-build}" in
  build) build ;;
  train) train ;;
  setup) setup; ensure_chromium; ensure_libreoffice; ensure_firefox ;;
  test) test_all ;;
  demo) demo ;;
  bench) bench ;;
  *) die "unknown command '$1' (try: build, test, demo, bench, train, setup)" ;;
esac
