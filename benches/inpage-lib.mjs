// Shared by the in-page benchmarks (inpage-bench.mjs, inpage-ab.mjs): the generated
// invitation pages, the main-world instrumentation and the content-script time read from a
// CPU profile.

// Cards in the current UI's markup (as in tests/fixtures/e2e/composer-page.html), with a mix
// of notes: none, stock, generic, reasoned.
const NOTES = [null, "I'd like to add you to my professional network on LinkedIn.", "Let's connect!",
  'We met at the SaaStr Europa conference in Barcelona; you asked me to send you our pipeline deck.'];
export function cardHtml(i) {
  const name = `Person${i} Bench`;
  const note = NOTES[i % NOTES.length];
  return `<div role="listitem" componentkey="urn:li:invitation:8${String(i).padStart(18, '0')}">
  <div data-view-name="pending-invitation">
    <div><p><a href="https://www.linkedin.com/in/person-${i}-bench/"><strong>${name}</strong></a><span> is inviting you to connect</span></p>
      <p>${['Head of Sales', 'Founder', 'Recruiter', 'Designer'][i % 4]} at Company${i}</p></div>
    <div><button data-view-name="invitation-action" aria-label="Ignore an invitation to connect from ${name}" type="button"><span>Ignore</span></button>
      <button data-view-name="invitation-action" aria-label="Accept ${name}’s invitation" type="button"><span>Accept</span></button></div>
    ${note ? `<div><p dir="auto">${note}</p><button aria-label="Reply to Person${i}" type="button"><span>Reply to Person${i}</span></button></div>` : ''}
  </div>
</div>`;
}
export function page(n) {
  const cards = [];
  for (let i = 0; i < n; i++) cards.push(cardHtml(i));
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Invitations | LinkedIn</title></head>
<body><main><section data-view-name="invitation-manager-received"><div>${cards.join('\n')}</div></section></main></body></html>`;
}

// Main-world instrumentation, installed before any page script.
export function instrument() {
  window.__bench = { longtasks: [], lastBadge: 0, badges: 0, click: 0, prompt: 0 };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch (_) { /* no longtask support */ }
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.localName === 'askfirst-badge') { window.__bench.badges++; window.__bench.lastBadge = performance.now(); }
      if (n.localName === 'askfirst-prompt') requestAnimationFrame(() => { window.__bench.prompt = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('click', (e) => { if (e.isTrusted) window.__bench.click = e.timeStamp; }, true);
}

// Main-thread time of samples with a content-script frame anywhere on their stack.
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

export const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
