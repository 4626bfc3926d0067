/**
 * Device lists in xl's order, each read by its reader of model/devices/
 * (xl stops at the first item it refuses), channels, the pci_* defaults and
 * rdm=, vNUMA, and the vCPU affinity lists cpus= / cpus_soft=.
 *
 * TO PORT (helper): every function below is a stub.
 */
import type { PortContext } from '../context';

/** parse_vnuma_config (4.6+). */
export function vnuma(_c: PortContext): void {}
/** cpus= and cpus_soft= (parse_vcpu_affinity), then xl's global affinity masks (a no-op with a stock xl.conf). */
export function vcpuAffinity(_c: PortContext): void {}
/** pci_msitranslate, pci_power_mgmt, pci_permissive, pci_seize. */
export function pciDefaults(_c: PortContext): void {}
/** rdm= (4.7+) */
export function rdm(_c: PortContext): void {}
/** pci= (and e820_host for a PV guest with devices). */
export function pci(_c: PortContext): void {}
/** dtdev= (4.6+). */
export function dtdev(_c: PortContext): void {}
/** ioports=, irqs=, iomem=. */
export function ioResources(_c: PortContext): void {}
/** disk=, p9=, vtpm=, vdispl=, pvcalls=, vsnd=, channel=, vif=, vif2, vfb=, usbctrl=, usbdev=. */
export function deviceLists(_c: PortContext): void {}
/** vkb= and virtio= (read last). */
export function lateDeviceLists(_c: PortContext): void {}
