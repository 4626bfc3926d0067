/**
 * Quick fixes for the device rules: pure functions of a diagnostic's data
 * (computed by check/deviceRules.ts). Text written into a string is escaped
 * for that string's quote.
 */
import type { DeviceFixData } from '../deviceRules';
import type { Diagnostic } from '../diagnostic';
import type { Fix, TextEdit } from '../edit';
import { encodeString } from '../../syntax/stringLiteral';

function isFixData(x: unknown): x is DeviceFixData {
  return !!x && typeof x === 'object' && typeof (x as { fix?: unknown }).fix === 'string';
}

function edits(d: DeviceFixData): TextEdit[] {
  switch (d.fix) {
    case 'replace':
      return [{ start: d.span.start, end: d.span.end, newText: encodeString(d.text, d.quote) }];
    case 'remove':
      return [{ start: d.span.start, end: d.span.end, newText: '' }];
    case 'insert':
      return [{ start: d.at, end: d.at, newText: encodeString(d.text, d.quote) }];
    case 'wrap':
      return [
        { start: d.span.start, end: d.span.start, newText: '[ ' },
        { start: d.span.end, end: d.span.end, newText: ' ]' },
      ];
  }
}

export function deviceFixes(d: Diagnostic): Fix[] {
  if (!isFixData(d.data)) return [];
  const data = d.data;
  return [{ title: data.title, edits: edits(data), preferred: data.fix === 'replace' ? data.preferred : undefined }];
}
