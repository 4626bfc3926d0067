/**
 * README.md agrees with the code: the rule list is the rule table, every
 * release-aware rule is in the releases table, and the first screen gives the
 * install+run and test commands.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRules } from '../../server/src/check/rules';
import { ruleListMarkdown } from '../../scripts/ruleList';

const readme = readFileSync('README.md', 'utf8');

test('the README rule list is generated from the rule table (npm run docs)', () => {
  const begin = readme.indexOf('<!-- BEGIN RULES');
  const end = readme.indexOf('<!-- END RULES -->');
  assert.ok(begin >= 0 && end > begin, 'markers present');
  const section = readme.slice(readme.indexOf('\n', begin) + 1, end).trim();
  assert.equal(section, ruleListMarkdown().trim(), 'README.md is out of date: run npm run docs');
  for (const r of allRules()) assert.ok(section.includes(`\`${r.code}\``), r.code);
});

test('every release-aware rule appears in the Xen releases table', () => {
  const table = readme.slice(readme.indexOf('## Xen releases'));
  for (const r of allRules().filter((x) => x.category === 'release')) assert.ok(table.includes(`| \`${r.code}\` |`), r.code);
});

test('the first screen gives the install+run command and the test command', () => {
  const first = readme.split('\n').slice(0, 25).join('\n');
  assert.match(first, /npm ci && npx xlcfg check examples\/\*\.cfg/);
  assert.match(first, /npm test/);
});
