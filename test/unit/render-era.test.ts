/**
 * Every version boundary in render/era.ts, tested on both sides, through the
 * era functions and through the rendered output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as era from '../../server/src/render/era';
import { argvLines, argvText, codes, exampleA, exampleD, noChannels, render, tree, xen } from './render-fixtures';
import type { PreviewResult } from '../../server/src/render/types';

/** Asserts `check` is false for every `before` version and true for every `after` version. */
function boundary(name: string, check: (r: string) => boolean, before: string[], after: string[]): void {
  test(`boundary: ${name} (${before.join(', ')} | ${after.join(', ')})`, () => {
    for (const v of before) assert.equal(check(v), false, `${name}: expected false for ${v}`);
    for (const v of after) assert.equal(check(v), true, `${name}: expected true for ${v}`);
  });
}

const hasKey = (r: PreviewResult, path: string) => r.xenstore.some((e) => e.path === path);

// --- seed | 4.5.0: dialect, key set, qemu start rule --------------------------------
boundary('upstream key set (no backend `domain` key)', (v) => era.channelKeySet(xen(v)) === 'upstream', ['seed-2014'], ['4.5.0', '4.21']);
boundary('backend `domain` key', (v) => hasKey(render(exampleA(), v, { devidPolicy: 'explicit' }), '/local/domain/0/backend/console/7/0/domain'), ['4.5.0', '4.21'], ['seed']);
boundary('any channel starts qemu (remote backend)', (v) => {
  const d = exampleA();
  for (const c of d.channels) c.backend = '5';
  return render(d, v).qemu.runs;
}, ['4.5.0', '4.21'], ['seed']);
boundary('pty channel output is `pty` (not chardev:)', (v) =>
  tree(render(exampleA(), v, { devidPolicy: 'explicit' }))['/local/domain/7/device/console/2'].nodes.includes('output=pty (n0,r7)'),
  ['seed'], ['4.5.0', '4.21']);
boundary('"Primary console" check exists', (v) => era.refusesNamedPrimaryConsole(xen(v)), ['seed'], ['4.5.0']);

// --- 4.5.0 | 4.5.1: -vnc none -display none ---------------------------------------
boundary('-display none', (v) => argvLines(render(exampleA(), v)).includes('-display'), ['seed', '4.5.0'], ['4.5.1', '4.5.3', '4.6.0']);
test('argv template names', () => {
  const t = (v: string) => era.argvTemplate(xen(v));
  assert.equal(t('seed'), 'seed/4.5.0');
  assert.equal(t('4.5.0'), 'seed/4.5.0');
  assert.equal(t('4.5.1'), '4.5.1-4.5.x');
  assert.equal(t('4.5.5'), '4.5.1-4.5.x');
  assert.equal(t('4.6.0'), '4.6');
  assert.equal(t('4.6.6'), '4.6');
  assert.equal(t('4.7.0'), '4.7-4.13');
  assert.equal(t('4.13.5'), '4.7-4.13');
  assert.equal(t('4.14.0'), '4.14-4.15.0');
  assert.equal(t('4.14.6'), '4.14-4.15.0');
  assert.equal(t('4.15.0'), '4.14-4.15.0');
  assert.equal(t('4.15.1'), '4.15.1+');
  assert.equal(t('4.16'), '4.15.1+');
  assert.equal(t('4.21'), '4.15.1+');
});

// --- 4.5.3 | 4.5.4 and 4.6.1 | 4.6.3: XSA-178/180 backports -------------------------------
const copyAndName = (v: string) => {
  const r = render(exampleA(), v);
  const t = tree(r);
  const name = t['/local/domain/0/backend/console/7/1'].nodes.includes('name=org.example.cfg.0 (n0,r7)');
  const copy = '/libxl/7/device/console/1' in t;
  assert.equal(name, copy, `${v}: name key and /libxl copy come together`);
  return copy;
};
const limitEnv = (v: string) => render(exampleA(), v).qemu.env.XEN_QEMU_CONSOLE_LIMIT === '1048576';
boundary('/libxl copy + backend name (4.5 branch)', copyAndName, ['4.5.0', '4.5.3'], ['4.5.4', '4.5.5']);
boundary('/libxl copy + backend name (4.6 branch)', copyAndName, ['4.6.0', '4.6.1'], ['4.6.3', '4.6.6']);
boundary('/libxl copy + backend name (4.6 | 4.7)', copyAndName, ['4.6.1', 'seed'], ['4.6', '4.7', '4.7.0', '4.21']);
boundary('XEN_QEMU_CONSOLE_LIMIT (4.5 branch)', limitEnv, ['4.5.0', '4.5.3'], ['4.5.4', '4.5.5']);
boundary('XEN_QEMU_CONSOLE_LIMIT (4.6 branch)', limitEnv, ['4.6.0', '4.6.1'], ['4.6.3']);
boundary('XEN_QEMU_CONSOLE_LIMIT (4.6 | 4.7)', limitEnv, ['4.6.0', 'seed'], ['4.6', '4.7.0']);

// --- 4.5 | 4.6: -no-shutdown, libxenstat monitor ----------------------------------------
boundary('-no-shutdown', (v) => argvLines(render(exampleA(), v)).includes('-no-shutdown'), ['seed', '4.5.0', '4.5.5'], ['4.6.0', '4.6', '4.21']);
boundary('libxenstat QMP monitor', (v) => argvText(render(exampleA(), v)).includes('id=libxenstat-cmd'), ['seed', '4.5.5'], ['4.6.0', '4.21']);

// --- 4.6 | 4.7: -no-user-config -------------------------------------------------------------
boundary('-no-user-config', (v) => argvLines(render(exampleA(), v)).includes('-no-user-config'), ['4.6.0', '4.6.6'], ['4.7.0', '4.21']);
test('4.6.x and 4.7.x PV argv forms', () => {
  assert.equal(
    argvText(render(exampleA(), '4.6.0')),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait -no-shutdown' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel1' +
      ' -nodefaults -xen-attach -name pvguest -vnc none -display none -nographic -machine xenpv -m 512',
  );
  assert.equal(
    argvText(render(exampleA(), '4.7.0')),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait -no-shutdown' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel1' +
      ' -nodefaults -no-user-config -xen-attach -name pvguest -vnc none -display none -nographic -machine xenpv -m 512',
  );
});

// --- 4.9 | 4.10: PVH --------------------------------------------------------------------------
boundary('type="pvh" is PVH', (v) => {
  const r = render(exampleA('pvh'), v);
  return !codes(r).includes('pvh-before-4.10');
}, ['seed', '4.5.0', '4.9.4', '4.9'], ['4.10.0', '4.21']);
test('PVH before 4.10 renders as PV (with -xen-attach) and says so', () => {
  const pvh = render(exampleA('pvh'), '4.9.0');
  const pv = render(exampleA('pv'), '4.9.0');
  assert.deepEqual(argvLines(pvh), argvLines(pv));
  assert.equal(pvh.notes[0].code, 'pvh-before-4.10');
});

// --- 4.10.0 | 4.10.1 | 4.11: PVH -xen-attach, devids -----------------------------------------------------
// 4.10.1 has the backport (6f1979c8e4) of 4.11's change: the boundary is inside the 4.10 branch.
boundary('PVH gets -xen-attach', (v) => argvLines(render(exampleA('pvh'), v)).includes('-xen-attach'), ['4.10.0'], ['4.10.1', '4.10.4', '4.10', '4.11.0', '4.21']);
boundary('libxl takes the console devid from the channel devid', (v) => era.libxlConsoleDevidFromChannel(xen(v)), ['seed', '4.10.4'], ['4.11.0']);
boundary('xl: first channel collides with console 0', (v) => !render(exampleA(), v).channels[0].published, ['seed', '4.5.0', '4.10.0', '4.10.4'], ['4.11.0', '4.11.4']);
boundary('devid unset: duplicate libxl-channel-1', (v) => codes(render(exampleA(), v, { devidPolicy: 'unset' })).includes('duplicate-chardev-id'), ['4.11.0', '4.17', '4.21'], ['seed', '4.5.0', '4.10.4']);
test('4.10 vs 4.11 with xl: chardev ids are the index on both sides; console numbers differ', () => {
  const r410 = render(exampleA(), '4.10.4');
  const r411 = render(exampleA(), '4.11.0');
  assert.deepEqual(r410.channels.map((c) => [c.chardevId, c.consoleDevid]), [['libxl-channel0', 1], ['libxl-channel1', 2]]);
  assert.deepEqual(r411.channels.map((c) => [c.chardevId, c.consoleDevid ?? null]), [['libxl-channel0', null], ['libxl-channel1', 1]]);
  assert.ok(tree(r410)['/local/domain/7/device/console/1'].nodes.includes('output=chardev:libxl-channel0 (n0,r7)'));
  // unset devids: -1 before 4.11, index + 1 from 4.11
  assert.deepEqual(render(exampleA(), '4.10.4', { devidPolicy: 'unset' }).channels.map((c) => c.chardevId), ['libxl-channel-1', 'libxl-channel-1']);
  assert.deepEqual(render(exampleA(), '4.11.0', { devidPolicy: 'unset' }).channels.map((c) => c.chardevId), ['libxl-channel1', 'libxl-channel2']);
});

// --- 4.13 | 4.14: -no-shutdown moves ----------------------------------------------------------
boundary('-no-shutdown right after -xen-domid D', (v) => argvLines(render(exampleA(), v))[3] === '-no-shutdown', ['4.6.0', '4.13.0', '4.13.5'], ['4.14.0', '4.21']);

// --- 4.14 | 4.15.0: suppress-vmdesc, XEN_DOMAIN_ID (HVM) --------------------------------------
boundary('xenfv,suppress-vmdesc=on', (v) => argvLines(render(exampleD(), v)).includes('xenfv,suppress-vmdesc=on'), ['4.5.0', '4.14.0', '4.14.6'], ['4.15.0', '4.21']);
boundary('XEN_DOMAIN_ID (HVM)', (v) => render(exampleD(), v).qemu.env.XEN_DOMAIN_ID === '7', ['4.14.6'], ['4.15.0', '4.21']);
test('XEN_DOMAIN_ID is HVM only', () => {
  assert.equal(render(exampleA(), '4.21').qemu.env.XEN_DOMAIN_ID, undefined);
});

// --- 4.15.0 | 4.15.1 and 4.15 | 4.16: server=on,wait=off ----------------------------------------
const serverOn = (v: string) => {
  const r = render(exampleA(), v, { devidPolicy: 'explicit' });
  const sockets = argvLines(r).filter((a) => a.startsWith('socket,'));
  assert.ok(sockets.length >= 2, `${v}: QMP and channel sockets`);
  const on = sockets.map((s) => s.endsWith(',server=on,wait=off'));
  assert.ok(on.every((x) => x === on[0]), `${v}: every socket chardev uses the same form`);
  if (!on[0]) assert.ok(sockets.every((s) => s.endsWith(',server,nowait')));
  return on[0];
};
boundary('server=on,wait=off (4.15 branch)', serverOn, ['4.15.0'], ['4.15', '4.15.1', '4.15.7']);
boundary('server=on,wait=off (4.14 never got it)', serverOn, ['4.14.0', '4.14.6', 'seed'], ['4.16.0', '4.16']);

// --- 4.18.4 | 4.18.5, 4.19.1 | 4.19.2, 4.20.0 | 4.20.1, 4.20 | 4.21: xl devid fix -------------------
const fixed = (v: string) => {
  const r = render(exampleA(), v);
  const ok = r.channels[0].published;
  if (ok) assert.deepEqual(r.channels.map((c) => [c.chardevId, c.consoleDevid]), [['libxl-channel1', 1], ['libxl-channel2', 2]], v);
  return ok;
};
boundary('xl devid fix (4.18 branch)', fixed, ['4.18.0', '4.18.4'], ['4.18', '4.18.5', '4.18.6']);
boundary('xl devid fix (4.19 branch)', fixed, ['4.19.0', '4.19.1'], ['4.19', '4.19.2', '4.19.6']);
boundary('xl devid fix (4.20 branch)', fixed, ['4.20.0'], ['4.20', '4.20.1', '4.20.4']);
boundary('xl devid fix (4.20 | 4.21)', fixed, ['4.20.0', '4.17.7', '4.16.7'], ['4.21', '4.21.0', '4.22.0']);
test('the collision also hits HVM (example D) on 4.17 and not on 4.21', () => {
  assert.equal(render(exampleD(), '4.17').channels[0].published, false);
  assert.equal(render(exampleD(), '4.21').channels[0].published, true);
});

// --- 4.19 | 4.20: XEN_QEMU_CONSOLE_LIMIT dropped ---------------------------------------------------
boundary('XEN_QEMU_CONSOLE_LIMIT still set', limitEnv, ['4.20', '4.20.0', '4.21'], ['4.19', '4.19.6', '4.7.0']);

// --- 4.20 | 4.21: qemu-xen-traditional removed ----------------------------------------------------
boundary('qemu-xen-traditional exists', (v) => era.hasQemuTraditional(xen(v)), ['4.21.0', '4.22.0'], ['seed', '4.5.0', '4.20.4']);

test('no-channel HVM argv on both sides of 4.15.1', () => {
  const a = argvText(render(noChannels('hvm'), '4.15.0'));
  const b = argvText(render(noChannels('hvm'), '4.15.1'));
  assert.match(a, /server,nowait/);
  assert.match(b, /server=on,wait=off/);
  assert.ok(!/libxl-channel/.test(a + b));
});

test('a version without a point release is the newest of its branch; x.y.0 is the first', () => {
  assert.equal(era.xlLeavesDevidUnset(xen('4.18')), true);
  assert.equal(era.xlLeavesDevidUnset(xen('4.18.0')), false);
  assert.equal(era.hasLibxlDeviceCopy(xen('4.5')), true);
  assert.equal(era.hasLibxlDeviceCopy(xen('4.5.0')), false);
  assert.equal(era.socketServerSuffix(xen('4.15')), 'server=on,wait=off');
  assert.equal(era.socketServerSuffix(xen('4.15.0')), 'server,nowait');
  assert.equal(era.hasChange(xen('seed'), [4, 0, 0]), false);
});

test('era summary and target label', () => {
  assert.equal(render(exampleA(), '4.17.3').target, 'Xen 4.17.3');
  assert.deepEqual(render(exampleA(), '4.17.3').era, {
    keySet: 'upstream',
    argvTemplate: '4.15.1+',
    socketFlags: 'server=on,wait=off',
    xlLeavesDevidUnset: false,
    libxlConsoleDevidFromChannel: true,
    libxlDeviceCopy: true,
    backendNameKey: true,
    backendDomainKey: false,
    consoleLimitEnv: true,
    xenDomainIdEnv: true,
    anyChannelStartsQemu: false,
    qemuTraditional: true,
  });
});
