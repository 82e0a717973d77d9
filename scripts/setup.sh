# Sourced by the other scripts: installs what the build and tests need,
# each step only when it is missing.

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target" >&2
  rustup target add wasm32-unknown-unknown
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$wasm_bindgen_version" ]; then
  echo "setup: installing wasm-bindgen-cli $wasm_bindgen_version (a few minutes)" >&2
  cargo install --quiet wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# wasm-snip turns the release wasm's formatting and panic-message code,
# which its panic handler never runs, into traps (scripts/build).
if ! command -v wasm-snip >/dev/null; then
  echo "setup: installing wasm-snip (half a minute)" >&2
  cargo install --quiet wasm-snip --version 0.4.0
fi

# The dev dependencies include the other runtimes the tests use: deno and
# bun ship their binaries in their npm packages; playwright-core drives
# Debian's Chromium and downloads no browser.
npm_tools=(wabt binaryen esbuild typescript playwright-core deno bun)
for tool in "${npm_tools[@]}"; do
  if [ ! -d "node_modules/$tool" ] || [ package.json -nt node_modules/.package-lock.json ]; then
    echo "setup: installing npm dependencies" >&2
    npm install --no-audit --no-fund --loglevel=error
    break
  fi
done

# Chromium and its driver, from Debian, for the browser tests (scripts/test
# sets HOSTHEAP_BROWSER=1; building and the examples do not need them).
if [ "${HOSTHEAP_BROWSER:-}" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  echo "setup: installing chromium and chromium-driver from Debian (a few minutes)" >&2
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
fi
