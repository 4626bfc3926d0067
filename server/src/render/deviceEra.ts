/**
 * Where what libxl writes for devices (xenstore directories, qemu-xen
 * arguments) depends on the Xen release. Each decision is a function of the
 * target version, named after what changes, with the release tags that were
 * compared (RELEASE-x.y.z of the Xen tree: libxl under tools/libxl before
 * 4.14, tools/libs/light from 4.15; xl_cmdimpl.c / xl_parse.c). As in era.ts,
 * "4.18" stands for the newest 4.18.x; the seed renders as 4.5.0.
 */
import type { XenVersion } from '../model/xenVersion';
import { hasChange } from './era';

// ---------------------------------------------------------------------------
// Disks: which backend libxl picks, and what it writes

/** The "standalone" backend and virtio disks (libxl_disk.c, disk_try_backend): 4.17.0. */
export function hasStandaloneDisks(v: XenVersion): boolean {
  return hasChange(v, [4, 17, 0]);
}

/**
 * The tap backend: blktap2 (a tapdisk device exported through a phy backend,
 * "tapdisk-params") up to 4.12; refused 4.13.0-4.18 (blktap2 removed); blktap3
 * ("vbd3" backend, params "FORMAT:PATH", script block-tap) from 4.19.0.
 */
export function tapBackend(v: XenVersion): 'blktap2' | 'none' | 'vbd3' {
  if (hasChange(v, [4, 19, 0])) return 'vbd3';
  if (hasChange(v, [4, 13, 0])) return 'none';
  return 'blktap2';
}

/** A phy backend accepts an empty cdrom (format "empty") without looking at the host: 4.5.x-4.6.x (with "raw") and again from 4.19.0. */
export function phyTakesEmptyCdrom(v: XenVersion): 'with-raw' | 'no' | 'yes' {
  if (hasChange(v, [4, 19, 0])) return 'yes';
  if (hasChange(v, [4, 7, 0])) return 'no';
  return 'with-raw';
}

/** An empty disk (format=empty) with a target is refused: 4.13.0. */
export function refusesEmptyWithTarget(v: XenVersion): boolean {
  return hasChange(v, [4, 13, 0]);
}

/** An HVM guest's cdrom without a backend gets qdisk, and only qdisk or phy are allowed: 4.7.0. */
export function hvmCdromDefaultsToQdisk(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

/** COLO disks and nics (colo-* keys, the COLO proxy and replication arguments): 4.7.0 (disks), 4.9.0 (nic proxy). */
export function hasColoDisks(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

/**
 * "physical-device" = MAJOR:MINOR of the block device in a phy backend
 * without script= (libxl stats the device): 4.5.x and 4.6.x; from 4.7.0 the
 * block script writes it.
 */
export function writesPhysicalDevice(v: XenVersion): boolean {
  return !hasChange(v, [4, 7, 0]);
}

/**
 * The "trusted" frontend key of disks and vifs: XSA-403 backports 4.13.5,
 * 4.14.6, 4.15.4, 4.16.2 (from the LIBXL_*_BACKEND_UNTRUSTED environment
 * variables), and from 4.17.0 the trusted/untrusted device flags.
 */
export function frontendTrustedKey(v: XenVersion): 'none' | 'environment' | 'flag' {
  if (hasChange(v, [4, 17, 0])) return 'flag';
  if (hasChange(v, [4, 17, 0], [[4, 13, 5], [4, 14, 6], [4, 15, 4], [4, 16, 2]])) return 'environment';
  return 'none';
}

/** "specification" in a disk backend (and transport, base, irq for virtio disks): 4.17.0; virtio disks' "grant_usage": 4.19.0. */
export function diskSpecificationKey(v: XenVersion): boolean {
  return hasChange(v, [4, 17, 0]);
}

export function diskGrantUsageKey(v: XenVersion): boolean {
  return hasChange(v, [4, 19, 0]);
}

/** "params" of a qdisk backend with no target: "(null)" printed by sprintf up to 4.7.2 and 4.8.0; "" from 4.7.3 / 4.8.1 / 4.9.0. */
export function qdiskEmptyParamsIsEmpty(v: XenVersion): boolean {
  return hasChange(v, [4, 9, 0], [[4, 7, 3], [4, 8, 1]]);
}

// ---------------------------------------------------------------------------
// Vifs

/** "forwarddev" (COLO) in the vif backend: 4.7.0. The colo_* proxy keys: 4.9.0. */
export function vifForwarddevKey(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

export function vifColoKeys(v: XenVersion): boolean {
  return hasChange(v, [4, 9, 0]);
}

/** The vif's MTU: "mtu" read-only in the frontend, and in the backend when not 1500: 4.15.0. */
export function vifMtuKeys(v: XenVersion): boolean {
  return hasChange(v, [4, 15, 0]);
}

/** "vlan" in the vif backend: 4.19.0. */
export function vifVlanKey(v: XenVersion): boolean {
  return hasChange(v, [4, 19, 0]);
}

/** An empty "hotplug-status" in the vif backend (the backend waits for the hotplug script): 4.15.3, 4.16.1, 4.17.0. */
export function vifHotplugStatusKey(v: XenVersion): boolean {
  return hasChange(v, [4, 17, 0], [[4, 15, 3], [4, 16, 1]]);
}

// ---------------------------------------------------------------------------
// Vkbs, vfbs

/**
 * The vkb every HVM guest gets: always up to 4.12; 4.13.0 adds vkb_device=
 * (default on) to turn it off; from 4.19.0 the vkbs of vkb= come first and
 * the implicit one is added only when there are none.
 */
export function hvmImplicitVkb(v: XenVersion): 'always' | 'vkb_device' | 'unless-vkbs' {
  if (hasChange(v, [4, 19, 0])) return 'unless-vkbs';
  if (hasChange(v, [4, 13, 0])) return 'vkb_device';
  return 'always';
}

/** vkb= devices are added for every guest type from 4.19.0; before, only for PV (and PVH). */
export function vkbsForEveryType(v: XenVersion): boolean {
  return hasChange(v, [4, 19, 0]);
}

/**
 * The vkb backend: 4.12.x writes "backend-type" and uses the vkbd backend
 * for both types; from 4.13.0 no "backend-type" key, and backend-type=linux
 * has the "vinput" backend directory.
 */
export function vkbBackendEra(v: XenVersion): 'plain' | 'backend-type-key' | 'vinput' {
  if (hasChange(v, [4, 13, 0])) return 'vinput';
  if (hasChange(v, [4, 12, 0])) return 'backend-type-key';
  return 'plain';
}

/** A vdispl connector's id is written as "N/unique-id" from 4.12.0 ("N/id" in 4.10-4.11). */
export function vdisplUniqueIdKey(v: XenVersion): boolean {
  return hasChange(v, [4, 12, 0]);
}

// ---------------------------------------------------------------------------
// 9pfs

/** p9 type=xen_9pfsd (backend "xen_9pfs", the max-* keys): 4.19.0. */
export function p9XenDaemon(v: XenVersion): boolean {
  return hasChange(v, [4, 19, 0]);
}

/**
 * A PV/PVH guest's p9 shares start the xenpv qemu: any share from 4.9.3,
 * 4.10.2, 4.11.1 and 4.12.0 (libxl__need_xenpv_qemu counts them; before, the
 * share gets no qemu unless something else starts one); from 4.19.0 only a
 * share of type qemu whose backend is the toolstack domain.
 */
export function p9StartsXenpvQemu(v: XenVersion): 'never' | 'any' | 'qemu-type' {
  if (hasChange(v, [4, 19, 0])) return 'qemu-type';
  if (hasChange(v, [4, 12, 0], [[4, 9, 3], [4, 10, 2], [4, 11, 1]])) return 'any';
  return 'never';
}

/** A vkb with backend-type=qemu starts the xenpv qemu: 4.12.0. A qusb USB controller: 4.7.0. */
export function vkbStartsXenpvQemu(v: XenVersion): boolean {
  return hasChange(v, [4, 12, 0]);
}

export function qusbStartsXenpvQemu(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

// ---------------------------------------------------------------------------
// qemu-xen arguments of an HVM guest's disks and nics (libxl__build_device_model_args_new)

/** QED images are handed to qemu as format=qed from 4.9.0 (xl reads format=qed from 4.9.0 too, so earlier releases never see one). */
export function qemuKnowsQed(v: XenVersion): boolean {
  return hasChange(v, [4, 9, 0]);
}

/**
 * How read-only disks reach qemu:
 * - 'none' (4.5.0, 4.5.1): no readonly= at all;
 * - 'refuse-all' (XSA-142: 4.5.2-4.6.x): cdroms get readonly=, libxl refuses every other read-only emulated disk;
 * - 'refuse-ide' (4.7.0+): libxl refuses read-only IDE and AHCI disks; SCSI ones: qemuScsiReadonly.
 */
export function qemuReadOnlyDisks(v: XenVersion): 'none' | 'refuse-all' | 'refuse-ide' {
  if (hasChange(v, [4, 7, 0])) return 'refuse-ide';
  if (hasChange(v, [4, 6, 0], [[4, 5, 2]])) return 'refuse-all';
  return 'none';
}

/**
 * The form of an emulated cdrom:
 * - 'ide-drive' (4.5-4.6): -drive file=...,if=ide,index=N,[readonly=..,]media=cdrom,format=..,cache=writeback,id=ide-DEV;
 * - 'ide-drive-ro' (4.7.0-4.15.0): -drive if=ide,index=N,readonly=on,media=cdrom,id=ide-DEV[,file=..,format=..];
 * - 'ide-cd' (4.15.1+): -drive if=none,readonly=on,id=ide-DEV[,file=..,format=..] -device ide-cd,...
 */
export function qemuCdromForm(v: XenVersion): 'ide-drive' | 'ide-drive-ro' | 'ide-cd' {
  if (hasChange(v, [4, 16, 0], [[4, 15, 1]])) return 'ide-cd';
  if (hasChange(v, [4, 7, 0])) return 'ide-drive-ro';
  return 'ide-drive';
}

/**
 * A read-only SCSI disk gets readonly=on: 4.7.6, 4.8.4, 4.9.3, 4.10.2 and
 * 4.11.0 (before, 4.7-4.10 emulate it writable; 4.5.2-4.6 refuse it).
 */
export function qemuScsiReadonly(v: XenVersion): boolean {
  return hasChange(v, [4, 11, 0], [[4, 7, 6], [4, 8, 4], [4, 9, 3], [4, 10, 2]]);
}

/** An emulated cdrom must be one of the first disks (index up to 4): 4.14.0. */
export function qemuCdromIndexLimit(v: XenVersion): boolean {
  return hasChange(v, [4, 14, 0]);
}

/**
 * The form of an emulated SCSI disk:
 * - 'if-scsi' (4.5-4.10): one -drive ...,if=scsi,bus=0,unit=N;
 * - 'scsi-disk' (4.11.0-4.15.0): -device lsi53c895a, then -drive if=none,id=scsi0-hdN and -device scsi-disk;
 * - 'scsi-hd' (4.15.1+): the same with -device scsi-hd.
 */
export function qemuScsiForm(v: XenVersion): 'if-scsi' | 'scsi-disk' | 'scsi-hd' {
  if (hasChange(v, [4, 16, 0], [[4, 15, 1]])) return 'scsi-hd';
  if (hasChange(v, [4, 11, 0])) return 'scsi-disk';
  return 'if-scsi';
}

/** hdtype="ahci" (-device ahci,id=ahci0 and up to six AHCI disks): 4.6.0. */
export function hasAhci(v: XenVersion): boolean {
  return hasChange(v, [4, 6, 0]);
}

/**
 * Where qemu reads a disk from: the target itself (4.5-4.6), or what
 * libxl__device_disk_find_local_path finds (4.7.0+: nothing for a disk served
 * by another domain; the target for raw without script= and for qdisk; what
 * the script wrote to physical-device-path otherwise; for tap from 4.19.0 the
 * tapdisk's NBD socket).
 */
export function qemuDiskLocalPath(v: XenVersion): 'target' | 'find-local-path' {
  return hasChange(v, [4, 7, 0]) ? 'find-local-path' : 'target';
}

/** `br=BRIDGE` in an emulated nic's -netdev: 4.15.0. */
export function qemuNetdevBridge(v: XenVersion): boolean {
  return hasChange(v, [4, 15, 0]);
}
