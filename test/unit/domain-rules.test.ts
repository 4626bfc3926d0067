/**
 * The domain rules in the checker (check/domainRules.ts): each problem once
 * (device and channel events stay with their own rules), keys xl knows but
 * does not read for this file, nothing unread after xl stops, and the
 * findings of the whole config the user saw first (issue 17).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { parseXenVersion } from '../../server/src/model/xenVersion';

const xen = (v: string) => ({ xen: parseXenVersion(v)! });
const pv = (...lines: string[]) => `name = "vm1"\nkernel = "/boot/vmlinuz"\nmemory = 512\n${lines.join('\n')}\n`;
const codes = (text: string, v = '4.20') => checkText(text, xen(v)).diagnostics.map((d) => d.code);

test('a device problem is reported once, by the device rules, though the port reads the devices too', () => {
  const found = codes(pv('pci = [ "zz" ]'));
  assert.equal(found.filter((c) => c === 'pci-bad-bdf').length, 1, found.join(', '));
  const ch = codes(pv('channel = [ "name=a.b.0,connection=PTY" ]'));
  assert.equal(ch.filter((c) => c === 'channel-unknown-connection').length, 1, ch.join(', '));
});

test('setting-unread: a key xl knows but does not read for this guest type; not after xl stops', () => {
  const d = checkText(pv('acpi_s3 = 1', 'viridian = 1'), xen('4.20')).diagnostics.filter((x) => x.code === 'setting-unread');
  assert.deepEqual(d.map((x) => x.message), [
    "xl 4.20 does not read 'acpi_s3' for this PV guest: it has no effect here.",
    "xl 4.20 does not read 'viridian' for this PV guest: it has no effect here.",
  ]);
  assert.deepEqual(d[0].tags, ['unnecessary']);
  assert.deepEqual(codes('name = "vm1"\ntype = "hvm"\nacpi_s3 = 1\nviridian = 1\n').filter((c) => c === 'setting-unread'), []);
  // xl stops at on_crash: what comes after is not "unread", it is never reached.
  assert.deepEqual(codes(pv('on_crash = "x"', 'acpi_s3 = 1')).filter((c) => c === 'setting-unread'), []);
});

test('the first user reports of issue 17, as the target xl sees them', () => {
  assert.ok(codes(pv('on_crash = "restrat"')).includes('setting-invalid-value'));
  const tsc = checkText(pv('tsc_mode = ""'), xen('4.20')).diagnostics.find((x) => x.code === 'setting-invalid-value')!;
  assert.equal(tsc.effect, 'xl-refuses');
  assert.ok(codes(pv('vcpus = "two"')).includes('setting-not-a-number'));
  assert.ok(codes('kernel = "/boot/vmlinuz"\n').includes('setting-name-missing'));
  assert.ok(codes(pv('vcpus = 4', 'maxvcpus = 2')).includes('setting-conflict'));
  assert.ok(codes('name = "vm1"\n').includes('setting-required-missing'), 'a PV guest needs a kernel or a bootloader');
});

test('memory above maxmem: what libxl then builds, per guest type (xl says nothing)', () => {
  const d = (text: string) => checkText(text, xen('4.20')).diagnostics.find((x) => x.code === 'setting-memory-above-maxmem');
  const p = d(pv('maxmem = 256'))!;
  assert.match(p.message, /memory = 512 is above maxmem = 256: the guest starts with memory's 512 MiB, above the maximum/);
  assert.equal(p.effect, 'guest-misses');
  assert.equal(p.related?.[0].message, 'maxmem is set here');
  assert.match(d('name = "h"\ntype = "hvm"\nmemory = 2048\nmaxmem = 1024\n')!.message, /builds this HVM guest with maxmem's 1024 MiB/);
  assert.equal(d(pv('maxmem = 512')), undefined);
  assert.equal(d(pv()), undefined, 'maxmem defaults to memory');
});
