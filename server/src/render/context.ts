/**
 * Resolves the inputs once: option defaults, the guest type libxl really
 * builds, and every channel after the era's rules (dialect checks, devids,
 * backend domid). The xenstore, argv, libvirt and udev renderers all read this.
 */
import type { Span } from '../syntax/cst';
import type { XenVersion } from '../model/xenVersion';
import type { GuestType, RenderChannel, RenderDomain, RenderOptions } from './input';
import type { ChannelView, DomidText, RenderNote } from './types';
import {
  channelDevids,
  channelKeySet,
  isSeedEra,
  refusesNamedPrimaryConsole,
  supportsPvh,
  type DevidPolicy,
} from './era';

export const DEFAULT_DOMID_PLACEHOLDER = 'DOMID';
export const DEFAULT_RUN_DIR = '/var/run/xen';
export const DEFAULT_QEMU_PATH = '/usr/lib/xen/bin/qemu-system-i386';
/** XEN_SCRIPT_DIR of a default build (configure's --sysconfdir=/etc): where libxl finds block, vif-bridge... */
export const DEFAULT_SCRIPT_DIR = '/etc/xen/scripts';
/** LIBXL_XENCONSOLE_LIMIT */
export const CONSOLE_LIMIT = '1048576';

export type ChannelKindResolved = 'pty' | 'socket' | 'none' | 'file';

export interface PlannedChannel extends ChannelView {
  kind?: ChannelKindResolved;
  path?: string;
  src: RenderChannel;
}

export interface RenderContext {
  v: XenVersion;
  domain: RenderDomain;
  /** Guest domid (or placeholder text). */
  D: DomidText;
  /** Toolstack domid. */
  T: number;
  /** Console 0 backend domid. */
  B0: number;
  runDir: string;
  /** argv[0]: device_model_override= or the configured qemu-xen path. */
  qemuPath: string;
  policy: DevidPolicy;
  /** The type libxl builds (PVH before 4.10 is built as PV). */
  guestType: GuestType;
  channels: PlannedChannel[];
  notes: RenderNote[];
  /** Known domain names -> domids (backend= names). */
  domains?: Record<string, number>;
  /** libxl's script directory (XEN_SCRIPT_DIR), for relative script= names. */
  scriptDir: string;
}

export function firstSpan(...spans: Array<Span | undefined>): Span | undefined {
  return spans.find((s) => s !== undefined);
}

export function resolveContext(domain: RenderDomain, options: RenderOptions): RenderContext {
  const v = options.xen;
  const notes: RenderNote[] = [];
  let guestType = domain.type;
  if (guestType === 'pvh' && !supportsPvh(v)) {
    guestType = 'pv';
    notes.push({
      code: 'pvh-before-4.10',
      effect: 'ignored',
      message: isSeedEra(v)
        ? 'type="pvh" does not exist in the 2014 tree: xl builds a PV guest, rendered here as PV.'
        : 'type="pvh" arrived in Xen 4.10: this release builds a PV guest, rendered here as PV.',
      span: firstSpan(domain.typeSpan),
    });
  }
  const ctx: RenderContext = {
    v,
    domain,
    D: options.domid ?? DEFAULT_DOMID_PLACEHOLDER,
    T: options.toolstackDomid ?? 0,
    B0: options.consoleBackendDomid ?? 0,
    runDir: (options.runDir ?? DEFAULT_RUN_DIR).replace(/(.)\/+$/, '$1'),
    qemuPath: domain.deviceModelOverride ?? options.qemuPath ?? DEFAULT_QEMU_PATH,
    policy: options.devidPolicy ?? 'xl',
    guestType,
    channels: [],
    notes,
    domains: options.domains,
    scriptDir: (options.scriptDir ?? DEFAULT_SCRIPT_DIR).replace(/(.)\/+$/, '$1'),
  };
  ctx.channels = domain.channels.map((ch) => planChannel(ctx, ch, ch.index, options));
  return ctx;
}

/** libxl_domain_qualifier_to_domid: all digits -> that number (not checked); else a running domain's name. */
export function resolveBackend(
  text: string | undefined,
  domains: Record<string, number> | undefined,
): { domid: DomidText; resolved: boolean } {
  if (text === undefined) return { domid: 0, resolved: true };
  if (/^[0-9]*$/.test(text)) return { domid: text === '' ? 0 : Number(text), resolved: true };
  if (domains && Object.prototype.hasOwnProperty.call(domains, text)) return { domid: domains[text], resolved: true };
  if (text === 'Domain-0') return { domid: 0, resolved: true };
  return { domid: `<${text}>`, resolved: false };
}


/** How the kind keyword must be spelled for the dialect (undefined: not accepted). */
function expectedKindText(seed: boolean, kind: ChannelKindResolved): string | undefined {
  if (seed) return kind === 'file' ? 'path' : kind;
  return kind === 'pty' || kind === 'socket' ? kind : undefined;
}

/**
 * Whether libxl creates this channel as written (the checker says why not, in
 * its findings): a kind the dialect accepts, a name, and a path where the kind
 * needs one.
 */
function creates(seed: boolean, ch: RenderChannel, kind: ChannelKindResolved | undefined): boolean {
  const written = ch.kindText ?? (kind === undefined ? undefined : seed && kind === 'file' ? 'path' : kind);
  if (written === undefined || kind === undefined || written !== expectedKindText(seed, kind)) return false;
  if ((kind === 'socket' || (seed && kind === 'file')) && ch.path === undefined) return false;
  return ch.name !== undefined;
}

function planChannel(ctx: RenderContext, ch: RenderChannel, index: number, options: RenderOptions): PlannedChannel {
  const { v } = ctx;
  const seed = channelKeySet(v) === 'seed';
  const itemSpan = ch.span;

  // kind undefined with kindText set: the model found a value xl does not accept.
  let kind: ChannelKindResolved | undefined = ch.kind;
  if (seed && kind === undefined && ch.kindText === undefined) kind = 'none';
  const renders = creates(seed, ch, kind);

  const devids = channelDevids(v, ctx.policy, index);
  const chardevId = `libxl-channel${devids.channelDevid}`;

  const backend = resolveBackend(ch.backend, options.domains);
  const backendSpan = firstSpan(ch.backendSpan, itemSpan);
  const note = (n: Omit<RenderNote, 'channelIndex'>) => ctx.notes.push({ ...n, channelIndex: index });
  if (renders && !backend.resolved) {
    note({
      code: 'backend-unresolved',
      effect: 'style',
      message: `backend=${ch.backend} is a domain name: libxl looks it up among running domains at create time (creation fails if none has that name). Its domid is unknown here, shown as ${backend.domid}.`,
      span: backendSpan,
    });
  }
  const local = backend.domid === ctx.T;
  if (renders && !local) {
    note({
      code: 'remote-backend-inert',
      effect: 'guest-misses',
      message: seed
        ? `The backend is domain ${backend.domid}, not the toolstack domain (${ctx.T}). The 2014 proposal starts a qemu in domain ${ctx.T} for any channel, but that qemu only serves backends in its own domain: nothing connects this channel unless domain ${backend.domid} runs a console backend of its own.`
        : `The backend is domain ${backend.domid}, not the toolstack domain (${ctx.T}): libxl writes the xenstore nodes but starts nothing in domain ${backend.domid}, so the channel works only if that domain runs a console backend of its own. (A qemu in domain ${ctx.T} started for other reasons still gets this channel's -chardev, unused.)`,
      span: backendSpan,
    });
  }

  // The first channel on console 0 (the checker's xen-first-channel-lost): libxl writes nothing for it.
  const published = renders && !(devids.consoleDevid === 0 && refusesNamedPrimaryConsole(v));

  let output = '';
  if (kind !== undefined) output = !seed && kind === 'pty' ? 'pty' : `chardev:${chardevId}`;

  return {
    index,
    name: ch.name,
    kind,
    path: kind === 'socket' || kind === 'file' ? ch.path : undefined,
    renders,
    channelDevid: devids.channelDevid,
    consoleDevid: published ? devids.consoleDevid : undefined,
    published,
    chardevId,
    output,
    backendDomid: backend.domid,
    local,
    span: itemSpan,
    src: ch,
  };
}

/** The plain view of a planned channel (drops the source object). */
export function channelView(c: PlannedChannel): ChannelView {
  const { src: _src, path: _path, ...view } = c;
  return view;
}
