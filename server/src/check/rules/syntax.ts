/** Rules of the file syntax, as xl's parser (libxlu) reads it. */
import type { SyntaxCode } from '../../syntax/cst';
import type { RuleSpec } from './types';

const refuses = { category: 'syntax', severity: 'error', effect: 'xl-refuses' } as const;

export const SYNTAX_RULES = {
  'syntax-invalid-character': { ...refuses, summary: 'A character that can only appear inside a string or a comment; xl rejects the file.', fixes: ['Quote it: {quoted}'] },
  'syntax-uppercase-name': { ...refuses, summary: "Setting names start with a lowercase letter and contain only a-z, 0-9, '_' and '.'; xl rejects the file.", fixes: ["Rename to '{name}'"] },
  'syntax-unquoted-word': { ...refuses, summary: 'A bare word used as a value; values are quoted strings, numbers or lists.', fixes: ['Quote it: {quoted}'] },
  'syntax-number-format': { ...refuses, summary: 'A number with a sign, fraction, unit suffix or uppercase hex; xl numbers are [0-9][0-9a-fx]*.', fixes: ['Quote the signed number: {quoted}', 'Write it as {fixed}'] },
  'syntax-python': { ...refuses, summary: 'Python syntax (parentheses, operators, dashes in names); xl.cfg is not Python and xl rejects the file.' },
  'syntax-unterminated-string': { ...refuses, summary: 'A string without its closing quote on the same line.', fixes: ['Add the closing {quote}'] },
  'syntax-invalid-escape': { ...refuses, summary: 'A backslash escape xl does not accept (\\x.., numeric or unknown escapes).', fixes: ['Double the backslash', 'Double the backslashes of the {count} invalid escapes'] },
  'syntax-nul-in-string': { ...refuses, summary: 'A NUL byte inside a string: libxlu aborts on it.', fixes: ['Remove the NUL byte', 'Remove the NUL byte and the backslash before it'] },
  'syntax-crlf': { ...refuses, summary: 'CR characters (Windows line endings) outside strings and comments; xl rejects them.', fixes: ['Convert the line endings to LF (whole file)'] },
  'syntax-bom': { ...refuses, summary: 'A byte order mark at the start of the file; xl rejects it.', fixes: ['Remove the byte order mark'] },
  'syntax-comment-at-eof': { ...refuses, summary: 'A comment on the last line without a final newline; xl rejects the file.', fixes: ['Add a newline at the end of the file'] },
  'syntax-ignored-last-byte': { category: 'syntax', severity: 'warning', effect: 'ignored', summary: 'A stray character as the very last byte, which xl happens to ignore.', fixes: ["Remove the stray '{char}' at the end of the file"] },
  'syntax-expected-operator': { ...refuses, summary: "A setting name not followed by '=' or '+='." },
  'syntax-missing-value': { ...refuses, summary: "Nothing after '=' on the same line; the value must start on the line of its name." },
  'syntax-expected-value': { ...refuses, summary: "Something that is not a value after '='." },
  'syntax-expected-end': { ...refuses, summary: "More text after a complete value; a statement ends with a newline or ';'.", fixes: ['Write it as {fixed}'] },
  'syntax-list': { ...refuses, summary: "A malformed list: missing or extra ',', or ';'/'=' inside '[ ]'." },
  'syntax-unclosed-list': { ...refuses, summary: "A '[' without its ']'.", fixes: ["Insert the missing '{brackets}'"] },
  'syntax-nesting-too-deep': { ...refuses, summary: "Lists nested so deeply that xl's parser runs out of stack." },
  'syntax-unexpected-token': { ...refuses, summary: 'A statement that does not start with a setting name.' },
} as const satisfies Record<SyntaxCode, RuleSpec>;
