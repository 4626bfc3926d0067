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
import type { ListNode } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { finding } from './finding';
import { nearestWord } from './nearestWord';

/** The fix data of xen-key-unknown: the known key to write instead. */
export interface KeyFixData {
  replaceWith: string;
}

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

  // --- keys -------------------------------------------------------------------
  if (!options.globalConfig) {
    const seen = new Set<string>();
    // Names a syntax problem cuts short ('on' of on-crash): the syntax finding says what xl does there, this rule would contradict it.
    let cut: Set<number> | undefined;
    for (const s of model.settings) {
      const key = s.name;
      if (seen.has(key)) continue;
      if (s.node.broken && (cut ??= new Set(model.tree.problems.map((p) => p.start))).has(s.node.name.end)) continue;
      const releases = KEY_RELEASES.get(key);
      const name = s.node.name;
      if (!releases) {
        seen.add(key);
        const near = nearestWord(key, KNOWN_KEYS);
        const message = `xl does not read '${key}': it is silently ignored.${near ? ` Did you mean '${near}'?` : ''}`;
        out.push(near ? finding('xen-key-unknown', name, message, { data: { replaceWith: near } satisfies KeyFixData }) : finding('xen-key-unknown', name, message, {}, 'no-suggestion'));
        continue;
      }
      const { first, last, text: info } = releases;
      if (!isSeed(xen) && compareVersion(xen, first.major, first.minor, 0) < 0) {
        seen.add(key);
        out.push(finding('xen-key-unknown', name, `'${key}' is read by xl from Xen ${info.first} on: xl ${formatVersion(xen)} silently ignores it.`, {}, 'no-suggestion'));
        continue;
      }
      const dep = DEPRECATED[key];
      if (!isSeed(xen) && last && compareVersion(xen, last.major, last.minor + 1, 0) >= 0) {
        seen.add(key);
        out.push(finding('xen-key-unknown', name, `xl stopped reading '${key}' after Xen ${info.last}: xl ${formatVersion(xen)} silently ignores it.${dep ? ` Use ${dep.use}.` : ''}`, { tags: ['deprecated'] }, 'no-suggestion'));
        continue;
      }
      if (dep && atLeast(xen, ...(dep.since.split('.').map(Number) as [number, number]))) {
        seen.add(key);
        out.push(finding('xen-key-deprecated', name, `'${key}' is deprecated since Xen ${dep.since}: use ${dep.use}.`, { tags: ['deprecated'] }));
        continue;
      }
      seen.add(key);
    }

    // type= / builder= as xl reads them.
    const t = scalarSetting(model, 'type');
    if (t && !matchGuestType(t.value)) {
      out.push(finding('setting-invalid-value', t.span, `type must be "pv", "pvh" or "hvm": xl stops with "Invalid domain type ${t.value}."`));
    } else if (t && t.value === '') {
      out.push(finding('setting-invalid-value', t.span, 'An empty type= is read by xl as "hvm" (it matches the value as a prefix).', {}, 'abbreviated'));
    }
    const b = scalarSetting(model, 'builder');
    if (b && !matchBuilder(b.value)) {
      out.push(finding('setting-invalid-value', b.span, `builder must be "hvm" or "generic": xl stops with "Invalid domain type ${b.value}."`));
    } else if (b && t && matchGuestType(t.value) && matchBuilder(b.value) !== matchGuestType(t.value)) {
      out.push(finding('setting-invalid-value', b.span, 'builder= and type= say different guest types: xl stops with "Contradicting "builder" and "type" options specified."'));
    }
    const dmv = scalarSetting(model, 'device_model_version');
    if (dmv && dmv.value === 'qemu-xen-traditional' && atLeast(xen, 4, 21)) {
      out.push(finding('xen-value-removed', dmv.span, `qemu-xen-traditional was removed in Xen 4.21: xl ${formatVersion(xen)} does not accept it. Use "qemu-xen".`));
    }
  }

  // --- syntax the target's libxlu does not know ------------------------------------
  if (!isSeed(xen) && !atLeast(xen, 4, 13)) {
    for (const s of model.settings) {
      if (s.op === '+=') out.push(finding('xen-syntax-unsupported', s.node.opSpan, `'+=' exists in xl.cfg from Xen 4.13: the parser of ${releaseLabel(xen)} rejects the file.`));
    }
  }
  if (isSeed(xen) || !atLeast(xen, 4, 6)) {
    for (const s of model.settings) {
      const nested = findNested(s.node.value.kind === 'list' ? s.node.value : undefined);
      if (nested) out.push(finding('xen-syntax-unsupported', nested, `Lists inside lists exist in xl.cfg from Xen 4.6: the parser of ${releaseLabel(xen)} rejects the file.`));
    }
  }

  // --- channels ---------------------------------------------------------------------------
  const channels = liveChannels(readChannels(model, { dialect: options.dialect, xen }));
  if (channels.length === 0) return out;
  if (losesFirstChannel(xen)) {
    const first = channels[0];
    out.push(
      finding(
        'xen-first-channel-lost',
        first.node,
        `With Xen ${formatVersion(xen)}, xl gives the first channel console number 0, the guest's primary console: libxl logs "Primary console has invalid configuration" and the guest never sees this channel. Fixed in 4.18.5, 4.19.2, 4.20.1 and 4.21; on an affected release, put a throw-away channel first.`,
      ),
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
