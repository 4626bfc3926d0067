/**
 * Strings that keep nothing else alive.
 *
 * V8 makes `text.slice(a, b)` of 13 or more characters a view into `text`,
 * and a string built with `+` a rope over its parts: either keeps the whole
 * document text alive for as long as the string lives. Tree nodes outlive
 * their document version (reparse reuses them, and unchanged channels are
 * carried to the next version), so a value kept as such a view would keep
 * every old version of the document it was read in: a 5,000-line file
 * edited at 400 places held 400 copies of itself. So the strings of
 * reparsed nodes (parsePartial) and of channels are made with these. A full
 * parse keeps views: its tree keeps that text anyway, and copying every
 * string would slow it down by a fifth; after edits, the nodes it made keep
 * that one first version alive, never more.
 */

/** Below this length V8 copies a slice anyway (its SlicedString::kMinLength). */
const MIN_VIEW = 13;

/** `text.slice(start, end)`, copied. */
export function ownText(text: string, start: number, end: number): string {
  return end - start < MIN_VIEW ? text.slice(start, end) : ownString(text.slice(start, end));
}

/** `s` as one flat string of its own (a copy when it is a view or a rope). */
export function ownString(s: string): string {
  // Slicing a rope flattens it into a new string first; the result views only that copy.
  return s.length < MIN_VIEW ? s : (' ' + s).slice(1);
}
