// The packaged add-on (dist/askfirst-firefox.zip, what a user loads from about:debugging)
// installs in Firefox ESR as it is, under the gecko id of the manifest: the other suites
// install the folder it is made from, so a zip packed wrong would pass them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ROOT, DIST } from './harness.mjs';

const ZIP = join(ROOT, 'dist', 'askfirst-firefox.zip');

test('dist/askfirst-firefox.zip installs in Firefox ESR under the manifest’s gecko id', async () => {
  assert.ok(existsSync(ZIP), `${ZIP} is missing: run ./build.sh first`);
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.json'), 'utf8'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  try {
    const id = await browser.installExtension(ZIP);
    assert.equal(id, manifest.browser_specific_settings.gecko.id);
  } finally {
    await browser.close();
  }
});
