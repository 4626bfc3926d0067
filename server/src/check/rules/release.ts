/** Rules that depend on the Xen release the file is for. */
import type { RuleSpec } from './types';

export const RELEASE_RULES = {
  'xen-key-unknown': {
    category: 'release',
    severity: 'warning',
    effect: 'ignored',
    summary: 'A key the target xl does not read (a typo, or a key from another release): xl silently ignores it.',
    fixes: ["Change to '{key}'"],
    variants: { 'no-suggestion': { severity: 'information', effect: 'ignored', when: 'no known key is close to it' } },
  },
  'xen-key-deprecated': { category: 'release', severity: 'warning', effect: 'style', summary: 'A deprecated key, with its replacement.' },
  'xen-syntax-unsupported': { category: 'release', severity: 'error', effect: 'xl-refuses', summary: "Syntax the target release's parser lacks: '+=' before 4.13 and in the 2014 proposal, nested lists before 4.6." },
  'xen-value-removed': { category: 'release', severity: 'error', effect: 'xl-refuses', summary: 'A value the target release no longer accepts (qemu-xen-traditional from 4.21).' },
  'xen-first-channel-lost': {
    category: 'release',
    severity: 'warning',
    effect: 'guest-misses',
    summary: 'A release whose xl puts the first channel on console 0 (4.11.0-4.18.4, 4.19.0-4.19.1, 4.20.0): the guest never sees it.',
  },
} as const satisfies Record<string, RuleSpec>;
