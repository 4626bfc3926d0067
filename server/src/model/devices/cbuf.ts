/**
 * A C string buffer for readers that modify it in place (strtok writes NULs
 * at delimiters; xl 4.5's vif mac reader writes NULs of its own) or read
 * past the end of a token into the rest of the buffer. Index k is character
 * k of the item text; the string's terminating NUL is at `length`. Reading
 * beyond that is undefined behaviour in C: it reads as NUL here and is noted.
 */

export class CBuffer {
  private readonly c: Uint16Array;
  /** strtok's saved position (undefined: strtok has not been started, or it is done). */
  private saved: number | undefined;
  /** Set when something read past the end of the buffer. */
  pastEnd = false;

  constructor(text: string) {
    this.c = new Uint16Array(text.length + 1);
    for (let i = 0; i < text.length; i++) this.c[i] = text.charCodeAt(i);
  }

  get length(): number {
    return this.c.length - 1;
  }

  at(i: number): number {
    if (i < this.c.length) return this.c[i];
    this.pastEnd = true;
    return 0;
  }

  set(i: number, v: number): void {
    if (i < this.c.length) this.c[i] = v;
    else this.pastEnd = true;
  }

  /** The C string starting at i (up to the next NUL). */
  str(i: number): string {
    const end = this.end(i);
    if (end <= this.length) return decode(this.c, i, end);
    let out = '';
    for (let k = i; k < end; k++) out += String.fromCharCode(this.at(k));
    return out;
  }

  /** Index of the first `ch` in the C string at i, or -1 (strchr). */
  strchr(i: number, ch: number): number {
    for (let k = i; ; k++) {
      const c = this.at(k);
      if (c === ch) return k;
      if (c === 0) return -1;
    }
  }

  /**
   * strtok: `from` starts a new scan (pass undefined to go on). Returns the
   * index of the token, or undefined when no token is left. The delimiter
   * after the token becomes a NUL.
   */
  strtok(from: number | undefined, delims: string): number | undefined {
    let i = from ?? this.saved;
    if (i === undefined) return undefined;
    const one = delims.length === 1 ? delims.charCodeAt(0) : -1;
    const isDelim = one >= 0 ? (c: number) => c === one : (c: number) => c !== 0 && delims.includes(String.fromCharCode(c));
    while (isDelim(this.at(i))) i++;
    if (this.at(i) === 0) {
      this.saved = undefined;
      return undefined;
    }
    const start = i;
    while (this.at(i) !== 0 && !isDelim(this.at(i))) i++;
    if (this.at(i) === 0) this.saved = undefined;
    else {
      this.set(i, 0);
      this.saved = i + 1;
    }
    return start;
  }

  /** End of the C string at i (its NUL). */
  end(i: number): number {
    let k = i;
    while (this.at(k) !== 0) k++;
    return k;
  }
}

/** Characters [from, to) of a buffer as a string (in chunks: apply has an argument limit). */
function decode(c: Uint16Array, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k += 8192) out += String.fromCharCode.apply(null, c.subarray(k, Math.min(to, k + 8192)) as unknown as number[]);
  return out;
}
