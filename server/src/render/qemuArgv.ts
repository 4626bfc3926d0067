/**
 * Whether a device model (qemu) runs for the domain, and the argv and
 * environment libxl gives it (libxl__build_device_model_args_new and
 * libxl__need_xenpv_qemu), in the form of the target release.
 */
import type { Span } from '../syntax/cst';
import type { XenVersion } from '../model/xenVersion';
import type { ArgvItem, ArgvOrigin, QemuPreview, RenderNote } from './types';
import { CONSOLE_LIMIT, firstSpan, type PlannedChannel, type RenderContext } from './context';
import {
  anyChannelStartsQemu,
  channelKeySet,
  hasConsoleLimitEnv,
  hasDisplayNone,
  hasLibxenstatMonitor,
  hasNoShutdown,
  hasNoUserConfig,
  hasQemuTraditional,
  hasSuppressVmdesc,
  hasXenDomainIdEnv,
  mayRunAsUser,
  noShutdownAfterDomid,
  pvhGetsXenAttach,
  socketServerSuffix,
  vncPasswordOn,
} from './era';
import type { RenderDomain } from './input';
import { shellAssignment, shellQuote, shellQuoteArg } from './shellQuote';
import { xenpvQemuReason, type PlannedDevice } from './devicePlan';
import { hvmDeviceArgs, type DeviceArgs } from './devicesQemu';

export interface QemuRender {
  qemu: QemuPreview;
  notes: RenderNote[];
}

/** The -chardev value libxl builds for one channel. */
export function channelChardev(ctx: RenderContext, c: PlannedChannel): string {
  const id = c.chardevId;
  const socketFlags = socketServerSuffix(ctx.v);
  switch (c.kind) {
    case 'none':
      return `null,id=${id}`;
    case 'pty':
      return `pty,id=${id}`;
    case 'file':
      return `file,id=${id},path=${c.path}`;
    case 'socket':
      return `socket,id=${id},path=${c.path},${socketFlags}`;
    default:
      throw new Error(`channel ${c.index} has no kind`);
  }
}

/** How many pty channels the note on them names before "and N more". */
const PTY_NOTE_NAMES = 4;

function label(c: PlannedChannel): string {
  return c.name === undefined ? `channel ${c.index}` : `channel ${c.index} (${JSON.stringify(c.name)})`;
}

function decide(ctx: RenderContext, channels: PlannedChannel[], devices: PlannedDevice[]): { runs: boolean; reason: string } {
  const { guestType, T } = ctx;
  const type = guestType.toUpperCase();
  if (guestType === 'hvm') {
    return {
      runs: true,
      reason:
        channels.length > 0
          ? 'HVM guest: libxl always starts the device model, and its Xen console backend also serves the channel consoles; each channel adds one -chardev.'
          : 'HVM guest: libxl always starts the device model; with no channels it gets no channel -chardev.',
    };
  }
  if (anyChannelStartsQemu(ctx.v) && channels.length > 0) {
    return {
      runs: true,
      reason: `${type} guest: the 2014 proposal starts a xenpv qemu in the toolstack domain as soon as the domain has a channel (whatever its backend).`,
    };
  }
  const local = channels.find((c) => c.local);
  if (local) {
    return {
      runs: true,
      reason: `${type} guest: ${label(local)} has its backend in the toolstack domain (${T}), and xenconsoled serves only console 0, so libxl starts a xenpv qemu there for the channel consoles.`,
    };
  }
  const byDevice = xenpvQemuReason(ctx, devices);
  if (byDevice) return { runs: true, reason: `${type} guest: ${byDevice}` };
  return {
    runs: false,
    reason:
      channels.length > 0
        ? `${type} guest: no channel has its backend in the toolstack domain (${T}) and no device needs qemu (no framebuffer, no disk on qdisk), so libxl starts no qemu.`
        : `${type} guest without channels, framebuffer or qdisk disks: libxl starts no qemu for it.`,
  };
}

export function renderQemu(ctx: RenderContext, devices: PlannedDevice[] = []): QemuRender {
  const { v, domain } = ctx;
  const renderNotes: RenderNote[] = [];
  const channels = ctx.channels.filter((c) => c.renders);
  const { runs, reason } = decide(ctx, channels, devices);
  const notes: string[] = [];
  const empty = (why: string): QemuRender => ({
    qemu: { runs, reason: why, argv: [], env: {}, shell: '', notes, unrendered: [] },
    notes: renderNotes,
  });

  // A device_model_version xl refuses (unknown, or qemu-xen-traditional from 4.21) is the checker's finding; the preview shows qemu-xen then.
  const dmSpan = domain.deviceModelVersionSpan;
  const traditional = domain.deviceModelVersion === 'qemu-xen-traditional' && hasQemuTraditional(v);

  if (!runs) return empty(reason);
  if (traditional) {
    if (channels.length > 0) {
      renderNotes.push({
        code: 'traditional-no-chardevs',
        effect: 'guest-misses',
        message:
          'device_model_version=qemu-xen-traditional: libxl still writes the channel consoles to xenstore but gives qemu-dm no -chardev for them, so no channel is connected.',
        span: firstSpan(dmSpan, domain.channelSpan),
      });
    }
    return empty(`${reason} It is qemu-xen-traditional (qemu-dm), whose command line is not shown here; it gets no channel -chardev options.`);
  }

  const argv: ArgvItem[] = [];
  const push = (value: string, origin: ArgvOrigin, span?: Span, extra?: Partial<ArgvItem>) => {
    const item: ArgvItem = { value, origin };
    if (span) item.span = span;
    if (extra) Object.assign(item, extra);
    argv.push(item);
  };
  const pair = (flag: string, value: string, origin: ArgvOrigin, span?: Span, extra?: Partial<ArgvItem>) => {
    push(flag, origin, span, extra);
    push(value, origin, span, extra);
  };

  const D = String(ctx.D);
  const seed = channelKeySet(v) === 'seed';
  const flags = socketServerSuffix(v);
  const hvm = ctx.guestType === 'hvm';
  const dev: DeviceArgs = hvm ? hvmDeviceArgs(ctx, devices) : { controller: [], nics: [], disks: [], unrendered: [] };

  push(ctx.qemuPath, 'binary', domain.deviceModelOverride !== undefined ? domain.deviceModelOverrideSpan : undefined);
  pair('-xen-domid', D, 'domid');
  if (noShutdownAfterDomid(v)) push('-no-shutdown', 'fixed');
  pair('-chardev', `socket,id=libxl-cmd,path=${ctx.runDir}/qmp-libxl-${D},${flags}`, 'qmp');
  if (hasNoShutdown(v) && !noShutdownAfterDomid(v)) push('-no-shutdown', 'fixed');
  pair('-mon', 'chardev=libxl-cmd,mode=control', 'qmp');
  if (hasLibxenstatMonitor(v)) {
    pair('-chardev', `socket,id=libxenstat-cmd,path=${ctx.runDir}/qmp-libxenstat-${D},${flags}`, 'libxenstat');
    pair('-mon', 'chardev=libxenstat-cmd,mode=control', 'libxenstat');
  }

  const seen = new Map<string, PlannedChannel>();
  const ptys: PlannedChannel[] = [];
  for (const c of channels) {
    const src = c.src;
    const spans = [src.span, src.kindSpan, src.pathSpan].filter((s): s is Span => s !== undefined);
    const span = firstSpan(src.span, src.pathSpan);
    const value = channelChardev(ctx, c);
    push('-chardev', 'channel', span, { channelIndex: c.index });
    push(value, 'channel', span, { channelIndex: c.index, ...(spans.length ? { spans } : {}) });
    if (c.path !== undefined && c.path.includes(',')) {
      renderNotes.push({
        code: 'comma-in-path',
        effect: 'qemu-fails',
        message: `The path of ${label(c)} contains a comma. libxl puts it into "-chardev ${c.kind},...,path=..." unescaped, so qemu reads the text after the comma as another option and refuses to start.`,
        span: firstSpan(src.pathSpan, span),
        channelIndex: c.index,
      });
    }
    const first = seen.get(c.chardevId);
    if (first) {
      renderNotes.push({
        code: 'duplicate-chardev-id',
        effect: 'qemu-fails',
        message:
          `${label(c)} gets the same chardev id as ${label(first)}: qemu exits with "Duplicate ID '${c.chardevId}' for chardev" and the domain does not start.` +
          (c.channelDevid === -1 ? ' (channel devids left unset: libxl only fills them in from Xen 4.11.)' : ''),
        span,
        channelIndex: c.index,
      });
    } else seen.set(c.chardevId, c);
    if (!seed && c.kind === 'pty') ptys.push(c);
  }
  if (ptys.length === 1) {
    const [c] = ptys;
    notes.push(
      `${label(c)}: the console's output is "pty", so qemu's console backend opens a pty of its own; the -chardev ${c.chardevId} is created (qemu prints "char device redirected to /dev/pts/K (label ${c.chardevId})") but not connected to the channel.`,
    );
  } else if (ptys.length > 1) {
    // One note for all of them: a file with hundreds of pty channels gets one line, not hundreds of the same.
    const shown = ptys.slice(0, PTY_NOTE_NAMES);
    const more = ptys.length - shown.length;
    notes.push(
      `${shown.map(label).join(', ')}${more ? ` and ${more} more` : ''} (${ptys.length} pty channels): each console's output is "pty", so qemu's console backend opens a pty of its own; their -chardev devices (${shown.map((c) => c.chardevId).join(', ')}${more ? ', …' : ''}) are created (qemu prints "char device redirected to /dev/pts/K (label ...)" for each) but not connected to the channels.`,
    );
  }

  push('-nodefaults', 'fixed');
  if (hasNoUserConfig(v)) push('-no-user-config', 'fixed');
  if (ctx.guestType === 'pv' || (ctx.guestType === 'pvh' && pvhGetsXenAttach(v))) push('-xen-attach', 'fixed', domain.typeSpan);
  if (domain.name !== undefined) pair('-name', domain.name, 'name', domain.nameSpan);

  const vnc = hvm ? domain.vnc ?? true : domain.vnc === true;
  const vncSpans = [domain.vncSpan, domain.vncListenSpan, domain.vncDisplaySpan, domain.vncUnusedSpan, domain.vncPasswdSpan].filter((s): s is Span => s !== undefined);
  const fromFile = (spans: Span[]) => (spans.length ? { source: 'file' as const, spans } : { source: 'default' as const });
  if (vnc) {
    const vncFrom = fromFile(vncSpans);
    pair('-vnc', vncArgument(domain, v), 'display', vncSpans[0], vncFrom);
  } else if (hasDisplayNone(v)) pair('-vnc', 'none', 'display', domain.vncSpan, fromFile(domain.vncSpan ? [domain.vncSpan] : []));
  if (hasDisplayNone(v)) pair('-display', 'none', 'display');

  if (hvm) {
    // The SCSI controller comes before the serial ports (4.11+), so that it keeps its PCI slot.
    argv.push(...dev.controller);
    for (const s of domain.serial ?? []) pair('-serial', s, 'serial', domain.serialSpan, { source: 'file' });
    if (domain.nographic === true && !vnc) push('-nographic', 'display', domain.nographicSpan, { source: 'file' });
    const card = vgaCard(domain);
    const cardSpans = [domain.vgaSpan, domain.videoramSpan].filter((s): s is Span => s !== undefined);
    if (card) pair('-device', card, 'vga', cardSpans[0], fromFile(cardSpans));
    pair('-boot', `order=${domain.boot ?? 'cda'}`, 'fixed', domain.bootSpan, fromFile(domain.bootSpan ? [domain.bootSpan] : []));
    // The emulated network cards; without any, libxl says -net none.
    if (dev.nics.length) argv.push(...dev.nics);
    else pair('-net', 'none', 'fixed', undefined, { source: 'default' });
  } else if (!vnc) {
    push('-nographic', 'display');
  }

  for (const a of domain.deviceModelArgs ?? []) push(a, 'extra', domain.deviceModelArgsSpan);
  push('-machine', 'machine', domain.typeSpan);
  if (hvm) {
    push(hasSuppressVmdesc(v) ? 'xenfv,suppress-vmdesc=on' : 'xenfv', 'machine', domain.typeSpan);
    for (const a of domain.deviceModelArgsHvm ?? []) push(a, 'extra', domain.deviceModelArgsHvmSpan);
  } else {
    push('xenpv', 'machine', domain.typeSpan);
    for (const a of domain.deviceModelArgsPv ?? []) push(a, 'extra', domain.deviceModelArgsPvSpan);
  }
  // ram_size = ceil((max_memkb - video_memkb) / 1024); xl: maxmem, else memory; libxl default 32 MiB.
  const memMiB = domain.maxmemMiB ?? domain.memoryMiB ?? 32;
  const videoMiB = hvm ? videoramMiB(domain) : 0;
  pair('-m', String(Math.ceil(memMiB - videoMiB)), 'memory', firstSpan(domain.maxmemSpan, domain.memorySpan));
  // The AHCI controller and the emulated disks.
  argv.push(...dev.disks);

  const env: Record<string, string> = {};
  if (hasConsoleLimitEnv(v)) {
    env.XEN_QEMU_CONSOLE_LIMIT = CONSOLE_LIMIT;
    notes.push('libxl sets XEN_QEMU_CONSOLE_LIMIT only when its own environment does not already have it.');
  }
  if (hvm && hasXenDomainIdEnv(v)) env.XEN_DOMAIN_ID = D;
  if (dev.nics.length) notes.push('The tap names of the emulated network cards (vifD.N-emu) are those of a Linux host (FreeBSD: xnbD.N-emu; NetBSD: xvifDiN-emu, with a qemu-ifup script).');
  if (hvm) {
    if (mayRunAsUser(v)) {
      notes.push(
        'libxl may append -runas <user> (from 4.20 -run-with user=<user> when qemu offers it) when device_model_user is set or the host has a xen-qemuuser-* account.',
      );
    }
  }

  const shell = [
    ...Object.entries(env).map(([k, val]) => shellAssignment(k, val)),
    shellQuote(argv[0].value),
    ...argv.slice(1).map((a) => shellQuoteArg(a.value)),
  ].join(' ');
  const unrendered = [...(domain.unrendered ?? []), ...dev.unrendered];
  return { qemu: { runs, reason, argv, env, shell, notes, unrendered }, notes: renderNotes };
}

/**
 * libxl's -vnc value: vnclisten (with its own ":display" when it has one),
 * else 127.0.0.1, then ":" vncdisplay (default 0); ",password=on" (",password"
 * before 4.16.0, 217eef30f7) with a vncpasswd; ",to=99" when vncunused (on by
 * default) lets qemu try the next 99 displays.
 */
function vncArgument(domain: RenderDomain, v: XenVersion): string {
  const display = domain.vncDisplay ?? 0;
  let arg = domain.vncListen !== undefined ? (domain.vncListen.includes(':') ? domain.vncListen : `${domain.vncListen}:${display}`) : `127.0.0.1:${display}`;
  if (domain.vncPasswd) arg += vncPasswordOn(v) ? ',password=on' : ',password';
  if (domain.vncUnused ?? true) arg += ',to=99';
  return arg;
}

/** The card's video memory: videoram=, else libxl's default for the card (qemu-xen: std 16, cirrus 8, qxl 128 MiB, none 0). */
function videoramMiB(domain: RenderDomain): number {
  if (domain.videoramMiB !== undefined) return domain.videoramMiB;
  switch (domain.vga ?? 'cirrus') {
    case 'std':
      return 16;
    case 'qxl':
      return 128;
    case 'none':
      return 0;
    default:
      return 8;
  }
}

/** The -device value of the emulated graphics card (none: no card). */
function vgaCard(domain: RenderDomain): string | undefined {
  const mib = videoramMiB(domain);
  switch (domain.vga ?? 'cirrus') {
    case 'std':
      return `VGA,vgamem_mb=${mib}`;
    case 'qxl':
      return `qxl-vga,vram_size_mb=${Math.floor(mib / 2)},ram_size_mb=${Math.floor(mib / 2)}`;
    case 'none':
      return undefined;
    default:
      return `cirrus-vga,vgamem_mb=${mib}`;
  }
}
