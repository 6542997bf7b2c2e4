// `./build.sh demo`: AskFirst at work on the bundled demo invitations page, served at
// LinkedIn's real URL with a LinkedIn-like CSP and no network, styled by a stylesheet
// written here to look like LinkedIn's invitation manager (tests/e2e/demo/
// linkedin-like.css; no LinkedIn asset). Prints what the extension did on each card and
// writes screenshots into dist/demo/ (each named in the output): the badges, the prompt,
// the popup over that tab, and the options page. Headed when a display exists (the
// browser then stays open until you close it), else headless.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, fixture, INVITATIONS, ROOT, promptState, badgeVerdicts } from './harness.mjs';

const headed = !!process.env.DISPLAY && process.env.ASKFIRST_DEMO_HEADLESS !== '1';
const OUT = join(ROOT, 'dist', 'demo');
const shots = [];
/** Saves a screenshot of `page` (or of `clip` in it) as dist/demo/<name>.png. */
async function shot(page, name, what, options = {}) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, ...options });
  shots.push([path, what]);
}

await mkdir(OUT, { recursive: true });
const h = await launch({ headless: !headed });
try {
  const settings = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/settings/demo-settings.json'), 'utf8'));
  await h.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
  const css = await readFile(join(ROOT, 'tests/e2e/demo/linkedin-like.css'), 'utf8');
  const page0 = (await fixture('linkedin/demo-invitations.html')).replace('</head>', `<style>${css}</style>\n</head>`);
  h.serve('/mynetwork/invitation-manager/received/', page0);
  const page = await h.open(INVITATIONS);
  await page.waitForFunction(() => document.querySelectorAll('[data-askfirst="badge"]').length > 0, null, { timeout: 15000 });
  await page.waitForTimeout(800);
  // What the extension did, card by card (the card's first line of text says who it is).
  const verdicts = await badgeVerdicts(page);
  const cards = await page.evaluate(() => [...document.querySelectorAll('[componentkey^="urn:li:invitation:"], li.invitation-card')]
    .map((c) => ({ who: c.innerText.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' — '),
      badged: !!c.querySelector('[data-askfirst="badge"]') })));
  let b = 0;
  console.log(`\nAskFirst on ${INVITATIONS} (demo page, ${cards.length} cards):\n`);
  for (const c of cards) {
    if (!c.badged) {
      console.log(`  · ${c.who.slice(0, 90)}\n      no badge (not a person invitation: left alone)`);
      continue;
    }
    const v = verdicts[b++];
    const label = v?.label;
    const guard = v && v.plan === 'accept' ? 'Accept passes' : 'first Accept click held → prompt';
    console.log(`  · ${c.who.slice(0, 90)}\n      badge: ${label}  [note=${v?.note} fit=${v?.fit} plan=${v?.plan}]  ${guard}`);
  }
  await shot(page, 'badges', 'the invitation manager with AskFirst\'s badges', { clip: { x: 0, y: 0, width: 1280, height: 900 } });

  // The popup over this tab: popup.html in a tab of its own behind the LinkedIn tab asks,
  // as the toolbar popup does, about the window's active tab (the LinkedIn one).
  const popup = await h.ctx.newPage();
  await popup.setViewportSize({ width: 380, height: 640 });
  await page.bringToFront();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await popup.waitForSelector('.status[data-state="active"]', { timeout: 10000 });
  await popup.waitForSelector('section.flagged li', { timeout: 10000 });
  await shot(popup, 'popup', 'the toolbar popup over the invitations tab', { fullPage: true });
  await popup.close();

  // The guard at work on the first flagged card: its Accept held, the prompt shown.
  const i = verdicts.findIndex((v) => v.plan !== 'accept');
  if (i >= 0) {
    const accept = await page.evaluateHandle((i) => {
      const card = [...document.querySelectorAll('[data-askfirst="badge"]')][i].parentElement;
      return [...card.querySelectorAll('button, a')].find((x) => /^accept/i.test(x.getAttribute('aria-label') || x.textContent.trim()));
    }, i);
    const el = accept.asElement();
    if (el) {
      await el.scrollIntoViewIfNeeded();
      const box = await el.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(400);
      const p = await promptState(page);
      if (p && p.dialog) console.log(`\nClicked Accept on a flagged card: prompt "${p.title}" with actions ${p.actions.join(', ')}`);
      await shot(page, 'prompt', 'Accept held on a flagged card: the prompt');
    }
  }

  const options = await h.ctx.newPage();
  await options.setViewportSize({ width: 1000, height: 1100 });
  await options.goto(`chrome-extension://${h.extensionId}/options.html`);
  await options.waitForSelector('form, main', { timeout: 10000 });
  await options.waitForTimeout(800);
  await shot(options, 'options', 'the options page (its first screen: your market and your offer, your replies)');
  await options.close();

  console.log('\nScreenshots:');
  for (const [path, what] of shots) console.log(`  ${path}  ${what}`);
  console.log(`Network requests made by the extension: ${h.extensionRequests().length}`);
  if (headed) {
    console.log('\nThe browser stays open: try the badges, Accept and the prompt. Close it to finish.');
    await new Promise((r) => h.ctx.on('close', r));
  }
} finally {
  await h.close().catch(() => {});
}
