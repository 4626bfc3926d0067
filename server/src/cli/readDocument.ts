/**
 * Reading a config file for the CLI: bytes as xl reads them. Valid UTF-8 is
 * decoded as text; anything else is read byte for byte (latin1), so that every
 * byte keeps its own character, as libxlu sees it (in output, such a file's
 * bytes 0x80-0xFF then appear as the characters U+0080-U+00FF).
 */
import { readFileSync, statSync } from 'node:fs';

export interface LoadedDocument {
  path: string;
  text: string;
  /** The text holds one character per byte (the file is not valid UTF-8). */
  bytes: boolean;
}

export class CliError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeBytes(buf: Uint8Array): { text: string; bytes: boolean } {
  try {
    return { text: utf8.decode(buf), bytes: false };
  } catch {
    return { text: Buffer.from(buf).toString('latin1'), bytes: true };
  }
}

export function readDocument(path: string): LoadedDocument {
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
  const { text, bytes } = decodeBytes(buf);
  return { path, text, bytes };
}
