// Unit tests of "does this link point to that profile" (extension/content/paths.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathForm, pointsTo } from '../../extension/content/paths.js';
import { rng } from './gen.mjs';

const PAGE = 'https://www.linkedin.com/mynetwork/invitation-manager/received/';

test('pathForm: decoded, lower-case, with one trailing slash', () => {
  assert.equal(pathForm('/in/Ana-Lima'), '/in/ana-lima/');
  assert.equal(pathForm('/in/ana-lima/'), '/in/ana-lima/');
  assert.equal(pathForm('/in/zo%C3%A9/'), '/in/zoé/');
  assert.equal(pathForm('/in/100%'), '/in/100%/'); // malformed escape: as written
});

test('a link points to the profile in any of the forms LinkedIn writes it', () => {
  const to = pointsTo('/in/zoé/', PAGE);
  for (const href of [
    '/in/zoé/', '/in/zo%C3%A9/', '/in/ZO%C3%89/', '/in/zoé', 'https://www.linkedin.com/in/zoé/?trk=x',
    '/in/zoé/overlay/contact-info/', '../../../in/zo%c3%a9',
  ]) assert.equal(to(href), true, href);
  for (const href of ['/in/zoe/', '/in/zoé-2/', '/in/', '/company/zoé/', '/in/zo/', null, 'http://[', '']) {
    assert.equal(to(href), false, String(href));
  }
});

test('a namesake\'s profile never matches (generated slugs)', () => {
  const r = rng(13);
  const letters = 'abcdeéøßжz0123-';
  const slug = () => Array.from({ length: r.int(1, 12) }, () => r.pick([...letters])).join('');
  for (let i = 0; i < 1000; i++) {
    const a = slug();
    const b = slug();
    const to = pointsTo(`/in/${a}/`, PAGE);
    // Raw, percent-encoded and upper-cased forms of the same slug all match it.
    assert.equal(to(`/in/${a}/`), true, a);
    assert.equal(to(`/in/${encodeURIComponent(a)}`), true, a);
    assert.equal(to(`/in/${encodeURIComponent(a).toUpperCase()}/`), true, a);
    // Another slug matches only when it is the same profile.
    const same = a.toLowerCase() === b.toLowerCase();
    assert.equal(to(`/in/${b}/`), same, `${a} vs ${b}`);
  }
});
