/**
 * One `channel` list item, split the way xl splits it, with the exact
 * document range of every piece, key and value (through escapes).
 *
 * upstream (Xen 4.5+): strtok on ',' (empty pieces skipped); each piece is
 *   split into key and value at the first '=' (4.18+), or as the first two
 *   runs of non-'=' characters (before 4.18: anything after a further '=' is
 *   lost); key and value are trimmed of C white space. A piece that cannot be
 *   split makes xl exit.
 * seed (the 2014 proposal): strtok on ','; leading spaces skipped; split at
 *   the first '='; nothing trimmed; a piece without '=' silently ends the item.
 */
import type { Span } from '../syntax/cst';

export type Dialect = 'upstream' | 'seed';

/** How each release splits a piece into key and value. */
export type SplitRule = 'first-equals' | 'strtok-equals';

export interface SpecText {
  /** The decoded item text (what xl's channel parser receives). */
  text: string;
  /** Document offset of decoded character 0: character k is at base + k, unless `map` says otherwise. */
  base: number;
  /** Only when escapes make the mapping irregular: the document offset of each decoded character, plus one entry for the end. */
  map?: number[];
}

/** Document offset of decoded character k (k = text.length: where the text ends). */
export function specOffset(spec: SpecText, k: number): number {
  const i = Math.min(k, spec.text.length);
  return spec.map ? spec.map[i] : spec.base + i;
}

export interface SpecField {
  /** The key or value as xl sees it (trimmed for upstream). */
  readonly text: string;
  /** Decoded index range of that text in the item. */
  readonly from: number;
  readonly to: number;
  /** Document range (computed from the item's SpecText: a channel moved to a new place moves only that). */
  readonly span: Span;
}

export interface SpecPiece {
  /** The raw piece between commas. */
  readonly raw: string;
  from: number;
  to: number;
  /** Document range (computed, as SpecField's). */
  readonly span: Span;
  /** Set when the piece splits into a key and a value. */
  key?: SpecField;
  value?: SpecField;
  /**
   * Why the piece cannot be split: 'no-equals' (no '=' at all), 'empty-value'
   * (nothing after '='), 'empty-key' (nothing before '=').
   */
  broken?: 'no-equals' | 'empty-value' | 'empty-key';
  /** Before 4.18: the part of the value lost after a further '='. */
  lost?: SpecField;
  /** seed: this piece (without '=') ended the item; it and the rest are ignored. */
  endsItem?: boolean;
  /** seed: ignored because an earlier piece ended the item. */
  ignored?: boolean;
}

export function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Document range of decoded characters [from, to). */
export function spanOf(spec: SpecText, from: number, to: number): Span {
  const start = specOffset(spec, from);
  const end = to > from ? specOffset(spec, to) : start;
  return { start, end: Math.max(start, end) };
}

/**
 * A key or value. Its document range is computed when asked, from the item's
 * SpecText: no range object per field (a long channel list has hundreds of
 * thousands), and a channel moved to a new place moves its SpecText alone.
 */
class Field implements SpecField {
  constructor(
    private readonly spec: SpecText,
    readonly text: string,
    readonly from: number,
    readonly to: number,
  ) {}

  get span(): Span {
    return spanOf(this.spec, this.from, this.to);
  }

  toJSON(): object {
    return { text: this.text, from: this.from, to: this.to, span: this.span };
  }
}

/** The keys most channels give: a key field spelt so shares this string (26,000 channels made 78,000 copies). */
const COMMON_KEYS = ['name', 'connection', 'path', 'type', 'backend'];

function textOf(t: string, from: number, to: number, isKey: boolean): string {
  if (isKey) for (const k of COMMON_KEYS) if (k.length === to - from && t.startsWith(k, from)) return k;
  return t.slice(from, to);
}

function field(spec: SpecText, from: number, to: number, trim: boolean, isKey = false): SpecField {
  if (trim) {
    while (from < to && isCSpace(spec.text.charCodeAt(from))) from++;
    while (to > from && isCSpace(spec.text.charCodeAt(to - 1))) to--;
  }
  return new Field(spec, textOf(spec.text, from, to, isKey), from, to);
}

/** The first '=' in t[from, to), or -1 (indexOf would search the whole rest of the item). */
function equalsIn(t: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (t.charCodeAt(k) === 0x3d) return k;
  return -1;
}

/** The pieces between commas (strtok: empty pieces are skipped), as [from, to) pairs. */
function pieces(spec: SpecText): number[] {
  const out: number[] = [];
  const t = spec.text;
  const n = t.length;
  let i = 0;
  while (i < n) {
    while (i < n && t.charCodeAt(i) === 0x2c) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && t.charCodeAt(j) !== 0x2c) j++;
    out.push(i, j);
    i = j;
  }
  return out;
}

/**
 * The array with no spare room: pushing grows an array's store to 16 slots,
 * and a channel's few pieces are kept as long as the channel (26,000 channels
 * held 3 MB of empty slots).
 */
function exactSize<T>(xs: T[]): T[] {
  return xs.length < 16 ? xs.slice() : xs;
}

/** A piece (every property present from the start: one object shape for all pieces); its range is computed, as a Field's. */
class Piece implements SpecPiece {
  key?: SpecField = undefined;
  value?: SpecField = undefined;
  broken?: SpecPiece['broken'] = undefined;
  lost?: SpecField = undefined;
  endsItem?: boolean = undefined;
  ignored?: boolean = undefined;

  constructor(
    private readonly spec: SpecText,
    public from: number,
    public to: number,
  ) {}

  /** (Sliced when asked, for messages: 78,000 pieces kept 78,000 strings.) */
  get raw(): string {
    return this.spec.text.slice(this.from, this.to);
  }

  get span(): Span {
    return spanOf(this.spec, this.from, this.to);
  }

  toJSON(): object {
    const { raw, from, to, span, key, value, broken, lost, endsItem, ignored } = this;
    return { raw, from, to, span, key, value, broken, lost, endsItem, ignored };
  }
}

function newPiece(spec: SpecText, from: number, to: number): SpecPiece {
  return new Piece(spec, from, to);
}

export function splitUpstream(spec: SpecText, rule: SplitRule): SpecPiece[] {
  const t = spec.text;
  const bounds = pieces(spec);
  const out: SpecPiece[] = [];
  for (let b = 0; b < bounds.length; b += 2) {
    const from = bounds[b];
    const to = bounds[b + 1];
    const piece = newPiece(spec, from, to);
    out.push(piece);
    if (rule === 'first-equals') {
      const eq = equalsIn(t, from, to);
      if (eq < 0) piece.broken = 'no-equals';
      else if (eq === to - 1) piece.broken = 'empty-value';
      else {
        piece.key = field(spec, from, eq, true, true);
        piece.value = field(spec, eq + 1, to, true);
      }
      continue;
    }
    // strtok(piece, "="): the first two runs of non-'=' characters (and whether a third begins).
    const runs: number[] = [];
    let i = from;
    while (i < to && runs.length < 6) {
      while (i < to && t.charCodeAt(i) === 0x3d) i++;
      if (i >= to) break;
      let j = i;
      while (j < to && t.charCodeAt(j) !== 0x3d) j++;
      runs.push(i, j);
      i = j;
    }
    if (runs.length < 4) {
      piece.broken = equalsIn(t, from, to) < 0 ? 'no-equals' : runs.length === 0 || runs[0] > from ? 'empty-key' : 'empty-value';
      continue;
    }
    piece.key = field(spec, runs[0], runs[1], true, true);
    piece.value = field(spec, runs[2], runs[3], true);
    if (runs[3] < to) piece.lost = field(spec, runs[3], to, false);
  }
  return exactSize(out);
}

export function splitSeed(spec: SpecText): SpecPiece[] {
  const t = spec.text;
  const bounds = pieces(spec);
  const out: SpecPiece[] = [];
  let ended = false;
  for (let b = 0; b < bounds.length; b += 2) {
    const from = bounds[b];
    const to = bounds[b + 1];
    const piece = newPiece(spec, from, to);
    out.push(piece);
    if (ended) {
      piece.ignored = true;
      continue;
    }
    let p = from;
    while (p < to && t.charCodeAt(p) === 0x20) p++;
    const eq = equalsIn(t, p, to);
    if (eq < 0) {
      piece.broken = 'no-equals';
      piece.endsItem = true;
      ended = true;
      continue;
    }
    piece.key = field(spec, p, eq, false, true);
    piece.value = field(spec, eq + 1, to, false);
  }
  return exactSize(out);
}

/**
 * Every place the item uses `key=` as a key (trimmed, in any piece, whether
 * or not the dialect's xl would read that piece): how the dialects are told
 * apart, and what a dialect conversion renames.
 */
export function keyFields(spec: SpecText, key: string): SpecField[] {
  const t = spec.text;
  const out: SpecField[] = [];
  const bounds = pieces(spec);
  for (let b = 0; b < bounds.length; b += 2) {
    const from = bounds[b];
    const eq = equalsIn(t, from, bounds[b + 1]);
    if (eq >= 0 && t.slice(from, eq).trim() === key) out.push(field(spec, from, eq, true));
  }
  return out;
}

/** Whether keyFields(spec, key) finds anything (without building them: every item of a list is asked). */
export function usesKey(spec: SpecText, key: string): boolean {
  const t = spec.text;
  const n = t.length;
  for (let i = 0; i < n; ) {
    while (i < n && t.charCodeAt(i) === 0x2c) i++;
    let j = i;
    while (j < n && t.charCodeAt(j) !== 0x2c) j++;
    const eq = equalsIn(t, i, j);
    // (The same test as keyFields, made only where the key's text occurs before the '='.)
    if (eq >= 0) {
      const k = t.indexOf(key, i);
      if (k >= 0 && k + key.length <= eq && t.slice(i, eq).trim() === key) return true;
    }
    i = j;
  }
  return false;
}
