/**
 * POSIX sh quoting for text that comes from a config file: names, paths,
 * argv elements. The result is always exactly one shell word whose value is
 * the input, in any POSIX shell (dash, bash, busybox ash), with no expansion.
 */

/** Characters that never need quoting in a word (and cannot start a comment, tilde or assignment). */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * One shell word for `text`. Plain words stay bare; anything else goes in
 * single quotes, with each `'` written as `'\''`. Newlines stay inside the
 * quotes (valid POSIX; the word then spans lines).
 *
 * `=` is quoted too, so that a word can never be read as a variable assignment
 * when it is the first word of a command.
 */
export function shellQuote(text: string): string {
  text = cString(text);
  if (SAFE_WORD.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Like shellQuote, but leaves `=` bare: for words after the command name, which are never assignments. */
export function shellQuoteArg(text: string): string {
  text = cString(text);
  return /^[A-Za-z0-9_@%+:,./=-]+$/.test(text) ? text : shellQuote(text);
}

/** A shell word cannot hold NUL; C (libxl, qemu) would see the text up to the first NUL. */
function cString(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** `NAME=value` for a command prefix; `name` must be a valid variable name. */
export function shellAssignment(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`shellAssignment: not a variable name: ${name}`);
  return `${name}=${shellQuote(value)}`;
}

/**
 * Text for a `#` comment line: no line breaks or other control characters can
 * end the comment early; they are shown as \n, \xNN, \u{...} instead.
 */
export function shellCommentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/gu, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.codePointAt(0) as number;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
