/**
 * The stdio transport's framing, made safe: a filter between stdin and the
 * JSON-RPC reader that passes on only well-formed frames
 * (`Content-Length: N\r\n\r\n` and N bytes) and finds the next message again
 * after a broken one.
 *
 * Without it, one broken frame (a body shorter than its Content-Length, then
 * stray bytes) glues every later message to the one before it: the reader
 * never finds a header again, and the server stays alive and silent forever.
 *
 * Why resyncing is sound: a JSON text cannot contain a raw CR (inside strings
 * it is escaped, and letters cannot stand outside them), so the bytes
 * `Content-Length: <digits>\r\n` never occur inside a valid body. Where they
 * occur inside what a header announced as a body, that frame is broken and
 * the next message starts there. A frame that is broken some other way (too
 * long a Content-Length for its body, invalid JSON) is passed on whole: the
 * reader drops it and reads on, since the frame after it is intact.
 */
import { Transform, TransformCallback } from 'node:stream';
import { format } from 'node:util';

const CRLF2 = Buffer.from('\r\n\r\n');
const NAMES = [Buffer.from('Content-Length:'), Buffer.from('content-length:')];
/** Junk with no header end in sight is dropped past this size (only its tail is kept). */
const MAX_HEADER_BYTES = 64 * 1024;
/** A header that straddles two chunks is found when the next chunk's search starts this far back. */
const OVERLAP = 64;

/** Where `Content-Length: <digits>\r\n` starts at or after `from` and before `to`, reading no byte at or past `limit`; -1 when nowhere. */
export function findFrameHeader(buf: Buffer, from: number, to: number, limit = to): number {
  let best = -1;
  const view = buf.subarray(0, limit);
  for (const name of NAMES) {
    let at = view.indexOf(name, from);
    while (at >= 0 && at < to && (best < 0 || at < best)) {
      let k = at + name.length;
      while (k < limit && (buf[k] === 0x20 || buf[k] === 0x09)) k++;
      const digits = k;
      while (k < limit && buf[k] >= 0x30 && buf[k] <= 0x39) k++;
      if (k > digits && k + 1 < limit && buf[k] === 0x0d && buf[k + 1] === 0x0a) {
        best = at;
        break;
      }
      at = view.indexOf(name, at + 1);
    }
  }
  return best;
}

/** The Content-Length of a header block (without its final CRLFCRLF), or undefined when the block is not a valid header. */
function contentLength(block: string): number | undefined {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() === 'content-length') {
      if (!/^\d+$/.test(m[2])) return undefined;
      length = Number(m[2]);
    }
  }
  return length;
}

/**
 * The --stdio transport: process.stdin through a FrameFilter (which reports
 * to stderr), and process.stdout, which belongs to the protocol alone:
 * console output goes to stderr (vscode-languageserver does this itself only
 * when it opens stdio on its own).
 */
export function stdioStreams(): [NodeJS.ReadableStream, NodeJS.WritableStream] {
  const toStderr = (...args: unknown[]) => void process.stderr.write(format(...args) + '\n');
  console.log = console.info = console.debug = toStderr;
  return [process.stdin.pipe(new FrameFilter((m) => process.stderr.write(m + '\n'))), process.stdout];
}

export class FrameFilter extends Transform {
  /** The bytes not passed on yet: data[from, to) (grown by doubling, so a big message costs linear time). */
  private data = Buffer.alloc(64 * 1024);
  private from = 0;
  private to = 0;
  /** The body length the current header announced (-1: reading a header), and where the body starts. */
  private length = -1;
  private bodyFrom = 0;
  /** How far the body was searched for a header. */
  private scanned = 0;

  /** `report` hears about every skipped stretch of bytes. */
  constructor(private readonly report: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.append(chunk);
    this.drain();
    done();
  }

  private append(chunk: Buffer): void {
    const live = this.to - this.from;
    if (this.to + chunk.length > this.data.length) {
      const grown = live + chunk.length > this.data.length / 2 ? Buffer.allocUnsafe(Math.max(this.data.length * 2, live + chunk.length)) : this.data;
      this.data.copy(grown, 0, this.from, this.to);
      this.data = grown;
      this.bodyFrom -= this.from;
      this.scanned -= this.from;
      this.from = 0;
      this.to = live;
    }
    chunk.copy(this.data, this.to);
    this.to += chunk.length;
  }

  private skip(count: number, why: string): void {
    this.report(`xlcfg: skipped ${count} byte${count === 1 ? '' : 's'} of broken input (${why}); reading on from the next message header.`);
    this.from += count;
    this.length = -1;
  }

  private drain(): void {
    const d = this.data;
    while (this.from < this.to) {
      if (this.length < 0) {
        const end = d.subarray(0, this.to).indexOf(CRLF2, this.from);
        if (end < 0) {
          if (this.to - this.from > MAX_HEADER_BYTES) {
            const at = findFrameHeader(d, this.from + 1, this.to);
            this.skip((at > 0 ? at : this.to - 32) - this.from, 'no message header');
            continue;
          }
          return;
        }
        const length = contentLength(d.toString('latin1', this.from, end));
        if (length === undefined) {
          const at = findFrameHeader(d, this.from + 1, end + 2, end + 2);
          this.skip((at > 0 ? at : end + 4) - this.from, 'an invalid message header');
          continue;
        }
        this.length = length;
        this.bodyFrom = this.scanned = end + 4;
      }
      const bodyEnd = this.bodyFrom + this.length;
      // A header inside the body: the frame was cut short, and the next message starts there.
      const searchTo = Math.min(bodyEnd, this.to);
      const at = findFrameHeader(d, Math.max(this.bodyFrom, this.scanned - OVERLAP), searchTo, this.to);
      if (at >= 0) {
        this.skip(at - this.from, `a message body shorter than its Content-Length of ${this.length}`);
        continue;
      }
      this.scanned = searchTo;
      if (this.to < bodyEnd) return;
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${this.length}\r\n\r\n`, 'latin1'), d.subarray(this.bodyFrom, bodyEnd)]));
      this.from = bodyEnd;
      this.length = -1;
    }
    if (this.from === this.to) {
      this.from = this.to = 0;
      if (this.data.length > 1024 * 1024) this.data = Buffer.alloc(64 * 1024); // (not kept at the size of the biggest message)
    }
  }
}
