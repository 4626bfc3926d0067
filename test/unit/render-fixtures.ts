/**
 * Domains of the worked examples in libxl-render.md §6 (A–E), with made-up
 * source spans, plus helpers to read a PreviewResult compactly.
 */
import type { Span } from '../../server/src/syntax/cst';
import type { RenderChannel, RenderDomain, RenderOptions } from '../../server/src/render/input';
import type { PreviewResult } from '../../server/src/render/types';
import { parseXenVersion, type XenVersion } from '../../server/src/model/xenVersion';
import { renderPreview } from '../../server/src/render/preview';

export function xen(label: string): XenVersion {
  const v = parseXenVersion(label);
  if (!v) throw new Error(`bad version ${label}`);
  return v;
}

let nextOffset = 0;
function span(len = 10): Span {
  const s = { start: nextOffset, end: nextOffset + len };
  nextOffset += len + 1;
  return s;
}

/** A channel with a span for the item and for each value. */
export function channel(index: number, fields: Omit<RenderChannel, 'index'>): RenderChannel {
  const c: RenderChannel = { index, ...fields, span: span(60) };
  if (fields.name !== undefined) c.nameSpan = span();
  if (fields.kind !== undefined || fields.kindText !== undefined) c.kindSpan = span();
  if (fields.path !== undefined) c.pathSpan = span();
  if (fields.backend !== undefined) c.backendSpan = span();
  return c;
}

function domain(d: Omit<RenderDomain, 'nameSpan' | 'typeSpan' | 'memorySpan' | 'channelSpan'>): RenderDomain {
  return {
    ...d,
    nameSpan: span(),
    typeSpan: span(),
    ...(d.memoryMiB !== undefined ? { memorySpan: span() } : {}),
    channelSpan: span(200),
  };
}

/** Example A: PV, a socket and a pty channel. */
export function exampleA(type: 'pv' | 'pvh' = 'pv'): RenderDomain {
  return domain({
    name: 'pvguest',
    type,
    memoryMiB: 512,
    channels: [
      channel(0, { name: 'org.example.cfg.0', kind: 'socket', path: '/var/run/xen/cfg-pvguest.sock' }),
      channel(1, { name: 'log.0', kind: 'pty' }),
    ],
  });
}

/** Example C: seed, PV, one channel of each seed type. */
export function exampleC(): RenderDomain {
  return domain({
    name: 'seedguest',
    type: 'pv',
    memoryMiB: 512,
    channels: [
      channel(0, { name: 'null0', kind: 'none' }),
      channel(1, { name: 'tty0', kind: 'pty' }),
      channel(2, { name: 'log0', kind: 'file', kindText: 'path', path: '/var/log/xen/seedguest-log0.log' }),
      channel(3, { name: 'ctl0', kind: 'socket', path: '/var/run/xen/seedguest-ctl0.sock' }),
    ],
  });
}

/** Example D: HVM, one socket channel, vnc=0, serial="pty". */
export function exampleD(): RenderDomain {
  return domain({
    name: 'hvmguest',
    type: 'hvm',
    memoryMiB: 1024,
    vnc: false,
    serial: ['pty'],
    channels: [channel(0, { name: 'org.example.cfg.0', kind: 'socket', path: '/var/run/xen/cfg-hvmguest.sock' })],
  });
}

/** Example E: PV, one socket channel whose backend is the driver domain "dd". */
export function exampleE(): RenderDomain {
  return domain({
    name: 'pvguest2',
    type: 'pv',
    memoryMiB: 256,
    channels: [channel(0, { name: 'ctl0', kind: 'socket', path: '/run/ctl0.sock', backend: 'dd' })],
  });
}

export function noChannels(type: 'pv' | 'pvh' | 'hvm'): RenderDomain {
  return domain({ name: 'plain', type, memoryMiB: 256, ...(type === 'hvm' ? { vnc: false } : {}), channels: [] });
}

export function render(d: RenderDomain, version: string, options: Omit<RenderOptions, 'xen'> = {}): PreviewResult {
  return renderPreview(d, { domid: 7, ...options, xen: xen(version) });
}

export function argvLines(r: PreviewResult): string[] {
  return r.qemu.argv.map((a) => a.value);
}

/** `-flag value` pairs and bare flags, one string per line as libxl-render.md §4 writes them. */
export function argvText(r: PreviewResult): string {
  return argvLines(r).join(' ');
}

export interface DirView {
  perms: string;
  /** `key=value perms` per node, in write order. */
  nodes: string[];
}

/** Directory -> its nodes, in display order. */
export function tree(r: PreviewResult): Record<string, DirView> {
  const out: Record<string, DirView> = {};
  for (const d of r.xenstoreDirs) {
    out[d.path] = {
      perms: d.perms,
      nodes: d.entries.map((i) => r.xenstore[i]).filter((e) => !e.isDir).map((e) => `${e.key}=${e.value} ${e.perms}`),
    };
  }
  return out;
}

/** The renderer's notes' codes, in order (the findings about the file are the checker's). */
export function codes(r: PreviewResult): string[] {
  return r.notes.map((p) => p.code);
}

/** Console 0 as libxl writes it (4.5+), guest D = 7, console backend 0. */
export function consoleZero(opts: { seedDomain?: string } = {}): Record<string, DirView> {
  return {
    '/local/domain/7/console': {
      perms: '(n0,r7)',
      nodes: [
        'backend=/local/domain/0/backend/console/7/0 (n0,r7)',
        'backend-id=0 (n7,r0)',
        'limit=1048576 (n0,r7)',
        'type=xenconsoled (n0,r7)',
        'output=pty (n0,r7)',
        'tty= (n0,r7)',
        'port=<evtchn> (n0,r7)',
        'ring-ref=<frame> (n0,r7)',
      ],
    },
    '/local/domain/0/backend/console/7/0': {
      perms: '(n0,r7)',
      nodes: [
        'frontend=/local/domain/7/console (n0,r7)',
        'frontend-id=7 (n0,r7)',
        'online=1 (n0,r7)',
        'state=1 (n0,r7)',
        ...(opts.seedDomain !== undefined ? [`domain=${opts.seedDomain} (n0,r7)`] : []),
        'protocol=vt100 (n0,r7)',
      ],
    },
  };
}
