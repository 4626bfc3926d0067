/**
 * The xenstore nodes libxl writes at domain creation for console 0 and for
 * every channel (libxl__device_console_add + libxl__device_generic_add), in
 * the order libxl writes them, with their permissions.
 */
import type { Span } from '../syntax/cst';
import type { DomidText, XenstoreDirectory, XenstoreEntry, XenstoreRole } from './types';
import { CONSOLE_LIMIT, firstSpan, type PlannedChannel, type RenderContext } from './context';
import { backendHasDomainKey, backendHasNameKey, channelKeySet, hasLibxlDeviceCopy } from './era';

/** A key libxl writes, with where it came from. */
interface Kv {
  key: string;
  value: string;
  span?: Span;
  runtimeNote?: string;
}

/** One libxl__device_console_add call: one xenstore transaction. */
interface ConsoleWrite {
  channelIndex: number;
  devid: number;
  /** Frontend / backend domids. */
  D: DomidText;
  B: DomidText;
  frontendPath: string;
  backendPath: string;
  /** Guest-writable frontend keys (`front`). */
  front: Kv[];
  /** Read-only frontend keys (`ro_front`). */
  roFront: Kv[];
  /** Backend keys (`back`), without `frontend`. */
  back: Kv[];
  dirSpan?: Span;
  backendRefSpan?: Span;
}

/** An xs_permissions pair: the owner, and the one other domain that may read. */
export interface Perm {
  owner: DomidText;
  reader?: DomidText;
}

export function formatPerms(p: Perm): string {
  return p.reader === undefined ? `(n${p.owner})` : `(n${p.owner},r${p.reader})`;
}

/**
 * What every xenstore node says of itself, whoever writes it (channels and
 * consoles here, devices in devicesXenstore.ts): its place, its value, and
 * whether guest `guest` can read and write it. `kv` null: the directory node.
 */
export function nodeFields(dir: string, kv: { key: string; value: string; runtimeNote?: string } | null, perms: Perm, guest: DomidText) {
  return {
    path: kv ? `${dir}/${kv.key}` : dir,
    dir,
    key: kv ? kv.key : '',
    value: kv ? kv.value : '',
    isDir: !kv,
    perms: formatPerms(perms),
    owner: perms.owner,
    guestReadable: perms.owner === guest || perms.reader === guest,
    guestReadOnly: perms.owner !== guest,
    runtime: kv?.runtimeNote !== undefined,
  };
}

function consoleZero(ctx: RenderContext): ConsoleWrite {
  const { D, B0, domain } = ctx;
  const back: Kv[] = [
    { key: 'frontend-id', value: String(D) },
    { key: 'online', value: '1' },
    { key: 'state', value: '1' },
  ];
  if (backendHasDomainKey(ctx.v)) back.push({ key: 'domain', value: domain.name ?? '', span: domain.nameSpan });
  back.push({ key: 'protocol', value: 'vt100' });
  return {
    channelIndex: -1,
    devid: 0,
    D,
    B: B0,
    frontendPath: `/local/domain/${D}/console`,
    backendPath: `/local/domain/${B0}/backend/console/${D}/0`,
    front: [{ key: 'backend-id', value: String(B0) }],
    roFront: [
      { key: 'limit', value: CONSOLE_LIMIT },
      { key: 'type', value: 'xenconsoled' },
      { key: 'output', value: 'pty' },
      { key: 'tty', value: '', runtimeNote: 'xenconsoled writes the pty it allocates (/dev/pts/K) when it attaches' },
      { key: 'port', value: '<evtchn>', runtimeNote: 'event channel allocated while the domain is built' },
      {
        key: 'ring-ref',
        value: '<frame>',
        runtimeNote: 'console page frame number from the domain build (MFN for PV, GFN for HVM/PVH)',
      },
    ],
    back,
  };
}

function channelWrite(ctx: RenderContext, c: PlannedChannel): ConsoleWrite {
  const { D, v, domain } = ctx;
  const src = c.src;
  const B = c.backendDomid;
  const K = c.consoleDevid as number;
  const span = src.span;
  const nameSpan = firstSpan(src.nameSpan, span);
  const kindSpan = firstSpan(src.kindSpan, span);
  const backendSpan = firstSpan(src.backendSpan, span);
  const upstream = channelKeySet(v) === 'upstream';
  const ttyNote =
    c.kind === 'pty' ? "qemu's console backend writes the pty it opens (/dev/pts/K) when it realises the console" : undefined;

  const back: Kv[] = [
    { key: 'frontend-id', value: String(D), span },
    { key: 'online', value: '1', span },
    { key: 'state', value: '1', span },
  ];
  if (backendHasDomainKey(v)) back.push({ key: 'domain', value: domain.name ?? '', span: domain.nameSpan });
  back.push({ key: 'protocol', value: 'vt100', span });
  if (upstream) {
    if (backendHasNameKey(v)) back.push({ key: 'name', value: c.name ?? '', span: nameSpan });
    back.push({ key: 'connection', value: c.kind ?? '', span: kindSpan });
    if (c.kind === 'socket') back.push({ key: 'path', value: c.path ?? '', span: firstSpan(src.pathSpan, span) });
  }
  return {
    channelIndex: c.index,
    devid: K,
    D,
    B,
    frontendPath: `/local/domain/${D}/device/console/${K}`,
    backendPath: `/local/domain/${B}/backend/console/${D}/${K}`,
    front: [
      { key: 'backend-id', value: String(B), span: backendSpan },
      { key: 'state', value: '1', span },
      { key: 'protocol', value: 'vt100', span },
    ],
    roFront: [
      { key: 'name', value: c.name ?? '', span: nameSpan },
      { key: 'limit', value: CONSOLE_LIMIT, span },
      { key: 'type', value: 'ioemu', span },
      { key: 'output', value: c.output, span: kindSpan },
      { key: 'tty', value: '', span: kindSpan, runtimeNote: ttyNote },
    ],
    back,
    dirSpan: span,
    backendRefSpan: backendSpan,
  };
}

export interface XenstoreRender {
  entries: XenstoreEntry[];
  dirs: XenstoreDirectory[];
}

export function renderXenstore(ctx: RenderContext): XenstoreRender {
  const writes = ctx.channels.filter((c) => c.published).map((c) => channelWrite(ctx, c));
  writes.push(consoleZero(ctx));
  const copy = hasLibxlDeviceCopy(ctx.v);
  const writer = `libxl in domain ${ctx.T}`;
  const entries: XenstoreEntry[] = [];
  const dirs = new Map<string, XenstoreDirectory>();

  writes.forEach((w, t) => {
    const txn = t + 1;
    const libxlPath = `/libxl/${w.D}/device/console/${w.devid}`;
    const frontPerms: Perm = { owner: w.D, reader: w.B };
    const roPerms: Perm = { owner: w.B, reader: w.D };
    // /libxl/D is created owned by dom0 with no access for anybody else.
    const libxlPerms: Perm = { owner: 0 };
    // Console 0's frontend directory gets the read-only permission set.
    const frontDirPerms = w.devid === 0 ? roPerms : frontPerms;

    const dirOf = (path: string, role: XenstoreRole, dirPerms: Perm, span?: Span): XenstoreDirectory => {
      let d = dirs.get(path);
      if (!d) {
        const domain = role === 'libxl' ? 'libxl (toolstack private)' : role === 'frontend' ? `guest (domain ${w.D})` : `backend (domain ${w.B})`;
        d = { path, perms: formatPerms(dirPerms), role, channelIndex: w.channelIndex, devid: w.devid, writer, domain, entries: [] };
        if (span) d.span = span;
        dirs.set(path, d);
      }
      return d;
    };
    const add = (role: XenstoreRole, dir: string, dirPerms: Perm, kv: Kv | null, nodePerms: Perm, dirSpan?: Span) => {
      const d = dirOf(dir, role, dirPerms, dirSpan);
      const entry: XenstoreEntry = {
        ...nodeFields(dir, kv, nodePerms, w.D),
        channelIndex: w.channelIndex,
        devid: w.devid,
        role,
        txn,
        seq: entries.length,
        writer,
      };
      if (kv?.runtimeNote) entry.runtimeNote = kv.runtimeNote;
      const span = kv ? kv.span : dirSpan;
      if (span) entry.span = span;
      d.entries.push(entries.length);
      entries.push(entry);
    };

    if (copy) {
      add('libxl', libxlPath, libxlPerms, { key: 'frontend', value: w.frontendPath, span: w.dirSpan }, libxlPerms, w.dirSpan);
      add('libxl', libxlPath, libxlPerms, { key: 'backend', value: w.backendPath, span: w.backendRefSpan }, libxlPerms, w.dirSpan);
    }
    add('frontend', w.frontendPath, frontDirPerms, null, frontDirPerms, w.dirSpan);
    add('frontend', w.frontendPath, frontDirPerms, { key: 'backend', value: w.backendPath, span: w.backendRefSpan }, frontDirPerms);
    for (const kv of w.front) add('frontend', w.frontendPath, frontDirPerms, kv, frontPerms);
    for (const kv of w.roFront) add('frontend', w.frontendPath, frontDirPerms, kv, roPerms);
    add('backend', w.backendPath, roPerms, null, roPerms, w.backendRefSpan ?? w.dirSpan);
    add('backend', w.backendPath, roPerms, { key: 'frontend', value: w.frontendPath, span: w.dirSpan }, roPerms);
    for (const kv of w.back) add('backend', w.backendPath, roPerms, kv, roPerms);
    if (copy) for (const kv of w.back) add('libxl', libxlPath, libxlPerms, kv, libxlPerms);
  });

  // Display order: console 0 first, then the channels; /libxl copies last.
  const rank = (d: XenstoreDirectory) => (d.role === 'libxl' ? 1 : 0) * 1e6 + (d.channelIndex + 1) * 10 + (d.role === 'backend' ? 1 : 0);
  const ordered = [...dirs.values()].sort((a, b) => rank(a) - rank(b));
  return { entries, dirs: ordered };
}
