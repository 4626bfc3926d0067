/**
 * The first bytes of a document's file on disk, for what editors hide from
 * the text they send: a UTF-8 byte order mark.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Whether the file behind a `file:` URI starts with EF BB BF; false for other URIs and unreadable files. */
export function fileStartsWithBom(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  let fd: number | undefined;
  try {
    fd = openSync(fileURLToPath(uri), 'r');
    const head = Buffer.alloc(3);
    const n = readSync(fd, head, 0, 3, 0);
    return n === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
