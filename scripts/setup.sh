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

if [ ! -d node_modules/wabt ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
