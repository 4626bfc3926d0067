/**
 * Resolves the inputs once: option defaults, the guest type libxl really
 * builds, and every channel after the era's rules (dialect checks, devids,
 * backend domid). The xenstore, argv, libvirt and udev renderers all read this.
 */
import type { Span } from '../syntax/cst';
import { formatVersion, type XenVersion } from '../model/xenVersion';
import type { GuestType, RenderChannel, RenderDomain, RenderOptions } from './input';
import type { ChannelView, DomidText, RenderProblem } from './types';
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
  problems: RenderProblem[];
}

export function firstSpan(...spans: Array<Span | undefined>): Span | undefined {
  return spans.find((s) => s !== undefined);
}

export function resolveContext(domain: RenderDomain, options: RenderOptions): RenderContext {
  const v = options.xen;
  const problems: RenderProblem[] = [];
  let guestType = domain.type;
  if (guestType === 'pvh' && !supportsPvh(v)) {
    guestType = 'pv';
    problems.push({
      code: 'pvh-before-4.10',
      severity: 'warning',
      effect: 'note',
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
    problems,
  };
  ctx.channels = domain.channels.map((ch) => planChannel(ctx, ch, ch.index, options));
  return ctx;
}

/** libxl_domain_qualifier_to_domid: all digits -> that number (not checked); else a running domain's name. */
function resolveBackend(
  text: string | undefined,
  domains: Record<string, number> | undefined,
): { domid: DomidText; resolved: boolean } {
  if (text === undefined) return { domid: 0, resolved: true };
  if (/^[0-9]*$/.test(text)) return { domid: text === '' ? 0 : Number(text), resolved: true };
  if (domains && Object.prototype.hasOwnProperty.call(domains, text)) return { domid: domains[text], resolved: true };
  if (text === 'Domain-0') return { domid: 0, resolved: true };
  return { domid: `<${text}>`, resolved: false };
}

const SEED_TYPE_WORDS = ['none', 'pty', 'path', 'socket'] as const;

/** How the kind keyword must be spelled for the dialect (undefined: not accepted). */
function expectedKindText(seed: boolean, kind: ChannelKindResolved): string | undefined {
  if (seed) return kind === 'file' ? 'path' : kind;
  return kind === 'pty' || kind === 'socket' ? kind : undefined;
}

function planChannel(ctx: RenderContext, ch: RenderChannel, index: number, options: RenderOptions): PlannedChannel {
  const { v } = ctx;
  const seed = channelKeySet(v) === 'seed';
  const errors: RenderProblem[] = [];
  const push = (p: Omit<RenderProblem, 'channelIndex'>) => errors.push({ ...p, channelIndex: index });
  const itemSpan = ch.span;

  // kind undefined with kindText set: the model found a value xl does not accept.
  let kind: ChannelKindResolved | undefined = ch.kind;
  if (seed && kind === undefined && ch.kindText === undefined) kind = 'none';
  const kindSpan = firstSpan(ch.kindSpan, itemSpan);
  const written = ch.kindText ?? (kind === undefined ? undefined : seed && kind === 'file' ? 'path' : kind);
  if (written === undefined) {
    push({
      code: 'channel-no-kind',
      severity: 'error',
      effect: 'xl-exits',
      message: `Channel ${index} has no connection=: xl stops with "channel has unknown 'connection'". Add connection=pty or connection=socket.`,
      span: itemSpan,
    });
  } else if (seed && written === 'file') {
    push({
      code: 'seed-type-file',
      severity: 'error',
      effect: 'xl-exits',
      message:
        "The 2014 proposal's xl rejects type=file (\"unknown channel type 'file'\") although its documentation spells the spool-to-file type FILE: the parser only knows type=path.",
      span: kindSpan,
    });
  } else if (seed && kind === undefined && (SEED_TYPE_WORDS as readonly string[]).includes(written)) {
    push({
      code: 'seed-one-output',
      severity: 'error',
      effect: 'xl-exits',
      message: 'xl stops with "a channel may have only one output": a second type= follows one that is not none.',
      span: kindSpan,
    });
  } else if (kind === undefined || written !== expectedKindText(seed, kind)) {
    push({
      code: 'channel-kind-unsupported',
      severity: 'error',
      effect: 'xl-exits',
      message: seed
        ? `xl stops with "unknown channel type '${written}'": the 2014 proposal accepts none, pty, path and socket (lower case).`
        : `xl stops with "unknown channel connection '${written}'": Xen ${formatVersion(v)} accepts only connection=pty or connection=socket.`,
      span: kindSpan,
    });
  }

  const devids = channelDevids(v, ctx.policy, index);
  const chardevId = `libxl-channel${devids.channelDevid}`;

  const needsPath = kind === 'socket' || (seed && kind === 'file');
  if (needsPath && ch.path === undefined) {
    push(
      seed
        ? {
            code: 'channel-no-path',
            severity: 'error',
            effect: 'create-fails',
            message: `libxl stops domain creation with "channel ${devids.channelDevid} has no path": type=${kind === 'file' ? 'path' : kind} needs path=.`,
            span: kindSpan,
          }
        : {
            code: 'channel-no-path',
            severity: 'error',
            effect: 'xl-exits',
            message: `xl stops with "channel connection 'socket' requires path=..": add path=/run/xen/<name>.sock (the socket qemu creates).`,
            span: kindSpan,
          },
    );
  }
  if (ch.name === undefined) {
    push({
      code: 'channel-no-name',
      severity: 'error',
      effect: 'create-fails',
      message: `libxl stops domain creation with "channel ${devids.channelDevid} has no name": every channel needs name=.`,
      span: itemSpan,
    });
  }

  const backend = resolveBackend(ch.backend, options.domains);
  const backendSpan = firstSpan(ch.backendSpan, itemSpan);
  const renders = errors.length === 0;
  if (renders && !backend.resolved) {
    push({
      code: 'backend-unresolved',
      severity: 'warning',
      effect: 'note',
      message: `backend=${ch.backend} is a domain name: libxl looks it up among running domains at create time (creation fails if none has that name). Its domid is unknown here, shown as ${backend.domid}.`,
      span: backendSpan,
    });
  }
  const local = backend.domid === ctx.T;
  if (renders && !local) {
    push({
      code: 'remote-backend-inert',
      severity: 'warning',
      effect: 'inert',
      message: seed
        ? `The backend is domain ${backend.domid}, not the toolstack domain (${ctx.T}). The 2014 proposal starts a qemu in domain ${ctx.T} for any channel, but that qemu only serves backends in its own domain: nothing connects this channel unless domain ${backend.domid} runs a console backend of its own.`
        : `The backend is domain ${backend.domid}, not the toolstack domain (${ctx.T}): libxl writes the xenstore nodes but starts nothing in domain ${backend.domid}, so the channel works only if that domain runs a console backend of its own. (A qemu in domain ${ctx.T} started for other reasons still gets this channel's -chardev, unused.)`,
      span: backendSpan,
    });
  }

  const published = renders && !(devids.consoleDevid === 0 && refusesNamedPrimaryConsole(v));
  if (renders && !published) {
    push({
      code: 'primary-console-collision',
      severity: 'warning',
      effect: 'channel-lost',
      message:
        `With xl, Xen ${formatVersion(v)} gives the first channel console number 0, the primary console's: libxl logs "Primary console has invalid configuration", ` +
        `writes nothing for this channel and goes on, so the guest never sees it (its -chardev is still created). ` +
        `The other channels shift down: channel i is /dev/hvc<i>. Fixed in 4.18.5, 4.19.2, 4.20.1 and 4.21.0.`,
      span: itemSpan,
    });
  }

  let output = '';
  if (kind !== undefined) output = !seed && kind === 'pty' ? 'pty' : `chardev:${chardevId}`;

  for (const e of errors) ctx.problems.push(e);
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
