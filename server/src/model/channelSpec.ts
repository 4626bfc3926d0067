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
  /** Document offset of each decoded character, plus one entry for the end. */
  offsets: number[];
}

export interface SpecField {
  /** The key or value as xl sees it (trimmed for upstream). */
  text: string;
  /** Decoded index range of that text in the item. */
  from: number;
  to: number;
  /** Document range. */
  span: Span;
}

export interface SpecPiece {
  /** The raw piece between commas. */
  raw: string;
  from: number;
  to: number;
  span: Span;
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
  const start = spec.offsets[Math.min(from, spec.offsets.length - 1)];
  const end = to > from ? spec.offsets[Math.min(to, spec.offsets.length - 1)] : start;
  return { start, end: Math.max(start, end) };
}

function field(spec: SpecText, from: number, to: number, trim: boolean): SpecField {
  if (trim) {
    while (from < to && isCSpace(spec.text.charCodeAt(from))) from++;
    while (to > from && isCSpace(spec.text.charCodeAt(to - 1))) to--;
  }
  return { text: spec.text.slice(from, to), from, to, span: spanOf(spec, from, to) };
}

/** The first '=' in t[from, to), or -1 (indexOf would search the whole rest of the item). */
function equalsIn(t: string, from: number, to: number): number {
  for (let k = from; k < to; k++) if (t.charCodeAt(k) === 0x3d) return k;
  return -1;
}

/** The pieces between commas (strtok: empty pieces are skipped). */
function pieces(spec: SpecText): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  const t = spec.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && t.charCodeAt(i) === 0x2c) i++;
    if (i >= t.length) break;
    let j = i;
    while (j < t.length && t.charCodeAt(j) !== 0x2c) j++;
    out.push({ from: i, to: j });
    i = j;
  }
  return out;
}

export function splitUpstream(spec: SpecText, rule: SplitRule): SpecPiece[] {
  const t = spec.text;
  return pieces(spec).map(({ from, to }) => {
    const piece: SpecPiece = { raw: t.slice(from, to), from, to, span: spanOf(spec, from, to) };
    if (rule === 'first-equals') {
      const eq = equalsIn(t, from, to);
      if (eq < 0) piece.broken = 'no-equals';
      else if (eq === to - 1) piece.broken = 'empty-value';
      else {
        piece.key = field(spec, from, eq, true);
        piece.value = field(spec, eq + 1, to, true);
      }
      return piece;
    }
    // strtok(piece, "="): the first two runs of non-'=' characters.
    const runs: Array<{ from: number; to: number }> = [];
    let i = from;
    while (i < to && runs.length < 3) {
      while (i < to && t.charCodeAt(i) === 0x3d) i++;
      if (i >= to) break;
      let j = i;
      while (j < to && t.charCodeAt(j) !== 0x3d) j++;
      runs.push({ from: i, to: j });
      i = j;
    }
    if (runs.length < 2) {
      piece.broken = equalsIn(t, from, to) < 0 ? 'no-equals' : runs.length === 0 || runs[0].from > from ? 'empty-key' : 'empty-value';
      return piece;
    }
    piece.key = field(spec, runs[0].from, runs[0].to, true);
    piece.value = field(spec, runs[1].from, runs[1].to, true);
    if (runs[1].to < to) piece.lost = field(spec, runs[1].to, to, false);
    return piece;
  });
}

export function splitSeed(spec: SpecText): SpecPiece[] {
  const t = spec.text;
  let ended = false;
  return pieces(spec).map(({ from, to }) => {
    const piece: SpecPiece = { raw: t.slice(from, to), from, to, span: spanOf(spec, from, to) };
    if (ended) {
      piece.ignored = true;
      return piece;
    }
    let p = from;
    while (p < to && t.charCodeAt(p) === 0x20) p++;
    const eq = equalsIn(t, p, to);
    if (eq < 0) {
      piece.broken = 'no-equals';
      piece.endsItem = true;
      ended = true;
      return piece;
    }
    piece.key = field(spec, p, eq, false);
    piece.value = field(spec, eq + 1, to, false);
    return piece;
  });
}

/**
 * Every place the item uses `key=` as a key (trimmed, in any piece, whether
 * or not the dialect's xl would read that piece): how the dialects are told
 * apart, and what a dialect conversion renames.
 */
export function keyFields(spec: SpecText, key: string): SpecField[] {
  const t = spec.text;
  const out: SpecField[] = [];
  for (const { from, to } of pieces(spec)) {
    const eq = equalsIn(t, from, to);
    if (eq >= 0 && t.slice(from, eq).trim() === key) out.push(field(spec, from, eq, true));
  }
  return out;
}

export function usesKey(spec: SpecText, key: string): boolean {
  return keyFields(spec, key).length > 0;
}
