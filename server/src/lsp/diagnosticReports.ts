/**
 * Pulled diagnostics (textDocument/diagnostic, LSP 3.17), for clients that
 * ask for them (VS Code does): each answer carries a result id, and when the
 * client's previous id is the last one given for the document and the
 * diagnostics, as the client sees them (lines and characters), are the same,
 * the answer is "unchanged" instead of the whole list again. Typing inside
 * a line leaves every diagnostic on the other lines where the client has
 * it, so most keystrokes in a file with a thousand findings send a few
 * bytes instead of half a megabyte.
 */
import { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DocumentDiagnosticReport, DocumentDiagnosticReportKind } from 'vscode-languageserver';
import { sameRange } from './diagnostics';

interface LastReport {
  resultId: string;
  items: LspDiagnostic[];
}

export class DiagnosticReports {
  private readonly last = new Map<string, LastReport>();
  private serial = 0;

  /** The answer for `uri` whose diagnostics are now `items`, to a client that last got `previousResultId`. */
  report(uri: string, items: LspDiagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
    const last = this.last.get(uri);
    if (last && previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(++this.serial);
    this.last.set(uri, { resultId, items });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

/** Whether two lists say the same to a client: every field a diagnostic can carry, in order. */
export function sameDiagnostics(a: readonly LspDiagnostic[], b: readonly LspDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameDiagnostic(a[i], b[i])) return false;
  return true;
}

function sameDiagnostic(a: LspDiagnostic, b: LspDiagnostic): boolean {
  return (
    sameRange(a.range, b.range) &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.source === b.source &&
    a.message === b.message &&
    a.codeDescription?.href === b.codeDescription?.href &&
    sameList(a.tags, b.tags, (x, y) => x === y) &&
    sameList(a.relatedInformation, b.relatedInformation, sameRelated) &&
    // (The server never sends data; compared in case it ever does.)
    a.data === b.data
  );
}

function sameRelated(a: DiagnosticRelatedInformation, b: DiagnosticRelatedInformation): boolean {
  return a.message === b.message && a.location.uri === b.location.uri && sameRange(a.location.range, b.location.range);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined, same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}
