// Popup loader: starts the Rust/wasm engine and hands the page to it (src/ext/ui/popup.rs).
import init, { startPopup } from './pkg/askfirst.js';

await init({ module_or_path: new URL('./pkg/askfirst_bg.wasm', import.meta.url) });
await startPopup();
