/**
 * The rule list as Markdown, generated from the rule table (check/rules.ts)
 * for the README, so that the documentation and the checker cannot disagree.
 */
import { allRules, RuleCategory } from '../check/rules';

const CATEGORY_TITLES: Record<RuleCategory, string> = {
  syntax: 'Syntax (the file as xl reads it)',
  settings: 'Settings',
  channel: 'Channels',
  release: 'Release-aware',
};

/** The anchor of a rule in the README (also the target of diagnostics' code links). */
export function ruleAnchor(code: string): string {
  return `rule-${code}`;
}

export function ruleListMarkdown(): string {
  const rules = allRules();
  const out: string[] = [];
  for (const category of Object.keys(CATEGORY_TITLES) as RuleCategory[]) {
    const inCategory = rules.filter((r) => r.category === category);
    if (!inCategory.length) continue;
    out.push(`#### ${CATEGORY_TITLES[category]}`, '', '| code | severity | what it finds | quick fix |', '|---|---|---|---|');
    for (const r of inCategory) {
      const sev = r.defaultOff ? `${r.severity} (off by default)` : r.severity;
      const cell = (s: string) => s.replace(/\|/g, '\\|');
      out.push(`| <a id="${ruleAnchor(r.code)}"></a>\`${r.code}\` | ${sev} | ${cell(r.summary)} | ${r.fix ? cell(r.fix) : ''} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
