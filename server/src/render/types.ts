/**
 * What the renderer produces: plain, JSON-serialisable data (no classes, no
 * Maps), so the language server can send it to the preview panel as is.
 */
import type { Effect } from '../model/effect';
import type { Span } from '../syntax/cst';

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
  /** Who writes the node, e.g. "libxl in domain 0". */
  writer: string;
  /** -1 for console 0, else the channel's 0-based index. */
  channelIndex: number;
  /** Console devid the node belongs to. */
  devid: number;
  role: XenstoreRole;
  /** 1-based xenstore transaction: libxl writes one transaction per console, channels first. */
  txn: number;
  /** 0-based position in libxl's write order. */
  seq: number;
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
  /** Indices into `PreviewResult.xenstore`. */
  entries: number[];
  span?: Span;
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
  | 'extra';

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
  | 'pvh-before-4.10';

export interface RenderNote {
  code: RenderNoteCode;
  /** What it means for `xl create`, in the checker's vocabulary. */
  effect: Effect;
  message: string;
  span?: Span;
  channelIndex?: number;
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

export interface PreviewResult {
  /** Nodes in libxl's write order (channel consoles first, then console 0). */
  xenstore: XenstoreEntry[];
  /** The same nodes grouped by directory, in display order (console 0 first). */
  xenstoreDirs: XenstoreDirectory[];
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
