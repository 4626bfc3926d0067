/**
 * The qemu arguments libxl (4.20's libxl_dm.c, qemu-xen, no stub domain)
 * adds for an HVM guest's emulated disks and network cards, from the
 * devices xl read (model/devices): what the preview shows beside the
 * channels. Each argument pair points back at the spec it comes from.
 *
 * What is guessed, and said so in the notes: libxl picks a disk's backend
 * from the host (a block device gets phy, anything else qdisk) when
 * backendtype= does not say; a vif without mac= gets a random 00:16:3e
 * address; the guest's domid is only known at run time.
 *
 * Emulation rules (libxl_dm.c, 4.20): a cdrom among the first four disks
 * becomes an IDE cdrom; an sdX disk a SCSI disk; the first four other disks
 * (by device number) IDE disks, which must be writable; every other disk is
 * PV only. A vif is emulated when its type is ioemu (HVM's default), with
 * model rtl8139 and bridge xenbr0 unless given.
 */
import type { DeviceDocument } from '../model/devices/document';
import { diskDevNumber } from '../model/devices/vdev';
import type { LibxlValue } from '../model/xl/types';
import type { Span } from '../syntax/cst';

export interface DeviceArg {
  /** The option and its value, e.g. ["-drive", "file=...,if=ide,..."]. */
  args: [string, string];
  /** The spec string the argument comes from. */
  span: Span;
  /** What is guessed or left out, in our words. */
  notes: string[];
}

export interface DeviceQemuResult {
  args: DeviceArg[];
  /** Devices that get no emulated counterpart, and why. */
  skipped: Array<{ span: Span; reason: string }>;
}

type Obj = { [field: string]: LibxlValue };

const QEMU_FORMATS: Record<string, string | undefined> = { qcow: 'qcow', qcow2: 'qcow2', vhd: 'vpc', raw: 'raw', qed: 'qed' };

/** The disk index and partition of a vdev, as libxl__device_disk_dev_number gives them (undefined when it has none). */
function diskIndex(vdev: string): { disk: number; partition: number } | undefined {
  const m = /^(?:xvd|hd|sd)([a-z]+)(\d*)$/.exec(vdev);
  if (m) {
    let index = -1;
    for (const c of m[1]) index = (index + 1) * 26 + (c.charCodeAt(0) - 0x61);
    return { disk: index, partition: m[2] ? Number(m[2]) : 0 };
  }
  const d = /^d(\d+)p(\d+)$/.exec(vdev);
  return d ? { disk: Number(d[1]), partition: Number(d[2]) } : undefined;
}

export function hvmDeviceArgs(doc: DeviceDocument, opts: { domid?: string } = {}): DeviceQemuResult {
  const out: DeviceQemuResult = { args: [], skipped: [] };
  const domid = opts.domid ?? 'DOMID';
  for (const s of doc.settings) {
    if (s.family !== 'disk' && s.family !== 'vif') continue;
    const upTo = s.notString ? s.notString.index : Infinity;
    for (const it of s.items) {
      const d = it.spec.device as Obj | undefined;
      if (!d || it.exit || it.index >= upTo) continue;
      const span = it.spec.item.span;
      if (s.family === 'disk') disk(out, d, span);
      else nic(out, d, span, domid);
    }
  }
  return out;
}

function disk(out: DeviceQemuResult, d: Obj, span: Span): void {
  const vdev = typeof d.vdev === 'string' ? d.vdev : '';
  if (diskDevNumber(vdev) === -1) {
    out.skipped.push({ span, reason: `libxl cannot number the vdev ${JSON.stringify(vdev)}: no emulated disk` });
    return;
  }
  const idx = diskIndex(vdev);
  if (!idx) {
    out.skipped.push({ span, reason: 'a numeric vdev: libxl emulates no disk for it' });
    return;
  }
  const notes: string[] = [];
  const path = typeof d.pdev_path === 'string' ? d.pdev_path : '';
  let backend = typeof d.backend === 'string' ? d.backend : undefined;
  if (!backend) {
    backend = d.is_cdrom || !path.startsWith('/dev/') ? 'qdisk' : 'phy';
    notes.push(`libxl picks the ${backend} backend on the host (${path.startsWith('/dev/') ? 'a block device' : 'not a block device'}); backendtype= would say so`);
  }
  const fmt = typeof d.format === 'string' ? d.format : 'raw';
  // Only qdisk leaves the format to qemu; every other backend gives qemu a raw device.
  const format = backend === 'qdisk' ? QEMU_FORMATS[fmt] : 'raw';
  if (fmt === 'empty' && !d.is_cdrom) {
    out.skipped.push({ span, reason: 'an empty disk that is not a cdrom: libxl emulates none ("Cannot support empty disk format")' });
    return;
  }
  if (d.is_cdrom) {
    if (idx.disk > 4) {
      out.skipped.push({ span, reason: 'an emulated cdrom must be one of the first four disks: PV only' });
      return;
    }
    const id = `ide-${diskDevNumber(vdev)}`;
    const drive = `if=none,readonly=on,id=${id}${fmt !== 'empty' && format ? `,file=${path},format=${format}` : ''}`;
    out.args.push({ args: ['-drive', drive], span, notes });
    out.args.push({ args: ['-device', `ide-cd,id=${id},drive=${id},bus=ide.${idx.disk >> 1},unit=${idx.disk % 2}`], span, notes: [] });
    return;
  }
  if (!format) {
    out.skipped.push({ span, reason: 'libxl cannot tell qemu the image format: PV only' });
    return;
  }
  if (vdev.startsWith('sd')) {
    const id = `scsi0-hd${idx.disk}`;
    out.args.push({ args: ['-drive', `file=${path},id=${id},format=${format},if=none,readonly=${d.readwrite ? 'off' : 'on'},cache=writeback`], span, notes });
    out.args.push({ args: ['-device', `scsi-hd,drive=${id},scsi-id=${idx.disk}`], span, notes: [] });
    return;
  }
  if (idx.disk >= 4) {
    out.skipped.push({ span, reason: 'only the first four IDE disks are emulated: PV only' });
    return;
  }
  if (!d.readwrite) {
    out.skipped.push({ span, reason: "qemu-xen has no read-only IDE disks: libxl refuses to start the device model (\"qemu-xen doesn't support read-only IDE disk drivers\")" });
    return;
  }
  out.args.push({ args: ['-drive', `file=${path},if=ide,index=${idx.disk},media=disk,format=${format},cache=writeback`], span, notes });
}

function nic(out: DeviceQemuResult, d: Obj, span: Span, domid: string): void {
  const type = typeof d.nictype === 'string' ? d.nictype : 'vif_ioemu';
  if (type !== 'vif_ioemu') {
    out.skipped.push({ span, reason: 'type=vif: a PV network card only, no emulated one' });
    return;
  }
  const notes: string[] = [];
  const devid = typeof d.devid === 'number' ? d.devid : 0;
  let mac = typeof d.mac === 'string' ? d.mac : undefined;
  if (!mac) {
    mac = '00:16:3e:xx:xx:xx';
    notes.push('no mac=: libxl makes a random address with the 00:16:3e prefix');
  }
  const model = typeof d.model === 'string' ? d.model : 'rtl8139';
  const bridge = typeof d.bridge === 'string' ? d.bridge : 'xenbr0';
  out.args.push({ args: ['-device', `${model},id=nic${devid},netdev=net${devid},mac=${mac}`], span, notes });
  out.args.push({ args: ['-netdev', `type=tap,id=net${devid},ifname=vif${domid}.${devid}-emu,br=${bridge},script=no,downscript=no`], span, notes: [] });
}
