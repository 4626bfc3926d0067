/**
 * Every rule xlcfg checks, in one table: its stable code, default severity
 * and a one-line explanation. Diagnostics, quick fixes, hover, the CLI and the
 * README's rule list all read from here.
 */
import type { Severity, SyntaxCode } from '../syntax/cst';

export type ChannelCode =
  | 'channel-not-list'
  | 'channel-item-not-string'
  | 'channel-empty-item'
  | 'channel-piece-without-equals'
  | 'channel-empty-value'
  | 'channel-empty-key'
  | 'channel-unknown-key'
  | 'channel-duplicate-key'
  | 'channel-missing-name'
  | 'channel-empty-name'
  | 'channel-duplicate-name'
  | 'channel-missing-connection'
  | 'channel-unknown-connection'
  | 'channel-duplicate-connection'
  | 'channel-missing-path'
  | 'channel-ignored-path'
  | 'channel-relative-path'
  | 'channel-path-too-long'
  | 'channel-duplicate-path'
  | 'channel-value-equals'
  | 'channel-value-quote'
  | 'channel-backend-invalid'
  | 'channel-name-style'
  | 'channel-mixed-dialect'
  | 'channel-seed-dialect'
  | 'channel-no-output';

export type ModelCode = 'append-type-mismatch' | 'setting-invalid-value';

export type ReleaseCode =
  | 'xen-key-unknown'
  | 'xen-key-deprecated'
  | 'xen-syntax-unsupported'
  | 'xen-value-removed'
  | 'xen-first-channel-lost';

export type RuleCode = SyntaxCode | ModelCode | ChannelCode | ReleaseCode;

export type RuleCategory = 'syntax' | 'settings' | 'channel' | 'release';

export interface RuleInfo {
  code: RuleCode;
  category: RuleCategory;
  severity: Severity;
  /** Off unless enabled in the settings. */
  defaultOff?: boolean;
  /** One line: what the rule finds and why it matters. */
  summary: string;
  /** What the quick fix does, when there is one. */
  fix?: string;
}

const table: RuleInfo[] = [
  // --- syntax: the file as xl's parser reads it ---------------------------------
  { code: 'syntax-invalid-character', category: 'syntax', severity: 'error', summary: 'A character that can only appear inside a string or a comment; xl rejects the file.' },
  { code: 'syntax-uppercase-name', category: 'syntax', severity: 'error', summary: "Setting names start with a lowercase letter and contain only a-z, 0-9, '_' and '.'; xl rejects the file.", fix: 'Rename to the lowercase key.' },
  { code: 'syntax-unquoted-word', category: 'syntax', severity: 'error', summary: 'A bare word used as a value; values are quoted strings, numbers or lists.', fix: 'Quote the word.' },
  { code: 'syntax-number-format', category: 'syntax', severity: 'error', summary: 'A number with a sign, fraction, unit suffix or uppercase hex; xl numbers are [0-9][0-9a-fx]*.', fix: 'Quote a signed number.' },
  { code: 'syntax-python', category: 'syntax', severity: 'error', summary: 'Python syntax (parentheses, operators, dashes in names); xl.cfg is not Python and xl rejects the file.' },
  { code: 'syntax-unterminated-string', category: 'syntax', severity: 'error', summary: 'A string without its closing quote on the same line.', fix: 'Add the closing quote.' },
  { code: 'syntax-invalid-escape', category: 'syntax', severity: 'error', summary: 'A backslash escape xl does not accept (\\x.., numeric or unknown escapes).', fix: 'Double the backslash.' },
  { code: 'syntax-nul-in-string', category: 'syntax', severity: 'error', summary: 'A NUL byte inside a string: libxlu aborts on it.' },
  { code: 'syntax-crlf', category: 'syntax', severity: 'error', summary: 'CR characters (Windows line endings) outside strings and comments; xl rejects them.', fix: 'Convert the line endings to LF.' },
  { code: 'syntax-bom', category: 'syntax', severity: 'error', summary: 'A byte order mark at the start of the file; xl rejects it.', fix: 'Remove the byte order mark.' },
  { code: 'syntax-comment-at-eof', category: 'syntax', severity: 'error', summary: 'A comment on the last line without a final newline; xl rejects the file.', fix: 'Add a newline at the end of the file.' },
  { code: 'syntax-ignored-last-byte', category: 'syntax', severity: 'warning', summary: 'A stray character as the very last byte, which xl happens to ignore.', fix: 'Remove the stray character.' },
  { code: 'syntax-expected-operator', category: 'syntax', severity: 'error', summary: "A setting name not followed by '=' or '+='." },
  { code: 'syntax-missing-value', category: 'syntax', severity: 'error', summary: "Nothing after '=' on the same line; the value must start on the line of its name." },
  { code: 'syntax-expected-value', category: 'syntax', severity: 'error', summary: "Something that is not a value after '='." },
  { code: 'syntax-expected-end', category: 'syntax', severity: 'error', summary: "More text after a complete value; a statement ends with a newline or ';'." },
  { code: 'syntax-list', category: 'syntax', severity: 'error', summary: "A malformed list: missing or extra ',', or ';'/'=' inside '[ ]'." },
  { code: 'syntax-unclosed-list', category: 'syntax', severity: 'error', summary: "A '[' without its ']'.", fix: "Insert the missing ']'." },
  { code: 'syntax-nesting-too-deep', category: 'syntax', severity: 'error', summary: "Lists nested so deeply that xl's parser runs out of stack." },
  { code: 'syntax-unexpected-token', category: 'syntax', severity: 'error', summary: 'A statement that does not start with a setting name.' },
  // --- settings -----------------------------------------------------------------------
  { code: 'append-type-mismatch', category: 'settings', severity: 'error', summary: "'+=' mixing a list and a single value; xl rejects the file." },
  { code: 'setting-invalid-value', category: 'settings', severity: 'error', summary: 'A type= or builder= value xl does not accept, or the two contradicting each other; xl stops.' },
  // --- channels -----------------------------------------------------------------------
  { code: 'channel-not-list', category: 'channel', severity: 'error', summary: 'channel is a single value: xl only warns and creates no channel at all.', fix: 'Wrap the value in [ ].' },
  { code: 'channel-item-not-string', category: 'channel', severity: 'error', summary: 'A channel list item that is not a string: xl silently drops it and every item after it.' },
  { code: 'channel-empty-item', category: 'channel', severity: 'error', summary: 'An empty channel item (or only commas): xl crashes on it (upstream) or creates a nameless channel (seed).', fix: 'Remove the item.' },
  { code: 'channel-piece-without-equals', category: 'channel', severity: 'error', summary: "A piece of a channel spec without '=': xl exits (upstream) or silently ignores the rest of the item (seed)." },
  { code: 'channel-empty-value', category: 'channel', severity: 'error', summary: "A 'key=' with nothing after '=': xl exits with 'failed to parse channel configuration'." },
  { code: 'channel-empty-key', category: 'channel', severity: 'error', summary: "A piece '=value' without a key: xl exits before 4.18, and warns and ignores it from 4.18." },
  { code: 'channel-unknown-key', category: 'channel', severity: 'warning', summary: 'A key xl does not know: it warns and ignores it.', fix: 'Replace with the nearest known key.' },
  { code: 'channel-duplicate-key', category: 'channel', severity: 'warning', summary: 'The same key twice in one channel: the last one wins, the earlier is ignored.', fix: 'Remove the earlier one.' },
  { code: 'channel-missing-name', category: 'channel', severity: 'error', summary: 'A channel without name=: libxl refuses to create the domain.', fix: 'Add name=.' },
  { code: 'channel-empty-name', category: 'channel', severity: 'warning', summary: 'An empty channel name: accepted by xl, but the guest cannot find the channel by name.' },
  { code: 'channel-duplicate-name', category: 'channel', severity: 'error', summary: 'Two channels with the same name: the guest cannot tell them apart.' },
  { code: 'channel-missing-connection', category: 'channel', severity: 'error', summary: "A channel without connection= (upstream): xl exits with \"channel has unknown 'connection'\".", fix: 'Add connection=pty, or convert type=.' },
  { code: 'channel-unknown-connection', category: 'channel', severity: 'error', summary: 'A connection= (or seed type=) value xl does not accept; values are lower case.', fix: 'Replace with the nearest valid value.' },
  { code: 'channel-duplicate-connection', category: 'channel', severity: 'warning', summary: 'connection=/type= given twice: upstream xl uses the last one; the seed xl exits (error there).', fix: 'Remove the duplicate.' },
  { code: 'channel-missing-path', category: 'channel', severity: 'error', summary: 'A socket channel (or seed file channel) without path=: xl/libxl refuse it.', fix: 'Add path= with a socket path built from the domain and channel names.' },
  { code: 'channel-ignored-path', category: 'channel', severity: 'warning', summary: 'path= on a pty (or seed none) channel, where xl ignores it.', fix: 'Remove path=.' },
  { code: 'channel-relative-path', category: 'channel', severity: 'warning', summary: "A relative socket path: qemu binds it relative to its own working directory." },
  { code: 'channel-path-too-long', category: 'channel', severity: 'error', summary: 'A socket path of 108 bytes or more: it does not fit a Unix socket address and qemu fails to start.' },
  { code: 'channel-duplicate-path', category: 'channel', severity: 'error', summary: 'Two socket channels with the same path: only one of them can work.' },
  { code: 'channel-value-equals', category: 'channel', severity: 'warning', summary: "A value containing '=': xl before 4.18 silently drops everything after the second '='." },
  { code: 'channel-value-quote', category: 'channel', severity: 'hint', summary: "A key or value containing '\"': the channel documentation forbids it, though xl reads it." },
  { code: 'channel-backend-invalid', category: 'channel', severity: 'warning', summary: 'backend= is neither a domain id nor a plausible domain name.' },
  { code: 'channel-name-style', category: 'channel', severity: 'hint', defaultOff: true, summary: 'A channel name not in the recommended reverse-domain form with a version (org.example.agent.0).' },
  { code: 'channel-mixed-dialect', category: 'channel', severity: 'warning', summary: 'The file mixes the seed dialect (type=) and the upstream dialect (connection=).', fix: 'Convert the file to the upstream dialect.' },
  { code: 'channel-seed-dialect', category: 'channel', severity: 'warning', summary: "A file whose channels use the 2014 proposal's type= while the target is a released Xen, whose xl only reads connection=.", fix: 'Convert the file to connection= (or mark it # xlcfg: xen=seed-2014).' },
  { code: 'channel-no-output', category: 'channel', severity: 'information', summary: 'A seed-dialect channel without type=: it is created but connected to nothing.' },
  // --- release-aware ------------------------------------------------------------------
  { code: 'xen-key-unknown', category: 'release', severity: 'warning', summary: 'A key the target xl does not read (a typo, or a key from another release): xl silently ignores it.', fix: 'Replace with the nearest known key.' },
  { code: 'xen-key-deprecated', category: 'release', severity: 'warning', summary: 'A deprecated key, with its replacement.' },
  { code: 'xen-syntax-unsupported', category: 'release', severity: 'error', summary: "Syntax the target release's parser lacks: '+=' before 4.13, nested lists before 4.6." },
  { code: 'xen-value-removed', category: 'release', severity: 'error', summary: 'A value the target release no longer accepts (qemu-xen-traditional from 4.21).' },
  { code: 'xen-first-channel-lost', category: 'release', severity: 'warning', summary: 'A release whose xl puts the first channel on console 0 (4.11.0-4.18.4, 4.19.0-4.19.1, 4.20.0): the guest never sees it.' },
];

export const RULES: ReadonlyMap<RuleCode, RuleInfo> = new Map(table.map((r) => [r.code, r]));

export function ruleInfo(code: RuleCode): RuleInfo {
  const info = RULES.get(code);
  if (!info) throw new Error(`unknown rule ${code}`);
  return info;
}

export function allRules(): RuleInfo[] {
  return table.slice();
}
