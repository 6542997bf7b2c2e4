// The Firefox manifest, from the one manifest.json: Firefox runs the background as an event
// page (`background.scripts`); it does not support `service_worker` (web-ext lint warns on
// it), so that key goes. Everything else is kept as written, including
// `browser_specific_settings.gecko` (id, strict_min_version, data_collection_permissions),
// which this script checks is there: without an id, storage would not survive a reinstall.
//
//   node scripts/firefox-manifest.mjs manifest.json dist/firefox/manifest.json
import { readFileSync, writeFileSync } from 'node:fs';

const [src, out] = process.argv.slice(2);
if (!src || !out) throw new Error('usage: firefox-manifest.mjs MANIFEST.json OUT.json');
const manifest = JSON.parse(readFileSync(src, 'utf8'));
const fail = (why) => {
  process.stderr.write(`firefox-manifest: ${src}: ${why}\n`);
  process.exit(1);
};

const bg = manifest.background || {};
if (!Array.isArray(bg.scripts) || bg.scripts.length === 0) fail('background.scripts is missing (Firefox needs it)');
delete bg.service_worker;
manifest.background = bg;

const gecko = manifest.browser_specific_settings?.gecko;
if (!gecko?.id) fail('browser_specific_settings.gecko.id is missing');
if (!gecko.strict_min_version) fail('browser_specific_settings.gecko.strict_min_version is missing');
if (!gecko.data_collection_permissions) fail('browser_specific_settings.gecko.data_collection_permissions is missing');
// Chrome-only keys Firefox would ignore.
delete manifest.minimum_chrome_version;

writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
