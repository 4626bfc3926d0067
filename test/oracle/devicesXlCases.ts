/**
 * The device families as the real-xl oracle drives them: how a generated
 * list becomes config lines, which part of xl's JSON holds the devices, and
 * what xlcfg's reader answers for the same list.
 */
import { parseDisk } from '../../server/src/model/devices/disk';
import { readList } from '../../server/src/model/devices/list';
import { attempt, Recorder } from '../../server/src/model/devices/recorder';
import { parsePci } from '../../server/src/model/devices/pci';
import { parseVif } from '../../server/src/model/devices/vif';
import { plainList } from '../../server/src/model/devices/xlu';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import type { XlReader, XluList } from '../../server/src/model/xl/types';
import { diskItems, Gen, pciItems, vifItems } from './devicesXlConfigs';
import type { OracleRelease } from './xl/realXl';

export interface Outcome {
  rc: number;
  lines: string[];
  devices?: unknown;
  /**
   * Where xl reads memory it does not own (xlcfg says so with an event), what
   * it prints and sets there is not predictable: these fields of the devices,
   * and these stderr lines, are left out of the comparison on both sides.
   */
  unpredictable?: { fields: string[]; lines: string[] } | 'all';
}

export interface FamilyCase {
  family: string;
  /** The config around the device lines. */
  base: string;
  /** The device lines for the (quoted) items. */
  lines(quoted: string[]): string[];
  items(g: Gen, seed: number, index: number): string[];
  /** The family's part of xl's JSON (defaults absent). */
  json(config: Record<string, unknown>): unknown;
  /** xlcfg's answer for the same list. */
  ours(items: string[], release: OracleRelease): Outcome;
  /** Every generated list is valid for xl (no refusal to expect). */
  alwaysAccepted?: boolean;
}

export const PV_BASE = 'name = "g"\nmemory = 512\nkernel = "/k"\n';

/** Runs a list reader the way xl does and says what came of it. */
function outcome(release: OracleRelease, read: (list: XluList, r: XlReader) => unknown, items: string[]): Outcome {
  const r = new Recorder(parseXenVersion(release)!);
  const res = attempt(() => read(plainList(items), r));
  const out: Outcome = res.exit ? { rc: res.exit.rc, lines: r.stderr() } : { rc: 0, lines: r.stderr(), devices: res.value };
  const undefinedBehaviour = r.events.some((e) => e.code === 'device-undefined');
  if (undefinedBehaviour && res.exit?.rc === 139) out.unpredictable = 'all';
  else if (undefinedBehaviour) out.unpredictable = { fields: ['mac', 'func'], lines: ["Invalid parameter `mac'."] };
  return out;
}

const list = (setting: string) => (quoted: string[]) => [`${setting} = [ ${quoted.join(', ')} ]`];
/** The array, or [] when xl left it out (no device). */
const arrayOf = (key: string) => (j: Record<string, unknown>) => (j[key] as unknown[] | undefined) ?? [];

export const FAMILY_CASES: FamilyCase[] = [
  {
    family: 'disk',
    base: PV_BASE,
    lines: list('disk'),
    items: (g, seed, i) => diskItems(g, seed, i),
    json: arrayOf('disks'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parseDisk(item, r, { configSource: 'FILE' })), items),
  },
  {
    family: 'vif',
    base: PV_BASE,
    lines: list('vif'),
    items: (g) => vifItems(g),
    json: arrayOf('nics'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parseVif(item, r, { configSource: 'FILE', index })), items),
  },
  {
    family: 'pci',
    base: PV_BASE,
    lines: list('pci'),
    items: (g) => pciItems(g),
    json: arrayOf('pcidevs'),
    // A PV guest: the rdm policy xl copies into every device reads as strict there.
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parsePci(item, r, { defaults: { rdm_policy: 'strict' } })).filter((d) => d !== null), items),
  },
];
