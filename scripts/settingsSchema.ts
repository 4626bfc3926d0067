/**
 * The schema of the `xlcfg.rules` setting, generated from the rule table for
 * package.json by `npm run docs`: settings.json then completes the rule codes
 * and their severities, and says what each rule finds. Rules that make xl
 * refuse the file cannot be changed, so they are not offered (and an entry
 * for one is flagged: additionalProperties is false).
 */
import { allRules } from '../server/src/check/rules';

export const SEVERITY_SETTINGS = ['error', 'warning', 'information', 'hint', 'off'] as const;

export function rulesSettingSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const r of allRules()) {
    if (!r.silenceable) continue;
    properties[r.code] = {
      type: 'string',
      enum: [...SEVERITY_SETTINGS],
      markdownDescription: `${r.summary} Default: \`${r.defaultOff ? 'off' : r.severity}\`.`,
    };
  }
  return {
    type: 'object',
    default: {},
    properties,
    additionalProperties: false,
    scope: 'resource',
    markdownDescription:
      'Severity per rule code (`error`, `warning`, `information`, `hint`) or `off`, e.g. `{ "channel-name-style": "hint" }` turns on the name-style hint. Rules whose finding makes xl refuse the file cannot be changed and are not listed.',
  };
}
