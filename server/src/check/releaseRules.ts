/**
 * Rules that depend on the Xen release the config is for: keys the target xl
 * does not read (or deprecates), syntax the target's libxlu lacks, and the
 * releases whose xl/libxl turn valid-looking channels into a broken domain.
 *
 * Not a rule: xl never gives two channels one chardev id. Up to the fix of
 * 4.18.5, 4.19.2, 4.20.1 and 4.21.0 it sets each channel's devid to its list
 * index (libxl-channel0, 1, ...); after it, xl leaves the devid unset and
 * libxl numbers the channels from 1 (libxl-channel<i+1>). The duplicate
 * `libxl-channel-1` ids of releases before 4.11 only hit libxl API users that
 * leave the devid unset (libvirt).
 */
import { DEPRECATED_KEYS as DEPRECATED, formatRelease, XL_KEYS, xlKeyRuns, xlReadsKey } from '../docs/xlKeys';
import { liveChannels, readChannels } from '../model/channels';
import type { SettingsModel } from '../model/settings';
import { atLeast, formatVersion, inRange, isSeed, XenVersion } from '../model/xenVersion';
import { ListNode, opSpanOf } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { finding } from './finding';
import { nearestWord } from './nearestWord';
import { UnknownKeyFinding } from './unknownKeyFinding';

export type { KeyFixData } from './unknownKeyFinding';

export interface ReleaseRuleOptions {
  xen: XenVersion;
  dialect?: 'auto' | 'upstream' | 'seed';
  /** The global xl.conf uses other keys: key rules do not apply. */
  globalConfig?: boolean;
}

/** The releases whose xl gives the first channel console number 0 (fixed in 4.18.5, 4.19.2, 4.20.1, 4.21.0). */
export function losesFirstChannel(v: XenVersion): boolean {
  return inRange(v, [4, 11], [4, 18, 5]) || inRange(v, [4, 19], [4, 19, 2]) || inRange(v, [4, 20], [4, 20, 1]);
}


function releaseLabel(v: XenVersion): string {
  return isSeed(v) ? 'the 2014 proposal' : `Xen ${formatVersion(v)}`;
}

/** The keys the target's xl reads (what a did-you-mean may suggest: a fix must not trade one finding for another), one list per release. */
const readBy = new Map<string, readonly string[]>();
function keysReadBy(xen: XenVersion): readonly string[] {
  const k = `${xen.kind} ${formatVersion(xen)}`;
  let keys = readBy.get(k);
  if (!keys) readBy.set(k, (keys = XL_KEYS.filter((key) => xlReadsKey(key, xen) === 'reads')));
  return keys;
}

export function checkRelease(model: SettingsModel, options: ReleaseRuleOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { xen } = options;

  // --- keys -------------------------------------------------------------------
  if (!options.globalConfig) {
    const seen = new Uint8Array(model.effective.size);
    // Names a syntax problem cuts short ('on' of on-crash): the syntax finding says what xl does there, this rule would contradict it.
    let cut: Set<number> | undefined;
    for (const s of model.settings) {
      const key = s.name;
      if (seen[s.keyIndex]) continue;
      if (s.node.broken && (cut ??= new Set(model.tree.problems.map((p) => p.start))).has(s.node.name.end)) continue;
      const name = s.node.name;
      seen[s.keyIndex] = 1;
      const status = xlReadsKey(key, xen);
      const dep = DEPRECATED[key];
      if (status === 'never') {
        out.push(new UnknownKeyFinding(name, key, nearestWord(key, keysReadBy(xen)) || undefined));
      } else if (status !== 'reads') {
        const runs = xlKeyRuns(key)!;
        const why =
          status === 'not-yet'
            ? `'${key}' is read by xl from Xen ${formatRelease(runs[0].from)} on`
            : status === 'no-longer'
              ? `xl stopped reading '${key}' after Xen ${formatRelease(runs[runs.length - 1].to!)}`
              : `'${key}' is read by xl only in ${runs.map((r) => (r.to ? `${formatRelease(r.from)}-${formatRelease(r.to)}` : `${formatRelease(r.from)} and later`)).join(', ')}`;
        out.push(finding('xen-key-unknown', name, `${why}: xl ${formatVersion(xen)} silently ignores it.${dep && status === 'no-longer' ? ` Use ${dep.use}.` : ''}`, status === 'no-longer' ? { tags: ['deprecated'] } : {}, 'no-suggestion'));
      } else if (dep && atLeast(xen, ...(dep.since.split('.').map(Number) as [number, number]))) {
        out.push(finding('xen-key-deprecated', name, `'${key}' is deprecated since Xen ${dep.since}: use ${dep.use}.${dep.note ? ` ${dep.note}` : ''}`, { tags: ['deprecated'] }));
      }
    }
  }

  // --- syntax the target's libxlu does not know ------------------------------------
  if (isSeed(xen) || !atLeast(xen, 4, 13)) {
    for (const s of model.settings) {
      if (s.op === '+=') out.push(finding('xen-syntax-unsupported', opSpanOf(s.node), `'+=' exists in xl.cfg from Xen 4.13${isSeed(xen) ? ' (the 2014 grammar has none)' : ''}: the parser of ${releaseLabel(xen)} rejects the file.`));
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
