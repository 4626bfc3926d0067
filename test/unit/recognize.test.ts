/**
 * Recognising a Xen domain config by its content (for `.cfg`, `.conf` and
 * extension-less files an editor opens as Properties, INI or plain text):
 * real domain configs are recognised, mistakes and all; files that are
 * clearly something else are not.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { recognizeDomainConfig } from '../../server/src/check/recognize';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { parse } from '../../server/src/syntax/parser';
import { corpusFiles } from '../corpus';

const recognise = (text: string) => recognizeDomainConfig(parse(text));

test("the project's own examples are domain configs (examples/mistakes.cfg too)", () => {
  for (const f of readdirSync('examples')) {
    const r = recognise(readFileSync(join('examples', f), 'utf8'));
    assert.ok(r.domainConfig, `${f}: ${r.reason}`);
  }
});

test('every xl config of the corpus is recognised, no libvirt XML is (when the corpus is there)', (t) => {
  const files = corpusFiles();
  if (!files.length) {
    t.skip('corpus not found');
    return;
  }
  const xl = files.filter((f) => f.includes('/xl/') && f.endsWith('.cfg') && !basename(f).endsWith('gsx-common.cfg'));
  assert.ok(xl.length > 100);
  for (const f of xl) assert.ok(recognise(decodeBytes(readFileSync(f)).text).domainConfig, f);
  for (const f of files.filter((x) => x.endsWith('.xml'))) assert.equal(recognise(readFileSync(f, 'utf8')).domainConfig, false, f);
});

test('files that are clearly something else are not', () => {
  const others: Record<string, string> = {
    'git config': '[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://example.org/x.git\n',
    'smb.conf (INI with xl-looking keys)': '[global]\n   name = "files"\n   memory = 512\n   workgroup = WORKGROUP\n',
    'Properties with bare values': 'name=myapp\nmemory=512\nkernel=/boot/x\n',
    sshd_config: 'Port 22\nPermitRootLogin no\nUsePAM yes\n',
    'sysctl.conf': 'net.ipv4.ip_forward = 1\nvm.swappiness = 10\n',
    'nginx.conf': 'server {\n  listen 80;\n  root /var/www;\n}\n',
    'an empty file': '',
    'only comments': '# name = "vm"\n# memory = 512\n',
    'one setting': 'name = "x"\n',
    'shell script': '#!/bin/sh\nname="x"\nmemory=$(free -m)\necho "$name"\nexit 0\n',
  };
  for (const [what, text] of Object.entries(others)) assert.equal(recognise(text).domainConfig, false, `${what}: ${recognise(text).reason}`);
});

test('a minimal domain config, and one xl would reject for a typo, are recognised', () => {
  assert.ok(recognise('name = "vm"\nmemory = 512\n').domainConfig);
  assert.ok(recognise('name = "vm"\nmemory = 1024M\nvcpus = 2\ndisk = [ "phy:/dev/vg/vm,xvda,w" ]\n').domainConfig);
  assert.match(recognise('name = "vm"\nmemory = 512\nvif = [ "bridge=xenbr0" ]\n').reason, /name, memory, vif/);
});
