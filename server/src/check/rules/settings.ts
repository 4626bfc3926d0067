/** Rules of the settings as xl reads them (values, types, combinations). */
import type { RuleSpec } from './types';

export const SETTINGS_RULES = {
  'append-type-mismatch': { category: 'settings', severity: 'error', effect: 'xl-refuses', summary: "'+=' mixing a list and a single value; xl rejects the file." },
  'setting-invalid-value': {
    category: 'settings',
    severity: 'error',
    effect: 'xl-refuses',
    summary: 'A value xl does not accept for the setting (type=, builder=, on_crash=, tsc_mode=, vga=, ...); xl stops.',
    variants: {
      abbreviated: { severity: 'warning', effect: 'style', when: 'a value xl reads as a prefix of another (an empty type= is hvm)' },
      'read-as-pv': { severity: 'warning', effect: 'ignored', when: 'a builder= that is not a prefix of hvm before Xen 4.10, which xl reads as PV without a word' },
    },
  },
  'setting-reassigned': {
    category: 'settings',
    severity: 'warning',
    effect: 'ignored',
    summary: "A setting assigned again later with '=': xl keeps only the last assignment and ignores the earlier one (where '+=' was probably meant).",
    fixes: ["Append with '+=' on line {line} (keep both values of '{key}')", 'Remove the ignored assignment'],
  },
} as const satisfies Record<string, RuleSpec>;
