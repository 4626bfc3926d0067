/**
 * What xl itself concludes about a file: a faithful model of libxlu's Bison
 * parser (LALR(1) with default reductions, `error NEWLINE` recovery, the
 * three-token rule, a 10000-entry stack) driven by the same tokens, together
 * with libxlu's storing rules (nothing is stored once an error happened, `+=`
 * concatenation) and its report lines, including which ones it suppresses.
 *
 * The editor does not show these reports (the CST parser gives better ones);
 * this module answers "does xl accept it, what does it store, what does it
 * print", for `xlcfg parse` and for the libxlutil oracle test.
 */
import { decodeString } from './stringLiteral';
import { LexError, TokenKind, TokenList, TOKEN_XL_NAMES } from './tokens';
import { appendValue, XlValue } from './values';

export interface XlStoredSetting {
  name: string;
  op: '=' | '+=';
  /** The value written in this assignment (decoded). */
  value: XlValue;
  /** The value libxlu keeps for this setting (after `+=` concatenation). */
  stored: XlValue;
  /** libxlu's line for the setting (the line of the value's first token). */
  xlLine: number;
  /** Index of the name token in the token array. */
  nameToken: number;
}

export interface XlReport {
  /** The line number xl prints. */
  xlLine: number;
  /** What xl prints after "near ": `TEXT', <newline>, or nothing. */
  near: string;
  message: string;
  /** Where the problem really is in the document. */
  start: number;
  end: number;
}

export interface XlVerdict {
  /** 0 when xl accepts the file, 22 (EINVAL) otherwise. */
  rc: number;
  /** libxlu aborts (assertion) on a NUL byte inside a string. */
  crashed: boolean;
  stored: XlStoredSetting[];
  reports: XlReport[];
  /** xl appends its "looks like Python" warning (rc != 0 and a Python-ish character was seen). */
  pythonHint: boolean;
  /** Token indexes of the names the parser takes as the start of a statement (after errors too: it resumes at each line). */
  statementNames: number[];
  /** Token indexes of the '=' and '+=' it takes as assignments. */
  operators: number[];
  /** Token indexes where it found a syntax error (the first token it could not take, once per recovery). */
  errorTokens: number[];
}

export const XL_PYTHON_HINT = [
  'warning: Config file looks like it contains Python code.',
  'warning:  Arbitrary Python is no longer supported.',
  'warning:  See https://wiki.xen.org/wiki/PythonInXlConfig',
];

export const XL_APPEND_MISMATCH = 'can\'t add [list] to "string" or vice versa';

/** libxlu's parser stack holds 10000 entries. */
export const XL_MAX_STACK = 10000;

// --- the automaton --------------------------------------------------------
// Nonterminals.
enum N {
  File,
  Stmts,
  Stmt,
  Assignment,
  Endstmt,
  Value,
  Atom,
  Valuelist,
  Values,
  Nlok,
}

/** Rules: [left-hand side, right-hand side length]. Index = Bison rule number. */
const RULES: Array<[N, number]> = [
  [N.File, 2], // 0 $accept: file $end (unused)
  [N.File, 1], // 1 file: stmts
  [N.File, 2], // 2 file: stmts assignment
  [N.Stmts, 0], // 3 stmts: (empty)
  [N.Stmts, 2], // 4 stmts: stmts stmt
  [N.Stmt, 2], // 5 stmt: assignment endstmt
  [N.Stmt, 1], // 6 stmt: endstmt
  [N.Stmt, 2], // 7 stmt: error NEWLINE
  [N.Assignment, 3], // 8 assignment: IDENT '=' value
  [N.Assignment, 3], // 9 assignment: IDENT "+=" value
  [N.Endstmt, 1], // 10 endstmt: NEWLINE
  [N.Endstmt, 1], // 11 endstmt: ';'
  [N.Value, 1], // 12 value: atom
  [N.Value, 4], // 13 value: '[' nlok valuelist ']'
  [N.Atom, 1], // 14 atom: STRING
  [N.Atom, 1], // 15 atom: NUMBER
  [N.Valuelist, 0], // 16 valuelist: (empty)
  [N.Valuelist, 1], // 17 valuelist: values
  [N.Valuelist, 3], // 18 valuelist: values ',' nlok
  [N.Values, 2], // 19 values: value nlok
  [N.Values, 5], // 20 values: values ',' nlok value nlok
  [N.Nlok, 0], // 21 nlok: (empty)
  [N.Nlok, 2], // 22 nlok: nlok NEWLINE
];

const ERROR_TOKEN = 1;
const ACCEPT_STATE = 3;
/** Shift actions per state (token -> state). The `error` pseudo-token is ERROR_TOKEN. */
const SHIFT: Array<Record<number, number>> = [];
/** Explicit reductions per state (token -> rule). */
const REDUCE: Array<Record<number, number>> = [];
/** Default reduction per state (0 = syntax error). */
const DEFAULT: number[] = [];
/** States whose only action is their default reduction (no look-ahead is read). */
const CONSISTENT: boolean[] = [];
const GOTO: Array<Partial<Record<N, number>>> = [];

function state(id: number, shift: Record<number, number>, def: number, reduce: Record<number, number> = {}, go: Partial<Record<N, number>> = {}): void {
  SHIFT[id] = shift;
  REDUCE[id] = reduce;
  DEFAULT[id] = def;
  CONSISTENT[id] = def !== 0 && Object.keys(shift).length === 0 && Object.keys(reduce).length === 0;
  GOTO[id] = go;
}
const T = TokenKind;
const valueStart = { [T.String]: 15, [T.Number]: 16, [T.LBracket]: 17 };
state(0, {}, 3, {}, { [N.File]: 1, [N.Stmts]: 2 });
state(1, { [T.Eof]: 3 }, 0);
state(2, { [ERROR_TOKEN]: 4, [T.Ident]: 5, [T.Newline]: 6, [T.Semicolon]: 7 }, 0, { [T.Eof]: 1 }, { [N.Stmt]: 8, [N.Assignment]: 9, [N.Endstmt]: 10 });
state(3, {}, 0); // accept
state(4, { [T.Newline]: 11 }, 0);
state(5, { [T.AddAssign]: 12, [T.Assign]: 13 }, 0);
state(6, {}, 10);
state(7, {}, 11);
state(8, {}, 4);
state(9, { [T.Newline]: 6, [T.Semicolon]: 7 }, 2, {}, { [N.Endstmt]: 14 });
state(10, {}, 6);
state(11, {}, 7);
state(12, valueStart, 0, {}, { [N.Value]: 18, [N.Atom]: 19 });
state(13, valueStart, 0, {}, { [N.Value]: 20, [N.Atom]: 19 });
state(14, {}, 5);
state(15, {}, 14);
state(16, {}, 15);
state(17, {}, 21, {}, { [N.Nlok]: 21 });
state(18, {}, 9);
state(19, {}, 12);
state(20, {}, 8);
state(21, { ...valueStart, [T.Newline]: 22 }, 16, {}, { [N.Value]: 23, [N.Atom]: 19, [N.Valuelist]: 24, [N.Values]: 25 });
state(22, {}, 22);
state(23, {}, 21, {}, { [N.Nlok]: 26 });
state(24, { [T.RBracket]: 27 }, 0);
state(25, { [T.Comma]: 28 }, 17);
state(26, { [T.Newline]: 22 }, 19);
state(27, {}, 13);
state(28, {}, 21, {}, { [N.Nlok]: 29 });
state(29, { ...valueStart, [T.Newline]: 22 }, 18, {}, { [N.Value]: 30, [N.Atom]: 19 });
state(30, {}, 21, {}, { [N.Nlok]: 31 });
state(31, { [T.Newline]: 22 }, 20);

/** Dense action table: ACTION[state * NTOK + token] > 0 shift, < 0 reduce, 0 default. */
const NTOK = 13;
const ACTION = new Int16Array(SHIFT.length * NTOK);
for (let st = 0; st < SHIFT.length; st++) {
  for (const [t, to] of Object.entries(SHIFT[st])) ACTION[st * NTOK + +t] = to;
  for (const [t, rule] of Object.entries(REDUCE[st])) ACTION[st * NTOK + +t] = -rule;
}
const RULE_LHS = Int8Array.from(RULES.map((r) => r[0]));
const RULE_LEN = Int8Array.from(RULES.map((r) => r[1]));
const GOTO_TABLE = new Int16Array(SHIFT.length * 16).fill(-1);
GOTO.forEach((g, st) => {
  for (const [nt, to] of Object.entries(g)) GOTO_TABLE[st * 16 + +nt] = to as number;
});

/** The tokens Bison lists as "expecting" in a state: its explicit actions, in token order. */
function expectedTokens(s: number): number[] {
  const out = new Set<number>();
  for (const k of Object.keys(SHIFT[s])) if (+k !== ERROR_TOKEN) out.add(+k);
  for (const k of Object.keys(REDUCE[s])) out.add(+k);
  return [...out].sort((a, b) => a - b);
}

function syntaxMessage(s: number, lookahead: TokenKind): string {
  const expected = expectedTokens(s);
  let msg = `syntax error, unexpected ${TOKEN_XL_NAMES[lookahead]}`;
  // Bison's verbose messages list at most four expected tokens.
  if (expected.length > 0 && expected.length <= 4) {
    msg += `, expecting ${expected.map((t) => TOKEN_XL_NAMES[t]).join(' or ')}`;
  }
  return msg;
}

// --- the run ----------------------------------------------------------------

/** Stack entries carry a semantic value: token index, decoded value, or nothing. */
type Sem = number | XlValue | null;

export interface VerdictOptions {
  /**
   * Where xl gives up on the whole file (an error its grammar cannot recover
   * from, e.g. two values in a row), go on at the next line as its recovery
   * does elsewhere, for the names, operators and error tokens only: what an
   * editor colours after such a line. rc, stored and reports stay xl's.
   */
  resumeAfterAbort?: boolean;
}

export function xlVerdict(text: string, tokens: TokenList, options: VerdictOptions = {}): XlVerdict {
  const { kinds, starts, ends, xlLines, textStarts } = tokens;
  const decode = (k: number) => decodeString(text, starts[k], ends[k]);
  const reports: XlReport[] = [];
  const stored: XlStoredSetting[] = [];
  const latest = new Map<string, XlValue>();
  let err = false;
  let lexerrLine = -1;
  /** resumeAfterAbort: xl itself stopped reading (rc and reports are frozen from then on). */
  let aborted = false;
  let likelyPython = false;
  let crashed = false;

  let next = 0; // next token to pull
  let current = -1; // the token xl's yytext/yylloc describe
  let yylineno = 1;

  /** xl's report function: suppression, then the "near" text. */
  const yyerror = (locLine: number, textStart: number, textEnd: number, message: string, start: number, end: number, isEof = false) => {
    if (locLine <= lexerrLine || aborted) return;
    let line = locLine;
    let t = text.slice(textStart, textEnd);
    let near: string;
    if (isEof) {
      const nul = t.indexOf('\0');
      near = '`' + (nul >= 0 ? t.slice(0, nul) : t) + "'";
    } else {
      let newline = false;
      if (t.endsWith('\n')) {
        t = t.slice(0, -1);
        line--;
        newline = t.length === 0;
      }
      t = t.replace(/[ \t]+$/, '');
      const nul = t.indexOf('\0');
      const shown = nul >= 0 ? t.slice(0, nul) : t;
      near = t.length > 0 ? '`' + shown + "'" : newline ? '<newline>' : '';
    }
    reports.push({ xlLine: line, near, message, start, end });
    err = true;
  };
  const lexicalError = (line: number, textStart: number, textEnd: number, message: string, start: number, end: number) => {
    yyerror(line, textStart, textEnd, message, start, end);
    lexerrLine = line;
  };

  const pull = (): TokenKind => {
    const k = next++;
    const errors = tokens.lexErrors.size ? tokens.lexErrors.get(k) : undefined;
    if (errors) {
      for (const e of errors) {
        if (e.python) likelyPython = true;
        if (e.ignoredAtEof) continue;
        yylineno = e.xlLine;
        lexicalError(e.xlLine, e.start, e.end, 'lexical error', e.start, e.end);
      }
    }
    current = k;
    const kind = kinds[k] as TokenKind;
    if (kind === TokenKind.Newline) yylineno = textStarts[k] === starts[k] ? xlLines[k] + 1 : xlLines[k];
    else if (kind !== TokenKind.Eof) yylineno = xlLines[k];
    if (kind === TokenKind.String && !err) {
      const d = decode(k);
      if (d.nulAt >= 0) {
        crashed = true;
      } else if (d.error) {
        lexicalError(yylineno, starts[k], ends[k], d.error.xlMessage, d.error.start, d.error.end);
      }
    }
    return kind;
  };
  const errorAtCurrent = (message: string) => {
    if (current < 0) {
      yyerror(1, 0, 0, message, 0, 0, true);
      return;
    }
    const isEof = kinds[current] === TokenKind.Eof;
    yyerror(xlLines[current], textStarts[current], ends[current], message, starts[current], ends[current], isEof);
  };

  // The parser stack (Bison's: states, semantic values, locations).
  const states = new Int16Array(XL_MAX_STACK + 1);
  const locs = new Int32Array(XL_MAX_STACK + 1);
  const sems: Sem[] = [null];
  let sp = 0; // index of the top entry
  states[0] = 0;
  locs[0] = 1;
  let errstatus = 0;
  let lookahead = -1;
  let lookaheadIndex = -1;
  const statementNames: number[] = [];
  const operators: number[] = [];
  const errorTokens: number[] = [];

  const pushState = (s: number, sem: Sem, loc: number): boolean => {
    sp++;
    states[sp] = s;
    sems[sp] = sem;
    locs[sp] = loc;
    if (sp + 1 >= XL_MAX_STACK) {
      errorAtCurrent('memory exhausted');
      return false;
    }
    return true;
  };

  const reduce = (rule: number): boolean => {
    const len = RULE_LEN[rule];
    const base = sp - len + 1; // first entry of the right-hand side
    let sem: Sem = null;
    switch (rule) {
      case 8:
      case 9: {
        const nameTok = sems[base] as number;
        const value = sems[base + 2] as XlValue | null;
        if (!err && value !== null) {
          const name = text.slice(starts[nameTok], ends[nameTok]);
          const op = rule === 9 ? '+=' : '=';
          const result = op === '+=' ? appendValue(latest.get(name), value) : value;
          if (result === undefined) {
            lexicalError(yylineno, textStarts[current], ends[current], XL_APPEND_MISMATCH, starts[nameTok], ends[current]);
          } else {
            latest.set(name, result);
            stored.push({ name, op, value, stored: result, xlLine: locs[base + 2], nameToken: nameTok });
          }
        }
        break;
      }
      case 12:
      case 17:
      case 18:
        sem = sems[base];
        break;
      case 13:
        sem = err ? null : (sems[base + 2] as XlValue);
        break;
      case 14:
      case 15: {
        const k = sems[base] as number;
        sem = err ? null : kinds[k] === TokenKind.String ? decode(k).value : text.slice(starts[k], ends[k]);
        break;
      }
      case 16:
        sem = err ? null : [];
        break;
      case 19:
        sem = err ? null : [sems[base] as XlValue];
        break;
      case 20: {
        const list = sems[base] as XlValue[] | null;
        if (!err && list) list.push(sems[base + 3] as XlValue);
        sem = err ? null : list;
        break;
      }
    }
    // Bison's default location: the first symbol's line (empty rules: unused).
    const loc = len > 0 ? locs[base] : locs[sp];
    sp = base - 1;
    const to = GOTO_TABLE[states[sp] * 16 + RULE_LHS[rule]];
    return pushState(to, sem, loc);
  };

  parse: for (;;) {
    if (crashed) break;
    const s = states[sp];
    if (s === ACCEPT_STATE) break;
    let act: number;
    if (CONSISTENT[s]) {
      act = -DEFAULT[s];
    } else {
      if (lookahead === -1) {
        lookaheadIndex = next;
        lookahead = pull();
        if (crashed) break;
      }
      act = ACTION[s * NTOK + lookahead];
      if (act === 0) act = -DEFAULT[s];
    }
    if (act > 0) {
      if (s === 2 && lookahead === TokenKind.Ident) statementNames.push(lookaheadIndex);
      else if (s === 5) operators.push(lookaheadIndex);
      if (errstatus) errstatus--;
      const ok = pushState(act, lookaheadIndex, xlLines[lookaheadIndex]);
      lookahead = -1;
      if (!ok) break;
      continue;
    }
    if (act < 0) {
      if (!reduce(-act)) break;
      continue;
    }
    // Syntax error.
    if (!errstatus) {
      errorTokens.push(lookaheadIndex);
      if (!aborted) errorAtCurrent(syntaxMessage(s, lookahead as TokenKind));
    }
    if (errstatus === 3) {
      if (lookahead === TokenKind.Eof) break; // YYABORT
      lookahead = -1;
    }
    errstatus = 3;
    for (;;) {
      const target = SHIFT[states[sp]][ERROR_TOKEN];
      if (target !== undefined) {
        if (!pushState(target, null, current >= 0 ? xlLines[current] : 1)) break parse;
        break;
      }
      if (sp === 0) {
        // YYABORT, or (for editors) the next line.
        if (!options.resumeAfterAbort) break parse;
        while (lookahead !== TokenKind.Newline && lookahead !== TokenKind.Eof) {
          lookaheadIndex = next;
          lookahead = kinds[next++];
        }
        if (lookahead === TokenKind.Eof) break parse;
        lookahead = -1;
        errstatus = 0;
        aborted = true;
        break;
      }
      sp--;
    }
  }

  return { rc: err || crashed ? 22 : 0, crashed, stored, reports, pythonHint: err && likelyPython, statementNames, operators, errorTokens };
}

/** One report as xl prints it. */
export function formatXlReport(file: string, r: XlReport): string {
  return `${file}:${r.xlLine}: config parsing error near ${r.near}: ${r.message}`;
}

export type { LexError };
