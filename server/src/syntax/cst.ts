/**
 * The concrete syntax tree of an xl.cfg document. Every node carries exact
 * offsets into the document text (UTF-16 code units, end exclusive).
 */
import type { DecodedString } from './stringLiteral';
import type { TokenList } from './tokens';
import type { XlVerdict } from './xlVerdict';

export interface Span {
  start: number;
  end: number;
}

export interface NameNode extends Span {
  text: string;
}

export interface StringNode extends Span {
  kind: 'string';
  /** Index of the STRING token. */
  token: number;
  quote: '"' | "'";
  /** Decoded value (libxlu's), up to the first bad escape. */
  value: string;
  /** Set only when the string has an escape or a NUL (the details of its decoding). */
  decoded?: DecodedString;
}

export interface NumberNode extends Span {
  kind: 'number';
  token: number;
  /** The raw text, which is also the value: libxlu keeps numbers as text. */
  value: string;
}

export interface ListNode extends Span {
  kind: 'list';
  /** Offset of `[`. */
  open: number;
  /** Offset of the matching `]`, or -1 when the list is never closed. */
  close: number;
  items: ValueNode[];
  /** Offsets of the commas between (and after) items. */
  commas: number[];
}

export type ValueNode = StringNode | NumberNode | ListNode;

export type Terminator = 'newline' | 'comment' | 'semicolon' | 'eof' | 'none';

export interface Assignment extends Span {
  kind: 'assignment';
  name: NameNode;
  op: '=' | '+=';
  /** Where the operator starts (it ends op.length later: see opSpanOf). A number, not a span: a 10 MB file has 240,000 of them. */
  opStart: number;
  value: ValueNode;
  /** How the statement ends; 'none' when recovery cut it short. */
  terminator: Terminator;
  /** Index of the statement's first token. */
  firstToken: number;
  /** The statement contains a syntax problem (it is still usable by the editor). */
  broken: boolean;
}

/** The operator's range. */
export function opSpanOf(a: Assignment): Span {
  return { start: a.opStart, end: a.opStart + a.op.length };
}

/** A statement the parser could not read as an assignment. */
export interface BrokenStatement extends Span {
  kind: 'broken';
  /** The setting name when the statement started with one. */
  name?: NameNode;
  op?: '=' | '+=';
  firstToken: number;
}

export type Statement = Assignment | BrokenStatement;

export interface CommentNode extends Span {
  /** Text after `#`, without the newline. */
  text: string;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Codes of problems found while reading the text (see check/rules.ts for their documentation). */
export type SyntaxCode =
  | 'syntax-invalid-character'
  | 'syntax-uppercase-name'
  | 'syntax-unquoted-word'
  | 'syntax-number-format'
  | 'syntax-python'
  | 'syntax-unterminated-string'
  | 'syntax-invalid-escape'
  | 'syntax-nul-in-string'
  | 'syntax-crlf'
  | 'syntax-bom'
  | 'syntax-comment-at-eof'
  | 'syntax-ignored-last-byte'
  | 'syntax-expected-operator'
  | 'syntax-missing-value'
  | 'syntax-expected-value'
  | 'syntax-expected-end'
  | 'syntax-list'
  | 'syntax-unclosed-list'
  | 'syntax-nesting-too-deep'
  | 'syntax-unexpected-token';

/**
 * A problem in the text. Every code but 'syntax-ignored-last-byte' means
 * that xl rejects the file (what that means for the user, and how severe it
 * is, is the rule table's business: check/rules/syntax.ts).
 */
export interface SyntaxProblem extends Span {
  code: SyntaxCode;
  message: string;
  /** Other places that explain the problem (e.g. the unclosed `[`). */
  related?: Array<Span & { message: string }>;
}

export interface SyntaxTree {
  text: string;
  tokens: TokenList;
  statements: Statement[];
  comments: CommentNode[];
  problems: SyntaxProblem[];
  /** What xl itself concludes about the text (computed on first use). */
  readonly verdict: XlVerdict;
  /** For incremental reparsing: the token indexes where a statement could start, ascending. */
  readonly boundaries: number[];
  /** For incremental reparsing: the deepest list nesting. */
  readonly maxDepth: number;
}

/** Moves a range by `d` characters (in place). */
export function shiftSpan(s: Span, d: number): void {
  s.start += d;
  s.end += d;
}
