/**
 * What the renderer produces: plain, JSON-serialisable data (no classes, no
 * Maps), so the language server can send it to the preview panel as is.
 */
import type { Effect } from '../model/effect';
import type { Span } from '../syntax/cst';
import type { LibxlPreview } from './libxlPreview';

/** A domid, or a placeholder text such as "DOMID" or "<dd>". */
export type DomidText = number | string;

export type XenstoreRole = 'frontend' | 'backend' | 'libxl';

export interface XenstoreEntry {
  /** Full path of the node. */
  path: string;
  /** The directory the node is in (for a directory node: its own path). */
  dir: string;
  /** Last path component; '' for a directory node. */
  key: string;
  /** '' for a directory node; a placeholder such as `<evtchn>` when `runtime`. */
  value: string;
  /** A directory libxl creates (mkdir + permissions) before writing keys into it. */
  isDir: boolean;
  /** Permissions as `xenstore-ls -p` prints them: `(n7,r0)`. */
  perms: string;
  /** Owner domain (the `n` part of `perms`). */
  owner: DomidText;
  /** The guest can read the node. */
  guestReadable: boolean;
  /** The guest cannot change the node (it does not own it). */
  guestReadOnly: boolean;
  /** The value is only known at run time (or is overwritten at run time); see `runtimeNote`. */
  runtime: boolean;
  runtimeNote?: string;
  /**
   * The value depends on the host or on chance and is the preview's guess
   * (a backend picked by looking at the host, a random MAC, the script
   * directory of a default build): why.
   */
  guess?: string;
  /** Who writes the node, e.g. "libxl in domain 0". */
  writer: string;
  /** -1 for console 0 (and for a device's node), else the channel's 0-based index. */
  channelIndex: number;
  /** Console (or device) devid the node belongs to. */
  devid: number;
  role: XenstoreRole;
  /**
   * 1-based xenstore transaction: libxl writes one transaction per console,
   * channels first. A device's node: its device's place in the devices
   * section, plus one (libxl writes one transaction per device).
   */
  txn: number;
  /** 0-based position in libxl's write order (within the device, for a device's node). */
  seq: number;
  /** The device (index into `PreviewResult.devices.list`) a device's node belongs to. */
  deviceIndex?: number;
  /** The config text that produced the node. */
  span?: Span;
}

/** One xenstore directory with its nodes, for a grouped view. */
export interface XenstoreDirectory {
  path: string;
  perms: string;
  role: XenstoreRole;
  channelIndex: number;
  devid: number;
  /** Which domain writes it, e.g. "libxl in domain 0". */
  writer: string;
  /** Which domain the directory lives in (the guest, the backend, or /libxl). */
  domain: string;
  /** Indices into `PreviewResult.xenstore` (for a device's directory: into `PreviewResult.devices.xenstore`). */
  entries: number[];
  span?: Span;
  /** The device (index into `PreviewResult.devices.list`) a device's directory belongs to. */
  deviceIndex?: number;
}

export type ArgvOrigin =
  | 'binary'
  | 'domid'
  | 'qmp'
  | 'libxenstat'
  | 'channel'
  | 'fixed'
  | 'name'
  | 'display'
  | 'serial'
  | 'vga'
  | 'machine'
  | 'memory'
  | 'extra'
  /** An emulated disk (or the SCSI/AHCI controller the disks need). */
  | 'disk'
  /** An emulated network card. */
  | 'nic';

export interface ArgvItem {
  value: string;
  origin: ArgvOrigin;
  /**
   * 'file': read from a setting of the file (see `span`); 'default': libxl's
   * default for a setting the file does not make (e.g. -boot order=cda without
   * boot=); absent: always there (binary, QMP sockets, -nodefaults...).
   */
  source?: 'file' | 'default';
  /** The config text that produced the element (most specific first in `spans`). */
  span?: Span;
  /** Every span that contributed (e.g. a socket chardev: the item, its connection and its path). */
  spans?: Span[];
  channelIndex?: number;
  /** The device (index into `PreviewResult.devices.list`) the argument comes from. */
  deviceIndex?: number;
  /** The value depends on the host or on chance and is the preview's guess: why. */
  guess?: string;
}

/**
 * What the renderer itself notes about what it renders (the findings about
 * the file are the checker's: check/rules.ts; the preview shows both).
 */
export type RenderNoteCode =
  /** backend= names a domain, whose domid is only known at create time. */
  | 'backend-unresolved'
  /** The backend is not the toolstack domain: nothing there serves the channel unless that domain runs a console backend. */
  | 'remote-backend-inert'
  /** qemu-xen-traditional gets no -chardev for channels. */
  | 'traditional-no-chardevs'
  /** Characters XML cannot carry, replaced in the libvirt XML. */
  | 'xml-unrepresentable'
  /** Two channels with one chardev id (devids an API user left unset, before 4.11). */
  | 'duplicate-chardev-id'
  /** A path with a comma reaches qemu unescaped (only when a path can hold one: API input). */
  | 'comma-in-path'
  /** type="pvh" before 4.10 (API input): built and rendered as PV. */
  | 'pvh-before-4.10'
  /** libxl picks a disk's backend by looking at the host (a block device or not): the preview guesses. */
  | 'disk-backend-guessed'
  /** libxl finds no backend for a disk (or refuses the one asked for): the domain is not created. */
  | 'disk-no-backend'
  /** qemu-xen has no read-only IDE/AHCI disks: libxl refuses to start the device model. */
  | 'disk-readonly-ide'
  /** A read-only disk that qemu emulates writable (the guest can write it through the emulated controller). */
  | 'disk-readonly-ignored'
  /** An HVM guest's disk that qemu does not emulate although it could be one of the emulated ones (the firmware and a guest without PV drivers do not see it). */
  | 'disk-not-emulated'
  /** Two disks emulated in one IDE unit, SCSI id or AHCI port: qemu refuses the second. */
  | 'disk-emulated-twice'
  /** An emulated cdrom beyond the fourth IDE unit: qemu finds no bus for it. */
  | 'disk-no-ide-bus'
  /** A vif without mac=: libxl makes a random address. */
  | 'vif-random-mac'
  /** type=ioemu on a PV or PVH guest: libxl refuses it. */
  | 'vif-emulated-on-pv'
  /** Script paths are shown in the script directory of a default build. */
  | 'device-script-dir'
  /** A device whose backend= names a domain: its domid is only known at create time. */
  | 'device-backend-unresolved';

export interface RenderNote {
  code: RenderNoteCode;
  /** What it means for `xl create`, in the checker's vocabulary. */
  effect: Effect;
  message: string;
  span?: Span;
  channelIndex?: number;
  /** The device (index into `PreviewResult.devices.list`) the note is about. */
  deviceIndex?: number;
}

/** How one channel ends up, after the era's devid rules. */
export interface ChannelView {
  index: number;
  name?: string;
  /** Kind after the dialect's rules ('pty' | 'socket' | seed 'none' | seed 'file'). */
  kind?: string;
  /** False when the channel cannot be rendered at all (see problems). */
  renders: boolean;
  /** channel.devid as libxl sees it (-1 = unset). */
  channelDevid: number;
  /** Console devid = the N of /dev/hvcN in the guest; undefined when not published. */
  consoleDevid?: number;
  /** Published to the guest in xenstore. */
  published: boolean;
  /** The -chardev id qemu gets (when qemu-xen builds chardevs). */
  chardevId: string;
  /** Frontend `output` value. */
  output: string;
  backendDomid: DomidText;
  /** Backend is the toolstack domain. */
  local: boolean;
  span?: Span;
}

export interface QemuPreview {
  /** A device model runs (for PV/PVH: the xenpv qemu; for HVM: always). */
  runs: boolean;
  reason: string;
  /** Empty when no qemu runs or its argv is not modelled (qemu-xen-traditional). */
  argv: ArgvItem[];
  /** Variables libxl adds to qemu's environment, in the order libxl adds them. */
  env: Record<string, string>;
  /** argv as one shell command (env assignments first), every element shell-quoted. */
  shell: string;
  /** Things the argv may also contain depending on the host (e.g. -runas). */
  notes: string[];
  /**
   * Settings of the file that add arguments this argv leaves out (disks,
   * emulated NICs, USB...): when not empty the command line is incomplete and
   * says so wherever it is shown or copied.
   */
  unrendered: Array<{ key: string; span: Span }>;
}

/** A device of the domain, as the devices section shows it. */
export interface DeviceView {
  /** 0-based position in `PreviewResult.devices.list`. */
  index: number;
  /** The setting it comes from (disk, vif, vfb, vkb, vtpm, p9, pvcalls, vdispl, virtio; vnc for a PV guest's vnc=1). */
  family: string;
  /** Its position in that setting's list (absent for a device xl or libxl adds on its own). */
  item?: number;
  /** Why xl or libxl adds the device without an item of its own (the vkb of a vfb, an HVM guest's vkb, vnc=1's vfb). */
  implicit?: string;
  /** The frontend kind: the N in /local/domain/D/device/N/DEVID (vbd, vif, vkbd, vfb, vtpm, 9pfs, ...). */
  kind: string;
  /** The backend kind: the N in /local/domain/B/backend/N/D/DEVID (vbd, qdisk, vbd3, vif, vkbd, vinput, ...). */
  backendKind: string;
  devid: number;
  backendDomid: DomidText;
  /** A short name: the vdev, the mac or bridge, the tag... */
  label: string;
  /** What the preview guessed about it (host facts, random values), in our words. */
  guesses: string[];
  /** Written to xenstore as shown (false: libxl refuses it: see `reason`). */
  rendered: boolean;
  reason?: string;
  /** How qemu emulates it for an HVM guest ("IDE disk 0", "rtl8139 network card"), or why it does not (`emulatedNot`). */
  emulated?: string;
  emulatedNot?: string;
  /** The list item (the spec string) it comes from. */
  span?: Span;
}

/** Every device's xenstore directories (the consoles' are in `PreviewResult.xenstore`). */
export interface DevicesPreview {
  list: DeviceView[];
  /** Nodes, device after device, each device's in libxl's write order. */
  xenstore: XenstoreEntry[];
  /** The same nodes grouped by directory, device after device (frontend, backend, then the /libxl copy). */
  xenstoreDirs: XenstoreDirectory[];
  /** Device settings whose xenstore nodes the preview does not show (pci, usb, vsnd...), and why. */
  notRendered: Array<{ key: string; span: Span; reason: string }>;
}

export interface PreviewResult {
  /** Nodes in libxl's write order (channel consoles first, then console 0). */
  xenstore: XenstoreEntry[];
  /** The same nodes grouped by directory, in display order (console 0 first). */
  xenstoreDirs: XenstoreDirectory[];
  /** The devices (disks, vifs, framebuffers...) and their xenstore directories. */
  devices: DevicesPreview;
  /** The libxl domain configuration xl builds (what `xlcfg show` prints), row by row. */
  libxl?: LibxlPreview;
  qemu: QemuPreview;
  /** The renderer's own notes (the checker's findings about the file come with the preview request: lsp/preview.ts). */
  notes: RenderNote[];
  channels: ChannelView[];
  libvirtXml: string;
  udev: { rule: string; helper: string };
  /** The target release, e.g. "Xen 4.20" or "seed-2014 (2014 channel proposal v2)". */
  target: string;
  /** The era facts that decided the output (for display). */
  era: Record<string, string | boolean>;
}
