// Options page loader: starts the Rust/wasm engine and hands the page to it
// (src/ext/ui/options.rs).
import init, { startOptions } from './pkg/askfirst.js';

await init({ module_or_path: new URL('./pkg/askfirst_bg.wasm', import.meta.url) });
await startOptions();
