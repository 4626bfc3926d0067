/**
 * Real xl (4.14, 4.17, 4.20) and xlcfg on the corpus of real configs: for
 * every file xl accepts, xlcfg reports no device finding that says xl
 * refuses it, and every device array of xl's JSON equals what xlcfg's
 * device readers made of the same settings (defaults absent on both sides).
 * For every file xl refuses with a device message, xlcfg has a device
 * finding that says xl refuses it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { readDevices, DeviceDocument } from '../../server/src/model/devices/document';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import type { LibxlValue } from '../../server/src/model/xl/types';
import { corpusFiles, findCorpus } from '../corpus';
import { ORACLE_RELEASES, runXl, xlUnavailable } from './xl/realXl';

type Obj = { [field: string]: LibxlValue };

/** The device arrays xl would build from what xlcfg read (xl's list loops: up to the first non-string). */
function ourArrays(doc: DeviceDocument): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const devices = (key: string) => {
    const s = doc.settings.find((x) => x.key === key);
    if (!s || s.value.kind !== 'list') return undefined;
    const upTo = s.notString ? s.notString.index : Infinity;
    return s.items.filter((it) => it.index < upTo && it.spec.device !== undefined && it.spec.device !== null).map((it) => it.spec.device as Obj);
  };
  const put = (json: string, key: string) => {
    const d = devices(key);
    if (d && d.length) out[json] = d;
  };
  put('disks', 'disk');
  put('nics', 'vif');
  put('pcidevs', 'pci');
  put('vtpms', 'vtpm');
  put('p9s', 'p9');
  put('vdispls', 'vdispl');
  put('pvcallsifs', 'pvcalls');
  put('usbctrls', 'usbctrl');
  put('usbdevs', 'usbdev');
  put('dtdevs', 'dtdev');
  put('virtios', 'virtio');
  return out;
}

const JSON_KEYS = ['disks', 'nics', 'pcidevs', 'vtpms', 'p9s', 'vdispls', 'pvcallsifs', 'usbctrls', 'usbdevs', 'dtdevs', 'virtios'];
const DEVICE_MESSAGE = /disk specification|config parsing error in vif|PCI_SPEC_STRING|PCI BDF|vtpm|9pfs|vdispl|pvcalls|usbctrl|usbdev|virtio|vkb|ioport|irq|iomem|vnuma|vnode|vsnd|connector|Invalid parameter/;

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} and xlcfg agree on the devices of every corpus file`, (t) => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const dir = findCorpus();
    if (!dir) {
      t.skip('corpus not found (set XLCFG_CORPUS)');
      return;
    }
    const xen = parseXenVersion(release)!;
    const files = corpusFiles(dir).filter((f) => f.endsWith('.cfg') || !f.includes('.'));
    const buffers = files.map((f) => readFileSync(f));
    const runs = runXl(release, buffers);
    const failures: string[] = [];
    let accepted = 0;
    let compared = 0;
    for (let i = 0; i < files.length; i++) {
      const { text, bytes } = decodeBytes(buffers[i]);
      const doc = checkText(text, { xen }, { bytes });
      const refusing = doc.diagnostics.filter((d) => d.effect === 'xl-refuses' && (d.code.startsWith('device-') || /^(disk|vif|pci|vnuma|vsnd|ioports)-/.test(d.code)));
      const run = runs[i];
      const stderr = Buffer.from(run.stderr, 'latin1').toString('utf8');
      if (run.rc === 0) {
        accepted++;
        if (refusing.length) failures.push(`${files[i]}: xl ${release} accepts it, xlcfg says it refuses: ${refusing.map((d) => `${d.code}: ${d.message}`).join(' | ')}`);
        const json = JSON.parse(Buffer.from(run.stdout, 'latin1').toString('utf8')) as Record<string, unknown>;
        const theirs: Record<string, unknown> = {};
        for (const k of JSON_KEYS) if (json[k] !== undefined) theirs[k] = json[k];
        const ours = ourArrays(readDevices(doc.model, xen));
        if (Object.keys(theirs).length || Object.keys(ours).length) compared++;
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) failures.push(`${files[i]}: devices differ\n    xlcfg: ${JSON.stringify(ours)}\n    xl:    ${JSON.stringify(theirs)}`);
      } else if (DEVICE_MESSAGE.test(stderr) && !refusing.length && !doc.diagnostics.some((d) => d.effect === 'xl-refuses')) {
        failures.push(`${files[i]}: xl ${release} refuses it (${stderr.trim()}), xlcfg has no finding that says so`);
      }
    }
    assert.equal(failures.length, 0, failures.slice(0, 8).join('\n'));
    console.log(`corpus on xl ${release}: ${files.length} files, ${accepted} accepted, ${compared} with devices compared, all agree`);
  });
}
