// Regenerates the generated parts of the documentation from the sources: the
// rule list in README.md and the `xlcfg.rules` settings schema in package.json,
// both from the rule table. `node scripts/docs.mjs --check` exits 1 when
// either is out of date (test/unit/readme.test.ts checks the same).
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

async function load(entry) {
  const out = await esbuild.build({ entryPoints: [root + entry], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
  return mod.exports;
}

/** Writes (or, with --check, compares) one generated file; returns whether it was up to date. */
function update(file, next, what) {
  const now = readFileSync(root + file, 'utf8');
  if (now === next) return true;
  if (check) {
    console.error(`${file}: ${what} is out of date: run npm run docs`);
    return false;
  }
  writeFileSync(root + file, next);
  console.log(`${file}: ${what} updated`);
  return true;
}

const { ruleListMarkdown } = await load('scripts/ruleList.ts');
const { rulesSettingSchema } = await load('scripts/settingsSchema.ts');

const begin = '<!-- BEGIN RULES: generated from server/src/check/rules.ts by `npm run docs`; do not edit -->';
const end = '<!-- END RULES -->';
const readme = readFileSync(root + 'README.md', 'utf8');
const a = readme.indexOf(begin);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md lacks the rule list markers');
const okReadme = update('README.md', readme.slice(0, a + begin.length) + '\n\n' + ruleListMarkdown() + '\n' + readme.slice(b), 'the rule list');

const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8'));
pkg.contributes.configuration.properties['xlcfg.rules'] = rulesSettingSchema();
const okPkg = update('package.json', JSON.stringify(pkg, null, 2) + '\n', 'the xlcfg.rules schema');

if (!okReadme || !okPkg) process.exit(1);
