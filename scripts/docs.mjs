// Regenerates the generated parts of README.md (the rule list) from the sources.
// `node scripts/docs.mjs --check` exits 1 when README.md is out of date.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const out = await esbuild.build({ entryPoints: [root + 'scripts/ruleList.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const mod = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
const begin = '<!-- BEGIN RULES: generated from server/src/check/rules.ts by `npm run docs`; do not edit -->';
const end = '<!-- END RULES -->';
const readme = readFileSync(root + 'README.md', 'utf8');
const a = readme.indexOf(begin);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error('README.md lacks the rule list markers');
const next = readme.slice(0, a + begin.length) + '\n\n' + mod.exports.ruleListMarkdown() + '\n' + readme.slice(b);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rule list is out of date: run npm run docs');
    process.exit(1);
  }
} else {
  writeFileSync(root + 'README.md', next);
  console.log('README.md rule list updated');
}
