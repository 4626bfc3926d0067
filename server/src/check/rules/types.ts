/**
 * What a rule is: the shape of every entry in the rule table (check/rules.ts).
 */
import type { Severity } from '../../syntax/cst';

/**
 * What happens on `xl create` when a finding of the rule is there:
 * - `xl-refuses`: xl stops, the file is rejected (nothing is created);
 * - `libxl-refuses`: xl accepts the file, libxl refuses to create the domain;
 * - `qemu-fails`: the device model fails to start, so creation fails;
 * - `guest-misses`: the domain is created, but the guest does not get (a working) device or channel;
 * - `ignored`: xl warns or silently ignores what is written;
 * - `style`: nothing goes wrong; a convention or a surprise worth knowing.
 */
export type Effect = 'xl-refuses' | 'libxl-refuses' | 'qemu-fails' | 'guest-misses' | 'ignored' | 'style';

export const EFFECTS: readonly Effect[] = ['xl-refuses', 'libxl-refuses', 'qemu-fails', 'guest-misses', 'ignored', 'style'];

export type RuleCategory = 'syntax' | 'settings' | 'channel' | 'device' | 'release';

/** A severity and an effect that a rule takes in some dialect or release instead of its default ones. */
export interface RuleVariant {
  severity: Severity;
  effect: Effect;
  /** When the variant applies, in a few words (for the docs). */
  when: string;
}

export interface RuleSpec {
  category: RuleCategory;
  severity: Severity;
  effect: Effect;
  /** One line: what the rule finds and why it matters. */
  summary: string;
  /**
   * The titles of the quick fixes the rule offers. `{…}` stands for a part
   * filled in per finding (e.g. "Change to '{value}'").
   */
  fixes?: readonly string[];
  /** Off unless enabled in the settings. */
  defaultOff?: boolean;
  /** Named variants, e.g. `seed` (the 2014 dialect) or `from-4.18`. */
  variants?: Readonly<Record<string, RuleVariant>>;
}
