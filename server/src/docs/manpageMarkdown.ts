/**
 * The man page's roff as Markdown for hovers: inline text with its fonts,
 * paragraphs, lists and verbatim blocks, laid out as VS Code renders them.
 */
import { decodeSegments, parseMacroArgs, parseRequest, roffToPlainText, type Request, type Segment } from './roff';
import { codeSpan, escapeMarkdown } from './markdown';
import { entryLabel, manEntriesFor, type ManPage } from './manpage';

// ---------------------------------------------------------------------------
// Markdown rendering of inline text

function renderSegments(segments: Segment[]): string {
  let out = '';
  for (const seg of segments) {
    if (seg.font === 'R') {
      out += escapeMarkdown(seg.text);
      continue;
    }
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(seg.text)!;
    const [, lead, core, trail] = m;
    if (core === '') {
      out += seg.text;
      continue;
    }
    if (seg.font === 'C') out += lead + codeSpan(core) + trail;
    else if (seg.font === 'B') out += lead + '**' + escapeMarkdown(core) + '**' + trail;
    else out += lead + '*' + escapeMarkdown(core) + '*' + trail;
  }
  return out;
}

/** Escapes what would start a block construct at the beginning of a line. */
function protectLineStart(text: string): string {
  if (/^(#{1,6}(\s|$)|[-+](\s|$)|>|=+\s*$|\||\[[^\]]*\]:)/.test(text)) return '\\' + text;
  const m = /^(\d{1,9})([.)])(\s|$)/.exec(text);
  if (m) return m[1] + '\\' + text.slice(m[1].length);
  return text;
}

function inlineMarkdown(roff: string): string {
  return renderSegments(decodeSegments(roff))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/**
 * Markdown for all entries of `key`, each introduced by its heading path when
 * there is more than one. Undefined when the page has no entry for the key.
 */
export function manEntriesMarkdown(page: ManPage, key: string): string | undefined {
  const entries = manEntriesFor(page, key);
  if (entries.length === 0) return undefined;
  if (entries.length === 1) return roffToMarkdown(entries[0].lines);
  return entries
    .map((e) => `*${escapeMarkdown(entryLabel(e))}*\n\n${roffToMarkdown(e.lines)}`)
    .join('\n\n---\n\n');
}

// ---------------------------------------------------------------------------
// roff -> Markdown

interface Block {
  /** `item` blocks start with a list marker; everything else is content. */
  kind: 'item' | 'content';
  /** Wanted indentation; normalised against the open lists at the end. */
  column: number;
  text: string;
}

/**
 * Converts roff lines (typically one entry) to Markdown:
 * depth-0 `.IP` terms become bold lines, nested `.IP` items (inside
 * `.RS`/`.RE`) become nested list items, `.Sp`/`.PP` separate paragraphs,
 * `.Vb`/`.Ve` and `.nf`/`.fi` become fenced code blocks, `.IX` and the `.el`
 * branch of `.ie n`/`.el` pairs are dropped, and escapes are decoded.
 */
export function roffToMarkdown(roffLines: readonly string[]): string {
  const blocks: Block[] = [];
  let depth = 0; // .RS nesting relative to the start
  let inItem = false; // inside the body of an .IP at the current depth
  let para: string[] = [];
  let paraColumn = 0;
  let pendingBullet: { column: number } | undefined; // list marker waiting for its first paragraph
  let tpPending = false;
  let verbatim: { column: number; lines: string[] } | undefined;
  let skipUntilBrace = 0; // nesting of skipped \{ ... \} blocks
  let inMacroDef = false;
  let lastIe = true; // result of the last .ie condition, for its .el

  const textColumn = () => {
    const pos = depth + (inItem ? 1 : 0);
    return pos <= 1 ? 0 : 2 * (pos - 1);
  };
  const pushBlock = (column: number, text: string) => {
    if (pendingBullet) {
      blocks.push({ kind: 'item', column: pendingBullet.column, text: '- ' + protectLineStart(text) });
      pendingBullet = undefined;
    } else {
      blocks.push({ kind: 'content', column, text: protectLineStart(text) });
    }
  };
  const flush = () => {
    if (para.length === 0) return;
    const text = inlineMarkdown(para.join('\n'));
    para = [];
    if (text !== '') pushBlock(paraColumn, text);
  };
  const addText = (roff: string) => {
    const col = textColumn();
    if (para.length > 0 && col !== paraColumn) flush();
    if (para.length === 0) paraColumn = col;
    para.push(roff);
  };
  const flushBullet = () => {
    if (pendingBullet) {
      blocks.push({ kind: 'item', column: pendingBullet.column, text: '-' });
      pendingBullet = undefined;
    }
  };
  const startItem = (termRoff: string | undefined) => {
    flush();
    flushBullet();
    const term = termRoff === undefined ? '' : inlineMarkdown(termRoff);
    const plain = termRoff === undefined ? '' : roffToPlainText(termRoff).trim();
    inItem = true;
    const column = depth === 0 ? 0 : 2 * (depth - 1);
    if (plain === '') return; // indented paragraph without a tag
    if (plain === '\u2022' || plain === '*' || plain === '-' || plain === 'o' || plain === '\u00b7') {
      pendingBullet = { column };
      return;
    }
    if (depth === 0) blocks.push({ kind: 'content', column: 0, text: protectLineStart(term) });
    else blocks.push({ kind: 'item', column, text: '- ' + term });
  };

  const handleRequest = (req: Request): void => {
    switch (req.name) {
      case '\\"':
      case '':
        return;
      case 'ie':
      case 'if': {
        const m = /^(!?)(\S+)\s*(.*)$/.exec(req.rest);
        if (!m) return;
        const cond = m[2];
        const body = m[3];
        const truthy = m[1] === '' ? cond === 'n' : cond === 't';
        if (req.name === 'ie') lastIe = truthy;
        return runConditional(truthy, body);
      }
      case 'el':
        return runConditional(!lastIe, req.rest);
      case 'de':
      case 'de1':
      case 'am':
      case 'ig':
        inMacroDef = true;
        return;
      case 'IX':
      case 'TH':
      case 'nh':
      case 'hy':
      case 'ad':
      case 'na':
      case 'ne':
      case 'ft':
      case 'ds':
      case 'nr':
      case 'rm':
      case 'rr':
      case 'tr':
      case 'so':
      case 'ti':
      case 'in':
      case 'll':
      case 'ps':
      case 'vs':
      case 'UC':
      case 'DT':
      case 'PD':
        return;
      case 'SH':
      case 'SS': {
        flush();
        flushBullet();
        depth = 0;
        inItem = false;
        const title = inlineMarkdown(parseMacroArgs(req.rest).join(' '));
        if (title !== '') blocks.push({ kind: 'content', column: 0, text: (req.name === 'SH' ? '### ' : '#### ') + title });
        return;
      }
      case 'PP':
      case 'LP':
      case 'P':
      case 'HP':
        flush();
        flushBullet();
        inItem = false;
        return;
      case 'Sp':
      case 'sp':
      case 'br':
        flush();
        return;
      case 'RS':
        flush();
        flushBullet();
        depth++;
        inItem = false;
        return;
      case 'RE': {
        flush();
        flushBullet();
        const arg = parseInt(req.rest.trim(), 10);
        depth = Number.isFinite(arg) ? Math.max(0, arg - 1) : Math.max(0, depth - 1);
        inItem = false;
        return;
      }
      case 'IP': {
        const args = parseMacroArgs(req.rest);
        startItem(args.length > 0 ? args[0] : undefined);
        return;
      }
      case 'TP':
        flush();
        flushBullet();
        tpPending = true;
        return;
      case 'Vb':
      case 'nf':
      case 'EX':
        flush();
        flushBullet();
        verbatim = { column: textColumn(), lines: [] };
        return;
      case 'B':
      case 'I':
      case 'SM':
      case 'SB': {
        const text = parseMacroArgs(req.rest).join(' ');
        const font = req.name === 'I' ? 'I' : req.name === 'SM' ? 'R' : 'B';
        addOrTerm(`\\f${font}${text}\\fR`);
        return;
      }
      case 'BR':
      case 'RB':
      case 'BI':
      case 'IB':
      case 'IR':
      case 'RI': {
        const args = parseMacroArgs(req.rest);
        const fonts = req.name.split('');
        const text = args.map((a, k) => `\\f${fonts[k % 2]}${a}`).join('') + '\\fR';
        addOrTerm(text);
        return;
      }
      default:
        return;
    }
  };

  const runConditional = (truthy: boolean, body: string): void => {
    const opensBlock = body.startsWith('\\{') && !/\\\}/.test(body);
    if (!truthy) {
      if (opensBlock) skipUntilBrace++;
      return;
    }
    const inner = body.replace(/^\\\{\s*/, '').replace(/\\\}\s*$/, '').replace(/\\$/, '');
    if (inner.trim() !== '') handleLine(inner);
  };

  const addOrTerm = (roff: string) => {
    if (tpPending) {
      tpPending = false;
      startItem(roff);
    } else {
      addText(roff);
    }
  };

  const handleLine = (line: string): void => {
    const req = parseRequest(line);
    if (req) {
      handleRequest(req);
      return;
    }
    if (line.trim() === '') {
      // a blank text line acts like .sp in roff
      flush();
      return;
    }
    addOrTerm(line);
  };

  for (const raw of roffLines) {
    const line = raw.replace(/\r$/, '');
    if (inMacroDef) {
      if (/^\.\.\s*$/.test(line)) inMacroDef = false;
      continue;
    }
    if (skipUntilBrace > 0) {
      if (/\\\{/.test(line)) skipUntilBrace++;
      const closes = (line.match(/\\\}/g) ?? []).length;
      skipUntilBrace = Math.max(0, skipUntilBrace - closes);
      continue;
    }
    if (verbatim) {
      const req = parseRequest(line);
      if (req && (req.name === 'Ve' || req.name === 'fi' || req.name === 'EE')) {
        blocks.push({ kind: 'content', column: verbatim.column, text: renderFence(verbatim.lines) });
        verbatim = undefined;
        continue;
      }
      if (req) continue; // other requests inside a verbatim block (e.g. .ft) carry no text
      verbatim.lines.push(roffToPlainText(line).replace(/\s+$/, ''));
      continue;
    }
    handleLine(line);
  }
  if (verbatim) blocks.push({ kind: 'content', column: verbatim.column, text: renderFence(verbatim.lines) });
  flush();
  flushBullet();

  return layoutBlocks(blocks);
}

/**
 * Places blocks so that Markdown nests them as intended: a block can only be
 * indented as far as the content of an open list item allows (deeper
 * indentation would turn it into an indented code block).
 */
function layoutBlocks(blocks: Block[]): string {
  // open list items: the content column roff asked for, and the one used
  const open: { wanted: number; actual: number }[] = [];
  const out: string[] = [];
  for (const b of blocks) {
    while (open.length > 0 && open[open.length - 1].wanted > b.column) open.pop();
    const column = open.length > 0 ? open[open.length - 1].actual : 0;
    if (b.kind === 'item') open.push({ wanted: b.column + 2, actual: column + 2 });
    out.push(indent(b.text, column));
  }
  return out.join('\n\n');
}

function renderFence(lines: string[]): string {
  const body = lines.slice();
  while (body.length > 0 && body[0].trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  const indents = body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  const dedented = body.map((l) => l.slice(Math.min(common, /^ */.exec(l)![0].length)));
  const runs = dedented.join('\n').match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return [fence, ...dedented, fence].join('\n');
}

function indent(text: string, column: number): string {
  if (column <= 0) return text;
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}
