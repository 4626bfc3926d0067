/**
 * Rules that depend on the Xen release the config is for: keys the target xl
 * does not read (or deprecates), syntax the target's libxlu lacks, and the
 * releases whose xl/libxl turn valid-looking channels into a broken domain.
 *
 * Not a rule: xl has always numbered channel chardevs by list index
 * (libxl-channel0, 1, ...); the duplicate `libxl-channel-1` ids of releases
 * before 4.11 only hit libxl API users that leave the devid unset (libvirt).
 */
import { getKeyDoc } from '../docs/keys';
import { XL_READ_KEYS } from '../docs/xlReadKeys';
import { liveChannels, readChannels } from '../model/channels';
import { matchBuilder, matchGuestType, scalarSetting } from '../model/guest';
import type { SettingsModel } from '../model/settings';
import { atLeast, compareVersion, formatVersion, inRange, isSeed, parseXenVersion, XenVersion } from '../model/xenVersion';
import type { ListNode, Span } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { nearestWord } from './nearestWord';

export interface ReleaseRuleOptions {
  xen: XenVersion;
  dialect?: 'auto' | 'upstream' | 'seed';
  /** The global xl.conf uses other keys: key rules do not apply. */
  globalConfig?: boolean;
}

/** Deprecated keys and what replaces them. */
const DEPRECATED: Record<string, { use: string; since: string }> = {
  builder: { use: 'type="pv|pvh|hvm"', since: '4.10' },
  altp2mhvm: { use: 'altp2m', since: '4.9' },
  stdvga: { use: 'vga="stdvga"', since: '4.6' },
  pvh: { use: 'type="pvh"', since: '4.10' },
};

/** The releases whose xl gives the first channel console number 0 (fixed in 4.18.5, 4.19.2, 4.20.1, 4.21.0). */
export function losesFirstChannel(v: XenVersion): boolean {
  return inRange(v, [4, 11], [4, 18, 5]) || inRange(v, [4, 19], [4, 19, 2]) || inRange(v, [4, 20], [4, 20, 1]);
}

/** XL_READ_KEYS with the releases parsed once. */
const KEY_RELEASES = new Map(
  Object.entries(XL_READ_KEYS).map(([key, r]) => [key, { first: parseXenVersion(r.first)!, last: r.last ? parseXenVersion(r.last) : undefined, text: r }] as const),
);
const KNOWN_KEYS = [...KEY_RELEASES.keys()];

function releaseLabel(v: XenVersion): string {
  return isSeed(v) ? 'the 2014 proposal' : `Xen ${formatVersion(v)}`;
}

export function checkRelease(model: SettingsModel, options: ReleaseRuleOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { xen } = options;
  // (The literal passed in is completed in place: a file can have 150,000 findings, and a spread copy of each cost more than finding it.)
  const add = (d: Omit<Diagnostic, 'start' | 'end'>, span: Span) => {
    const full = d as Diagnostic;
    full.start = span.start;
    full.end = span.end;
    out.push(full);
  };

  // --- keys -------------------------------------------------------------------
  if (!options.globalConfig) {
    const seen = new Set<string>();
    for (const s of model.settings) {
      const key = s.name;
      if (seen.has(key)) continue;
      const releases = KEY_RELEASES.get(key);
      const name = s.node.name;
      if (!releases) {
        seen.add(key);
        const near = nearestWord(key, KNOWN_KEYS);
        add({ code: 'xen-key-unknown', severity: near ? 'warning' : 'information', message: `xl does not read '${key}': it is silently ignored.${near ? ` Did you mean '${near}'?` : ''}`, data: near ? { replaceWith: near } : undefined }, name);
        continue;
      }
      const { first, last, text: info } = releases;
      if (!isSeed(xen) && compareVersion(xen, first.major, first.minor, 0) < 0) {
        seen.add(key);
        add({ code: 'xen-key-unknown', severity: 'warning', message: `'${key}' is read by xl from Xen ${info.first} on: xl ${formatVersion(xen)} silently ignores it.` }, name);
        continue;
      }
      const dep = DEPRECATED[key];
      if (!isSeed(xen) && last && compareVersion(xen, last.major, last.minor + 1, 0) >= 0) {
        seen.add(key);
        add({ code: 'xen-key-unknown', severity: 'warning', message: `xl stopped reading '${key}' after Xen ${info.last}: xl ${formatVersion(xen)} silently ignores it.${dep ? ` Use ${dep.use}.` : ''}`, tags: ['deprecated'] }, name);
        continue;
      }
      if (dep && atLeast(xen, ...(dep.since.split('.').map(Number) as [number, number]))) {
        seen.add(key);
        add({ code: 'xen-key-deprecated', severity: 'warning', message: `'${key}' is deprecated since Xen ${dep.since}: use ${dep.use}.`, tags: ['deprecated'] }, name);
        continue;
      }
      seen.add(key);
    }

    // type= / builder= as xl reads them.
    const t = scalarSetting(model, 'type');
    if (t && !matchGuestType(t.value)) {
      add({ code: 'setting-invalid-value', severity: 'error', message: `type must be "pv", "pvh" or "hvm": xl stops with "Invalid domain type ${t.value}."` }, t.span);
    } else if (t && t.value === '') {
      add({ code: 'setting-invalid-value', severity: 'warning', message: 'An empty type= is read by xl as "hvm" (it matches the value as a prefix).' }, t.span);
    }
    const b = scalarSetting(model, 'builder');
    if (b && !matchBuilder(b.value)) {
      add({ code: 'setting-invalid-value', severity: 'error', message: `builder must be "hvm" or "generic": xl stops with "Invalid domain type ${b.value}."` }, b.span);
    } else if (b && t && matchGuestType(t.value) && matchBuilder(b.value) !== matchGuestType(t.value)) {
      add({ code: 'setting-invalid-value', severity: 'error', message: 'builder= and type= say different guest types: xl stops with "Contradicting "builder" and "type" options specified."' }, b.span);
    }
    const dmv = scalarSetting(model, 'device_model_version');
    if (dmv && dmv.value === 'qemu-xen-traditional' && atLeast(xen, 4, 21)) {
      add({ code: 'xen-value-removed', severity: 'error', message: `qemu-xen-traditional was removed in Xen 4.21: xl ${formatVersion(xen)} does not accept it. Use "qemu-xen".` }, dmv.span);
    }
  }

  // --- syntax the target's libxlu does not know ------------------------------------
  if (!isSeed(xen) && !atLeast(xen, 4, 13)) {
    for (const s of model.settings) {
      if (s.op === '+=') add({ code: 'xen-syntax-unsupported', severity: 'error', message: `'+=' exists in xl.cfg from Xen 4.13: the parser of ${releaseLabel(xen)} rejects the file.` }, s.node.opSpan);
    }
  }
  if (isSeed(xen) || !atLeast(xen, 4, 6)) {
    for (const s of model.settings) {
      const nested = findNested(s.node.value.kind === 'list' ? s.node.value : undefined);
      if (nested) add({ code: 'xen-syntax-unsupported', severity: 'error', message: `Lists inside lists exist in xl.cfg from Xen 4.6: the parser of ${releaseLabel(xen)} rejects the file.` }, { start: nested.start, end: nested.end });
    }
  }

  // --- channels ---------------------------------------------------------------------------
  const channels = liveChannels(readChannels(model, { dialect: options.dialect, xen }));
  if (channels.length === 0) return out;
  if (losesFirstChannel(xen)) {
    const first = channels[0];
    add(
      {
        code: 'xen-first-channel-lost',
        severity: 'warning',
        message: `With Xen ${formatVersion(xen)}, xl gives the first channel console number 0, the guest's primary console: libxl logs "Primary console has invalid configuration" and the guest never sees this channel. Fixed in 4.18.5, 4.19.2, 4.20.1 and 4.21; on an affected release, put a throw-away channel first.`,
      },
      first.node,
    );
  }
  return out;
}

/** The first list nested inside a list value, searched without recursion. */
function findNested(list: ListNode | undefined): ListNode | undefined {
  if (!list) return undefined;
  for (const item of list.items) if (item.kind === 'list') return item;
  return undefined;
}

/** Own-words note about when a key appeared, for hover. */
export function keyHistory(key: string): string | undefined {
  const info = XL_READ_KEYS[key];
  const doc = getKeyDoc(key);
  if (!info && !doc) return undefined;
  const parts: string[] = [];
  if (info) parts.push(info.first === '4.2' ? 'read by xl since Xen 4.2 or earlier' : `read by xl since Xen ${info.first}`);
  if (info?.last) parts.push(`no longer read after Xen ${info.last}`);
  if (doc && doc.since && (!info || doc.since.replace('<=', '') !== info.first)) parts.push(`documented since Xen ${doc.since.replace('<=', '')}${doc.since.startsWith('<=') ? ' or earlier' : ''}`);
  const dep = DEPRECATED[key];
  if (dep) parts.push(`deprecated since Xen ${dep.since} (use ${dep.use})`);
  return parts.join('; ');
}
