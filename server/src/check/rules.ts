/**
 * Every rule xlcfg checks, in one table: its stable code, category, default
 * severity, what it means for `xl create` (its effect), its named variants,
 * whether it can be silenced, and the titles of its quick fixes.
 * Diagnostics, quick fixes, hover, the preview, the CLI, the settings schema
 * and the README's rule list all read from here. The entries live in one file
 * per family (check/rules/*.ts); RuleCode is derived from them.
 */
import type { Severity } from '../syntax/cst';
import { CHANNEL_RULES } from './rules/channel';
import { DEVICE_RULES } from './rules/device';
import { DOMAIN_RULES } from './rules/domain';
import { RELEASE_RULES } from './rules/release';
import { SETTINGS_RULES } from './rules/settings';
import { SYNTAX_RULES } from './rules/syntax';
import type { Effect, RuleSpec, RuleVariant } from './rules/types';

export type { Effect, RuleCategory, RuleVariant } from './rules/types';
export { EFFECTS } from './rules/types';

const TABLE = { ...SYNTAX_RULES, ...SETTINGS_RULES, ...DOMAIN_RULES, ...CHANNEL_RULES, ...DEVICE_RULES, ...RELEASE_RULES } as const;

export type RuleCode = keyof typeof TABLE;

/** The variant names a rule has (never a string it does not have). */
export type VariantOf<C extends RuleCode> = (typeof TABLE)[C] extends { variants: infer V } ? keyof V & string : never;

export interface RuleInfo extends RuleSpec {
  code: RuleCode;
  /** Whether a setting or a comment may turn it off or change its severity: never for a finding that makes xl refuse the file. */
  silenceable: boolean;
}

function info(code: RuleCode, spec: RuleSpec): RuleInfo {
  const variants = spec.variants ? Object.values(spec.variants) : [];
  return { code, ...spec, silenceable: spec.effect !== 'xl-refuses' && variants.every((v) => v.effect !== 'xl-refuses') };
}

export const RULES: ReadonlyMap<RuleCode, RuleInfo> = new Map((Object.entries(TABLE) as Array<[RuleCode, RuleSpec]>).map(([code, spec]) => [code, info(code, spec)]));

export function isRuleCode(code: string): code is RuleCode {
  return RULES.has(code as RuleCode);
}

export function ruleInfo(code: RuleCode): RuleInfo {
  const r = RULES.get(code);
  if (!r) throw new Error(`unknown rule ${code}`);
  return r;
}

export function allRules(): RuleInfo[] {
  return [...RULES.values()];
}

/** The severity and effect of a rule, in one of its variants (or its default ones). */
export function ruleLevel(code: RuleCode, variant?: string): { severity: Severity; effect: Effect } {
  const r = ruleInfo(code);
  if (variant === undefined) return { severity: r.severity, effect: r.effect };
  const v: RuleVariant | undefined = r.variants?.[variant];
  if (!v) throw new Error(`rule ${code} has no variant ${variant}`);
  return { severity: v.severity, effect: v.effect };
}

/** Whether a fix title is one of the rule's declared titles ({…} parts match any text). */
export function isDeclaredFixTitle(code: RuleCode, title: string): boolean {
  return (ruleInfo(code).fixes ?? []).some((t) => {
    const pattern = t.split(/\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${pattern.join('.*')}$`, 's').test(title);
  });
}
