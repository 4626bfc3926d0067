/**
 * The splitting most device readers share: strtok on ',' (runs of commas
 * make no empty piece), then the piece's leading spaces skipped (only ' ',
 * not tabs), then "key=" matched or the first '=' found.
 */
import { isCSpace } from './cnum';

export interface Token {
  /** Decoded index range of the piece, after its leading spaces. */
  from: number;
  to: number;
  text: string;
  /** Index of the first '=' in the piece, or -1. */
  eq: number;
}

/** strtok(text, delims), each token's leading spaces skipped. */
export function strtokSpaced(text: string, delims = ','): Token[] {
  const out: Token[] = [];
  const n = text.length;
  const isDelim = (c: number) => delims.includes(String.fromCharCode(c));
  let i = 0;
  while (i < n) {
    while (i < n && isDelim(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !isDelim(text.charCodeAt(j))) j++;
    let from = i;
    while (from < j && text.charCodeAt(from) === 0x20) from++;
    let eq = -1;
    for (let k = from; k < j; k++) {
      if (text.charCodeAt(k) === 0x3d) {
        eq = k;
        break;
      }
    }
    out.push({ from, to: j, text: text.slice(from, j), eq });
    i = j;
  }
  return out;
}

/** strtok without skipping anything: the plain runs between delimiters. */
export function strtokRuns(text: string, from: number, to: number, delims: string): Array<{ from: number; to: number }> {
  const out: Array<{ from: number; to: number }> = [];
  const isDelim = (c: number) => delims.includes(String.fromCharCode(c));
  let i = from;
  while (i < to) {
    while (i < to && isDelim(text.charCodeAt(i))) i++;
    if (i >= to) break;
    let j = i;
    while (j < to && !isDelim(text.charCodeAt(j))) j++;
    out.push({ from: i, to: j });
    i = j;
  }
  return out;
}

/** xl's trim() with isspace: the range without C white space at either end. */
export function trimmed(text: string, from: number, to: number): { from: number; to: number } {
  while (from < to && isCSpace(text.charCodeAt(from))) from++;
  while (to > from && isCSpace(text.charCodeAt(to - 1))) to--;
  return { from, to };
}
