// Unit tests of the prompt's focus trap (extension/content/dom.js nextFocus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextFocus } from '../../extension/content/dom.js';

test('Tab goes round the prompt\'s controls, Shift+Tab back, and they undo each other', () => {
  for (let n = 1; n <= 8; n++) {
    for (let i = 0; i < n; i++) {
      const next = nextFocus(i, n, false);
      const prev = nextFocus(i, n, true);
      assert.ok(next >= 0 && next < n && prev >= 0 && prev < n);
      assert.equal(nextFocus(next, n, true), i);
      assert.equal(nextFocus(prev, n, false), i);
    }
    assert.equal(nextFocus(n - 1, n, false), 0);
    assert.equal(nextFocus(0, n, true), n - 1);
    // Focus on none of them (the dialog itself): Tab to the first, Shift+Tab to the last.
    assert.equal(nextFocus(-1, n, false), 0);
    assert.equal(nextFocus(-1, n, true), n - 1);
  }
});
