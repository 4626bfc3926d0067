/**
 * What the renderer needs to know about a domain, in plain data. Built from
 * the settings model (render/fromModel.ts) or directly by tests.
 */
import type { DeviceDocument } from '../model/devices/document';
import type { Span } from '../syntax/cst';
import type { XenVersion } from '../model/xenVersion';

export type GuestType = 'pv' | 'pvh' | 'hvm';

/** How a channel is connected in the backend (seed 'path' is shown as 'file'). */
export type ChannelKind = 'pty' | 'socket' | 'none' | 'file';

export interface RenderChannel {
  /** 0-based position in the channel list. */
  index: number;
  name?: string;
  kind?: ChannelKind;
  path?: string;
  /** backend= as written (a domain id or a domain name). */
  backend?: string;
  /** Where the list item is in the document (for click-to-reveal). */
  span?: Span;
  /** Where the individual values are, when known. */
  nameSpan?: Span;
  kindSpan?: Span;
  pathSpan?: Span;
  backendSpan?: Span;
  /**
   * The connection=/type= value as written. The seed accepts `type=path` (kind
   * 'file') but rejects `type=file`; with `kind` unset, a `kindText` is a value
   * xl does not accept (e.g. `PTY`), reported as such.
   */
  kindText?: string;
}

export interface RenderDomain {
  /** name= of the domain. */
  name?: string;
  nameSpan?: Span;
  type: GuestType;
  typeSpan?: Span;
  /** memory= in MiB. */
  memoryMiB?: number;
  memorySpan?: Span;
  /** maxmem= in MiB. */
  maxmemMiB?: number;
  maxmemSpan?: Span;
  /** videoram= in MiB (HVM). */
  videoramMiB?: number;
  videoramSpan?: Span;
  /** device_model_override= (argv[0]). */
  deviceModelOverride?: string;
  deviceModelOverrideSpan?: Span;
  /** device_model_version=: 'qemu-xen' (default) or 'qemu-xen-traditional'. */
  deviceModelVersion?: string;
  deviceModelVersionSpan?: Span;
  /** device_model_args=, device_model_args_pv=, device_model_args_hvm= items. */
  deviceModelArgs?: string[];
  deviceModelArgsPv?: string[];
  deviceModelArgsHvm?: string[];
  /** Where each of the three settings is (one span per setting). */
  deviceModelArgsSpan?: Span;
  deviceModelArgsPvSpan?: Span;
  deviceModelArgsHvmSpan?: Span;
  /** serial= (HVM): a string or list of strings. */
  serial?: string[];
  serialSpan?: Span;
  /**
   * vnc= (HVM, default on; for PV/PVH `vnc=1` makes xl add a vfb, which needs
   * the xenpv qemu), nographic=
   */
  vnc?: boolean;
  vncSpan?: Span;
  /** vnclisten=, vncdisplay=, vncunused=, vncpasswd= (HVM; top-level keys). */
  vncListen?: string;
  vncListenSpan?: Span;
  vncDisplay?: number;
  vncDisplaySpan?: Span;
  vncUnused?: boolean;
  vncUnusedSpan?: Span;
  vncPasswd?: string;
  vncPasswdSpan?: Span;
  nographic?: boolean;
  nographicSpan?: Span;
  /** vga= (or the older stdvga=1): the emulated graphics card (HVM). */
  vga?: 'std' | 'cirrus' | 'none' | 'qxl';
  vgaSpan?: Span;
  /** boot= (HVM): the boot order. */
  boot?: string;
  bootSpan?: Span;
  /**
   * Settings the file has that add qemu arguments the preview does not render
   * (disks, emulated NICs, USB, sound, vCPUs, ...), each with where it is.
   */
  unrendered?: Array<{ key: string; span: Span }>;
  channels: RenderChannel[];
  /** Where channel= is, for errors about the whole setting. */
  channelSpan?: Span;
  /** The device settings as xl reads them (model/devices): disks, vifs, vfbs, vkbs... */
  devices?: DeviceDocument;
  /** hdtype= (HVM, 4.6+): "ide" (default) or "ahci". */
  hdtype?: string;
  hdtypeSpan?: Span;
  /** vkb_device= (HVM, 4.13+; default on): the vkb libxl gives an HVM guest. */
  vkbDevice?: boolean;
  vkbDeviceSpan?: Span;
  /** sdl=, opengl= at the top level (a PV guest's vnc=1 framebuffer takes them too). */
  sdl?: boolean;
  opengl?: boolean;
  /** display=, xauthority= at the top level (SDL). */
  sdlDisplay?: string;
  xauthority?: string;
}

export interface RenderOptions {
  /** Guest domid: a number, or a placeholder text (default: the placeholder "DOMID"). */
  domid?: number | string;
  /** Target Xen release (render/era.ts decides what changes with it). */
  xen: XenVersion;
  /** Domid of the toolstack domain (normally 0). */
  toolstackDomid?: number;
  /** Known domain names -> domids, to resolve backend=NAME. */
  domains?: Record<string, number>;
  /** Xen's run directory (qmp sockets): default /var/run/xen. */
  runDir?: string;
  /** The qemu-xen binary (argv[0] when device_model_override is unset). */
  qemuPath?: string;
  /**
   * How channel devids are set: 'xl' (what xl does: devid = list index up to
   * the 4.21.0 / 4.20.1 / 4.19.2 / 4.18.5 fix, unset after it), 'explicit' (an
   * API user sets devid = index + 1), or 'unset' (an API user such as libvirt
   * leaves devid at -1: before 4.11 every chardev id is then libxl-channel-1).
   */
  devidPolicy?: 'xl' | 'explicit' | 'unset';
  /** Domid of the console backend (console 0): normally 0. */
  consoleBackendDomid?: number;
  /** libxl's script directory (XEN_SCRIPT_DIR; default /etc/xen/scripts): relative script= names are taken from there. */
  scriptDir?: string;
  /**
   * Which blocks of the devices section get xenstore nodes: the first this
   * many devices (the list and the qemu arguments always cover every device).
   */
  deviceNodes?: number;
}
