// The wabt package for the browser: its build is one classic script that
// defines a global `WabtModule` (the wasm is inside it), so this module
// loads that script once and exports the same init function as the package.

await new Promise((resolve, reject) => {
  const script = document.createElement('script');
  script.src = '/node_modules/wabt/index.js';
  script.onload = resolve;
  script.onerror = () => reject(new Error(`could not load ${script.src}`));
  document.head.append(script);
});

/** @type {() => Promise<object>} */
const init = globalThis.WabtModule;
export default init;
