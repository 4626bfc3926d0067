/**
 * Output that cannot garble a terminal: control characters in messages (a raw
 * CR quoted from xl's message, an escape sequence in a file name) are written
 * as escapes. The escapes are JSON's (`\r`, `\t`, `\u001b`), so JSON output
 * stays valid JSON with the same values; line breaks between output lines
 * are kept.
 */

/** C0 controls but LF, DEL, C1 controls, the line/paragraph separators and the bidirectional controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control character but LF written as an escape. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}
