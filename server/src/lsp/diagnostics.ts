/**
 * Diagnostics: the checker's plain diagnostics as LSP diagnostics, and the
 * push of them to the client, at most once per document version and never
 * for a version that is no longer current.
 */
import { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticTag as CoreTag } from '../check/diagnostic';
import { isRuleCode, ruleInfo } from '../check/rules';
import type { Severity } from '../syntax/cst';
import type { CachedDocument } from './documentCache';
import { DIAGNOSTIC_SOURCE, ruleDocsHref } from './protocol';

/** More than this many diagnostics in one file are not sent (a file of junk would flood the client). */
export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SEVERITY_NAME = new Map<number, Severity>(Object.entries(SEVERITY).map(([k, v]) => [v, k as Severity]));

const TAG: Record<CoreTag, DiagnosticTag> = {
  unnecessary: DiagnosticTag.Unnecessary,
  deprecated: DiagnosticTag.Deprecated,
};

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toLspDiagnostic(d: Diagnostic, doc: TextDocument): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(doc, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: ruleDocsHref(d.code) },
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r): DiagnosticRelatedInformation => ({ location: { uri: doc.uri, range: toRange(doc, r.start, r.end) }, message: r.message }));
  }
  if (d.tags?.length) out.tags = d.tags.map((t) => TAG[t]).filter((t) => t !== undefined);
  if (d.data !== undefined) out.data = d.data;
  return out;
}

/** The diagnostics of a checked document, as sent to the client (capped). */
export function toLspDiagnostics(cached: CachedDocument, doc: TextDocument, max = MAX_PUBLISHED_DIAGNOSTICS): LspDiagnostic[] {
  const ds = cached.checked.diagnostics;
  return (ds.length > max ? ds.slice(0, max) : ds).map((d) => toLspDiagnostic(d, doc));
}

/**
 * The checker's diagnostic an LSP diagnostic stands for (code actions get the
 * client's copy back). Prefers the cached original (with all its data); falls
 * back to rebuilding it from what the client sent.
 */
export function fromLspDiagnostic(ld: LspDiagnostic, doc: TextDocument, cached: CachedDocument): Diagnostic | undefined {
  if (ld.source !== undefined && ld.source !== DIAGNOSTIC_SOURCE) return undefined;
  if (typeof ld.code !== 'string') return undefined;
  const start = doc.offsetAt(ld.range.start);
  const end = doc.offsetAt(ld.range.end);
  // Compare as the client saw them: some offsets have no position of their own (between CR and LF).
  const same = cached.checked.diagnostics.find((d) => {
    if (d.code !== ld.code || d.message !== ld.message) return false;
    const r = toRange(doc, d.start, d.end);
    return r.start.line === ld.range.start.line && r.start.character === ld.range.start.character && r.end.line === ld.range.end.line && r.end.character === ld.range.end.character;
  });
  if (same) return same;
  if (!isRuleCode(ld.code)) return undefined;
  return {
    code: ld.code,
    severity: SEVERITY_NAME.get(ld.severity ?? DiagnosticSeverity.Error) ?? 'error',
    effect: ruleInfo(ld.code).effect,
    message: ld.message,
    start,
    end,
    data: ld.data,
  };
}

export interface DiagnosticsHost {
  /** The open document, as it is now. */
  document(uri: string): TextDocument | undefined;
  /** Computes (or takes from the cache) the checked document for the current version. */
  check(doc: TextDocument): Promise<CachedDocument | undefined>;
  publish(uri: string, version: number, diagnostics: LspDiagnostic[]): void;
  error(message: string): void;
}

/**
 * Schedules the push of diagnostics. A change schedules a run after the
 * messages already received have been handled (so a burst of edits is
 * checked once, for its last version); a run for a version that is no longer
 * current is dropped, and so is a result that arrives after a newer edit.
 */
export class DiagnosticsPublisher {
  private readonly pending = new Map<string, number>();
  private readonly published = new Map<string, { version: number; generation: number }>();
  generation = 0;

  constructor(private readonly host: DiagnosticsHost) {}

  schedule(uri: string, version: number): void {
    this.pending.set(uri, version);
    // Two turns: the first lets the message queue hand over edits that already arrived.
    setImmediate(() => setImmediate(() => void this.run(uri, version)));
  }

  /** Re-check every open document (settings changed). */
  scheduleAll(uris: Iterable<string>): void {
    this.generation++;
    for (const uri of uris) {
      const doc = this.host.document(uri);
      if (doc) this.schedule(uri, doc.version);
    }
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.published.delete(uri);
  }

  private async run(uri: string, version: number): Promise<void> {
    if (this.pending.get(uri) !== version) return; // a newer change superseded this one
    const doc = this.host.document(uri);
    if (!doc || doc.version !== version) return;
    const last = this.published.get(uri);
    if (last && last.version === version && last.generation === this.generation) return;
    const generation = this.generation;
    try {
      const cached = await this.host.check(doc);
      const now = this.host.document(uri);
      if (!cached || !now || now.version !== version || cached.version !== version) return; // stale text
      if (generation !== this.generation) return; // stale settings: the run scheduled with the change publishes
      if (this.pending.get(uri) !== version) return;
      this.pending.delete(uri);
      this.published.set(uri, { version, generation });
      this.host.publish(uri, version, toLspDiagnostics(cached, now));
    } catch (e) {
      this.host.error(`checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
}
