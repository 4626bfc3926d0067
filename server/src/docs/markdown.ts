/**
 * Markdown for hover and completion text: escaping plain text (so that a
 * value or a man page sentence never turns into markup) and code spans. One
 * place for both, used by docs/ (the man page) and lsp/ (our own text).
 */

/**
 * Escapes text for Markdown outside code spans: backslashes, backticks,
 * emphasis, HTML (autolinks such as <https://...> stay links), a ']' that would close a link,
 * entities, and a '>' or '#' that would start a quote or a heading; an
 * underscore inside a word stays as it is (snake_case names read well).
 */
export function escapeMarkdown(text: string): string {
  let out = '';
  const autolink = /<(?:https?|ftp|mailto):[^\s<>]*>/y;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const lineStart = i === 0 || text[i - 1] === '\n';
    if (c === '<') {
      autolink.lastIndex = i;
      const m = autolink.exec(text);
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
      out += '\\<';
      continue;
    }
    if (c === '\\' || c === '`' || c === '*' || c === '~' || (lineStart && (c === '>' || c === '#'))) {
      out += '\\' + c;
      continue;
    }
    // Brackets only make a link when ']' is followed by '(' or '['.
    if (c === ']' && (text[i + 1] === '(' || text[i + 1] === '[')) {
      out += '\\]';
      continue;
    }
    if (c === '_') {
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      const word = /[A-Za-z0-9_]/;
      out += word.test(prev) && word.test(next) ? '_' : '\\_';
      continue;
    }
    if (c === '&' && /^&#?[A-Za-z0-9]+;/.test(text.slice(i))) {
      out += '\\&';
      continue;
    }
    out += c;
  }
  return out;
}

/** A code span that survives backticks in the text (a longer fence, padded when the text starts or ends with one). */
export function codeSpan(text: string): string {
  if (text.trim() === '') return text;
  const runs = text.match(/`+/g) ?? [];
  const longest = runs.reduce((m, r) => Math.max(m, r.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return fence + pad + text + pad + fence;
}
