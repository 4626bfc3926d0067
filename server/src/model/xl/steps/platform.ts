/**
 * How the guest boots and what platform it sees: shadow memory, migration,
 * TSC and timer modes, the RTC, memory for video, event channels, kernel /
 * ramdisk / device tree / command line, driver domain, ACPI, bootloader, the
 * HVM-only block (firmware, BIOS, pae/acpi/hpet/... flags, viridian, MMIO
 * hole, SMBIOS, VM generation id, MCA capabilities), the PV/PVH block
 * (firmware= pvgrub, kernel or bootloader required), altp2m, vmtrace,
 * passthrough and e820_host.
 *
 * TO PORT (helper): every function below is a stub.
 */
import type { PortContext } from '../context';

/** e820_host (PV guests; 4.14.5/4.15.3/4.16.1+ read it before pci_*, earlier releases after the pci list). */
export function e820Host(_c: PortContext): void {}
/** passthrough= (4.12+). */
export function passthrough(_c: PortContext): void {}
/** shadow_memory, nomigrate, tsc_mode, rtc_timeoffset, vncviewer, localtime, videoram, max_event_channels. */
export function platformNumbers(_c: PortContext): void {}
/** kernel, ramdisk, device_tree, cmdline (root/extra), driver_domain, acpi, bootloader, bootloader_restrict, bootloader_user, bootloader_args. */
export function bootSettings(_c: PortContext): void {}
/** timer_mode, nestedhvm. */
export function timerAndNesting(_c: PortContext): void {}
/** The switch on the guest type: the HVM block, or the PV/PVH firmware and kernel-or-bootloader check. */
export function typeSpecific(_c: PortContext): void {}
/** altp2m (4.8+), altp2m_count (4.22), vmtrace_buf_kb (4.15+). */
export function altp2mAndVmtrace(_c: PortContext): void {}
