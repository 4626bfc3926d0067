/**
 * The device model and what it shows: cpuid, device_model*, stubdomain*,
 * device_model_args*, vnc/sdl/keymap (a vfb for PV guests, b_info for HVM),
 * dm_restrict, and the HVM display and platform block (vga/stdvga, hdtype,
 * spice*, nographic, gfx_passthru, serial, boot, usb*, usbdevice,
 * vkb_device, soundhw, xen_platform_pci, vendor_device), then the Arm keys
 * (gic_version, tee, sve, nr_spis, vuart is in resources) and the last
 * switches (xend_suspend_evtchn_compat, msr_relaxed, vpmu,
 * trap_unmapped_accesses, arm_sci).
 *
 * TO PORT (helper): every function below is a stub.
 */
import type { PortContext } from '../context';

export function cpuid(_c: PortContext): void {}
export function deviceModel(_c: PortContext): void {}
export function displays(_c: PortContext): void {}
export function hvmDevices(_c: PortContext): void {}
export function armSettings(_c: PortContext): void {}
export function lastSwitches(_c: PortContext): void {}
