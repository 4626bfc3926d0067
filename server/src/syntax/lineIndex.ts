/**
 * Offsets <-> line/character positions. Line breaks are LF, CR LF and lone CR,
 * as in LSP text documents; with `lfOnly`, only LF, as xl counts lines (the
 * two differ only in files with lone CRs, which xl rejects anyway).
 */
export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export class LineIndex {
  private readonly starts: number[];
  private readonly lfOnly: boolean;

  constructor(
    private readonly text: string,
    options: { lfOnly?: boolean } = {},
  ) {
    const starts = [0];
    const lfOnly = options.lfOnly === true;
    this.lfOnly = lfOnly;
    if (lfOnly || text.indexOf('\r') < 0) {
      // (LF only: found natively, far faster than a loop over every character of a 10 MB text.)
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d && !lfOnly) {
        if (i + 1 < text.length && text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      } else if (c === 0x0a) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // Between the CR and the LF of a CR LF there is no position of its own: like LSP text documents, say the CR's.
    const inCrLf = !this.lfOnly && o > 0 && this.text.charCodeAt(o - 1) === 0x0d && this.text.charCodeAt(o) === 0x0a;
    return { line: lo, character: o - this.starts[lo] - (inCrLf ? 1 : 0) };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}
