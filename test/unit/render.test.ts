/**
 * Golden tests for the renderer: the worked examples A–E of libxl-render.md §6
 * (adjusted where the Xen sources disagree with the reference: with xl, channel
 * devids are the list index up to the 4.21.0 fix, see render-era.test.ts),
 * every guest type, connection and seed type, domains without channels, and
 * source spans.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  argvLines,
  argvText,
  channel,
  codes,
  consoleZero,
  exampleA,
  exampleC,
  exampleD,
  exampleE,
  noChannels,
  render,
  tree,
  xen,
} from './render-fixtures';
import type { RenderDomain } from '../../server/src/render/input';
import { parse } from '../../server/src/syntax/parser';
import { buildSettings } from '../../server/src/model/settings';
import { renderDomainFromModel } from '../../server/src/render/fromModel';
import { renderPreview } from '../../server/src/render/preview';

const EXAMPLE_A_ARGV = [
  '/usr/lib/xen/bin/qemu-system-i386',
  '-xen-domid',
  '7',
  '-no-shutdown',
  '-chardev',
  'socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server=on,wait=off',
  '-mon',
  'chardev=libxl-cmd,mode=control',
  '-chardev',
  'socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server=on,wait=off',
  '-mon',
  'chardev=libxenstat-cmd,mode=control',
  '-chardev',
  'socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server=on,wait=off',
  '-chardev',
  'pty,id=libxl-channel2',
  '-nodefaults',
  '-no-user-config',
  '-xen-attach',
  '-name',
  'pvguest',
  '-vnc',
  'none',
  '-display',
  'none',
  '-nographic',
  '-machine',
  'xenpv',
  '-m',
  '512',
];

const EXAMPLE_A_TREE = {
  ...consoleZero(),
  '/local/domain/7/device/console/1': {
    perms: '(n7,r0)',
    nodes: [
      'backend=/local/domain/0/backend/console/7/1 (n7,r0)',
      'backend-id=0 (n7,r0)',
      'state=1 (n7,r0)',
      'protocol=vt100 (n7,r0)',
      'name=org.example.cfg.0 (n0,r7)',
      'limit=1048576 (n0,r7)',
      'type=ioemu (n0,r7)',
      'output=chardev:libxl-channel1 (n0,r7)',
      'tty= (n0,r7)',
    ],
  },
  '/local/domain/0/backend/console/7/1': {
    perms: '(n0,r7)',
    nodes: [
      'frontend=/local/domain/7/device/console/1 (n0,r7)',
      'frontend-id=7 (n0,r7)',
      'online=1 (n0,r7)',
      'state=1 (n0,r7)',
      'protocol=vt100 (n0,r7)',
      'name=org.example.cfg.0 (n0,r7)',
      'connection=socket (n0,r7)',
      'path=/var/run/xen/cfg-pvguest.sock (n0,r7)',
    ],
  },
  '/local/domain/7/device/console/2': {
    perms: '(n7,r0)',
    nodes: [
      'backend=/local/domain/0/backend/console/7/2 (n7,r0)',
      'backend-id=0 (n7,r0)',
      'state=1 (n7,r0)',
      'protocol=vt100 (n7,r0)',
      'name=log.0 (n0,r7)',
      'limit=1048576 (n0,r7)',
      'type=ioemu (n0,r7)',
      'output=pty (n0,r7)',
      'tty= (n0,r7)',
    ],
  },
  '/local/domain/0/backend/console/7/2': {
    perms: '(n0,r7)',
    nodes: [
      'frontend=/local/domain/7/device/console/2 (n0,r7)',
      'frontend-id=7 (n0,r7)',
      'online=1 (n0,r7)',
      'state=1 (n0,r7)',
      'protocol=vt100 (n0,r7)',
      'name=log.0 (n0,r7)',
      'connection=pty (n0,r7)',
    ],
  },
  '/libxl/7/device/console/0': {
    perms: '(n0)',
    nodes: [
      'frontend=/local/domain/7/console (n0)',
      'backend=/local/domain/0/backend/console/7/0 (n0)',
      'frontend-id=7 (n0)',
      'online=1 (n0)',
      'state=1 (n0)',
      'protocol=vt100 (n0)',
    ],
  },
  '/libxl/7/device/console/1': {
    perms: '(n0)',
    nodes: [
      'frontend=/local/domain/7/device/console/1 (n0)',
      'backend=/local/domain/0/backend/console/7/1 (n0)',
      'frontend-id=7 (n0)',
      'online=1 (n0)',
      'state=1 (n0)',
      'protocol=vt100 (n0)',
      'name=org.example.cfg.0 (n0)',
      'connection=socket (n0)',
      'path=/var/run/xen/cfg-pvguest.sock (n0)',
    ],
  },
  '/libxl/7/device/console/2': {
    perms: '(n0)',
    nodes: [
      'frontend=/local/domain/7/device/console/2 (n0)',
      'backend=/local/domain/0/backend/console/7/2 (n0)',
      'frontend-id=7 (n0)',
      'online=1 (n0)',
      'state=1 (n0)',
      'protocol=vt100 (n0)',
      'name=log.0 (n0)',
      'connection=pty (n0)',
    ],
  },
};

// ---------------------------------------------------------------------------
// Example A

for (const version of ['4.21', '4.22.0', '4.20.1']) {
  test(`example A (PV, socket + pty) on ${version}: exact xenstore tree, argv, no env`, () => {
    const r = render(exampleA(), version);
    assert.deepEqual(tree(r), EXAMPLE_A_TREE);
    assert.deepEqual(argvLines(r), EXAMPLE_A_ARGV);
    assert.deepEqual(r.qemu.env, {});
    assert.equal(r.qemu.runs, true);
    assert.deepEqual(codes(r), []);
  });
}

test('example A on 4.19.2 and 4.18.5 (devid fix backported): same tree and argv, plus XEN_QEMU_CONSOLE_LIMIT', () => {
  for (const version of ['4.19.2', '4.18.5']) {
    const r = render(exampleA(), version);
    assert.deepEqual(tree(r), EXAMPLE_A_TREE, version);
    assert.deepEqual(argvLines(r), EXAMPLE_A_ARGV, version);
    assert.deepEqual(r.qemu.env, { XEN_QEMU_CONSOLE_LIMIT: '1048576' }, version);
  }
});

test('example A with explicit devids: the xenstore tree of 4.11.0-4.15.0 is the same, the argv is the era form', () => {
  for (const version of ['4.11.0', '4.13.5', '4.15.0', '4.17']) {
    const r = render(exampleA(), version, { devidPolicy: 'explicit' });
    assert.deepEqual(tree(r), EXAMPLE_A_TREE, version);
    assert.deepEqual(codes(r), [], version);
  }
  const r411 = render(exampleA(), '4.11.0', { devidPolicy: 'explicit' });
  assert.equal(
    argvText(r411),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait -no-shutdown' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel2' +
      ' -nodefaults -no-user-config -xen-attach -name pvguest -vnc none -display none -nographic -machine xenpv -m 512',
  );
  const r415 = render(exampleA(), '4.15.0', { devidPolicy: 'explicit' });
  assert.equal(
    argvText(r415),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7 -no-shutdown' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel2' +
      ' -nodefaults -no-user-config -xen-attach -name pvguest -vnc none -display none -nographic -machine xenpv -m 512',
  );
});

test('example A as PVH (4.11+): identical tree and argv', () => {
  for (const version of ['4.21', '4.20.1']) {
    const pv = render(exampleA('pv'), version);
    const pvh = render(exampleA('pvh'), version);
    assert.deepEqual(tree(pvh), tree(pv));
    assert.deepEqual(argvLines(pvh), argvLines(pv));
  }
});

test('example A on 4.17 with xl: the first channel collides with console 0 and is not published', () => {
  const d = exampleA();
  const r = render(d, '4.17');
  // Why is the checker's finding (xen-first-channel-lost, test/unit/release.test.ts); the preview shows the consequence.
  assert.deepEqual(codes(r), []);
  assert.deepEqual(r.channels.map((c) => [c.index, c.renders, c.published]), [[0, true, false], [1, true, true]]);
  const t = tree(r);
  // Channel 1 (log.0) is console 1; nothing for channel 0; console 0 untouched.
  assert.deepEqual(Object.keys(t), [
    '/local/domain/7/console',
    '/local/domain/0/backend/console/7/0',
    '/local/domain/7/device/console/1',
    '/local/domain/0/backend/console/7/1',
    '/libxl/7/device/console/0',
    '/libxl/7/device/console/1',
  ]);
  assert.ok(t['/local/domain/7/device/console/1'].nodes.includes('name=log.0 (n0,r7)'));
  assert.ok(t['/local/domain/7/device/console/1'].nodes.includes('output=pty (n0,r7)'));
  // The chardevs still exist, numbered by the xl devid (the index).
  assert.ok(argvLines(r).includes('socket,id=libxl-channel0,path=/var/run/xen/cfg-pvguest.sock,server=on,wait=off'));
  assert.ok(argvLines(r).includes('pty,id=libxl-channel1'));
  assert.deepEqual(
    r.channels.map((c) => [c.index, c.consoleDevid, c.published, c.chardevId]),
    [
      [0, undefined, false, 'libxl-channel0'],
      [1, 1, true, 'libxl-channel1'],
    ],
  );
  // The udev helper only maps what is published.
  assert.match(r.udev.helper, /^ {4}1\) printf '%s' log\.0 ;;/m);
  assert.doesNotMatch(r.udev.helper, /org\.example/);
});

test('xenstore entries are in libxl write order: channel transactions first, then console 0', () => {
  const r = render(exampleA(), '4.21');
  assert.deepEqual(
    r.xenstore.map((e) => e.seq),
    r.xenstore.map((_, i) => i),
  );
  const txnOrder = [...new Set(r.xenstore.map((e) => `${e.txn}:${e.channelIndex}`))];
  assert.deepEqual(txnOrder, ['1:0', '2:1', '3:-1']);
  // Within a transaction: /libxl frontend+backend, frontend dir, backend dir, /libxl copies.
  const first = r.xenstore.filter((e) => e.txn === 1).map((e) => `${e.role}:${e.key || '<dir>'}`);
  assert.deepEqual(first, [
    'libxl:frontend',
    'libxl:backend',
    'frontend:<dir>',
    'frontend:backend',
    'frontend:backend-id',
    'frontend:state',
    'frontend:protocol',
    'frontend:name',
    'frontend:limit',
    'frontend:type',
    'frontend:output',
    'frontend:tty',
    'backend:<dir>',
    'backend:frontend',
    'backend:frontend-id',
    'backend:online',
    'backend:state',
    'backend:protocol',
    'backend:name',
    'backend:connection',
    'backend:path',
    'libxl:frontend-id',
    'libxl:online',
    'libxl:state',
    'libxl:protocol',
    'libxl:name',
    'libxl:connection',
    'libxl:path',
  ]);
});

test('read-only flags, visibility, runtime placeholders and writer', () => {
  const r = render(exampleA(), '4.21');
  const node = (path: string) => {
    const e = r.xenstore.find((x) => x.path === path);
    assert.ok(e, path);
    return e;
  };
  assert.equal(node('/local/domain/7/device/console/1/name').guestReadOnly, true);
  assert.equal(node('/local/domain/7/device/console/1/output').guestReadOnly, true);
  assert.equal(node('/local/domain/7/device/console/1/backend').guestReadOnly, false);
  assert.equal(node('/local/domain/7/device/console/1/state').guestReadOnly, false);
  assert.equal(node('/local/domain/7/console/backend').guestReadOnly, true);
  assert.equal(node('/local/domain/7/console/backend-id').guestReadOnly, false);
  assert.equal(node('/libxl/7/device/console/1/name').guestReadable, false);
  assert.equal(node('/local/domain/0/backend/console/7/1/path').guestReadable, true);
  for (const [path, placeholder] of [
    ['/local/domain/7/console/port', '<evtchn>'],
    ['/local/domain/7/console/ring-ref', '<frame>'],
  ] as const) {
    assert.equal(node(path).value, placeholder);
    assert.equal(node(path).runtime, true);
    assert.ok(node(path).runtimeNote);
  }
  assert.equal(node('/local/domain/7/console/tty').runtime, true);
  assert.equal(node('/local/domain/7/device/console/2/tty').runtime, true, 'pty channel: qemu writes tty');
  assert.equal(node('/local/domain/7/device/console/1/tty').runtime, false, 'socket channel: tty stays empty');
  assert.ok(r.xenstore.every((e) => e.writer === 'libxl in domain 0'));
});

test('the domid placeholder is DOMID when options.domid is unset', () => {
  const r = render(exampleA(), '4.21', { domid: undefined });
  assert.ok(r.xenstore.some((e) => e.path === '/local/domain/DOMID/device/console/1/name'));
  assert.ok(r.xenstore.some((e) => e.perms === '(nDOMID,r0)'));
  assert.ok(argvLines(r).includes('socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-DOMID,server=on,wait=off'));
  assert.deepEqual(argvLines(r).slice(1, 3), ['-xen-domid', 'DOMID']);
});

test('options: run dir, qemu path, device_model_override, toolstack domid', () => {
  const r = render(exampleA(), '4.21', { runDir: '/run/xen/', qemuPath: '/usr/libexec/xen-qemu-system-i386' });
  assert.equal(argvLines(r)[0], '/usr/libexec/xen-qemu-system-i386');
  assert.ok(argvLines(r).includes('socket,id=libxl-cmd,path=/run/xen/qmp-libxl-7,server=on,wait=off'));
  const d = exampleA();
  d.deviceModelOverride = '/opt/qemu/bin/qemu-system-i386';
  d.deviceModelOverrideSpan = { start: 1, end: 2 };
  const o = render(d, '4.21', { qemuPath: '/usr/bin/ignored' });
  assert.equal(o.qemu.argv[0].value, '/opt/qemu/bin/qemu-system-i386');
  assert.deepEqual(o.qemu.argv[0].span, { start: 1, end: 2 });
  // libxl runs in a driver domain 3: channels default to backend 0, which is not local there.
  const t = render(exampleA(), '4.21', { toolstackDomid: 3 });
  assert.equal(t.qemu.runs, false);
  assert.ok(t.xenstore.every((e) => e.writer === 'libxl in domain 3'));
});

// ---------------------------------------------------------------------------
// Example B (4.5.0)

test('example B (4.5.0, xl): devid = index, console = index + 1, no backend name, no /libxl, 4.5.0 argv', () => {
  const r = render(exampleA(), '4.5.0');
  assert.deepEqual(codes(r), []);
  const t = tree(r);
  assert.deepEqual(Object.keys(t), [
    '/local/domain/7/console',
    '/local/domain/0/backend/console/7/0',
    '/local/domain/7/device/console/1',
    '/local/domain/0/backend/console/7/1',
    '/local/domain/7/device/console/2',
    '/local/domain/0/backend/console/7/2',
  ]);
  assert.ok(t['/local/domain/7/device/console/1'].nodes.includes('output=chardev:libxl-channel0 (n0,r7)'));
  assert.deepEqual(t['/local/domain/0/backend/console/7/1'].nodes, [
    'frontend=/local/domain/7/device/console/1 (n0,r7)',
    'frontend-id=7 (n0,r7)',
    'online=1 (n0,r7)',
    'state=1 (n0,r7)',
    'protocol=vt100 (n0,r7)',
    'connection=socket (n0,r7)',
    'path=/var/run/xen/cfg-pvguest.sock (n0,r7)',
  ]);
  assert.equal(
    argvText(r),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel1' +
      ' -nodefaults -xen-attach -name pvguest -nographic -machine xenpv -m 512',
  );
  assert.deepEqual(r.qemu.env, {});
});

test("example B (4.5.0) as libxl-render.md shows it: devid left unset -> two 'libxl-channel-1' chardevs", () => {
  const r = render(exampleA(), '4.5.0', { devidPolicy: 'unset' });
  assert.equal(
    argvText(r),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel-1,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel-1' +
      ' -nodefaults -xen-attach -name pvguest -nographic -machine xenpv -m 512',
  );
  assert.deepEqual(codes(r), ['duplicate-chardev-id']);
  assert.equal(r.notes[0].channelIndex, 1);
  assert.equal(r.notes[0].effect, 'qemu-fails');
  assert.match(r.notes[0].message, /Duplicate ID 'libxl-channel-1' for chardev/);
  assert.deepEqual(r.notes[0].span, r.qemu.argv.find((a) => a.value === 'pty,id=libxl-channel-1')?.span);
  assert.ok(tree(r)['/local/domain/7/device/console/1'].nodes.includes('output=chardev:libxl-channel-1 (n0,r7)'));
  // With only the first channel it works.
  const one = exampleA();
  one.channels = one.channels.slice(0, 1);
  const r1 = render(one, '4.5.0', { devidPolicy: 'unset' });
  assert.deepEqual(codes(r1), []);
  assert.ok(argvLines(r1).includes('socket,id=libxl-channel-1,path=/var/run/xen/cfg-pvguest.sock,server,nowait'));
});

test('example B on 4.5.4: backend name, /libxl copy and XEN_QEMU_CONSOLE_LIMIT added', () => {
  const r = render(exampleA(), '4.5.4');
  const t = tree(r);
  assert.ok(t['/local/domain/0/backend/console/7/1'].nodes.includes('name=org.example.cfg.0 (n0,r7)'));
  assert.ok(t['/libxl/7/device/console/1']);
  assert.deepEqual(r.qemu.env, { XEN_QEMU_CONSOLE_LIMIT: '1048576' });
  assert.equal(
    argvText(r),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-pvguest.sock,server,nowait' +
      ' -chardev pty,id=libxl-channel1' +
      ' -nodefaults -xen-attach -name pvguest -vnc none -display none -nographic -machine xenpv -m 512',
  );
});

// ---------------------------------------------------------------------------
// Example C (seed)

function seedChannelTree(devids: number[]): Record<string, { perms: string; nodes: string[] }> {
  const names = ['null0', 'tty0', 'log0', 'ctl0'];
  const out: Record<string, { perms: string; nodes: string[] }> = {};
  names.forEach((name, i) => {
    const K = i + 1;
    out[`/local/domain/7/device/console/${K}`] = {
      perms: '(n7,r0)',
      nodes: [
        `backend=/local/domain/0/backend/console/7/${K} (n7,r0)`,
        'backend-id=0 (n7,r0)',
        'state=1 (n7,r0)',
        'protocol=vt100 (n7,r0)',
        `name=${name} (n0,r7)`,
        'limit=1048576 (n0,r7)',
        'type=ioemu (n0,r7)',
        `output=chardev:libxl-channel${devids[i]} (n0,r7)`,
        'tty= (n0,r7)',
      ],
    };
    out[`/local/domain/0/backend/console/7/${K}`] = {
      perms: '(n0,r7)',
      nodes: [
        `frontend=/local/domain/7/device/console/${K} (n0,r7)`,
        'frontend-id=7 (n0,r7)',
        'online=1 (n0,r7)',
        'state=1 (n0,r7)',
        'domain=seedguest (n0,r7)',
        'protocol=vt100 (n0,r7)',
      ],
    };
  });
  return out;
}

function seedArgv(devids: number[]): string {
  return (
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
    ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
    ' -mon chardev=libxl-cmd,mode=control' +
    ` -chardev null,id=libxl-channel${devids[0]}` +
    ` -chardev pty,id=libxl-channel${devids[1]}` +
    ` -chardev file,id=libxl-channel${devids[2]},path=/var/log/xen/seedguest-log0.log` +
    ` -chardev socket,id=libxl-channel${devids[3]},path=/var/run/xen/seedguest-ctl0.sock,server,nowait` +
    ' -nodefaults -xen-attach -name seedguest -nographic -machine xenpv -m 512'
  );
}

test('example C (seed, xl): devid = index, every type through chardev:, backend `domain` key, no /libxl', () => {
  const r = render(exampleC(), 'seed-2014');
  assert.deepEqual(tree(r), { ...consoleZero({ seedDomain: 'seedguest' }), ...seedChannelTree([0, 1, 2, 3]) });
  assert.equal(argvText(r), seedArgv([0, 1, 2, 3]));
  assert.deepEqual(r.qemu.env, {});
  assert.deepEqual(codes(r), []);
  assert.equal(r.target, 'seed-2014 (2014 channel proposal v2)');
});

test('example C (seed) with devid unset: four libxl-channel-1 chardevs, rejected by qemu', () => {
  const r = render(exampleC(), 'seed', { devidPolicy: 'unset' });
  assert.equal(argvText(r), seedArgv([-1, -1, -1, -1]));
  assert.deepEqual(tree(r), { ...consoleZero({ seedDomain: 'seedguest' }), ...seedChannelTree([-1, -1, -1, -1]) });
  assert.deepEqual(codes(r), ['duplicate-chardev-id', 'duplicate-chardev-id', 'duplicate-chardev-id']);
  assert.deepEqual(
    r.notes.map((p) => p.channelIndex),
    [1, 2, 3],
  );
});

test('example C (seed) with explicit devids: libxl-channel1..4, accepted', () => {
  const r = render(exampleC(), 'seed', { devidPolicy: 'explicit' });
  assert.equal(argvText(r), seedArgv([1, 2, 3, 4]));
  assert.deepEqual(tree(r), { ...consoleZero({ seedDomain: 'seedguest' }), ...seedChannelTree([1, 2, 3, 4]) });
  assert.deepEqual(codes(r), []);
});

test('seed: type=file is rejected, type=path accepted; a socket/path channel needs path=', () => {
  const d: RenderDomain = {
    name: 's',
    type: 'pv',
    channels: [
      channel(0, { name: 'a', kind: 'file', kindText: 'file', path: '/x.log' }),
      channel(1, { name: 'b', kind: 'file', kindText: 'path', path: '/y.log' }),
      channel(2, { name: 'c', kind: 'socket' }),
      channel(3, { name: 'd', kind: 'file' }),
      channel(4, { name: 'e' }),
    ],
  };
  const r = render(d, 'seed');
  // Why each is not created is the checker's finding (channel-unknown-connection, channel-missing-path); the renderer only leaves them out.
  assert.deepEqual(codes(r), []);
  assert.deepEqual(
    r.channels.map((c) => [c.index, c.renders, c.kind]),
    [
      [0, false, 'file'],
      [1, true, 'file'],
      [2, false, 'socket'],
      [3, false, 'file'],
      [4, true, 'none'],
    ],
  );
  // Channel 1 is console 2, channel 4 is console 5 (positions do not move).
  assert.deepEqual(
    r.xenstoreDirs.filter((x) => x.role === 'frontend').map((x) => x.path),
    ['/local/domain/7/console', '/local/domain/7/device/console/2', '/local/domain/7/device/console/5'],
  );
  assert.deepEqual(
    r.qemu.argv.filter((a) => a.origin === 'channel' && a.value !== '-chardev').map((a) => a.value),
    ['file,id=libxl-channel1,path=/y.log', 'null,id=libxl-channel4'],
  );
});

test('seed: every channel starts the xenpv qemu, even with a remote backend (example E in seed form)', () => {
  const r = render(exampleE(), 'seed', { domains: { dd: 1 } });
  assert.equal(r.qemu.runs, true);
  assert.match(r.qemu.reason, /2014 proposal/);
  assert.ok(argvLines(r).includes('socket,id=libxl-channel0,path=/run/ctl0.sock,server,nowait'));
  assert.deepEqual(codes(r), ['remote-backend-inert']);
});

// ---------------------------------------------------------------------------
// Example D (HVM)

const EXAMPLE_D_ARGV =
  '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7 -no-shutdown' +
  ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server=on,wait=off' +
  ' -mon chardev=libxl-cmd,mode=control' +
  ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server=on,wait=off' +
  ' -mon chardev=libxenstat-cmd,mode=control' +
  ' -chardev socket,id=libxl-channel1,path=/var/run/xen/cfg-hvmguest.sock,server=on,wait=off' +
  ' -nodefaults -no-user-config -name hvmguest -vnc none -display none -serial pty' +
  ' -device cirrus-vga,vgamem_mb=8 -boot order=cda -net none' +
  ' -machine xenfv,suppress-vmdesc=on -m 1016';

test('example D (HVM, socket channel) on 4.21 and 4.19.2: exact argv, env, xenstore', () => {
  const r = render(exampleD(), '4.21');
  assert.equal(argvText(r), EXAMPLE_D_ARGV);
  assert.deepEqual(r.qemu.env, { XEN_DOMAIN_ID: '7' });
  assert.equal(r.qemu.runs, true);
  const t = tree(r);
  const a = tree(render(exampleA(), '4.21'));
  assert.deepEqual(t['/local/domain/7/console'], a['/local/domain/7/console']);
  assert.deepEqual(t['/local/domain/7/device/console/1'], a['/local/domain/7/device/console/1']);
  assert.deepEqual(t['/local/domain/0/backend/console/7/1'].nodes, [
    'frontend=/local/domain/7/device/console/1 (n0,r7)',
    'frontend-id=7 (n0,r7)',
    'online=1 (n0,r7)',
    'state=1 (n0,r7)',
    'protocol=vt100 (n0,r7)',
    'name=org.example.cfg.0 (n0,r7)',
    'connection=socket (n0,r7)',
    'path=/var/run/xen/cfg-hvmguest.sock (n0,r7)',
  ]);
  assert.deepEqual(Object.keys(t).filter((k) => k.startsWith('/libxl')), ['/libxl/7/device/console/0', '/libxl/7/device/console/1']);
  const r19 = render(exampleD(), '4.19.2');
  assert.equal(argvText(r19), EXAMPLE_D_ARGV);
  assert.deepEqual(r19.qemu.env, { XEN_QEMU_CONSOLE_LIMIT: '1048576', XEN_DOMAIN_ID: '7' });
  assert.ok(r.qemu.notes.some((n) => n.includes('-runas')));
});

test('HVM on 4.5.0: the 4.5 HVM form', () => {
  const r = render(exampleD(), '4.5.0');
  assert.equal(
    argvText(r),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-hvmguest.sock,server,nowait' +
      ' -nodefaults -name hvmguest -serial pty -device cirrus-vga,vgamem_mb=8' +
      ' -boot order=cda -net none -machine xenfv -m 1016',
  );
  assert.deepEqual(r.qemu.env, {});
});

test('HVM on 4.6-4.15.0: the PV header of the era, then the HVM tail', () => {
  assert.equal(
    argvText(render(exampleD(), '4.6.0')),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait -no-shutdown' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel0,path=/var/run/xen/cfg-hvmguest.sock,server,nowait' +
      ' -nodefaults -name hvmguest -vnc none -display none -serial pty -device cirrus-vga,vgamem_mb=8' +
      ' -boot order=cda -net none -machine xenfv -m 1016',
  );
  const r = render(exampleD(), '4.15.0', { devidPolicy: 'explicit' });
  assert.equal(
    argvText(r),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7 -no-shutdown' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server,nowait' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server,nowait' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -chardev socket,id=libxl-channel1,path=/var/run/xen/cfg-hvmguest.sock,server,nowait' +
      ' -nodefaults -no-user-config -name hvmguest -vnc none -display none -serial pty -device cirrus-vga,vgamem_mb=8' +
      ' -boot order=cda -net none -machine xenfv,suppress-vmdesc=on -m 1016',
  );
  assert.deepEqual(r.qemu.env, { XEN_QEMU_CONSOLE_LIMIT: '1048576', XEN_DOMAIN_ID: '7' });
});

test('HVM defaults and extras: vnc on by default, videoram, nographic, maxmem, device_model_args', () => {
  const d: RenderDomain = {
    name: 'h',
    type: 'hvm',
    memoryMiB: 1024,
    maxmemMiB: 2048,
    videoramMiB: 16,
    nographic: true,
    deviceModelArgs: ['-smbios', 'type=1'],
    deviceModelArgsHvm: ['-no-hpet'],
    deviceModelArgsPv: ['-ignored'],
    channels: [],
  };
  assert.equal(
    argvText(render(d, '4.21')),
    '/usr/lib/xen/bin/qemu-system-i386 -xen-domid 7 -no-shutdown' +
      ' -chardev socket,id=libxl-cmd,path=/var/run/xen/qmp-libxl-7,server=on,wait=off' +
      ' -mon chardev=libxl-cmd,mode=control' +
      ' -chardev socket,id=libxenstat-cmd,path=/var/run/xen/qmp-libxenstat-7,server=on,wait=off' +
      ' -mon chardev=libxenstat-cmd,mode=control' +
      ' -nodefaults -no-user-config -name h -vnc 127.0.0.1:0,to=99 -display none' +
      ' -device cirrus-vga,vgamem_mb=16 -boot order=cda -net none' +
      ' -smbios type=1 -machine xenfv,suppress-vmdesc=on -no-hpet -m 2032',
  );
  d.vnc = false;
  assert.match(argvText(render(d, '4.21')), / -vnc none -display none -nographic -device /);
});

// ---------------------------------------------------------------------------
// Example E (remote backend)

test('example E (PV, backend=dd, domid 1): xenstore under domain 1, no qemu at all', () => {
  const d = exampleE();
  const r = render(d, '4.21', { domains: { dd: 1 } });
  assert.equal(r.qemu.runs, false);
  assert.deepEqual(r.qemu.argv, []);
  assert.equal(r.qemu.shell, '');
  assert.deepEqual(r.qemu.env, {});
  const t = tree(r);
  assert.deepEqual(t['/local/domain/7/device/console/1'], {
    perms: '(n7,r1)',
    nodes: [
      'backend=/local/domain/1/backend/console/7/1 (n7,r1)',
      'backend-id=1 (n7,r1)',
      'state=1 (n7,r1)',
      'protocol=vt100 (n7,r1)',
      'name=ctl0 (n1,r7)',
      'limit=1048576 (n1,r7)',
      'type=ioemu (n1,r7)',
      'output=chardev:libxl-channel1 (n1,r7)',
      'tty= (n1,r7)',
    ],
  });
  assert.deepEqual(t['/local/domain/1/backend/console/7/1'], {
    perms: '(n1,r7)',
    nodes: [
      'frontend=/local/domain/7/device/console/1 (n1,r7)',
      'frontend-id=7 (n1,r7)',
      'online=1 (n1,r7)',
      'state=1 (n1,r7)',
      'protocol=vt100 (n1,r7)',
      'name=ctl0 (n1,r7)',
      'connection=socket (n1,r7)',
      'path=/run/ctl0.sock (n1,r7)',
    ],
  });
  assert.ok(t['/libxl/7/device/console/1'].nodes.includes('backend=/local/domain/1/backend/console/7/1 (n0)'));
  assert.deepEqual(t['/local/domain/0/backend/console/7/0'], consoleZero()['/local/domain/0/backend/console/7/0']);
  assert.deepEqual(codes(r), ['remote-backend-inert']);
  assert.deepEqual(r.notes[0].span, d.channels[0].backendSpan);
  assert.equal(r.notes[0].effect, 'guest-misses');
});

test('backend= resolution: digits, Domain-0, unknown names', () => {
  const d = exampleE();
  d.channels[0].backend = '0';
  const local = render(d, '4.21');
  assert.equal(local.qemu.runs, true);
  assert.deepEqual(codes(local), []);
  d.channels[0].backend = 'Domain-0';
  assert.equal(render(d, '4.21').qemu.runs, true);
  d.channels[0].backend = 'dd';
  const unknown = render(d, '4.21');
  assert.deepEqual(codes(unknown), ['backend-unresolved', 'remote-backend-inert']);
  assert.ok(unknown.xenstore.some((e) => e.path === '/local/domain/<dd>/backend/console/7/1/path'));
  assert.equal(unknown.qemu.runs, false);
});

test('a local channel next to a remote one: qemu in dom0 gets -chardev options for both', () => {
  const d = exampleE();
  d.channels.push(channel(1, { name: 'loc', kind: 'pty' }));
  const r = render(d, '4.21', { domains: { dd: 1 } });
  assert.equal(r.qemu.runs, true);
  assert.deepEqual(
    r.qemu.argv.filter((a) => a.origin === 'channel' && a.value !== '-chardev').map((a) => a.value),
    ['socket,id=libxl-channel1,path=/run/ctl0.sock,server=on,wait=off', 'pty,id=libxl-channel2'],
  );
});

// ---------------------------------------------------------------------------
// No channels; guest types; connections

test('no channels: PV/PVH start no qemu, HVM keeps its device model without channel chardevs', () => {
  for (const type of ['pv', 'pvh'] as const) {
    for (const version of ['seed', '4.5.0', '4.10.0', '4.17', '4.21']) {
      const r = render(noChannels(type), version);
      assert.equal(r.qemu.runs, false, `${type} ${version}`);
      assert.deepEqual(r.qemu.argv, []);
      assert.deepEqual(
        r.xenstoreDirs.filter((x) => x.role !== 'libxl').map((x) => x.path),
        ['/local/domain/7/console', '/local/domain/0/backend/console/7/0'],
      );
      assert.match(r.libvirtXml, /<!-- no channels -->/);
      assert.doesNotMatch(r.udev.helper, /^ {4}\d+\)/m);
    }
  }
  for (const version of ['seed', '4.5.0', '4.17', '4.21']) {
    const r = render(noChannels('hvm'), version);
    assert.equal(r.qemu.runs, true, version);
    assert.ok(!r.qemu.argv.some((a) => a.origin === 'channel'));
    assert.ok(argvLines(r).includes('-m'));
  }
});

test('PV with vnc=1 (a vfb) runs the xenpv qemu without channels, with -vnc and no -nographic', () => {
  const d = noChannels('pv');
  d.vnc = true;
  const r = render(d, '4.21');
  assert.equal(r.qemu.runs, true);
  assert.match(r.qemu.reason, /framebuffer/);
  assert.match(argvText(r), / -name plain -vnc 127\.0\.0\.1:0,to=99 -display none -machine xenpv -m 256$/);
});

test('each guest type with each connection on 4.21', () => {
  for (const type of ['pv', 'pvh', 'hvm'] as const) {
    for (const kind of ['pty', 'socket'] as const) {
      const d: RenderDomain = {
        name: 'g',
        type,
        memoryMiB: 256,
        vnc: false,
        channels: [channel(0, { name: 'c', kind, ...(kind === 'socket' ? { path: '/run/c.sock' } : {}) })],
      };
      const r = render(d, '4.21');
      assert.deepEqual(codes(r), [], `${type}/${kind}`);
      assert.equal(r.qemu.runs, true);
      const chardev = kind === 'pty' ? 'pty,id=libxl-channel1' : 'socket,id=libxl-channel1,path=/run/c.sock,server=on,wait=off';
      assert.ok(argvLines(r).includes(chardev), `${type}/${kind}`);
      const t = tree(r);
      assert.ok(t['/local/domain/7/device/console/1'].nodes.includes(`output=${kind === 'pty' ? 'pty' : 'chardev:libxl-channel1'} (n0,r7)`));
      assert.ok(t['/local/domain/0/backend/console/7/1'].nodes.includes(`connection=${kind} (n0,r7)`));
      assert.equal(argvLines(r).includes('-xen-attach'), type !== 'hvm');
      assert.equal(argvLines(r).includes('xenpv'), type !== 'hvm');
      if (kind === 'pty') assert.ok(r.qemu.notes.some((n) => n.includes('not connected')));
    }
  }
});

test('pty channel: path= is ignored upstream', () => {
  const d: RenderDomain = { name: 'g', type: 'pv', channels: [channel(0, { name: 'c', kind: 'pty', path: '/ignored' })] };
  const r = render(d, '4.21');
  assert.ok(!r.xenstore.some((e) => e.value === '/ignored'));
  assert.ok(argvLines(r).includes('pty,id=libxl-channel1'));
  assert.match(argvText(r), / -m 32$/, 'libxl default memory is 32 MiB');
});

test('upstream rejects seed kinds and missing fields; those channels do not render', () => {
  const d: RenderDomain = {
    name: 'g',
    type: 'pv',
    channels: [
      channel(0, { name: 'a', kind: 'none' }),
      channel(1, { name: 'b', kind: 'file', path: '/x' }),
      channel(2, { name: 'c' }),
      channel(3, { name: 'd', kind: 'socket' }),
      channel(4, { kind: 'pty' }),
      channel(5, { name: 'f', kind: 'pty', kindText: 'PTY' }),
      channel(6, { name: 'ok', kind: 'pty' }),
    ],
  };
  const r = render(d, '4.21');
  // The reasons are the checker's findings; the renderer creates only what libxl creates.
  assert.deepEqual(codes(r), []);
  assert.deepEqual(
    r.channels.filter((c) => c.renders).map((c) => c.index),
    [6],
  );
  assert.deepEqual(
    r.qemu.argv.filter((a) => a.origin === 'channel' && a.value !== '-chardev').map((a) => a.value),
    ['pty,id=libxl-channel7'],
  );
});

test('kinds as the settings model hands them over: invalid values arrive as kind undefined + kindText', () => {
  const up: RenderDomain = {
    name: 'g',
    type: 'pv',
    channels: [channel(0, { name: 'a', kindText: 'PTY' }), channel(1, { name: 'b', kindText: 'file', path: '/x' })],
  };
  const u = render(up, '4.21');
  assert.deepEqual(u.channels.map((c) => c.renders), [false, false]);
  const seed: RenderDomain = {
    name: 'g',
    type: 'pv',
    channels: [
      channel(0, { name: 'a', kindText: 'file', path: '/x' }),
      channel(1, { name: 'b', kindText: 'Pty' }),
      channel(2, { name: 'c', kindText: 'pty' }),
      channel(3, { name: 'd' }),
    ],
  };
  const r = render(seed, 'seed');
  assert.deepEqual(
    r.channels.map((c) => [c.renders, c.kind ?? null]),
    [
      [false, null],
      [false, null],
      [false, null],
      [true, 'none'],
    ],
  );
});

test('a comma in a path breaks the -chardev option', () => {
  const d: RenderDomain = { name: 'g', type: 'pv', channels: [channel(0, { name: 'c', kind: 'socket', path: '/run/a,b.sock' })] };
  const r = render(d, '4.21');
  assert.deepEqual(codes(r), ['comma-in-path']);
  assert.equal(r.notes[0].span, d.channels[0].pathSpan);
  assert.ok(argvLines(r).includes('socket,id=libxl-channel1,path=/run/a,b.sock,server=on,wait=off'));
});

test('qemu-xen-traditional: xenstore written, no chardevs; removed in 4.21', () => {
  const d = exampleD();
  d.deviceModelVersion = 'qemu-xen-traditional';
  d.deviceModelVersionSpan = { start: 5, end: 9 };
  const r = render(d, '4.17', { devidPolicy: 'explicit' });
  assert.equal(r.qemu.runs, true);
  assert.deepEqual(r.qemu.argv, []);
  assert.deepEqual(codes(r), ['traditional-no-chardevs']);
  assert.deepEqual(r.notes[0].span, { start: 5, end: 9 });
  assert.ok(r.xenstore.some((e) => e.path === '/local/domain/7/device/console/1/name'));
  // 4.21 has no qemu-xen-traditional: xl refuses the file (the checker's xen-value-removed); the preview shows qemu-xen.
  const r21 = render(d, '4.21');
  assert.deepEqual(codes(r21), []);
  assert.ok(r21.qemu.argv.length > 0);
  d.deviceModelVersion = 'qemu-xen';
  assert.deepEqual(codes(render(d, '4.21')), []);
});

// ---------------------------------------------------------------------------
// Spans

test('every xenstore node and argv element carries the span it came from', () => {
  const d = exampleA();
  const [sock, pty] = d.channels;
  const r = render(d, '4.21');
  const at = (path: string) => r.xenstore.find((e) => e.path === path)?.span;
  assert.deepEqual(at('/local/domain/7/device/console/1/name'), sock.nameSpan);
  assert.deepEqual(at('/local/domain/7/device/console/2/name'), pty.nameSpan);
  assert.deepEqual(at('/local/domain/0/backend/console/7/1/name'), sock.nameSpan);
  assert.deepEqual(at('/local/domain/0/backend/console/7/1/path'), sock.pathSpan);
  assert.deepEqual(at('/local/domain/0/backend/console/7/1/connection'), sock.kindSpan);
  assert.deepEqual(at('/local/domain/7/device/console/1/output'), sock.kindSpan);
  assert.deepEqual(at('/local/domain/7/device/console/1/limit'), sock.span);
  assert.deepEqual(at('/local/domain/7/device/console/1'), sock.span);
  assert.deepEqual(at('/libxl/7/device/console/1/path'), sock.pathSpan);
  // Every channel node has a span; console 0 nodes have none (nothing in the config makes them).
  for (const e of r.xenstore) {
    if (e.channelIndex >= 0) assert.ok(e.span, e.path);
    else assert.equal(e.span, undefined, e.path);
  }
  const item = (value: string) => r.qemu.argv.find((a) => a.value === value);
  assert.deepEqual(item('socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server=on,wait=off')?.span, sock.span);
  assert.deepEqual(item('socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server=on,wait=off')?.spans, [
    sock.span,
    sock.kindSpan,
    sock.pathSpan,
  ]);
  assert.equal(item('socket,id=libxl-channel1,path=/var/run/xen/cfg-pvguest.sock,server=on,wait=off')?.channelIndex, 0);
  assert.deepEqual(item('pty,id=libxl-channel2')?.span, pty.span);
  const nameIdx = argvLines(r).indexOf('-name');
  assert.deepEqual(r.qemu.argv[nameIdx].span, d.nameSpan);
  assert.deepEqual(r.qemu.argv[nameIdx + 1].span, d.nameSpan);
  const mIdx = argvLines(r).indexOf('-m');
  assert.deepEqual(r.qemu.argv[mIdx].span, d.memorySpan);
  assert.deepEqual(r.qemu.argv[mIdx + 1].span, d.memorySpan);
  assert.deepEqual(item('xenpv')?.span, d.typeSpan);
  // The result is plain JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('libvirt XML has the libvirt test-channel-*.xml form', () => {
  const r = render(exampleA(), '4.21');
  assert.equal(
    r.libvirtXml,
    [
      '<devices>',
      "  <channel type='unix'>",
      "    <source mode='bind' path='/var/run/xen/cfg-pvguest.sock'/>",
      "    <target type='xen' name='org.example.cfg.0'/>",
      '  </channel>',
      "  <channel type='pty'>",
      "    <target type='xen' name='log.0'/>",
      '  </channel>',
      '</devices>',
      '',
    ].join('\n'),
  );
  const e = render(exampleE(), '4.21', { domains: { dd: 1 } });
  assert.match(e.libvirtXml, /<!-- channel 0: libvirt has no equivalent of backend=/);
  const c = render(exampleC(), 'seed');
  assert.match(c.libvirtXml, /<!-- channel 0: type=none has no libvirt equivalent for Xen -->/);
  assert.match(c.libvirtXml, /<!-- channel 2: type=path has no libvirt equivalent for Xen -->/);
});

test('udev rule matches console-N of any width and runs the helper', () => {
  const r = render(exampleA(), '4.21');
  const rules = r.udev.rule.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(rules, [
    'ACTION=="add", SUBSYSTEM=="xen", DEVPATH=="/devices/console-[0-9]*", RUN+="/bin/sh /usr/local/sbin/xen-channel-link add %k"',
    'ACTION=="remove", SUBSYSTEM=="xen", DEVPATH=="/devices/console-[0-9]*", RUN+="/bin/sh /usr/local/sbin/xen-channel-link remove %k"',
  ]);
  assert.match(r.udev.rule, /console-1 = channel 0 "org\.example\.cfg\.0" \(socket\)/);
  assert.match(r.udev.helper, /xenstore-read "device\/console\/\$n\/name"/);
  assert.match(r.udev.helper, /ln -s "\/dev\/hvc\$n" "\$DIR\/\$name"/);
});

test('from config text: example A through the settings model, with spans pointing into the text', () => {
  const text = [
    'name   = "pvguest"',
    'type   = "pv"',
    'kernel = "/boot/vmlinuz-guest"',
    'memory = 512',
    'channel = [ "name=org.example.cfg.0,connection=socket,path=/var/run/xen/cfg-pvguest.sock",',
    '            "name=log.0,connection=pty" ]',
    '',
  ].join('\n');
  const target = xen('4.21');
  const r = renderPreview(renderDomainFromModel(buildSettings(parse(text)), { xen: target }), { xen: target, domid: 7 });
  assert.deepEqual(argvLines(r), EXAMPLE_A_ARGV);
  assert.deepEqual(tree(r), EXAMPLE_A_TREE);
  const at = (s?: { start: number; end: number }) => (s ? text.slice(s.start, s.end) : undefined);
  const argv = (value: string) => r.qemu.argv.find((a) => a.value === value);
  assert.match(at(argv('pvguest')?.span) ?? '', /pvguest/);
  assert.match(at(argv('512')?.span) ?? '', /512/);
  assert.match(at(argv('pty,id=libxl-channel2')?.span) ?? '', /name=log\.0,connection=pty/);
  assert.match(at(r.xenstore.find((e) => e.path === '/local/domain/7/device/console/1/name')?.span) ?? '', /org\.example\.cfg\.0/);
  assert.match(at(r.xenstore.find((e) => e.path === '/local/domain/0/backend/console/7/1/path')?.span) ?? '', /cfg-pvguest\.sock/);
});

test('pty channels: one note names each of up to four, and one note covers many', () => {
  const configWith = (n: number) =>
    ['name = "g"', 'type = "pv"', 'kernel = "/k"', 'channel = [', ...Array.from({ length: n }, (_, i) => `  "name=org.example.p.${i},connection=pty",`), ']', ''].join('\n');
  const notesOf = (n: number) => {
    const target = xen('4.21');
    return renderPreview(renderDomainFromModel(buildSettings(parse(configWith(n))), { xen: target }), { xen: target, domid: 7 }).qemu.notes.filter((t) => t.includes('not connected'));
  };
  const one = notesOf(1);
  assert.deepEqual(one.length, 1);
  assert.match(one[0], /^channel 0 \("org\.example\.p\.0"\): .*-chardev libxl-channel1 is created .* not connected to the channel\.$/);
  const three = notesOf(3);
  assert.equal(three.length, 1);
  assert.match(three[0], /^channel 0 \("org\.example\.p\.0"\), channel 1 \("org\.example\.p\.1"\), channel 2 \("org\.example\.p\.2"\) \(3 pty channels\): .*\(libxl-channel1, libxl-channel2, libxl-channel3\) are created/);
  assert.doesNotMatch(three[0], /more/);
  const many = notesOf(300);
  assert.equal(many.length, 1);
  assert.match(many[0], /channel 3 \("org\.example\.p\.3"\) and 296 more \(300 pty channels\)/);
  assert.match(many[0], /libxl-channel4, …\) are created/);
  assert.ok(many[0].length < 600, `one short note: ${many[0].length} characters`);
});
