/**
 * Diagnostics: the checker's plain diagnostics as LSP diagnostics, and the
 * push of them to the client, at most once per document version and never
 * for a version that is no longer current.
 */
import { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, PublishDiagnosticsClientCapabilities, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, DiagnosticTag as CoreTag } from '../check/diagnostic';
import { isRuleCode, ruleInfo } from '../check/rules';
import type { Severity } from '../syntax/cst';
import type { CachedDocument } from './documentCache';
import { errorText } from './errorText';
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

/** Whether two ranges are the same lines and characters. */
export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * What the client takes beside range, severity, code, source and message
 * (its publishDiagnostics capabilities): a field it did not ask for is not
 * sent. `data` is never sent: a quick fix is built from the server's own
 * findings for the current version (fromLspDiagnostic), so a fix never
 * applies offsets from an older text, and each diagnostic is smaller.
 */
export interface DiagnosticFields {
  relatedInformation: boolean;
  codeDescription: boolean;
  tags: ReadonlySet<DiagnosticTag>;
}

/** Every field (tests and callers that know nothing of the client). */
export const ALL_DIAGNOSTIC_FIELDS: DiagnosticFields = { relatedInformation: true, codeDescription: true, tags: new Set(Object.values(TAG)) };

/** The fields a client's capabilities ask for. */
export function diagnosticFieldsFor(caps: PublishDiagnosticsClientCapabilities | undefined): DiagnosticFields {
  return {
    relatedInformation: caps?.relatedInformation === true,
    codeDescription: caps?.codeDescriptionSupport === true,
    tags: new Set(caps?.tagSupport?.valueSet ?? []),
  };
}

export function toLspDiagnostic(d: Diagnostic, doc: TextDocument, fields: DiagnosticFields = ALL_DIAGNOSTIC_FIELDS): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(doc, d.start, d.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (fields.codeDescription) out.codeDescription = { href: ruleDocsHref(d.code) };
  // (Read once: a finding may make its related places when asked, see check/reassignedFinding.ts.)
  const related = fields.relatedInformation ? d.related : undefined;
  if (related?.length) {
    out.relatedInformation = related.map((r): DiagnosticRelatedInformation => ({ location: { uri: doc.uri, range: toRange(doc, r.start, r.end) }, message: r.message }));
  }
  if (d.tags?.length) {
    const tags = d.tags.map((t) => TAG[t]).filter((t) => fields.tags.has(t));
    if (tags.length) out.tags = tags;
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The findings sent when there are more than `max`: the most severe first
 * (an error xl stops on is never crowded out by warnings), in document order.
 */
export function publishedFindings(ds: readonly Diagnostic[], max: number): readonly Diagnostic[] {
  if (ds.length <= max) return ds;
  // The severity below which nothing fits, and how many of that severity still do (one pass to count).
  const counts = [0, 0, 0, 0];
  for (const d of ds) counts[SEVERITY_RANK[d.severity]]++;
  let cut = 0;
  let room = max;
  while (cut < 3 && counts[cut] <= room) room -= counts[cut++];
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const r = SEVERITY_RANK[d.severity];
    if (r < cut) out.push(d);
    else if (r === cut && room > 0) {
      out.push(d);
      room--;
    }
  }
  return out;
}

/** The diagnostics of a checked document, as sent to the client (capped, errors kept first). */
export function toLspDiagnostics(cached: CachedDocument, doc: TextDocument, fields: DiagnosticFields = ALL_DIAGNOSTIC_FIELDS, max = MAX_PUBLISHED_DIAGNOSTICS): LspDiagnostic[] {
  return publishedFindings(cached.checked.diagnostics, max).map((d) => toLspDiagnostic(d, doc, fields));
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
    return sameRange(toRange(doc, d.start, d.end), ld.range);
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
  };
}

export interface DiagnosticsHost {
  /** The open document, as it is now. */
  document(uri: string): TextDocument | undefined;
  /** Computes (or takes from the cache) the checked document for the current version. */
  check(doc: TextDocument): Promise<CachedDocument | undefined>;
  publish(uri: string, version: number, diagnostics: LspDiagnostic[]): void;
  /** The fields the client takes. */
  fields(): DiagnosticFields;
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
      this.host.publish(uri, version, toLspDiagnostics(cached, now, this.host.fields()));
    } catch (e) {
      this.host.error(`checking ${uri} failed: ${errorText(e)}`);
    }
  }
}
