/**
 * Suppression comments through the checker: a warning of any family can be
 * silenced (syntax warnings included), a finding that makes xl refuse the
 * file cannot, and disable/enable blocks apply per rule code in file order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';

const codes = (text: string) => checkText(text).diagnostics.map((d) => d.code);

test('a syntax warning is silenced by a comment; an error that makes xl refuse the file is not', () => {
  assert.ok(codes('memory = 1\n-').includes('syntax-ignored-last-byte'));
  assert.ok(!codes('memory = 1\n# xlcfg-disable-next-line syntax-ignored-last-byte\n-').includes('syntax-ignored-last-byte'));
  assert.ok(codes('# xlcfg-disable-next-line\nmemory = "1\n').includes('syntax-unterminated-string'));
});

test('disable and enable blocks per rule code, the last one before a line deciding', () => {
  const text = ['bogus_a = 1', '# xlcfg-disable xen-key-unknown', 'bogus_b = 1', '# xlcfg-enable', 'bogus_c = 1', '# xlcfg-disable', 'bogus_d = 1', '# xlcfg-enable xen-key-unknown', 'bogus_e = 1 # xlcfg-disable-line xen-key-unknown', 'bogus_f = 1', ''].join('\n');
  const lines = checkText(text)
    .diagnostics.filter((d) => d.code === 'xen-key-unknown')
    .map((d) => text.slice(d.start, d.end));
  assert.deepEqual(lines, ['bogus_a', 'bogus_c', 'bogus_f']);
});
