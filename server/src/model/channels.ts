/**
 * The `channel` setting of a document: its items, each read as xl reads it in
 * its dialect, with the fields xl ends up with and where each comes from.
 */
import { ownString } from '../syntax/ownText';
import { decodeString } from '../syntax/stringLiteral';
import type { ValueNode } from '../syntax/cst';
import type { TextChange } from '../syntax/incremental';
import { Dialect, SpecField, SpecPiece, SpecText, splitSeed, splitUpstream, SplitRule, usesKey } from './channelSpec';
import type { EffectiveSetting, SettingsModel } from './settings';
import { atLeast, isSeed, XenVersion } from './xenVersion';

export type ChannelOutput = 'pty' | 'socket' | 'none' | 'file';

export const UPSTREAM_KEYS = ['name', 'connection', 'path', 'backend'] as const;
export const SEED_KEYS = ['name', 'type', 'path', 'backend'] as const;
export const UPSTREAM_CONNECTIONS = ['pty', 'socket'] as const;
export const SEED_TYPES = ['none', 'pty', 'path', 'socket'] as const;

export interface NonStringItem {
  kind: 'not-string';
  index: number;
  node: ValueNode;
}

export interface Channel {
  kind: 'channel';
  /** 0-based position in the channel list (console number index + 1). */
  index: number;
  node: ValueNode;
  dialect: Dialect;
  spec: SpecText;
  pieces: SpecPiece[];
  /** The value xl keeps for each field (the last one given). */
  name?: SpecField;
  path?: SpecField;
  backend?: SpecField;
  /** connection= (upstream) or type= (seed) that decides the output. */
  kindField?: SpecField;
  /** How the backend exposes the channel, when xl accepts what is written. */
  output?: ChannelOutput;
  /** xl never reads it: an earlier item was not a string. */
  dropped: boolean;
  /** The dialect the item's keys point to, whichever it is read in (type= without connection=, or the reverse). */
  keysPointTo: Dialect | undefined;
  /**
   * What the checks found for this item on its own (check/channelRules.ts owns
   * it; the model only carries it): a channel taken over by the next version
   * keeps it, so that its findings are moved instead of found again. A field
   * rather than a WeakMap: looking 26,000 channels up in one per keystroke
   * cost more than the rules it saved.
   */
  checked: unknown;
}

export type ChannelItem = Channel | NonStringItem;

export interface ChannelSetting {
  effective: EffectiveSetting;
  /** false when channel is a single value (xl then ignores it). */
  isList: boolean;
  items: ChannelItem[];
  /** The file's dialect. */
  dialect: Dialect;
  /** How the dialect was decided: the xlcfg.channel.dialect setting, or the target release (seed-2014: seed; any release: upstream). */
  dialectSource: 'setting' | 'target';
  /** Items whose keys point to each dialect (type= without connection=, and the reverse). */
  seedItems: number;
  upstreamItems: number;
  /** Items written for the other dialect than the one they are read in (still read in the file's). */
  foreign: number;
  xen: XenVersion;
}

export interface ChannelReadOptions {
  dialect?: 'auto' | Dialect;
  xen: XenVersion;
}

/** The split rule of a release: first '=' from 4.18, strtok before. */
export function splitRuleFor(xen: XenVersion): SplitRule {
  return atLeast(xen, 4, 18) ? 'first-equals' : 'strtok-equals';
}

export function specTextOf(text: string, node: ValueNode): SpecText | undefined {
  if (node.kind === 'list') return undefined;
  if (node.kind === 'number') return { text: node.value, base: node.start };
  // A plain string's value is its text (the tree's, which is its own copy when later versions keep it: ownText.ts).
  if (!node.decoded) return { text: node.value, base: node.start + 1 };
  const map: number[] = [];
  const d = decodeString(text, node.start, node.end, map);
  // Channels are carried to later versions: no view of this version's text (ownText.ts).
  return { text: ownString(d.value), base: node.start + 1, map };
}

/** `known`: the item's SpecText when the caller has it, with what its keys point to (`keysPointTo`). */
export function readChannel(text: string, node: ValueNode, index: number, dialect: Dialect, xen: XenVersion, known?: SpecText, keysPointTo?: Dialect): Channel | NonStringItem {
  const spec = known ?? specTextOf(text, node);
  if (!spec) return { kind: 'not-string', index, node };
  if (!known) keysPointTo = itemDialect(spec);
  const pieces = dialect === 'seed' ? splitSeed(spec) : splitUpstream(spec, splitRuleFor(xen));
  // (Every field present from the start: one object shape for all channels, which every rule walks.)
  const ch: Channel = { kind: 'channel', index, node, dialect, spec, pieces, name: undefined, path: undefined, backend: undefined, kindField: undefined, output: undefined, dropped: false, keysPointTo, checked: undefined };
  let invalidKind = false;
  for (const p of pieces) {
    if (!isKeyed(p)) continue;
    const key = p.key.text;
    if (key === 'name') ch.name = p.value;
    else if (key === 'path') ch.path = p.value;
    else if (key === 'backend') ch.backend = p.value;
    else if (dialect === 'upstream' && key === 'connection') {
      if (invalidKind) continue; // xl already stopped at an invalid value
      ch.kindField = p.value;
      if ((UPSTREAM_CONNECTIONS as readonly string[]).includes(p.value.text)) ch.output = p.value.text as ChannelOutput;
      else {
        ch.output = undefined;
        invalidKind = true;
      }
    } else if (dialect === 'seed' && key === 'type') {
      if (invalidKind) continue;
      if (ch.output && ch.output !== 'none') {
        // "a channel may have only one output": xl stops here.
        invalidKind = true;
        ch.output = undefined;
        continue;
      }
      ch.kindField = p.value;
      if ((SEED_TYPES as readonly string[]).includes(p.value.text)) ch.output = p.value.text === 'path' ? 'file' : (p.value.text as ChannelOutput);
      else {
        ch.output = undefined;
        invalidKind = true;
      }
    }
  }
  if (dialect === 'seed' && !ch.kindField && !invalidKind) ch.output = 'none';
  return ch;
}

/** Whether xl reads the piece as a key and a value. */
function isKeyed(p: SpecPiece): p is SpecPiece & { key: SpecField; value: SpecField } {
  return p.key !== undefined && p.value !== undefined && !p.ignored;
}

/**
 * Every piece of `key` in a channel, in order (keys as xl compares them).
 * Found by a walk over the pieces (a channel has a handful) rather than kept
 * in a map per channel: 26,000 channels held 8 MB of such maps.
 */
export function piecesOf(ch: Channel, key: string): SpecPiece[] {
  const out: SpecPiece[] = [];
  for (const p of ch.pieces) if (isKeyed(p) && p.key.text === key) out.push(p);
  return out;
}

/** Whether a channel gives `key` (see piecesOf). */
export function hasKey(ch: Channel, key: string): boolean {
  for (const p of ch.pieces) if (isKeyed(p) && p.key.text === key) return true;
  return false;
}

/** Every piece of each key a channel gives, keys in order of first appearance (made when asked: not kept with the channel). */
export function piecesByKey(ch: Channel): Map<string, SpecPiece[]> {
  const out = new Map<string, SpecPiece[]>();
  for (const p of ch.pieces) {
    if (!isKeyed(p)) continue;
    const list = out.get(p.key.text);
    if (list) list.push(p);
    else out.set(p.key.text, [p]);
  }
  return out;
}

/** Which dialect an item's keys point to, if any. */
function itemDialect(spec: SpecText | undefined): Dialect | undefined {
  if (!spec) return undefined;
  const hasType = usesKey(spec, 'type');
  const hasConnection = usesKey(spec, 'connection');
  if (hasType && !hasConnection) return 'seed';
  if (hasConnection && !hasType) return 'upstream';
  return undefined;
}

const optionsKey = (options: ChannelReadOptions) => `${options.dialect ?? 'auto'} ${options.xen.kind} ${options.xen.major}.${options.xen.minor}.${options.xen.patch ?? 'x'}`;

/** Channel settings already read, per model and options (several rules and features ask). */
const cache = new WeakMap<SettingsModel, Map<string, ChannelSetting | undefined>>();

export function readChannels(model: SettingsModel, options: ChannelReadOptions): ChannelSetting | undefined {
  const key = optionsKey(options);
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = new Map()));
  if (perModel.has(key)) return perModel.get(key);
  const result = readChannelsUncached(model, options);
  perModel.set(key, result);
  return result;
}

/**
 * Typing: the channels of the version before an edit, which the next read of
 * `model` takes over where their items did not change. Items wholly before
 * the edit are at the same offsets in both texts, and items wholly after it
 * are moved by the edit's length: the same offsets outside the edit mean the
 * same text, so the same channel (moved to its new place). The previous
 * version's channels are moved, not copied: it must not be used afterwards.
 */
const previousOf = new WeakMap<SettingsModel, { setting: ChannelSetting; change: TextChange }>();

export function takeChannelsOver(model: SettingsModel, options: ChannelReadOptions, previous: SettingsModel, change: TextChange): void {
  const setting = cache.get(previous)?.get(optionsKey(options));
  if (setting) previousOf.set(model, { setting, change });
}

/** Where a channel's item began when it was read (its node may have been moved since, by reparse). */
function readAt(ch: Channel): number {
  return ch.node.kind === 'string' ? ch.spec.base - 1 : ch.spec.base;
}

/** Moves a channel read for an identical item to `node` (every document offset it holds). */
function moveChannel(ch: Channel, node: ValueNode, index: number): Channel {
  const d = node.start - readAt(ch);
  if (d !== 0) {
    ch.spec.base += d;
    if (ch.spec.map) for (let k = 0; k < ch.spec.map.length; k++) ch.spec.map[k] += d;
  }
  ch.node = node;
  ch.index = index;
  return ch;
}

function readChannelsUncached(model: SettingsModel, options: ChannelReadOptions): ChannelSetting | undefined {
  const effective = model.effective.get('channel');
  if (!effective) return undefined;
  const text = model.tree.text;
  const { xen } = options;
  const isList = effective.kind === 'list';
  const nodes = isList ? effective.items : effective.parts;
  // The previous version's channels in item order, walked alongside (both lists are in offset order).
  const previous = previousOf.get(model);
  previousOf.delete(model); // (taken over once; kept, it would keep the previous version alive)
  const old = previous?.setting.items ?? [];
  let o = 0;
  // (Filled up front: written sparsely, V8 would turn them into slow dictionaries.)
  const reused = new Array<Channel | undefined>(nodes.length).fill(undefined);
  const specs = new Array<SpecText | undefined>(nodes.length).fill(undefined);
  const votes = new Array<Dialect | undefined>(nodes.length).fill(undefined);
  let seedVotes = 0;
  let upstreamVotes = 0;
  const firstNotString = nodes.findIndex((n) => n.kind === 'list');
  const change = previous?.change;
  const delta = change ? change.newEnd - change.oldEnd : 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind === 'list') continue;
    // Where the item's text was in the previous version (-1: the edit touches it).
    const at = !change ? -1 : n.end <= change.start ? n.start : n.start >= change.newEnd ? n.start - delta : -1;
    let vote: Dialect | undefined;
    let found = false;
    if (at >= 0) {
      while (o < old.length && (old[o].kind !== 'channel' || readAt(old[o] as Channel) < at)) o++;
      const ch = old[o];
      if (o < old.length && ch.kind === 'channel' && readAt(ch) === at && ch.node.end - ch.node.start === n.end - n.start && ch.node.kind === n.kind) {
        reused[i] = ch;
        vote = ch.keysPointTo; // (the same text: the same keys)
        found = true;
      }
    }
    if (!found) vote = votes[i] = itemDialect((specs[i] = specTextOf(text, n)));
    // Only the items xl reads count: it stops at the first one that is not a string.
    if (firstNotString >= 0 && i > firstNotString) continue;
    if (vote === 'seed') seedVotes++;
    else if (vote === 'upstream') upstreamVotes++;
  }
  // The target's xl decides how items are read: the 2014 proposal reads type=, every release connection=.
  const explicit = options.dialect && options.dialect !== 'auto';
  const dialect: Dialect = explicit ? (options.dialect as Dialect) : isSeed(xen) ? 'seed' : 'upstream';
  const dialectSource: ChannelSetting['dialectSource'] = explicit ? 'setting' : 'target';
  const foreign = dialect === 'seed' ? upstreamVotes : seedVotes;
  // One xl reads the whole file: every item is read in the file's dialect (the previous version's only if it was the same).
  const sameReading = previous !== undefined && previous.setting.dialect === dialect && splitRuleFor(previous.setting.xen) === splitRuleFor(xen);
  const items: ChannelItem[] = [];
  let dropped = false;
  nodes.forEach((node, index) => {
    const ch = sameReading ? reused[index] : undefined;
    const item = ch ? moveChannel(ch, node, index) : readChannel(text, node, index, dialect, xen, specs[index], votes[index]);
    if (item.kind === 'channel') item.dropped = dropped;
    else dropped = true;
    items.push(item);
  });
  return { effective, isList, items, dialect, dialectSource, seedItems: seedVotes, upstreamItems: upstreamVotes, foreign, xen };
}

/** The channels xl actually creates (strings before any non-string item, from a list). */
const live = new WeakMap<ChannelSetting, readonly Channel[]>();

/** The channels xl reads (not dropped), in order; one array per read setting (the check, the port and the render all ask). */
export function liveChannels(setting: ChannelSetting | undefined): readonly Channel[] {
  if (!setting || !setting.isList) return [];
  let out = live.get(setting);
  if (!out) live.set(setting, (out = setting.items.filter((i): i is Channel => i.kind === 'channel' && !i.dropped)));
  return out;
}
