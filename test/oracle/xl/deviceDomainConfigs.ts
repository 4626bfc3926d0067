/**
 * Generated domain configs for the device part of the parse_config_data
 * port (domain-devices.test.ts): a guest of each type with vCPU and memory
 * settings, cpus= / cpus_soft= affinities (strings and lists, ranges,
 * nodes, "all", exclusions, numbers that wrap around a C int, junk),
 * vnuma nodes, the pci_* defaults and rdm=, and several device lists at
 * once (every family, items from the device oracle's generators: valid and
 * broken), sometimes a device key as a single value or an item that is a
 * list. Deterministic for a seed and an index.
 */
import { buildSettings } from '../../../server/src/model/settings';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { readDomain } from '../../../server/src/model/xl/readDomain';
import { parse } from '../../../server/src/syntax/parser';
import * as G from '../devicesXlConfigs';
import type { Gen, Item } from '../devicesXlConfigs';
import { channelItem } from './channelConfigs';

/** cpu list pieces: valid, edge and broken (no range long enough to make xl loop for long). */
const CPU_PIECES = [
  '0', '1', '3', '7', '8', '15', '0-3', '2-5', '6-9', '3-3', '2-1', 'all', 'all', '^all', '^1', '^0-2', 'node:0', 'node:1', 'nodes:0', 'nodes:0-1', '^node:0', 'node:all', '^node:all',
  'node:', 'nodes:x', 'x', '', '1-', '-1', ' 2', '2 ', '+3', '01', '0x1', '1 - 3', '1- 3', '^', '^^1', 'node0', 'Node:0',
  '4294967295', '4294967290', '4294967296', '4294967297', '4294967294-4294967297', '4294967288', '2147483648', '18446744073709551615', '18446744073709551614',
];

export function cpuList(g: Gen): string {
  const n = g.r() < 0.1 ? 0 : 1 + Math.floor(g.r() * 3);
  const pieces = Array.from({ length: n }, () => g.pick(CPU_PIECES));
  let s = pieces.join(g.pick([',', ',', ',', ',,']));
  if (g.r() < 0.05) s += ',';
  return s;
}

function affinity(g: Gen): Item | Item[] {
  if (g.r() < 0.55) return cpuList(g);
  const n = Math.floor(g.r() * 6);
  const items: Item[] = [];
  for (let i = 0; i < n; i++) items.push(g.r() < 0.03 ? [cpuList(g)] : cpuList(g));
  return items;
}

/** One line of a generated config: `key = value`, or `key = [ items ]` (items as config text). */
interface Line {
  key: string;
  value?: string;
  items?: string[];
}

/** A config value: a string, or a list of items. */
function valueLine(key: string, v: Item | Item[]): Line {
  if (typeof v === 'string') return { key, value: G.quoteItem(v) };
  return { key, items: (v as Item[]).map(G.quoteValue) };
}

const NUMBERS = ['0', '1', '2', '4', '8', '16', '"-1"', '"x"', '4294967296', '300', '"2"'];

interface Family {
  key: string;
  items: (g: Gen, seed: number, index: number) => Item[];
  weight: number;
}

const FAMILIES: Family[] = [
  { key: 'disk', items: (g, s, i) => G.diskItems(g, s, i), weight: 0.25 },
  { key: 'vif', items: (g) => G.vifItems(g), weight: 0.3 },
  { key: 'pci', items: (g) => G.pciItems(g), weight: 0.2 },
  { key: 'vtpm', items: (g) => G.vtpmItems(g), weight: 0.1 },
  { key: 'pvcalls', items: (g) => G.pvcallsItems(g), weight: 0.08 },
  { key: 'vfb', items: (g) => G.vfbItems(g), weight: 0.2 },
  { key: 'vkb', items: (g) => G.vkbItems(g), weight: 0.12 },
  { key: 'usbctrl', items: (g) => G.usbctrlItems(g), weight: 0.1 },
  { key: 'usbdev', items: (g) => G.usbdevItems(g), weight: 0.1 },
  { key: 'vdispl', items: (g) => G.vdisplItems(g), weight: 0.08 },
  { key: 'virtio', items: (g) => G.virtioItems(g), weight: 0.08 },
  { key: 'p9', items: (g) => G.p9Items(g), weight: 0.1 },
  { key: 'dtdev', items: (g) => G.dtdevItems(g), weight: 0.1 },
  { key: 'ioports', items: (g) => G.ioportsItems(g), weight: 0.1 },
  { key: 'irqs', items: (g) => G.irqsItems(g), weight: 0.1 },
  { key: 'iomem', items: (g) => G.iomemItems(g), weight: 0.1 },
  { key: 'vsnd', items: (g) => G.vsndCards(g), weight: 0.08 },
  { key: 'channel', items: (g) => Array.from({ length: Math.floor(g.r() * 4) }, () => channelItem(g.r)), weight: 0.2 },
];

/** The lines of one generated config. */
function generate(g: Gen, seed: number, index: number): Line[] {
  const lines: Line[] = [];
  const set = (key: string, value: string) => lines.push({ key, value });
  const roll = g.r();
  if (roll < 0.97) set('name', '"g"');
  else if (roll < 0.985) set('name', '[ "g" ]');
  const written = g.pick(['pv', 'pv', 'hvm', 'hvm', 'pvh']);
  const writes = g.r() < 0.9;
  const type = writes ? written : 'pv';
  if (writes) set('type', `"${type}"`);
  // (PV and PVH guests need a kernel.)
  if (type !== 'hvm') set('kernel', '"/k"');
  set('memory', g.r() < 0.95 ? '512' : g.pick(['256', '"x"']));
  if (g.r() < 0.15) set('maxmem', g.pick(['512', '1024', '768', '"x"']));
  if (g.r() < 0.6) set('vcpus', g.pick(NUMBERS.slice(0, 7)));
  if (g.r() < 0.2) set('maxvcpus', g.pick(NUMBERS));
  if (g.r() < 0.35) lines.push(valueLine('cpus', affinity(g)));
  if (g.r() < 0.2) lines.push(valueLine('cpus_soft', affinity(g)));
  if (g.r() < 0.1) lines.push(valueLine('vnuma', G.vnumaNodes(g) as Item[]));
  for (const k of ['pci_msitranslate', 'pci_power_mgmt', 'pci_permissive', 'pci_seize']) if (g.r() < 0.08) set(k, g.pick(['1', '0', '2', '"x"', '4294967296', '"-1"', '[ 1 ]']));
  if (g.r() < 0.12) set('rdm', G.quoteItem(G.rdmItem(g)));
  if (g.r() < 0.02) set('vif2', g.pick(['[ "x" ]', '"x"', '[ ]']));
  // A PV guest's vnc= makes a vfb (and a vkb) when vfb= made none: vkb devids count it.
  if (g.r() < 0.1) set('vnc', g.pick(['1', '1', '0']));
  if (g.r() < 0.03) set('sdl', '1');
  // Device lists in a random order (xl's order is its own).
  const fams = FAMILIES.filter((f) => g.r() < f.weight);
  for (let i = fams.length - 1; i > 0; i--) {
    const j = Math.floor(g.r() * (i + 1));
    [fams[i], fams[j]] = [fams[j], fams[i]];
  }
  for (const f of fams) {
    const x = g.r();
    if (x < 0.04) {
      set(f.key, G.quoteItem('x'));
      continue;
    }
    const items = f.items(g, seed, index);
    if (x < 0.07 && f.key !== 'vsnd') items.splice(Math.floor(g.r() * (items.length + 1)), 0, [g.pick(['a', ''])]);
    lines.push({ key: f.key, items: items.map(G.quoteValue) });
  }
  return lines;
}

/** The config text, and where each line's value and items start and end. */
function layout(lines: Line[]): { text: string; spans: Array<{ line: [number, number]; items: Array<[number, number]> }> } {
  let text = '';
  const spans = lines.map((l) => {
    const start = text.length;
    const items: Array<[number, number]> = [];
    if (l.items) {
      text += `${l.key} = [ `;
      l.items.forEach((it, k) => {
        if (k) text += ', ';
        items.push([text.length, text.length + it.length]);
        text += it;
      });
      text += ' ]';
    } else text += `${l.key} = ${l.value}`;
    const line: [number, number] = [start, text.length];
    text += '\n';
    return { line, items };
  });
  return { text, spans };
}

/**
 * Half the configs are steered towards xl accepting them (so that the JSON
 * of many device lists at once gets compared): while the port says xl stops,
 * the item (or setting) it stops at is dropped. Only the distribution
 * changes: real xl judges every config.
 */
function steer(lines: Line[]): void {
  for (let round = 0; round < 16; round++) {
    const { text, spans } = layout(lines);
    const r = readDomain(buildSettings(parse(text)), parseXenVersion('4.20')!, { source: 'FILE' });
    if (r.rc === 0) return;
    const at = r.events[r.events.length - 1]?.span?.start;
    if (at === undefined) return;
    const i = spans.findIndex((s) => s.line[0] <= at && at <= s.line[1]);
    if (i < 0 || /^(name|type|kernel)$/.test(lines[i].key)) return;
    const k = spans[i].items.findIndex(([a, b]) => a <= at && at <= b);
    if (k >= 0) lines[i].items!.splice(k, 1);
    else lines.splice(i, 1);
  }
}

export function deviceDomainConfig(seed: number, index: number): string {
  const g = G.gen(seed, index);
  const lines = generate(g, seed, index);
  if (g.r() < 0.5) steer(lines);
  return layout(lines).text;
}
