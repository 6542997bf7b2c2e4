// Shared by the in-page benchmarks (inpage-bench.mjs, inpage-ab.mjs): the generated
// invitation pages, the main-world instrumentation and the content-script time read from a
// CPU profile.

// Cards in the current UI's markup (as in tests/fixtures/e2e/composer-page.html), with a mix
// of notes: none, stock, generic, reasoned.
const NOTES = [null, "I'd like to add you to my professional network on LinkedIn.", "Let's connect!",
  'We met at the SaaStr Europa conference in Barcelona; you asked me to send you our pipeline deck.'];
// `batch` > 0 makes other people (other names, profiles and invitations): cards the
// engine has never read.
export function cardHtml(i, batch = 0) {
  const name = batch ? `Person${i} Bench${batch}` : `Person${i} Bench`;
  const note = NOTES[i % NOTES.length];
  const slug = batch ? `person-${i}-bench-${batch}` : `person-${i}-bench`;
  return `<div role="listitem" componentkey="urn:li:invitation:8${String(batch).padStart(6, '0')}${String(i).padStart(12, '0')}">
  <div data-view-name="pending-invitation">
    <div><p><a href="https://www.linkedin.com/in/${slug}/"><strong>${name}</strong></a><span> is inviting you to connect</span></p>
      <p>${['Head of Sales', 'Founder', 'Recruiter', 'Designer'][i % 4]} at Company${i}</p></div>
    <div><button data-view-name="invitation-action" aria-label="Ignore an invitation to connect from ${name}" type="button"><span>Ignore</span></button>
      <button data-view-name="invitation-action" aria-label="Accept ${name}’s invitation" type="button"><span>Accept</span></button></div>
    ${note ? `<div><p dir="auto">${note}</p><button aria-label="Reply to Person${i}" type="button"><span>Reply to Person${i}</span></button></div>` : ''}
  </div>
</div>`;
}
export function page(n, batch = 0) {
  const cards = [];
  for (let i = 0; i < n; i++) cards.push(cardHtml(i, batch));
  // The list sits in LinkedIn's screen container, as on the real page
  // (tests/fixtures/linkedin/current-en.html): the content script observes that, not <main>.
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Invitations | LinkedIn</title></head>
<body><main><div role="main" data-sdui-screen="com.linkedin.sdui.flagshipnav.mynetwork.InvitationReceivedWithType">
<section><div role="list">${cards.join('\n')}</div></section></div></main></body></html>`;
}

// Main-world instrumentation, installed before any page script. `__bench.until(what, n)`
// resolves once n badges (or a prompt) are in: the bench waits on it through CDP (see
// `until` below), never through Playwright's waitForFunction, whose polling injects and
// runs Playwright's own script on the page's main thread (9–19 ms per load, measured by
// tracing) inside the very window being measured.
export function instrument() {
  const waiting = [];
  const settle = () => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      const [what, n, resolve] = waiting[i];
      if (window.__bench[what] >= n) { waiting.splice(i, 1); resolve(true); }
    }
  };
  window.__bench = {
    longtasks: [], lastBadge: 0, badges: 0, click: 0, prompt: 0,
    until: (what, n) => new Promise((resolve) => { waiting.push([what, n, resolve]); settle(); }),
  };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch (_) { /* no longtask support */ }
  // The time a badge went in is when this callback starts (right after the task or
  // microtask that inserted it), not after this callback's own walk over the records
  // (3–5 ms for 100 badges: wrappers for each record and node).
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && n.getAttribute('data-askfirst') === 'badge') { window.__bench.badges++; window.__bench.lastBadge = now; }
      if (n.nodeType === 1 && n.getAttribute('data-askfirst') === 'prompt') requestAnimationFrame(() => { window.__bench.prompt = performance.now(); settle(); });
    }
    settle();
  }).observe(document, { childList: true, subtree: true });
  addEventListener('click', (e) => { if (e.isTrusted) window.__bench.click = e.timeStamp; }, true);
}

// Waits in the page, through one CDP call, until `__bench[what] >= n` (see instrument()).
export async function until(cdp, what, n, timeoutMs = 60000) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `Promise.race([window.__bench.until(${JSON.stringify(what)}, ${Number(n)}), new Promise((r) => setTimeout(() => r(false), ${Number(timeoutMs)}))])`,
    awaitPromise: true, returnByValue: true,
  });
  if (exceptionDetails || result.value !== true) throw new Error(`bench: ${what} did not reach ${n} within ${timeoutMs} ms`);
}

// Main-thread time of samples with a content-script frame anywhere on their stack: the sum
// of their intervals. On this shared 2-core machine a sample's interval also holds any
// time the OS gave the thread's core to another process, so this reads high; the number
// of those samples times the sampling interval (`contentScriptSampleMs`) leaves that out
// but misses samples the profiler's own thread did not get to take. The truth lies
// between the two; the bench prints both.
export function contentScriptMs(profile) {
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const n = byId.get(id);
    const v = n.callFrame.url.startsWith('chrome-extension://') || (parent.has(id) && isOurs(parent.get(id)));
    ours.set(id, v);
    return v;
  };
  let us = 0;
  const self = new Map();
  profile.samples.forEach((id, i) => {
    if (!isOurs(id)) return;
    const d = profile.timeDeltas[i + 1] || 0;
    us += d;
    // Attribute to the nearest content-script frame (for the breakdown with PROFILE=1).
    let f = id;
    while (!byId.get(f).callFrame.url.startsWith('chrome-extension://')) f = parent.get(f);
    const n = byId.get(id).callFrame.functionName || '(anon)';
    const key = `${byId.get(f).callFrame.functionName || '(anon)'}:${byId.get(f).callFrame.lineNumber} > ${n}`;
    self.set(key, (self.get(key) || 0) + d);
  });
  if (process.env.PROFILE) console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `    ${(v / 1000).toFixed(2)} ms  ${k}`).join('\n'));
  return us / 1000;
}

export function contentScriptSampleMs(profile, intervalUs) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ours = (id) => {
    for (let f = id; f != null; f = parent.get(f)) if (byId.get(f).callFrame.url.startsWith('chrome-extension://')) return true;
    return false;
  };
  return (profile.samples.filter(ours).length * intervalUs) / 1000;
}

export const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
