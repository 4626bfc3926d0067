/**
 * The rule list as Markdown, generated from the rule table (server/src/check/rules.ts)
 * for the README by `npm run docs`, so that the documentation and the checker cannot disagree.
 */
import { allRules, RuleCategory, RuleInfo } from '../server/src/check/rules';

const CATEGORY_TITLES: Record<RuleCategory, string> = {
  syntax: 'Syntax (the file as xl reads it)',
  settings: 'Settings',
  channel: 'Channels',
  device: 'Devices',
  release: 'Release-aware',
};

/** The anchor of a rule in the README (also the target of diagnostics' code links). */
export function ruleAnchor(code: string): string {
  return `rule-${code}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function level(r: RuleInfo): string {
  const base = `${r.severity}${r.defaultOff ? ' (off by default)' : ''}, ${r.effect}`;
  const variants = Object.values(r.variants ?? {}).map((v) => `${v.severity}, ${v.effect} for ${v.when}`);
  return [base, ...variants].join('; ');
}

export function ruleListMarkdown(): string {
  const rules = allRules();
  const out: string[] = [];
  for (const category of Object.keys(CATEGORY_TITLES) as RuleCategory[]) {
    const inCategory = rules.filter((r) => r.category === category);
    if (!inCategory.length) continue;
    out.push(`#### ${CATEGORY_TITLES[category]}`, '', '| code | severity, effect on `xl create` | what it finds | quick fixes |', '|---|---|---|---|');
    for (const r of inCategory) {
      const fixes = (r.fixes ?? []).map((f) => cell(f.replace(/\{([^}]*)\}/g, '…'))).join('; ');
      out.push(`| <a id="${ruleAnchor(r.code)}"></a>\`${r.code}\` | ${cell(level(r))} | ${cell(r.summary)}${r.silenceable ? '' : ' Cannot be turned off.'} | ${fixes} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
