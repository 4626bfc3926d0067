/**
 * Quick fixes for the channel rules: pure functions of a diagnostic (its
 * `data`, computed by the rule) and the document text. Text inserted into a
 * string is escaped for that string's quote.
 */
import { encodeString } from '../../syntax/stringLiteral';
import type { ChannelFixData } from '../channelRules';
import type { Diagnostic } from '../diagnostic';
import type { Fix, TextEdit } from '../edit';


/** Escapes the literal parts of a snippet (outside ${...} placeholders) for a string. */
function escapeSnippetText(s: string, quote: '"' | "'"): string {
  // Placeholders are ${N:default} or ${N|a,b|}: escape everything else.
  return s.replace(/(\$\{\d+(?::[^}]*|\|[^}]*\|)\})|([^$]+|\$)/g, (_m, ph: string | undefined, lit: string | undefined) => (ph ? ph.replace(/:([^}]*)\}$/, (_x, d: string) => `:${encodeString(d, quote)}}`) : encodeString(lit ?? '', quote)));
}

/** The text a snippet produces when every placeholder keeps its default (first choice). */
export function snippetToPlain(s: string): string {
  return s.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\d+/g, '');
}

function edits(data: ChannelFixData, snippets: boolean): TextEdit[] {
  switch (data.fix) {
    case 'insert': {
      const text = escapeSnippetText(data.text, data.quote);
      return [{ start: data.at, end: data.at, newText: data.snippet && snippets ? text : data.snippet ? snippetToPlain(text) : text, snippet: !!data.snippet && snippets }];
    }
    case 'replace':
      return [{ start: data.span.start, end: data.span.end, newText: encodeString(data.text, data.quote) }];
    case 'remove':
      return [{ start: data.span.start, end: data.span.end, newText: '' }];
    case 'wrap-list':
      return [
        { start: data.span.start, end: data.span.start, newText: '[ ' },
        { start: data.span.end, end: data.span.end, newText: ' ]' },
      ];
    case 'multi':
      return data.fixes.flatMap((f) => edits(f, snippets));
  }
}

function title(data: ChannelFixData): string {
  return data.fix === 'multi' ? title(data.fixes[0]) : data.title;
}

function isFixData(x: unknown): x is ChannelFixData {
  return !!x && typeof x === 'object' && typeof (x as { fix?: unknown }).fix === 'string';
}

/**
 * The fixes for one channel diagnostic. `snippets`: the client can take
 * snippet edits (tab stops); otherwise placeholders get their default text.
 */
export function channelFixes(d: Diagnostic, options: { snippets?: boolean } = {}): Fix[] {
  if (!d.code.startsWith('channel-') || !isFixData(d.data)) return [];
  const data = d.data;
  const preferred = data.fix === 'replace' ? data.preferred : data.fix !== 'remove' || d.code !== 'channel-piece-without-equals';
  return [{ title: title(data), edits: edits(data, options.snippets === true), preferred }];
}
