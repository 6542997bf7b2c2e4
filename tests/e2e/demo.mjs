// `./build.sh demo`: AskFirst at work on the bundled demo invitations page, served at
// LinkedIn's real URL with a LinkedIn-like CSP and no network. Headed when a display
// exists (the browser stays open until you close it), else headless: saves dist/demo.png
// (a held Accept with its prompt) and prints what the extension did on each card.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, fixture, INVITATIONS, ROOT, trustedClick, inBadge, badgeVerdicts, badgeCount, promptState, BADGE } from './harness.mjs';

const headed = !!process.env.DISPLAY && process.env.ASKFIRST_DEMO_HEADLESS !== '1';
const h = await launch({ headless: !headed });
try {
  const settings = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/settings/demo-settings.json'), 'utf8'));
  await h.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
  h.serve('/mynetwork/invitation-manager/received/', await fixture('linkedin/demo-invitations.html'));
  const page = await h.open(INVITATIONS);
  for (let i = 0; i < 300 && !(await badgeCount(page)); i++) await page.waitForTimeout(50);
  await page.waitForTimeout(500);
  // What the extension did, card by card (the card's first line of text says who it is).
  const cards = await page.evaluate((sel) => [...document.querySelectorAll('[componentkey^="urn:li:invitation:"], li.invitation-card')]
    .map((c) => ({ who: c.innerText.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' — '), badge: !!c.querySelector(sel) })), BADGE);
  // The verdicts are inside the badges' closed roots (read through CDP), in page order.
  const verdicts = await badgeVerdicts(page);
  let b = 0;
  console.log(`\nAskFirst on ${INVITATIONS} (demo page, ${cards.length} cards):\n`);
  for (const c of cards) {
    if (!c.badge) {
      console.log(`  · ${c.who.slice(0, 90)}\n      no badge (not a person invitation: left alone)`);
      continue;
    }
    const label = await inBadge(page, function () { return this.querySelector('.p').textContent; }, null, b);
    c.badge = verdicts[b++];
    const guard = c.badge.plan === 'accept' ? 'Accept passes' : 'first Accept click held → prompt';
    console.log(`  · ${c.who.slice(0, 90)}\n      badge: ${label}  [note=${c.badge.note} fit=${c.badge.fit} plan=${c.badge.plan}]  ${guard}`);
  }
  // Show the guard at work on the first flagged card.
  const i = cards.filter((c) => c.badge).findIndex((c) => c.badge.plan !== 'accept');
  if (i >= 0) {
    const accept = await page.evaluateHandle((i) => {
      const card = [...document.querySelectorAll('[data-askfirst="badge"]')][i].parentElement;
      return [...card.querySelectorAll('button, a')].find((x) => /^accept/i.test(x.getAttribute('aria-label') || x.textContent.trim()));
    }, i);
    const box = accept.asElement() && (await accept.asElement().boundingBox());
    if (box) {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const p = await promptState(page);
      if (p) console.log(`\nClicked Accept on a flagged card: prompt "${p.title}" with actions ${p.actions.join(', ')}`);
    }
  }
  const shot = join(ROOT, 'dist', 'demo.png');
  await page.screenshot({ path: shot, fullPage: false });
  console.log(`\nScreenshot: ${shot}`);
  console.log(`Network requests made by the extension: ${h.extensionRequests().length}`);
  if (headed) {
    console.log('\nThe browser stays open: try the badges, Accept and the prompt. Close it to finish.');
    await new Promise((r) => h.ctx.on('close', r));
  }
} finally {
  await h.close().catch(() => {});
}
