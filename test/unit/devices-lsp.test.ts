/**
 * Device-aware completion, hover and outline, through the entry points the
 * server uses: the sub-keys and values of the target release, what xl made
 * of the piece under the cursor, devices named by what identifies them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/check/edit';
import { completeAt } from '../../server/src/lsp/completion';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/configuration';
import { CachedDocument, DocumentCache } from '../../server/src/lsp/documentCache';
import { hoverAt } from '../../server/src/lsp/hover';
import { documentSymbols } from '../../server/src/lsp/symbols';

function load(text: string, xen = '4.20'): { doc: TextDocument; cached: CachedDocument } {
  const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, `# xlcfg: xen=${xen}\n${text}`);
  return { doc, cached: new DocumentCache().get(doc, DEFAULT_SETTINGS) };
}

function complete(marked: string, xen = '4.20') {
  const head = `# xlcfg: xen=${xen}\n`;
  const offset = head.length + marked.indexOf('|');
  const text = marked.replace('|', '');
  const { cached } = load(text, xen);
  const items = completeAt(cached, offset, { snippets: false });
  const full = head + text;
  const apply = (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no ${label} in ${items.map((i) => i.label).join(', ')}`);
    return applyEdits(full, [{ start: item.replace.start, end: item.replace.end, newText: item.insertText }]).slice(head.length);
  };
  return { items, labels: items.map((i) => i.label), apply };
}

test('completion in a disk string: the keys and flags of the target release, without those given already', () => {
  const c = complete('disk = [ "vdev=xvda,|" ]\n');
  assert.ok(c.labels.includes('target') && c.labels.includes('format') && c.labels.includes('discard'));
  assert.ok(!c.labels.includes('vdev'), 'vdev is given already');
  assert.ok(c.labels.includes('trusted') && c.labels.includes('grant_usage'));
  assert.equal(c.apply('format'), 'disk = [ "vdev=xvda,format=" ]\n');
  // 4.17's scanner has neither trusted nor grant_usage.
  const old = complete('disk = [ "vdev=xvda,|" ]\n', '4.17');
  assert.ok(!old.labels.includes('trusted') && !old.labels.includes('grant_usage'));
});

test('completion of a disk value: the formats of the release', () => {
  assert.deepEqual(complete('disk = [ "format=q|" ]\n', '4.20').labels, ['qcow', 'qcow2', 'qed']);
  assert.deepEqual(complete('disk = [ "format=q|" ]\n', '4.8').labels, ['qcow', 'qcow2']);
});

test('completion in a vif string: mtu only from 4.15, vlan from 4.19', () => {
  assert.ok(complete('vif = [ "bridge=br0,|" ]\n', '4.19').labels.includes('vlan'));
  const old = complete('vif = [ "bridge=br0,|" ]\n', '4.14');
  assert.ok(!old.labels.includes('mtu') && !old.labels.includes('vlan'));
  assert.equal(complete('vif = [ "type=|" ]\n').apply('ioemu'), 'vif = [ "type=ioemu" ]\n');
});

test('hover on a positional disk piece says what xl made of it and how it reads the disk', () => {
  const text = 'disk = [ "/dev/vg/a,raw,xvda,ro" ]\n';
  const { cached } = load(text);
  const at = (s: string) => `# xlcfg: xen=4.20\n`.length + text.indexOf(s) + 1;
  const h = hoverAt(cached, at('xvda'))!;
  assert.match(h.markdown, /\*\*vdev\*\* in `disk` specs/);
  assert.match(h.markdown, /Here: vdev, a positional piece of this `disk` spec; xl uses it \(Xen 4\.20\)/);
  assert.match(h.markdown, /xl reads it as: `pdev_path=\/dev\/vg\/a, vdev=xvda, format=raw`/);
  const ro = hoverAt(cached, at(',ro') + 1)!;
  assert.match(ro.markdown, /\*\*access\*\*/);
});

test('hover on an ignored vif key and on an overridden one', () => {
  const text = 'vif = [ "brige=br0,bridge=a,bridge=b" ]\n';
  const { cached } = load(text);
  const at = (s: string) => `# xlcfg: xen=4.20\n`.length + text.indexOf(s) + 1;
  assert.match(hoverAt(cached, at('brige'))!.markdown, /xl reads past it without using it/);
  assert.match(hoverAt(cached, at('bridge=a'))!.markdown, /a later piece sets the same thing again/);
});

test('outline: disks by vdev (and target), vifs by mac or bridge, pci devices by address or name', () => {
  const text = 'disk = [ "/dev/vg/a,raw,xvda,rw", ",,hdc:cdrom" ]\nvif = [ "mac=00:16:3e:00:00:01,bridge=br0", "bridge=br1" ]\npci = [ "03:00.1", "name=gpu" ]\n';
  const { doc, cached } = load(text);
  const syms = documentSymbols(cached, doc);
  const children = (key: string) => syms.find((s) => s.name === key)!.children!.map((c) => [c.name, c.detail]);
  assert.deepEqual(children('disk'), [
    ['xvda', '/dev/vg/a'],
    ['hdc (cdrom)', 'empty drive'],
  ]);
  assert.deepEqual(children('vif'), [
    ['00:16:3e:00:00:01', 'bridge br0'],
    ['br1', 'devid 1'],
  ]);
  assert.deepEqual(children('pci'), [
    ['0000:03:00.1', 'pci #1'],
    ['gpu', 'assignable device by name'],
  ]);
});

test('lists that are not devices keep their plain outline children (none)', () => {
  const { doc, cached } = load('cpus = [ "0", "1" ]\n');
  assert.equal(documentSymbols(cached, doc)[0].children, undefined);
});
