// The icon set (issue 14 §4): the build rasterises extension/icons/*.svg into every size
// the manifest names; the toolbar icon follows the tab's state (active on an invitations
// page AskFirst reads, inactive elsewhere on LinkedIn, off where it stepped aside); our
// own pages have a favicon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch, fixture, DIST, ORIGIN, INVITATIONS, waitFor, badgeCount } from './harness.mjs';

/** Width and height from a PNG's IHDR chunk; throws when it is no PNG. */
function pngSize(file) {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('every icon the manifest names exists at its size, for the three states', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
  const named = { ...manifest.icons, ...Object.fromEntries(Object.entries(manifest.action.default_icon).map(([k, v]) => [`a${k}`, v])) };
  for (const [size, path] of Object.entries(named)) {
    const px = Number(size.replace('a', ''));
    assert.deepEqual(pngSize(join(DIST, path)), [px, px], path);
  }
  for (const state of ['active', 'inactive', 'off']) {
    assert.ok(existsSync(join('extension', 'icons', `${state}.svg`)), `${state}.svg is the source`);
    for (const px of [16, 32, 48, 128]) assert.deepEqual(pngSize(join(DIST, 'icons', `${state}-${px}.png`)), [px, px]);
  }
  // Not one colour: the 16 px active icon has the bubble and the white glyph.
  const a16 = readFileSync(join(DIST, 'icons', 'active-16.png'));
  const o16 = readFileSync(join(DIST, 'icons', 'off-16.png'));
  assert.notDeepEqual(a16, o16, 'off differs from active');
});

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

/** Records every setIcon call the background makes, by tab. */
async function spyOnIcons() {
  await h.sw.evaluate(() => {
    self.__icons = {};
    const real = chrome.action.setIcon.bind(chrome.action);
    chrome.action.setIcon = (details) => {
      self.__icons[details.tabId] = details.path;
      return real(details);
    };
  });
}

/** The last icon the background set for the tab at `url`. */
const iconOf = (url) => h.sw.evaluate(async (url) => {
  const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === url);
  return tab ? (self.__icons[tab.id] || null) : null;
}, url);

test('the toolbar icon follows the tab: active, inactive, off', async () => {
  await spyOnIcons();
  h.serve('/mynetwork/invitation-manager/received/', await fixture('linkedin/current-en.html'));
  const p = await h.open(INVITATIONS);
  await waitFor('a badge', async () => (await badgeCount(p)) > 0);
  const active = await waitFor('the active icon', async () => (await iconOf(INVITATIONS))?.['16'] === 'icons/active-16.png' && iconOf(INVITATIONS));
  assert.equal(active['32'], 'icons/active-32.png');
  // The path resolves to the rasterised file in the extension.
  const ok = await h.sw.evaluate(async () => (await fetch(chrome.runtime.getURL('icons/active-16.png'))).ok);
  assert.equal(ok, true);

  // LinkedIn routes to the feed without a reload: the tab's icon turns grey.
  const FEED = `${ORIGIN}/feed/`;
  await p.evaluate(() => history.pushState({}, '', '/feed/'));
  await waitFor('the inactive icon', async () => (await iconOf(FEED))?.['16'] === 'icons/inactive-16.png', 10000);
  // A tab opened on the feed keeps the manifest's default icon, the grey one.
  h.serve('/feed/', await fixture('linkedin/feed-unrelated.html'));
  const feed = await h.ctx.newPage();
  await feed.goto(`${FEED}?fresh=1`);
  await feed.waitForTimeout(1500);
  assert.equal(await iconOf(`${FEED}?fresh=1`), null, 'no per-tab icon: the default');

  h.serve('/mynetwork/invitation-manager/received/', `<!DOCTYPE html><html><body><main>
    <ul class="next-redesign"><li class="x-card"><span>Zoe Quinn wants to connect</span>
    <button aria-label="Accept Zoe Quinn’s invitation">Accept</button></li></ul></main></body></html>`);
  const broken = await h.open(INVITATIONS);
  await waitFor('the off icon', async () => (await iconOf(INVITATIONS))?.['16'] === 'icons/off-16.png', 10000);
  for (const x of [p, feed, broken]) await x.close();
});

test('popup and options pages have a favicon that loads', async () => {
  for (const page of ['popup.html', 'options.html']) {
    const p = await h.ctx.newPage();
    await p.goto(`chrome-extension://${h.extensionId}/${page}`);
    const icons = await p.$$eval('link[rel=icon]', (l) => l.map((x) => x.href));
    assert.ok(icons.length >= 1, page);
    for (const href of icons) {
      assert.equal(await p.evaluate(async (u) => (await fetch(u)).ok, href), true, href);
    }
    await p.close();
  }
});
