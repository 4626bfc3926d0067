/**
 * The qemu-xen arguments libxl gives an HVM guest's emulated disks and
 * network cards (libxl__build_device_model_args_new, no stub domain), in
 * the form of the target release (render/deviceEra.ts), from the planned
 * devices (render/devicePlan.ts). Each argument points back at the device
 * string it comes from.
 *
 * Where they go in the command line: the SCSI controller before -serial
 * (4.11+), the network cards after -smp (where -net none stands when there
 * is none), the AHCI controller and the disks after -m.
 *
 * Emulation rules: disks in the order of disk=; a cdrom is an IDE cdrom
 * (4.14+: only among the first disks); an sdX disk a SCSI disk; with
 * hdtype=ahci the first six others AHCI disks; else the first four IDE
 * disks; every other disk is PV only. A vif is emulated when its type is
 * ioemu (an HVM guest's default).
 */
import type { Span } from '../syntax/cst';
import type { RenderContext } from './context';
import * as era from './deviceEra';
import { fieldSpan, RANDOM_MAC, type PlannedDevice } from './devicePlan';
import type { ArgvItem, RenderNote } from './types';

export interface DeviceArgs {
  /** The SCSI controller (4.11+), before -serial. */
  controller: ArgvItem[];
  /** The emulated network cards, after -smp (none: libxl says -net none). */
  nics: ArgvItem[];
  /** The AHCI controller and the emulated disks, after -m. */
  disks: ArgvItem[];
  /** Devices whose qemu arguments are not all rendered (COLO replication and proxies). */
  unrendered: Array<{ key: string; span: Span }>;
}

/** qemu's name for an image format (libxl__qemu_disk_format_string); undefined when libxl has none. */
function qemuFormat(ctx: RenderContext, format: string): string | undefined {
  switch (format) {
    case 'qcow':
    case 'qcow2':
    case 'raw':
      return format;
    case 'vhd':
      return 'vpc';
    case 'qed':
      return era.qemuKnowsQed(ctx.v) ? 'qed' : undefined;
    default:
      return undefined;
  }
}

interface Emitter {
  ctx: RenderContext;
  out: DeviceArgs;
  note(n: Omit<RenderNote, 'deviceIndex'>, dev: PlannedDevice): void;
  /** The emulated slots taken so far ("ide 0", "scsi 3", "ahci 1"), by the disk that took them. */
  slots: Map<string, PlannedDevice>;
}

/** Two disks libxl emulates in one slot: qemu refuses the second (its message, as qemu 7.2 prints it). */
function takeSlot(e: Emitter, dev: PlannedDevice, slot: string, what: string, qemuSays: string): void {
  const first = e.slots.get(slot);
  if (!first) {
    e.slots.set(slot, dev);
    return;
  }
  // From 4.15.1 a cdrom is an ide-cd device, plugged in after the if=ide drives: its unit is the one in use.
  if (slot.startsWith('ide ') && era.qemuCdromForm(e.ctx.v) === 'ide-cd' && (first.disk!.cdrom || dev.disk!.cdrom)) qemuSays = `IDE unit ${Number(slot.slice(4)) % 2} is in use`;
  e.note(
    {
      code: 'disk-emulated-twice',
      effect: 'qemu-fails',
      message: `Disks ${first.disk!.vdev} and ${dev.disk!.vdev} are both emulated as ${what}: qemu refuses to start (qemu 7.2: "${qemuSays}"), so the domain is not created. Give one of them another disk letter.`,
      span: fieldSpan(dev, 'vdev'),
    },
    dev,
  );
}

function item(dev: PlannedDevice, value: string, spans: Array<Span | undefined>, guess?: string): ArgvItem {
  const all = spans.filter((s): s is Span => s !== undefined);
  const a: ArgvItem = { value, origin: dev.family === 'vif' ? 'nic' : 'disk', source: 'file', deviceIndex: dev.index };
  if (dev.span) a.span = dev.span;
  if (dev.span || all.length) a.spans = dev.span ? [dev.span, ...all.filter((s) => s !== dev.span)] : all;
  if (guess) a.guess = guess;
  return a;
}

function pair(into: ArgvItem[], dev: PlannedDevice, flag: string, value: string, spans: Array<Span | undefined>, guess?: string): void {
  into.push(item(dev, flag, []), item(dev, value, spans, guess));
}

/** Where qemu opens the disk from, or why it cannot (libxl__device_disk_find_local_path from 4.7). */
function localPath(ctx: RenderContext, dev: PlannedDevice): { path?: string; runtime?: string; why?: string } {
  const d = dev.disk!;
  const v = ctx.v;
  const tap = era.tapBackend(v);
  if (era.qemuDiskLocalPath(v) === 'target') {
    if (d.backend === 'tap') return { path: '<tapdev>', runtime: 'the blktap2 device libxl makes for the image' };
    return { path: d.target ?? '' };
  }
  // 4.7-4.12: a tap disk is the blktap2 device, before anything else is looked at.
  if (d.backend === 'tap' && tap === 'blktap2') return { path: '<tapdev>', runtime: 'the blktap2 device libxl makes for the image' };
  if (dev.obj.backend_domname !== undefined) return { why: 'its backend is another domain, so qemu (in the toolstack domain) cannot open it ("No way to get local access disk to image")' };
  if (d.format === 'raw' && d.script === undefined) return { path: d.target ?? '' };
  if (d.backend === 'qdisk') return { path: d.target ?? '' };
  if (d.script !== undefined || (d.backend === 'tap' && tap === 'vbd3')) {
    const pd = '<physical-device-path>';
    const runtime = `what the ${d.script !== undefined ? 'script' : 'tapdisk'} writes to the backend's physical-device-path when the disk is set up`;
    return d.backend === 'tap' ? { path: `nbd+unix:///?socket=${pd}`, runtime } : { path: pd, runtime };
  }
  return { why: 'libxl finds no path qemu could open it by ("No way to get local access disk to image")' };
}

function emulateDisk(e: Emitter, dev: PlannedDevice, ahci: boolean): void {
  const { ctx, out } = e;
  const v = ctx.v;
  const d = dev.disk!;
  const i = d.diskIndex;
  const notEmulated = (why: string, important = false) => {
    dev.emulatedNot = why;
    if (important) e.note({ code: 'disk-not-emulated', effect: 'guest-misses', message: `Disk ${d.vdev} is not emulated: ${why}. The guest sees it only through PV drivers (not in the firmware or the installer).`, span: dev.span }, dev);
  };
  if (i === undefined) return notEmulated('libxl cannot give a numeric vdev an emulated disk ("unable to determine disk number")');
  const readonlyMode = era.qemuReadOnlyDisks(v);
  const targetSpan = fieldSpan(dev, 'pdev_path');
  const at = [targetSpan, fieldSpan(dev, 'vdev'), fieldSpan(dev, 'format')];
  const refuse = (kind: string) => {
    dev.emulatedNot = `qemu-xen has no read-only ${kind} disks`;
    const instead = kind === 'emulated' ? 'Make it writable (or a cdrom).' : 'Make it writable, or make it a SCSI disk (sdX) or a cdrom.';
    e.note(
      {
        code: 'disk-readonly-ide',
        effect: 'libxl-refuses',
        message: `Disk ${d.vdev} is read-only, and ${kind === 'emulated' ? 'this release gives qemu-xen no read-only disks but cdroms' : `qemu-xen has no read-only ${kind} disks`}: libxl refuses to start the device model ("qemu-xen doesn't support read-only ${kind === 'emulated' ? '' : `${kind} `}disk drivers"), so the domain is not created. ${instead}`,
        span: fieldSpan(dev, 'readwrite'),
      },
      dev,
    );
  };
  // 4.5.2-4.6: any read-only disk that is not a cdrom, emulated or not, stops the device model.
  if (!d.cdrom && !d.readwrite && readonlyMode === 'refuse-all') return refuse('emulated');

  const format = d.backend === 'qdisk' ? qemuFormat(ctx, d.format) : 'raw';
  let path: string | undefined;
  // (Whether phy or qdisk serves a raw image, qemu gets the same argument: the backend guess does not reach it.)
  let guess: string | undefined;
  if (d.format === 'empty') {
    if (!d.cdrom) return notEmulated('an empty disk that is not a cdrom');
  } else {
    if (format === undefined) return notEmulated(`libxl has no qemu name for the format ${d.format}`, i < 4);
    const local = localPath(ctx, dev);
    if (local.why) return notEmulated(local.why, i < 4);
    path = local.path;
    if (local.runtime) guess = `${local.runtime} (shown as ${path})`;
  }
  const fileFmt = path !== undefined ? `,file=${path},format=${format}` : '';

  if (d.cdrom) {
    if (era.qemuCdromIndexLimit(v) && i > 4) return notEmulated('an emulated cdrom must be one of the first disks (index 0-4)');
    const id = `ide-${dev.devid}`;
    const form = era.qemuCdromForm(v);
    if (i < 4) takeSlot(e, dev, `ide ${i}`, `IDE bus ${i >> 1}, unit ${i % 2}`, `drive with bus=${i >> 1}, unit=${i % 2} (index=${i}) exists`);
    if (form === 'ide-cd') {
      pair(out.disks, dev, '-drive', `if=none,readonly=on,id=${id}${fileFmt}`, at, guess);
      pair(out.disks, dev, '-device', `ide-cd,id=${id},drive=${id},bus=ide.${i >> 1},unit=${i % 2}`, at);
    } else if (form === 'ide-drive-ro') {
      pair(out.disks, dev, '-drive', `if=ide,index=${i},readonly=on,media=cdrom,id=${id}${fileFmt}`, at, guess);
    } else {
      const ro = readonlyMode === 'none' ? '' : `readonly=${d.readwrite ? 'off' : 'on'},`;
      const drive = path !== undefined ? `file=${path},if=ide,index=${i},${ro}media=cdrom,format=${format},cache=writeback,id=${id}` : `if=ide,index=${i},${ro}media=cdrom,cache=writeback,id=${id}`;
      pair(out.disks, dev, '-drive', drive, at, guess);
    }
    dev.emulated = `IDE cdrom (bus ${i >> 1}, unit ${i % 2})`;
    if (i >= 4) {
      e.note(
        {
          code: 'disk-no-ide-bus',
          effect: 'qemu-fails',
          message: `Cdrom ${d.vdev} is emulated as IDE bus ${i >> 1}, unit ${i % 2}, but the emulated machine has two IDE buses (four units): qemu refuses to start (qemu 7.2: "${form === 'ide-cd' ? `Bus 'ide.${i >> 1}' not found` : `machine type does not support if=ide,bus=${i >> 1},unit=${i % 2}`}"), so the domain is not created. A cdrom must be one of hda-hdd (xvda-xvdd).`,
          span: fieldSpan(dev, 'vdev'),
        },
        dev,
      );
    }
    return;
  }
  if (d.colo && era.hasColoDisks(v)) {
    out.unrendered.push({ key: 'disk', span: dev.span ?? { start: 0, end: 0 } });
    dev.emulatedNot = 'COLO replication: its qemu arguments are not shown here';
    return;
  }
  const readonlyIgnored = (kind: string) =>
    e.note({ code: 'disk-readonly-ignored', effect: 'style', message: `Disk ${d.vdev} is read-only, but this release gives qemu no readonly= for ${kind} disks: the emulated disk is writable (the PV disk stays read-only).`, span: fieldSpan(dev, 'readwrite') }, dev);
  if (d.vdev.startsWith('sd')) {
    const form = era.qemuScsiForm(v);
    const ro = d.readwrite ? 'off' : 'on';
    takeSlot(e, dev, `scsi ${i}`, `SCSI disk ${i}`, form === 'if-scsi' ? `drive with bus=0, unit=${i} exists` : `Duplicate ID 'scsi0-hd${i}' for drive`);
    if (form === 'if-scsi') {
      if (era.qemuScsiReadonly(v)) pair(out.disks, dev, '-drive', `cache=writeback,readonly=${ro},file=${path},if=scsi,bus=0,unit=${i},format=${format}`, at, guess);
      else {
        if (!d.readwrite) readonlyIgnored('SCSI');
        pair(out.disks, dev, '-drive', `file=${path},if=scsi,bus=0,unit=${i},format=${format},cache=writeback`, at, guess);
      }
    } else {
      const id = `scsi0-hd${i}`;
      pair(out.disks, dev, '-drive', `file=${path},id=${id},format=${format},if=none,readonly=${ro},cache=writeback`, at, guess);
      pair(out.disks, dev, '-device', `${form},drive=${id},scsi-id=${i}`, at);
    }
    dev.emulated = `SCSI disk ${i}`;
    return;
  }
  if (ahci && i < 6) {
    if (!d.readwrite) return refuse('AHCI');
    takeSlot(e, dev, `ahci ${i}`, `AHCI disk ${i}`, `Duplicate ID 'ahcidisk-${i}' for drive`);
    pair(out.disks, dev, '-drive', `file=${path},if=none,id=ahcidisk-${i},format=${format},cache=writeback`, at, guess);
    pair(out.disks, dev, '-device', `ide-hd,bus=ahci0.${i},unit=0,drive=ahcidisk-${i}`, at);
    dev.emulated = `AHCI disk ${i}`;
    return;
  }
  if (i < 4) {
    if (!d.readwrite) {
      if (readonlyMode === 'none') readonlyIgnored('IDE');
      else return refuse('IDE');
    }
    takeSlot(e, dev, `ide ${i}`, `IDE bus ${i >> 1}, unit ${i % 2}`, `drive with bus=${i >> 1}, unit=${i % 2} (index=${i}) exists`);
    pair(out.disks, dev, '-drive', `file=${path},if=ide,index=${i},media=disk,format=${format},cache=writeback`, at, guess);
    dev.emulated = `IDE disk ${i} (bus ${i >> 1}, unit ${i % 2})`;
    return;
  }
  notEmulated(ahci ? 'only the first six AHCI disks are emulated' : 'only the first four IDE disks are emulated');
}

function emulateNic(e: Emitter, dev: PlannedDevice): void {
  const { ctx, out } = e;
  const n = dev.nic!;
  if (!n.emulated) {
    dev.emulatedNot = 'type=vif: a PV network card only';
    return;
  }
  const id = dev.devid;
  const macGuess = n.macRandom ? 'no mac=: libxl makes a random address with the prefix 00:16:3e' : undefined;
  pair(out.nics, dev, '-device', `${n.model},id=nic${id},netdev=net${id},mac=${n.mac}`, [fieldSpan(dev, 'model'), fieldSpan(dev, 'mac')], macGuess);
  const br = era.qemuNetdevBridge(ctx.v) ? `br=${n.bridge},` : '';
  pair(out.nics, dev, '-netdev', `type=tap,id=net${id},ifname=vif${ctx.D}.${id}-emu,${br}script=no,downscript=no`, [fieldSpan(dev, 'bridge')]);
  dev.emulated = `${n.model} network card (tap vif${ctx.D}.${id}-emu)`;
  if (n.colo && era.vifColoKeys(ctx.v)) out.unrendered.push({ key: 'vif', span: dev.span ?? { start: 0, end: 0 } });
}

/** The arguments of every emulated disk and card (an HVM guest's qemu-xen). */
export function hvmDeviceArgs(ctx: RenderContext, devices: PlannedDevice[]): DeviceArgs {
  const out: DeviceArgs = { controller: [], nics: [], disks: [], unrendered: [] };
  const e: Emitter = { ctx, out, note: (n, dev) => ctx.notes.push({ ...n, deviceIndex: dev.index }), slots: new Map() };
  const disks = devices.filter((d) => d.family === 'disk' && d.rendered);
  const scsi = disks.find((d) => !d.disk!.cdrom && d.disk!.vdev.startsWith('sd'));
  if (scsi && era.qemuScsiForm(ctx.v) !== 'if-scsi') out.controller.push(item(scsi, '-device', []), item(scsi, 'lsi53c895a', [fieldSpan(scsi, 'vdev')]));
  for (const dev of devices) if (dev.family === 'vif' && dev.rendered) emulateNic(e, dev);
  const ahci = era.hasAhci(ctx.v) && ctx.domain.hdtype === 'ahci';
  if (ahci) out.disks.push({ value: '-device', origin: 'disk', source: 'file', ...(ctx.domain.hdtypeSpan ? { span: ctx.domain.hdtypeSpan } : {}) }, { value: 'ahci,id=ahci0', origin: 'disk', source: 'file', ...(ctx.domain.hdtypeSpan ? { span: ctx.domain.hdtypeSpan } : {}) });
  for (const dev of disks) emulateDisk(e, dev, ahci);
  return out;
}

export { RANDOM_MAC };
