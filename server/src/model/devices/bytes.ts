/**
 * An item's text as the bytes xl reads (UTF-8), for readers whose rules count
 * bytes (the disk scanner matches one byte where a character may be two or
 * more). Byte offsets map back to character offsets of the decoded text.
 */

export class ByteText {
  readonly bytes: Uint8Array;
  /** Character index of each byte (and one for the end), only when the text is not ASCII. */
  private readonly toChar?: Int32Array;

  constructor(readonly text: string) {
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      const b = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i);
      this.bytes = b;
      return;
    }
    this.bytes = Buffer.from(text, 'utf8');
    const map = new Int32Array(this.bytes.length + 1);
    let k = 0;
    for (let c = 0; c < text.length; c++) {
      const code = text.codePointAt(c)!;
      const n = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      for (let j = 0; j < n; j++) map[k++] = c;
      if (code >= 0x10000) c++;
    }
    map[k] = text.length;
    this.toChar = map;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The character holding byte i (for the start of a range). */
  charFrom(i: number): number {
    return this.toChar ? this.toChar[i] : i;
  }

  /** The end of the character holding byte j - 1 (for the end of a range). */
  charTo(j: number): number {
    if (!this.toChar || j === 0) return j;
    const c = this.toChar[j - 1];
    // The character's end is where the next character's bytes start.
    let k = j;
    while (k < this.bytes.length && this.toChar[k] === c) k++;
    return this.toChar[k];
  }

  /** Bytes [from, to) as xl would print them, decoded (broken sequences become U+FFFD). */
  string(from: number, to: number): string {
    if (!this.toChar) return this.text.slice(from, to);
    return Buffer.from(this.bytes.subarray(from, to)).toString('utf8');
  }
}
