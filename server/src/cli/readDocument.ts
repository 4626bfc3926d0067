/**
 * Reading a config file for the CLI: bytes as xl reads them. Valid UTF-8 is
 * decoded as text; anything else is read byte for byte (latin1), so that every
 * byte keeps its own character, as libxlu sees it (in output, such a file's
 * bytes 0x80-0xFF then appear as the characters U+0080-U+00FF).
 *
 * `check` and `preview` refuse what is plainly not a text file (binaryReason):
 * checking an image or an archive only quotes its raw bytes back.
 */
import { readFileSync, statSync } from 'node:fs';

export interface LoadedDocument {
  path: string;
  text: string;
  /** The text holds one character per byte (the file is not valid UTF-8). */
  bytes: boolean;
}

/** A file that cannot be read or checked: reported for that file (never with the usage). */
export class CliError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBytes(buf: Uint8Array): { text: string; bytes: boolean } {
  try {
    return { text: utf8.decode(buf), bytes: false };
  } catch {
    return { text: Buffer.from(buf).toString('latin1'), bytes: true };
  }
}

const MAGIC: Array<[string, number[]]> = [
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['gzip data', [0x1f, 0x8b]],
  ['xz data', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd data', [0x28, 0xb5, 0x2f, 0xfd]],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
];

/** How much of a file is looked at. */
const SAMPLE = 8192;

/**
 * Why the bytes are not a text file xl could mean to read, or undefined when
 * they may be one. Binary: a known format's signature, or control bytes (not
 * tab, line breaks, form feed or escape) making more than 5% of the first 8 KiB,
 * at least 8 of them; a config with a stray NUL or two is still checked (the
 * NUL rule explains it). UTF-16 text has its own answer.
 */
export function binaryReason(buf: Uint8Array): string | undefined {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return 'UTF-16 text, not checked: xl reads bytes (ASCII or UTF-8); save the file as UTF-8';
  for (const [what, magic] of MAGIC) if (buf.length >= magic.length && magic.every((b, i) => buf[i] === b)) return `binary file (${what}), not checked`;
  const n = Math.min(buf.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) controls++;
  }
  return controls >= 8 && controls > n * 0.05 ? 'binary file, not checked' : undefined;
}

export function readDocument(path: string, options: { refuseBinary?: boolean } = {}): LoadedDocument {
  let buf: Buffer;
  try {
    if (path !== '-' && statSync(path).isDirectory()) throw new CliError(`${path}: is a directory (give the config files inside it)`);
    buf = readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.message;
    throw new CliError(`${path}: cannot read: ${why}`);
  }
  if (options.refuseBinary) {
    const why = binaryReason(buf);
    if (why) throw new CliError(`${path}: ${why}`);
  }
  const { text, bytes } = decodeBytes(buf);
  return { path, text, bytes };
}

/** The one FILE of a single-file command (show, preview), or undefined after saying on stderr why it cannot be read. */
export function readSingleDocument(file: string, err: (s: string) => void): LoadedDocument | undefined {
  try {
    return readDocument(file, { refuseBinary: true });
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    err(`xlcfg: ${e.message}`);
    return undefined;
  }
}
