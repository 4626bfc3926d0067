/**
 * package.json agrees with the code: every setting the extension or the
 * server reads is declared (an undeclared one shows "Unknown Configuration
 * Setting"), every command the client registers is contributed and the other
 * way round, the `xlcfg.rules` schema is generated from the rule table (npm
 * run docs), and suggestions open inside strings (where every channel key is).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../server/src/check/rules';
import { rulesSettingSchema } from '../../scripts/settingsSchema';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const declared = pkg.contributes.configuration.properties as Record<string, { default?: unknown }>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

test('every xlcfg.* setting read by the client or the server is declared', () => {
  const client = sources('client/src').join('\n');
  const read = new Set<string>();
  for (const m of client.matchAll(/getConfiguration\('xlcfg'[^)]*\)\s*\.get(?:<[^>]*>)?\('([^']+)'/g)) read.add(`xlcfg.${m[1]}`);
  // The server's settings (lsp/configuration.ts) and the client library's trace setting.
  const server = readFileSync('server/src/lsp/configuration.ts', 'utf8');
  for (const m of server.matchAll(/pick\(src, '([^']+)'\)/g)) read.add(`xlcfg.${m[1]}`);
  read.add('xlcfg.trace.server');
  assert.ok(read.has('xlcfg.preview.domid') && read.has('xlcfg.detect.byContent') && read.has('xlcfg.channel.dialect'), JSON.stringify([...read]));
  for (const s of read) assert.ok(declared[s], `${s} is read but not declared in package.json`);
});

test('the commands the client registers are the ones package.json contributes', () => {
  const client = sources('client/src').join('\n');
  const registered = new Set([...client.matchAll(/registerCommand\(\s*([A-Za-z_.]+|'[^']+')/g)].map((m) => m[1]));
  const contributed = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
  // Constants resolve through their declarations.
  const constants = new Map([...client.matchAll(/export const ([A-Z_]+) = '([^']+)'/g)].map((m) => [m[1], m[2]]));
  const protocol = readFileSync('server/src/lsp/protocol.ts', 'utf8');
  for (const m of protocol.matchAll(/^\s+([a-zA-Z]+): '([^']+)',/gm)) constants.set(`CLIENT_COMMANDS.${m[1]}`, m[2]);
  const names = new Set([...registered].map((r) => (r.startsWith("'") ? r.slice(1, -1) : (constants.get(r) ?? r))));
  for (const c of contributed) assert.ok(names.has(c), `${c} is contributed but never registered`);
  for (const n of names) assert.ok(contributed.has(n), `${n} is registered but not contributed`);
  for (const c of ['xlcfg.restartServer', 'xlcfg.convertLineEndingsToLf', 'xlcfg.saveWithoutBom']) assert.ok(contributed.has(c), c);
});

test('the xlcfg.rules schema is generated from the rule table (npm run docs) and offers every rule a setting may change', () => {
  assert.deepEqual(declared['xlcfg.rules'], rulesSettingSchema(), 'package.json is out of date: run npm run docs');
  const offered = Object.keys((declared['xlcfg.rules'] as unknown as { properties: object }).properties);
  assert.deepEqual(offered.sort(), allRules().filter((r) => r.silenceable).map((r) => r.code).sort());
  assert.ok(!offered.includes('syntax-crlf'), 'a rule xl refuses the file for is not offered');
});

test('suggestions open by themselves inside strings of xl.cfg files (every channel key is inside one)', () => {
  assert.deepEqual(pkg.contributes.configurationDefaults['[xlcfg]']['editor.quickSuggestions'], { other: 'on', comments: 'off', strings: 'on' });
});

test('the extension starts for the generic languages .cfg files open in (to recognise them by content)', () => {
  for (const l of ['properties', 'ini', 'plaintext']) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
});
