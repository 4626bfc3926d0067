/**
 * The editor features the port of parse_config_data feeds: the hover of a
 * setting says what the target's xl builds from it (the libxl fields and
 * values), that it reads only the last assignment, or that it does not read
 * the key for this file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/configuration';
import { hoverAt } from '../../server/src/lsp/hover';

function hover(text: string, at: string, xen = '4.17'): string {
  const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, `# xlcfg: xen=${xen}\n${text}`);
  const cached = new DocumentCache().get(doc, DEFAULT_SETTINGS);
  const offset = doc.getText().indexOf(at) + 1;
  return hoverAt(cached, offset)!.markdown;
}

test('hover on a setting: the libxl fields xl builds from it, with their values', () => {
  const md = hover('name = "vm1"\nkernel = "/k"\nmemory = 512\nmaxmem = 1024\n', 'memory');
  assert.match(md, /What xl 4\.17 builds from it/);
  assert.match(md, /`b_info\.target_memkb` = `524288`/);
  assert.doesNotMatch(md, /max_memkb/, 'maxmem= sets max_memkb, not memory=');
  assert.match(md, /reads `memory` as a number/);
  // Before 4.6 memory= set both.
  const old = hover('name = "vm1"\nkernel = "/k"\nmemory = 512\n', 'memory', '4.5');
  assert.match(old, /`b_info\.max_memkb` = `524288`/);
  const action = hover('name = "vm1"\nkernel = "/k"\non_crash = "rename-restart"\n', 'on_crash');
  assert.match(action, /`on_crash` = `"restart_rename"`/);
});

test('hover: an assignment set again later, and a key xl does not read for this file', () => {
  const twice = hover('name = "vm1"\nkernel = "/k"\nvcpus = 1\nvcpus = 2\n', 'vcpus = 1');
  assert.match(twice, /keeps only the last assignment of `vcpus` \(line 5\)/);
  const unread = hover('name = "vm1"\nkernel = "/k"\npvshim = 1\n', 'pvshim');
  assert.match(unread, /does not read `pvshim` for this file/);
  // After a stop, nothing later is read.
  const stopped = hover('name = "vm1"\nkernel = "/k"\non_crash = "x"\npvshim = 1\n', 'pvshim');
  assert.match(stopped, /it stops before/);
});

test('completion offers the values the target release takes (its own tables), not one list for every release', async () => {
  const { provideCompletion } = await import('../../server/src/lsp/completion');
  const labels = (text: string, xen: string) => {
    const full = `# xlcfg: xen=${xen}\n${text}`;
    const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, full);
    const cached = new DocumentCache().get(doc, DEFAULT_SETTINGS);
    const lines = full.split('\n');
    return provideCompletion(doc, cached, { line: lines.length - 1, character: lines[lines.length - 1].length }, { snippets: false }).items.map((i) => i.label);
  };
  // soft-reset is an action from 4.7 on.
  assert.ok(labels('on_crash = ', '4.17').includes('soft-reset'));
  assert.ok(!labels('on_crash = ', '4.6').includes('soft-reset'));
  // qemu-xen-traditional is gone from 4.21; "none" existed in 4.7-4.9 only.
  assert.ok(labels('device_model_version = ', '4.20').includes('qemu-xen-traditional'));
  assert.ok(!labels('device_model_version = ', '4.21').includes('qemu-xen-traditional'));
  assert.ok(labels('device_model_version = ', '4.8').includes('none'));
  // viridian groups grow with the releases (libxl's enumeration at each one).
  assert.ok(labels('viridian = [ ', '4.17').includes('hcall_ipi'));
  assert.ok(!labels('viridian = [ ', '4.12').includes('hcall_ipi'));
  assert.ok(labels('vga = ', '4.17').includes('qxl'));
});
