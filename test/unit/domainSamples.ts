/**
 * The domain rules' samples for the table-driven rule test (rules.test.ts):
 * per code a file on which it fires and a near miss on which it does not,
 * per variant a file on which the finding takes it. Every sample is a whole
 * domain xl would otherwise accept (a PV guest with a name and a kernel).
 */
import type { CheckOptions } from '../../server/src/check/options';
import { parseXenVersion } from '../../server/src/model/xenVersion';

const xen = (v: string) => parseXenVersion(v)!;
/** A PV guest xl accepts, plus `lines`. */
export const pvDomain = (...lines: string[]) => `name = "vm1"\nkernel = "/boot/vmlinuz"\nmemory = 512\n${lines.join('\n')}\n`;
const hvm = (...lines: string[]) => `name = "vm1"\ntype = "hvm"\nmemory = 512\n${lines.join('\n')}\n`;

interface Sample {
  fires: string;
  silent: string;
  options?: CheckOptions;
}

export const DOMAIN_SAMPLES = {
  'setting-not-single': { fires: pvDomain('vcpus = [ "2" ]'), silent: pvDomain('vcpus = 2') },
  'setting-not-list': { fires: pvDomain('llc_colors = "1-3"'), silent: pvDomain('llc_colors = [ "1-3" ]'), options: { xen: xen('4.20') } },
  'setting-not-a-number': { fires: pvDomain('vcpus = "2 cpus"'), silent: pvDomain('vcpus = "2"') },
  'setting-number-out-of-range': { fires: pvDomain('cap = 99999999999999999999'), silent: pvDomain('cap = 99') },
  'setting-name-missing': { fires: 'kernel = "/boot/vmlinuz"\nmemory = 512\n', silent: pvDomain() },
  'setting-conflict': { fires: pvDomain('vcpus = 4', 'maxvcpus = 2'), silent: pvDomain('vcpus = 2', 'maxvcpus = 4') },
  'setting-required-missing': { fires: 'name = "vm1"\nmemory = 512\n', silent: pvDomain() },
  'setting-bad-list-item': { fires: pvDomain('llc_colors = [ "3-1" ]'), silent: pvDomain('llc_colors = [ "1-3" ]'), options: { xen: xen('4.20') } },
  'setting-not-for-guest-type': { fires: pvDomain('timer_mode = "no_delay_for_missed_ticks"'), silent: hvm('timer_mode = "no_delay_for_missed_ticks"') },
  'setting-ignored': { fires: pvDomain('vncviewer = 1'), silent: pvDomain('vnc = 1') },
  'setting-deprecated-form': { fires: pvDomain('tsc_mode = 1'), silent: pvDomain('tsc_mode = "always_emulate"') },
  'setting-echoed': { fires: pvDomain('tsc_mode = "native"'), silent: pvDomain('tsc_mode = 2'), options: { xen: xen('4.18'), rules: { 'setting-echoed': 'hint' } } },
  'setting-memory-above-maxmem': { fires: pvDomain('maxmem = 256'), silent: pvDomain('maxmem = 1024') },
  'setting-unread': { fires: pvDomain('acpi_s3 = 1'), silent: hvm('acpi_s3 = 1') },
  'setting-incomplete': { fires: pvDomain('device_model_override = "/opt/qemu"'), silent: pvDomain('device_model_override = "/opt/qemu"', 'device_model_version = "qemu-xen"') },
} satisfies Record<string, Sample>;

export const DOMAIN_VARIANT_SAMPLES: Array<{ code: keyof typeof DOMAIN_SAMPLES; variant: string; text: string; options?: CheckOptions }> = [
  { code: 'setting-not-single', variant: 'refuses', text: pvDomain('max_grant_frames = [ "32" ]') },
  { code: 'setting-not-a-number', variant: 'refuses', text: pvDomain('max_grant_frames = "many"') },
  { code: 'setting-number-out-of-range', variant: 'refuses', text: pvDomain('max_maptrack_frames = "-1"') },
  { code: 'setting-not-list', variant: 'refuses', text: pvDomain('device_model_args = "-d"') },
  { code: 'setting-bad-list-item', variant: 'ignored', text: hvm('cpuid = [ "1:eax=0" ]') },
  { code: 'setting-required-missing', variant: 'ignored', text: hvm('bios_path_override = "/usr/share/ovmf/OVMF.fd"') },
];
