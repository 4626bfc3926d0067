/**
 * The device spec readers: one module per family, each reading list items
 * (or, for b_info's lists, the whole list) the way xl does for the target
 * release, giving the libxl object as libxl's JSON names it (defaults left
 * out) and reporting everything xl prints through the XlReader, with the
 * document range it is about. Pass a DeviceSpec as `into` to also get the
 * pieces (model/devices/spec.ts) for the editor.
 *
 * Returns and stops:
 *   - an item that is not a string gives undefined: xl stops reading that
 *     list there (use list.ts's readList for xl's loop);
 *   - where xl exits, the reader calls r.fail (XlExit);
 *   - parsePci gives null for an entry xl 4.5 silently drops.
 *
 * What each reader needs besides the item (xl's other state):
 *   disk   configSource (xl's messages name the file)
 *   vif    configSource, index (the default devid), xl.conf's defaults
 *   pci    the pci_* settings and b_info's rdm policy, copied into each device
 *   vfb    index, and how many vkbs come before (each vfb brings a vkb)
 *   vkb    devid (its place among all vkbs: the vfbs' come first)
 *   p9     the domain's name (4.19+ default path); 4.9-4.17: the carry
 *          object shared by the whole list
 *   vsnd   index, configSource and libxlu's line of a value
 *   vnuma  the host (NUMA nodes, CPUs), maxvcpus= and maxmem= as read so far
 *   rdm    nothing; its result's unset fields are uninitialised in xl
 */
export { parseDisk, diskFormats, diskBackendTypes, DISK_SPECIFICATIONS, DISK_ACCESS } from './disk';
export type { DiskOptions } from './disk';
export { parseVif, vifKeys, VIF_TYPES, COLO_NIC_KEYS } from './vif';
export type { VifOptions, VifDefaults } from './vif';
export { parseVifRate } from './vifRate';
export { parsePci, pciKeys, PCI_FLAG_KEYS, RDM_POLICIES } from './pci';
export type { PciOptions, PciDefaults } from './pci';
export { parseRdm, RDM_STRATEGIES } from './rdm';
export type { RdmResult } from './rdm';
export { parseUsbctrl, USBCTRL_TYPES, USBCTRL_KEYS } from './usbctrl';
export { parseUsbdev, USBDEV_KEYS } from './usbdev';
export { parseVfb, VFB_KEYS } from './vfb';
export type { VfbResult } from './vfb';
export { parseVkb, VKB_KEYS, VKB_BACKENDS } from './vkb';
export { parseVtpm, VTPM_KEYS } from './vtpm';
export { parseP9, p9Keys, P9_TYPES } from './p9';
export type { P9Options, P9Carry } from './p9';
export { parsePvcalls } from './pvcalls';
export { parseVdispl, VDISPL_KEYS } from './vdispl';
export { parseVsnd, VSND_KINDS, VSND_KEYS, VSND_PARAM_KEYS, VSND_FORMATS } from './vsnd';
export type { VsndOptions } from './vsnd';
export { parseVirtio, VIRTIO_KEYS, VIRTIO_TRANSPORTS } from './virtio';
export { parseDtdev } from './dtdev';
export { parseIomem } from './iomem';
export { parseIoports } from './ioports';
export { parseIrqs } from './irqs';
export { parseVnuma, VNUMA_KEYS } from './vnuma';
export type { VnumaOptions, VnumaHost, VnumaResult } from './vnuma';
export { readList, stringItems, firstDropped } from './list';
export { Recorder, attempt } from './recorder';
export type { DeviceSpec, DevicePiece, DeviceFamily, PieceForm, PieceStatus, SpecPart } from './spec';
