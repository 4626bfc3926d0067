/**
 * Rules of the domain settings as the target's xl reads them (the port of
 * parse_config_data, model/xl/): what xl prints, where it stops, what it
 * ignores. Each code names what is wrong; whether xl stops or goes on is
 * the event's (the `refuses` and `ignored` variants).
 */
import type { RuleSpec } from './types';

const refuses = { severity: 'error', effect: 'xl-refuses', when: 'xl stops right after it' } as const;
const ignored = { severity: 'warning', effect: 'ignored', when: 'xl only warns (or says nothing) and goes on' } as const;

export const DOMAIN_RULES = {
  'setting-not-single': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A list where xl reads a single value: xl warns "is a list but should be a single value" and ignores the setting.',
    variants: { refuses },
  },
  'setting-not-list': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A single value where xl reads a list: xl warns "is a single value but should be a list" and ignores the setting (or stops, for device_model_args).',
    fixes: ['Wrap the value in [ ]'],
    variants: { refuses },
  },
  'setting-not-a-number': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: "A number setting whose value is not a whole number as C's strtol reads it (decimal, 0x hex, 0 octal; no units, no blanks after): xl warns and ignores it.",
    variants: { refuses },
  },
  'setting-number-out-of-range': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A number outside what the setting takes (or what a 64-bit long holds): xl ignores it, or stops where the setting is bounded.',
    variants: { refuses },
  },
  'setting-name-missing': { category: 'settings', severity: 'error', effect: 'xl-refuses', summary: 'No name = "...": xl stops ("Domain name must be specified").' },
  'setting-conflict': {
    category: 'settings',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'Two settings xl refuses together (maxvcpus below vcpus, builder= against type=, kernel= with firmware=, ...).',
  },
  'setting-required-missing': {
    category: 'settings',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'Something xl needs for this guest is missing (a PV guest with neither kernel= nor bootloader=; bios_path_override= without bios=, where xl only warns).',
    variants: { ignored },
  },
  'setting-bad-list-item': {
    category: 'settings',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'An item of a list setting that xl cannot read (a cpu range, a viridian group, an smbios entry, an I/O port, a cpuid leaf or flag...).',
    variants: { ignored },
  },
  'setting-not-for-guest-type': {
    category: 'settings',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A setting xl refuses for this guest type (timer_mode on a PV guest, ...).',
  },
  'setting-ignored': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A setting xl reads and then ignores, with a warning or without a word (kernel = hvmloader on HVM, vncviewer, device_model, ...).',
  },
  'setting-incomplete': {
    category: 'settings',
    severity: 'warning',
    effect: 'style',
    summary: 'A setting xl takes but warns is missing its companion (device_model_override= without device_model_version=: libxl then treats the binary as its default device model).',
  },
  'setting-deprecated-form': {
    category: 'settings',
    severity: 'warning',
    effect: 'style',
    summary: 'A form xl still takes but warns about (tsc_mode as a number, bootloader_args as a string, altp2mhvm, ...).',
  },
  'setting-echoed': {
    category: 'settings',
    severity: 'hint',
    effect: 'style',
    defaultOff: true,
    summary: 'A line xl prints about a value it takes as it is (xl 4.5 to 4.18 echo a tsc_mode given by name: "got a tsc mode string"): nothing is wrong.',
  },
  'setting-memory-above-maxmem': {
    category: 'settings',
    severity: 'warning',
    effect: 'guest-misses',
    summary: 'memory= above maxmem=: xl takes both, then libxl builds an HVM guest with maxmem= worth of RAM (the rest of memory= is never there) and gives a PV guest memory= with a maximum (static-max) below it.',
  },
  'setting-unread': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A key the target xl knows but does not read for this file (an HVM-only key on a PV guest, ...): it has no effect.',
  },
} as const satisfies Record<string, RuleSpec>;
