/**
 * What a rule is: the shape of every entry in the rule table (check/rules.ts).
 */
import type { Severity } from '../../syntax/cst';

import type { Effect } from '../../model/effect';

export type { Effect } from '../../model/effect';
export { EFFECTS } from '../../model/effect';

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
