// Popup loader: starts the Rust/wasm engine and hands the page to it (src/ext/ui/popup.rs).
// The pages' own wasm build (feature `pages`): the UI, without the worker's engine.
import init, { startPopup } from './pkg/pages.js';

await init({ module_or_path: new URL('./pkg/pages_bg.wasm', import.meta.url) });
await startPopup();
