/**
 * Builds the concrete syntax tree of an xl.cfg document, with error recovery
 * per statement so that one bad line never hides the rest, and problems that
 * explain what is wrong in plain words and point at the exact characters.
 *
 * It accepts exactly the language libxlu accepts: a document has a problem
 * other than 'syntax-ignored-last-byte' if and only if xl would refuse it
 * (checked against Xen's own parser by the oracle test). What xl itself stores and prints is
 * computed by xlVerdict over the same tokens.
 */
import {
  Assignment,
  CommentNode,
  ListNode,
  NameNode,
  Span,
  Statement,
  SyntaxCode,
  SyntaxProblem,
  SyntaxTree,
  ValueNode,
} from './cst';
import { LexOptions, tokenize } from './lexer';
import { ownString, ownText } from './ownText';
import { decodeString, plainStringValue } from './stringLiteral';
import { LexError, TokenKind, TokenList } from './tokens';
import { XlVerdict, xlVerdict } from './xlVerdict';

/** Deeper lists are not built (xl itself gives up before this depth). */
export const MAX_LIST_DEPTH = 5000;
/** Below this nesting depth xl's parser stack (10000 entries, at most 5 per level) cannot overflow. */
const XL_DEPTH_THRESHOLD = 1990;

/**
 * A finished list's arrays without spare room: pushing grows an array's
 * store to 16 slots, and most lists hold one or two items (a 10 MB file's
 * 60,000 single-disk lists kept 13 MB of empty slots).
 */
function fitList(node: ListNode): void {
  if (node.items.length < 16) node.items = node.items.slice();
  if (node.commas.length < 16) node.commas = node.commas.slice();
}

export function parse(text: string, options: LexOptions = {}): SyntaxTree {
  const { tokens } = tokenize(text, options);
  return new Parser(text, tokens).run();
}

/** What a partial parse (from a statement boundary until `stopAt` says so) produces. */
export interface PartialParse {
  statements: Statement[];
  comments: CommentNode[];
  problems: SyntaxProblem[];
  boundaries: number[];
  maxDepth: number;
  /** The token index the parse stopped at (EOF's index when it ran to the end). */
  stoppedAt: number;
  /** Whether `stopAt` stopped it (false: it reached the end of the input). */
  synced: boolean;
}

/**
 * Parses `tokens` from token `from` (a statement boundary) until
 * `stopAt(tokenIndex)` returns true at a statement boundary.
 *
 * For reparsing: the nodes it makes are kept by later versions of the
 * document, so every string they hold is a copy of its own (ownText.ts),
 * never a view that would keep this version's whole text alive. (A full
 * parse makes views: the tree keeps its text anyway.)
 */
export function parsePartial(text: string, tokens: TokenList, stopAt: (k: number) => boolean, from = 0): PartialParse {
  return new Parser(text, tokens, stopAt, from, true).partial();
}

/** Assembles a tree from its parts (the verdict is computed on first use; deep lists get xl's stack check). */
export function assembleTree(text: string, tokens: TokenList, parts: Omit<PartialParse, 'stoppedAt' | 'synced'>): SyntaxTree {
  let verdict: XlVerdict | undefined;
  const getVerdict = () => (verdict ??= xlVerdict(text, tokens));
  const problems = parts.problems;
  if (parts.maxDepth >= XL_DEPTH_THRESHOLD) {
    for (const r of getVerdict().reports) {
      if (r.message === 'memory exhausted') {
        problems.push({
          code: 'syntax-nesting-too-deep',
          message: 'Lists are nested too deeply: xl gives up here ("memory exhausted").',
          start: r.start,
          end: r.end,
        });
      }
    }
  }
  problems.sort((a, b) => a.start - b.start);
  const tree = { text, tokens, statements: parts.statements, comments: parts.comments, problems, boundaries: parts.boundaries, maxDepth: parts.maxDepth } as Omit<SyntaxTree, 'verdict'>;
  return Object.defineProperty(tree, 'verdict', { get: getVerdict, enumerable: true }) as SyntaxTree;
}

function describeChar(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  if (cp === 0) return 'NUL byte';
  if (cp < 0x20 || cp === 0x7f) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp === 0xfeff) return 'byte order mark';
  if (cp >= 0x80) return `'${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
  return `'${String.fromCodePoint(cp)}'`;
}

function tokenDescription(text: string, tok: { kind: TokenKind; start: number; end: number }): string {
  switch (tok.kind) {
    case TokenKind.Eof:
      return 'the end of the file';
    case TokenKind.Newline:
      return text.charCodeAt(tok.start) === 0x23 ? 'a comment' : 'the end of the line';
    case TokenKind.String:
      return 'a string';
    case TokenKind.Number:
      return `the number ${text.slice(tok.start, tok.end)}`;
    case TokenKind.Ident:
      return `'${text.slice(tok.start, tok.end)}'`;
    default:
      return `'${text.slice(tok.start, tok.end)}'`;
  }
}

/** A token's kind and offsets. */
interface Tok {
  kind: TokenKind;
  start: number;
  end: number;
}

const PYTHON_NOTE = ' xl.cfg is not Python: it has no expressions, tuples, signed or fractional numbers.';

class Parser {
  private pos: number;
  private readonly statements: Statement[] = [];
  private readonly comments: CommentNode[] = [];
  private readonly problems: SyntaxProblem[] = [];
  /** The current statement already has a lexical error: further problems in it are noise. */
  private quiet = false;
  /** Highest token index whose lexical errors have been reported. */
  private lexFlushed = -1;
  /** Deepest list nesting seen. */
  private maxDepth = 0;

  /** Token indexes where the main loop began a statement. */
  private readonly boundaries: number[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: TokenList,
    private readonly stopAt?: (k: number) => boolean,
    private readonly from = 0,
    /** Copy every string the nodes keep (see parsePartial). */
    private readonly own = false,
  ) {
    this.pos = from;
  }

  run(): SyntaxTree {
    const parts = this.partial();
    return assembleTree(this.text, this.tokens, parts);
  }

  partial(): PartialParse {
    const { tokens } = this;
    const kinds = tokens.kinds;
    let synced = false;
    for (;;) {
      const kind = kinds[this.pos];
      if (kind === TokenKind.Eof) break;
      if (this.stopAt && this.pos > this.from && this.stopAt(this.pos)) {
        synced = true;
        break;
      }
      this.boundaries.push(this.pos);
      this.quiet = false;
      if (kind === TokenKind.Newline || kind === TokenKind.Semicolon) {
        this.advance();
        continue;
      }
      if (kind === TokenKind.Ident) {
        this.statement();
        continue;
      }
      const tok = this.peek();
      this.problem('syntax-unexpected-token', tok, `Expected a setting name at the start of a statement, found ${tokenDescription(this.text, tok)}.`);
      this.statements.push({ kind: 'broken', start: tok.start, end: tok.end, firstToken: this.pos });
      this.skipLine();
    }
    if (!synced) this.advance(); // lexical errors attached to the end of input
    return { statements: this.statements, comments: this.comments, problems: this.problems, boundaries: this.boundaries, maxDepth: this.maxDepth, stoppedAt: this.pos, synced };
  }

  // --- token access ---------------------------------------------------------

  /** The current token (or one ahead of it), as a small view (for messages). */
  private peek(offset = 0): Tok {
    const k = Math.min(this.pos + offset, this.tokens.count - 1);
    return { kind: this.tokens.kinds[k], start: this.tokens.starts[k], end: this.tokens.ends[k] };
  }

  private kindAt(offset = 0): TokenKind {
    return this.tokens.kinds[Math.min(this.pos + offset, this.tokens.count - 1)];
  }

  /** Consumes the current token, recording its comment and the lexical errors before it; returns its index. */
  private advance(): number {
    const k = this.pos;
    const { tokens } = this;
    if (tokens.lexErrors.size) this.flushLexErrors();
    if (tokens.kinds[k] === TokenKind.Newline) {
      const start = tokens.starts[k];
      if (this.text.charCodeAt(start) === 0x23) {
        const end = tokens.ends[k] - 1;
        this.comments.push({ start, end, text: this.keep(start + 1, end) });
      }
    }
    if (k < tokens.count - 1) this.pos++;
    return k;
  }

  /** Skips to the end of the line (the newline is consumed). */
  private skipLine(): void {
    for (;;) {
      const kind = this.kindAt();
      if (kind === TokenKind.Eof) return;
      this.advance();
      if (kind === TokenKind.Newline) return;
    }
  }

  /** Reports the lexical errors met before the current token (once). */
  private flushLexErrors(): void {
    const k = Math.min(this.pos, this.tokens.count - 1);
    if (k <= this.lexFlushed || !this.tokens.lexErrors.size) return;
    this.lexFlushed = k;
    const errors = this.tokens.lexErrors.size ? this.tokens.lexErrors.get(k) : undefined;
    if (errors) for (const e of errors) this.lexProblem(e);
  }

  // --- problems ---------------------------------------------------------------

  /** `text.slice(start, end)` for a node to keep (a copy when the nodes outlive this version). */
  private keep(start: number, end: number): string {
    return this.own ? ownText(this.text, start, end) : this.text.slice(start, end);
  }

  /** A string for a node to keep (messages are built from views of the text). */
  private keepString(s: string): string {
    return this.own ? ownString(s) : s;
  }

  private problem(code: SyntaxCode, at: Span, message: string, related?: SyntaxProblem['related']): void {
    if (this.quiet) return;
    this.problems.push({ code, message: this.keepString(message), start: at.start, end: at.end, related });
    this.quiet = true;
  }

  private lexProblem(e: LexError): void {
    const { text } = this;
    const c = text.charCodeAt(e.start);
    const runEnd = e.atNewline ? e.end - 1 : e.end;
    let shownEnd = runEnd;
    while (shownEnd > e.start && (text.charCodeAt(shownEnd - 1) === 0x20 || text.charCodeAt(shownEnd - 1) === 0x09)) shownEnd--;
    const run = text.slice(e.start, shownEnd);
    const whole: Span = { start: e.start, end: shownEnd };
    const one: Span = { start: e.start, end: e.charEnd };
    if (e.ignoredAtEof) {
      this.problems.push({
        code: 'syntax-ignored-last-byte',
        message: `Stray ${describeChar(text, e.start)} at the very end of the file: xl ignores it only because it is the last byte; anything after it would make the file invalid.`,
        start: one.start,
        end: one.end,
      });
      return;
    }
    const prev = this.tokenBefore(e.start);
    const atStatementStart = !prev || prev.kind === TokenKind.Newline || prev.kind === TokenKind.Semicolon;
    const glued = prev && prev.end === e.start ? prev : undefined;
    const push = (code: SyntaxCode, span: Span, message: string) => {
      this.problems.push({ code, message: this.keepString(message), start: span.start, end: span.end });
    };
    this.quiet = true;
    if (c === 0xfeff && e.start === 0) {
      push('syntax-bom', one, 'The file starts with a byte order mark (BOM): xl rejects it. Save the file as UTF-8 without BOM.');
    } else if (c === 0x0d) {
      push(
        'syntax-crlf',
        one,
        e.atNewline
          ? 'Windows line ending (CR LF): xl accepts only LF line endings; the CR is an invalid character outside strings and comments.'
          : 'Carriage return (CR) character: xl accepts only LF line endings.',
      );
    } else if (c === 0x22 || c === 0x27) {
      push('syntax-unterminated-string', { start: e.start, end: this.lineEnd(e.start) }, `Unterminated string: the closing ${c === 0x22 ? '"' : "'"} is missing before the end of the line (strings cannot span lines).`);
    } else if (c === 0x23) {
      push('syntax-comment-at-eof', whole, 'A comment on the last line must end with a newline: xl rejects the file otherwise. Add a newline at the end of the file.');
      this.comments.push({ start: e.start, end: runEnd, text: this.keep(e.start + 1, runEnd) });
    } else if (atStatementStart && ((c >= 0x41 && c <= 0x5a) || c === 0x5f)) {
      const lower = run.toLowerCase();
      push('syntax-uppercase-name', whole, `Setting names must start with a lowercase letter and contain only a-z, 0-9, '_' and '.': '${run}'${/^[a-z][._0-9a-z]*$/.test(lower) ? ` (did you mean '${lower}'?)` : ''}.`);
    } else if (glued?.kind === TokenKind.Ident && c === 0x2d) {
      const fixed = text.slice(glued.start, glued.end) + run.replace(/-/g, '_');
      push('syntax-python', whole, `'-' cannot appear in a setting name: xl.cfg names use '_'${/^[a-z][._0-9a-z]*$/.test(fixed) ? ` (did you mean '${fixed}'?)` : ''}. xl reads '${text.slice(glued.start, glued.end)}' and then fails here, suspecting Python syntax.`);
    } else if (glued?.kind === TokenKind.Number) {
      const num = text.slice(glued.start, glued.end) + run;
      if (c === 0x2e) push('syntax-number-format', whole, `Numbers have no fractional part in xl.cfg: '${num}'.${PYTHON_NOTE}`);
      else if (c === 0x58) push('syntax-number-format', whole, `Hexadecimal numbers must be written with a lowercase 'x' and digits a-f: '${num}' (e.g. 0x1f).`);
      else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) push('syntax-number-format', whole, `Numbers cannot have a unit suffix: '${num}'. Write the plain number in the unit the setting expects (memory is in MiB).`);
      else push('syntax-invalid-character', whole, `Unexpected ${describeChar(text, e.start)} after a number.${e.python ? PYTHON_NOTE : ''}`);
    } else if ((c === 0x2d || c === 0x2b) && e.charEnd < text.length && /[0-9.]/.test(text[e.charEnd])) {
      push('syntax-number-format', whole, `Numbers cannot have a sign in xl.cfg: write '${run}' as a quoted string ("${run}").${PYTHON_NOTE}`);
    } else if (c === 0x28 || c === 0x29) {
      push('syntax-python', whole, `Parentheses are Python syntax: xl.cfg lists are written [ "a", "b" ].${PYTHON_NOTE}`);
    } else if (e.python) {
      push('syntax-python', whole, `Unexpected ${describeChar(text, e.start)}.${PYTHON_NOTE}`);
    } else if ((c >= 0x41 && c <= 0x5a) || c === 0x5f) {
      push('syntax-unquoted-word', whole, `Unquoted word '${run}': values must be quoted strings, numbers or [lists].`);
    } else {
      push('syntax-invalid-character', one, `Unexpected ${describeChar(text, e.start)}: it cannot appear outside a string or a comment.`);
    }
  }

  private tokenBefore(offset: number): Tok | undefined {
    // The token that ends at or before offset, searching back from the current position.
    const { kinds, starts, ends } = this.tokens;
    for (let k = Math.min(this.pos, this.tokens.count - 1); k >= 0; k--) {
      if (ends[k] <= offset && kinds[k] !== TokenKind.Eof) return { kind: kinds[k], start: starts[k], end: ends[k] };
    }
    return undefined;
  }

  private lineEnd(from: number): number {
    const nl = this.text.indexOf('\n', from);
    return nl < 0 ? this.text.length : nl;
  }

  // --- statements -------------------------------------------------------------

  private statement(): void {
    const { text } = this;
    const { starts, ends } = this.tokens;
    const first = this.advance();
    const name: NameNode = { start: starts[first], end: ends[first], text: this.keep(starts[first], ends[first]) };
    const opKind = this.kindAt();
    if (opKind !== TokenKind.Assign && opKind !== TokenKind.AddAssign) {
      const opTok = this.peek();
      this.flushLexErrors();
      const where = opTok.kind === TokenKind.Newline || opTok.kind === TokenKind.Eof ? { start: name.end, end: name.end } : opTok;
      this.problem('syntax-expected-operator', where, `Expected '=' or '+=' after '${name.text}', found ${tokenDescription(text, opTok)}.`);
      this.statements.push({ kind: 'broken', start: name.start, end: name.end, name, firstToken: first });
      if (opTok.kind !== TokenKind.Newline) this.skipLine();
      return;
    }
    const opIndex = this.advance();
    const op = opKind === TokenKind.AddAssign ? '+=' : '=';
    const opSpan: Span = { start: starts[opIndex], end: ends[opIndex] };
    const value = this.value(opSpan);
    if (!value) {
      this.statements.push({ kind: 'broken', start: name.start, end: opSpan.end, name, op, firstToken: first });
      return;
    }
    const assignment: Assignment = {
      kind: 'assignment',
      start: name.start,
      end: value.end,
      name,
      op,
      opStart: opSpan.start,
      value,
      terminator: 'none',
      firstToken: first,
      broken: false,
    };
    this.statements.push(assignment);
    if (value.kind === 'list' && value.close < 0) {
      assignment.broken = true;
      return; // recovery already ended the statement
    }
    const endKind = this.kindAt();
    switch (endKind) {
      case TokenKind.Newline:
        assignment.terminator = text.charCodeAt(starts[this.pos]) === 0x23 ? 'comment' : 'newline';
        this.advance();
        break;
      case TokenKind.Semicolon:
        assignment.terminator = 'semicolon';
        this.advance();
        break;
      case TokenKind.Eof:
        assignment.terminator = 'eof';
        break;
      default: {
        const end = this.peek();
        this.flushLexErrors();
        const message =
          end.kind === TokenKind.String && value.kind === 'string'
            ? 'Adjacent strings are not joined in xl.cfg: this second string is a syntax error. Put everything in one string.'
            : `Expected the end of the statement (a newline or ';') after the value of '${name.text}', found ${tokenDescription(text, end)}.`;
        this.problem('syntax-expected-end', end, message);
        assignment.broken = true;
        this.skipLine();
      }
    }
    if (this.quiet) assignment.broken = true;
  }

  private value(opSpan: Span): ValueNode | undefined {
    const { text } = this;
    const kind = this.kindAt();
    if (kind === TokenKind.String || kind === TokenKind.Number) return this.scalar();
    if (kind === TokenKind.LBracket) return this.list();
    const tok = this.peek();
    switch (tok.kind) {
      case TokenKind.Newline:
      case TokenKind.Eof:
      case TokenKind.Semicolon:
        this.flushLexErrors();
        this.problem('syntax-missing-value', opSpan, `Missing value after '${text.slice(opSpan.start, opSpan.end)}': a value (a quoted string, a number or a [list]) must follow on the same line.`);
        if (tok.kind === TokenKind.Semicolon) this.advance();
        return undefined;
      case TokenKind.Ident:
        this.flushLexErrors();
        this.problem('syntax-unquoted-word', tok, `Unquoted word '${text.slice(tok.start, tok.end)}': values must be quoted strings, numbers or [lists] (write "${text.slice(tok.start, tok.end)}").`);
        this.skipLine();
        return undefined;
      default:
        this.flushLexErrors();
        this.problem('syntax-expected-value', tok, `Expected a value (a quoted string, a number or a [list]) after '${text.slice(opSpan.start, opSpan.end)}', found ${tokenDescription(text, tok)}.`);
        this.skipLine();
        return undefined;
    }
  }

  private scalar(): ValueNode {
    const k = this.advance();
    const start = this.tokens.starts[k];
    const end = this.tokens.ends[k];
    if (this.tokens.kinds[k] === TokenKind.Number) {
      return { kind: 'number', start, end, token: k, value: this.keep(start, end) };
    }
    const quote = this.text.charCodeAt(start) === 0x22 ? '"' : "'";
    const plain = plainStringValue(this.text, start, end);
    if (plain !== undefined) return { kind: 'string', start, end, token: k, quote, value: this.keepString(plain) };
    const decoded = decodeString(this.text, start, end);
    decoded.value = this.keepString(decoded.value);
    if (decoded.nulAt >= 0) {
      // An escaped NUL ('\' then NUL) is reported with its backslash: the escape is what has to go.
      this.problems.push({
        code: 'syntax-nul-in-string',
        message: 'NUL byte inside a string: xl cannot read it (libxlu aborts with an assertion failure).',
        start: decoded.nulAt,
        end: decoded.nulAt + (this.text.charCodeAt(decoded.nulAt) === 0 ? 1 : 2),
      });
    } else if (decoded.error) {
      const esc = this.text.slice(decoded.error.start, decoded.error.end);
      const why =
        decoded.error.kind === 'hex'
          ? `xl does not support \\x escapes ('${esc}')`
          : decoded.error.kind === 'octal'
            ? `'${esc}' is not a usable numeric escape (xl drops such escapes, and rejects short ones)`
            : `'${esc}' is not an escape xl knows (valid: \\\\ \\" \\' \\a \\b \\f \\n \\r \\t \\v)`;
      this.problems.push({ code: 'syntax-invalid-escape', message: this.keepString(`Invalid escape in string: ${why}.`), start: decoded.error.start, end: decoded.error.end });
    }
    return { kind: 'string', start, end, token: k, quote, value: decoded.value, decoded };
  }

  /** Parses a (possibly nested) list without recursion. */
  private list(): ListNode {
    const { text } = this;
    const { starts, ends } = this.tokens;
    const openAt = starts[this.advance()];
    const root: ListNode = { kind: 'list', start: openAt, end: openAt + 1, open: openAt, close: -1, items: [], commas: [] };
    const stack: Array<{ node: ListNode; expectValue: boolean }> = [{ node: root, expectValue: true }];
    let skippedDepth = 0; // nesting beyond MAX_LIST_DEPTH is scanned, not built
    const closeAll = (at: number) => {
      for (const frame of stack) frame.node.end = Math.max(frame.node.end, at);
    };
    for (;;) {
      const kind = this.kindAt();
      const top = stack[stack.length - 1];
      if (skippedDepth > 0) {
        if (kind === TokenKind.Eof) break;
        if (kind === TokenKind.LBracket) skippedDepth++;
        if (kind === TokenKind.RBracket) skippedDepth--;
        this.advance();
        if (skippedDepth === 0) top.expectValue = false;
        continue;
      }
      switch (kind) {
        case TokenKind.Newline:
          this.advance();
          continue;
        case TokenKind.String:
        case TokenKind.Number: {
          if (!top.expectValue) {
            const tok = this.peek();
            this.flushLexErrors();
            this.problem('syntax-list', tok, `Missing ',' between list items before ${tokenDescription(text, tok)}.`);
          }
          const item = this.scalar();
          top.node.items.push(item);
          top.node.end = item.end;
          top.expectValue = false;
          continue;
        }
        case TokenKind.LBracket: {
          if (!top.expectValue) {
            this.flushLexErrors();
            this.problem('syntax-list', this.peek(), "Missing ',' between list items before '['.");
          }
          top.expectValue = false;
          if (stack.length >= MAX_LIST_DEPTH) {
            this.flushLexErrors();
            this.problem('syntax-nesting-too-deep', this.peek(), `Lists are nested more than ${MAX_LIST_DEPTH} levels deep; xl gives up long before that.`);
            skippedDepth = 1;
            this.advance();
            continue;
          }
          const at = starts[this.advance()];
          const child: ListNode = { kind: 'list', start: at, end: at + 1, open: at, close: -1, items: [], commas: [] };
          top.node.items.push(child);
          stack.push({ node: child, expectValue: true });
          if (stack.length > this.maxDepth) this.maxDepth = stack.length;
          continue;
        }
        case TokenKind.RBracket: {
          const k = this.advance();
          top.node.close = starts[k];
          top.node.end = ends[k];
          fitList(top.node);
          stack.pop();
          if (stack.length === 0) return root;
          stack[stack.length - 1].node.end = ends[k];
          continue;
        }
        case TokenKind.Comma: {
          if (top.expectValue) {
            this.flushLexErrors();
            this.problem('syntax-list', this.peek(), top.node.items.length === 0 ? "A list cannot start with ','." : "Empty list item: remove the extra ','.");
          } else {
            top.expectValue = true;
          }
          const k = this.advance();
          top.node.commas.push(starts[k]);
          top.node.end = ends[k];
          continue;
        }
        case TokenKind.Ident: {
          const prevIsNewline = this.pos > 0 && this.tokens.kinds[this.pos - 1] === TokenKind.Newline;
          const next = this.kindAt(1);
          const tok = this.peek();
          if (prevIsNewline && (next === TokenKind.Assign || next === TokenKind.AddAssign)) {
            this.unclosed(stack, tok);
            closeAll(top.node.end);
            return root;
          }
          this.flushLexErrors();
          this.problem('syntax-unquoted-word', tok, `Unquoted word '${text.slice(tok.start, tok.end)}' in a list: items must be quoted strings, numbers or [lists].`);
          top.expectValue = false;
          this.advance();
          continue;
        }
        case TokenKind.Eof:
          this.unclosed(stack, this.peek());
          return root;
        default: {
          // ';', '=', '+='
          const tok = this.peek();
          this.flushLexErrors();
          this.problem('syntax-list', tok, `${tokenDescription(text, tok)} cannot appear inside a list; items are separated by ',' and the list ends with ']'.`);
          this.advance();
          continue;
        }
      }
    }
    this.unclosed(stack, this.peek());
    return root;
  }

  private unclosed(stack: Array<{ node: ListNode }>, at: Tok): void {
    for (const frame of stack) fitList(frame.node);
    this.flushLexErrors();
    const inner = stack[stack.length - 1].node;
    this.problem('syntax-unclosed-list', { start: inner.open, end: inner.open + 1 }, `This '[' is never closed: add ']' before ${tokenDescription(this.text, at)}.`, [
      { start: at.start, end: at.end, message: 'the list must be closed before this point' },
    ]);
  }
}
