/**
 * The `channel` setting of a document: its items, each read as xl reads it in
 * its dialect, with the fields xl ends up with and where each comes from.
 */
import { ownString } from '../syntax/ownText';
import { decodeString } from '../syntax/stringLiteral';
import type { ValueNode } from '../syntax/cst';
import { shiftSpan } from '../syntax/cst';
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
  /** Every piece of each key, in order (keys as xl compares them). */
  byKey: Map<string, SpecPiece[]>;
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

export function readChannel(text: string, node: ValueNode, index: number, dialect: Dialect, xen: XenVersion, known?: SpecText): Channel | NonStringItem {
  const spec = known ?? specTextOf(text, node);
  if (!spec) return { kind: 'not-string', index, node };
  const pieces = dialect === 'seed' ? splitSeed(spec) : splitUpstream(spec, splitRuleFor(xen));
  const byKey = new Map<string, SpecPiece[]>();
  const ch: Channel = { kind: 'channel', index, node, dialect, spec, pieces, byKey, dropped: false };
  let invalidKind = false;
  for (const p of pieces) {
    if (!p.key || !p.value || p.ignored) continue;
    const key = p.key.text;
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
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

/** Which dialect an item's keys point to, if any. */
function itemDialect(spec: SpecText | undefined): Dialect | undefined {
  if (!spec) return undefined;
  const hasType = usesKey(spec, 'type');
  const hasConnection = usesKey(spec, 'connection');
  if (hasType && !hasConnection) return 'seed';
  if (hasConnection && !hasType) return 'upstream';
  return undefined;
}

/** Channel settings already read, per model and options (several rules and features ask). */
const cache = new WeakMap<SettingsModel, Map<string, ChannelSetting | undefined>>();

export function readChannels(model: SettingsModel, options: ChannelReadOptions): ChannelSetting | undefined {
  const key = `${options.dialect ?? 'auto'} ${options.xen.kind} ${options.xen.major}.${options.xen.minor}.${options.xen.patch ?? 'x'}`;
  let perModel = cache.get(model);
  if (!perModel) cache.set(model, (perModel = new Map()));
  if (perModel.has(key)) return perModel.get(key);
  const result = readChannelsUncached(model, options);
  perModel.set(key, result);
  return result;
}

/**
 * What the previous version of a document read, by item source text (its
 * trees hand it on): an edit leaves most items of a long channel list as they
 * were, so their channels are moved to the new position instead of read again.
 */
interface ChannelCarry {
  /** Dialect vote of each item text (position-free). */
  votes: Map<string, Dialect | undefined>;
  /**
   * Channels by dialect and split rule, then by item text (an item text may
   * occur more than once), with the item offset their ranges were made for
   * (the tree may since have moved the node itself).
   */
  channels: Map<string, Map<string, Array<{ ch: Channel; at: number }>>>;
}

function carryOf(model: SettingsModel): ChannelCarry {
  const tree = model.tree;
  tree.carry ??= new Map();
  let c = tree.carry.get('channels') as ChannelCarry | undefined;
  if (!c) tree.carry.set('channels', (c = { votes: new Map(), channels: new Map() }));
  return c;
}

/** Moves a channel read for an identical item at offset `at` to `node` (the previous version's model is done with it). */
function moveChannel(ch: Channel, at: number, node: ValueNode, index: number): Channel {
  const d = node.start - at;
  if (d !== 0) {
    ch.spec.base += d;
    if (ch.spec.map) for (let k = 0; k < ch.spec.map.length; k++) ch.spec.map[k] += d;
    for (const p of ch.pieces) {
      shiftSpan(p.span, d);
      if (p.key) shiftSpan(p.key.span, d);
      if (p.value) shiftSpan(p.value.span, d);
      if (p.lost) shiftSpan(p.lost.span, d);
    }
  }
  ch.node = node;
  ch.index = index;
  ch.dropped = false;
  return ch;
}

function readChannelsUncached(model: SettingsModel, options: ChannelReadOptions): ChannelSetting | undefined {
  const effective = model.effective.get('channel');
  if (!effective) return undefined;
  const text = model.tree.text;
  const { xen } = options;
  const isList = effective.kind === 'list';
  const nodes = isList ? effective.items : effective.parts;
  const carry = carryOf(model);
  const raws = nodes.map((n) => (n.kind === 'list' ? undefined : text.slice(n.start, n.end)));
  const specs: Array<SpecText | undefined> = [];
  const votes: Array<Dialect | undefined> = [];
  const nextVotes = new Map<string, Dialect | undefined>();
  nodes.forEach((n, i) => {
    const raw = raws[i];
    if (raw === undefined) {
      votes.push(undefined);
      return;
    }
    let vote: Dialect | undefined;
    if (carry.votes.has(raw)) vote = carry.votes.get(raw);
    else {
      const spec = specTextOf(text, n);
      specs[i] = spec;
      vote = itemDialect(spec);
    }
    nextVotes.set(raw, vote);
    votes.push(vote);
  });
  carry.votes = nextVotes;
  // Only the items xl reads count: it stops at the first one that is not a string.
  const read = raws.indexOf(undefined);
  const live = read < 0 ? votes : votes.slice(0, read);
  const seedVotes = live.filter((v) => v === 'seed').length;
  const upstreamVotes = live.filter((v) => v === 'upstream').length;
  // The target's xl decides how items are read: the 2014 proposal reads type=, every release connection=.
  const explicit = options.dialect && options.dialect !== 'auto';
  const dialect: Dialect = explicit ? (options.dialect as Dialect) : isSeed(xen) ? 'seed' : 'upstream';
  const dialectSource: ChannelSetting['dialectSource'] = explicit ? 'setting' : 'target';
  const foreign = dialect === 'seed' ? upstreamVotes : seedVotes;
  // One xl reads the whole file: every item is read in the file's dialect.
  const readKey = `${dialect} ${splitRuleFor(xen)}`;
  const previous = carry.channels.get(readKey);
  const next = new Map<string, Array<{ ch: Channel; at: number }>>();
  const items: ChannelItem[] = [];
  let dropped = false;
  nodes.forEach((node, index) => {
    const raw = raws[index];
    const reused = raw === undefined ? undefined : previous?.get(raw)?.pop();
    const item = reused ? moveChannel(reused.ch, reused.at, node, index) : readChannel(text, node, index, dialect, xen, specs[index]);
    if (item.kind === 'channel') {
      item.dropped = dropped;
      const same = next.get(raw!);
      if (same) same.push({ ch: item, at: node.start });
      else next.set(raw!, [{ ch: item, at: node.start }]);
    } else dropped = true;
    items.push(item);
  });
  carry.channels.set(readKey, next);
  return { effective, isList, items, dialect, dialectSource, seedItems: seedVotes, upstreamItems: upstreamVotes, foreign, xen };
}

/** The channels xl actually creates (strings before any non-string item, from a list). */
export function liveChannels(setting: ChannelSetting | undefined): Channel[] {
  if (!setting || !setting.isList) return [];
  return setting.items.filter((i): i is Channel => i.kind === 'channel' && !i.dropped);
}
