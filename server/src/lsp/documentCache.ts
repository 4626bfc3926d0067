/**
 * One parse and one check per document version, shared by every feature
 * (diagnostics, completion, hover, code actions, symbols, folding).
 *
 * The syntax tree depends only on the text, so a settings change re-runs the
 * checks on the cached tree without parsing again.
 */
import { checkTree, CheckedDocument, PreviousCheck } from '../check';
import type { FileDirectives } from '../check/fileDirectives';
import type { CheckOptions } from '../check/options';
import type { XenVersion } from '../model/xenVersion';
import type { SyntaxTree } from '../syntax/cst';
import { diffTexts, diffWithin, reparse } from '../syntax/incremental';
import { parse } from '../syntax/parser';
import { DefaultTarget, NEWEST_TARGET, settingsOptions, XlcfgSettings } from './configuration';
import type { EditLog } from './editLog';

/** The minimal document the cache needs (a TextDocument fits). */
export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

export interface CachedDocument {
  uri: string;
  version: number;
  checked: CheckedDocument;
  /** The options the document was checked with (settings + file directives). */
  options: CheckOptions;
  directives: FileDirectives;
  xen: XenVersion;
  settings: XlcfgSettings;
}

interface Entry {
  version: number;
  tree: SyntaxTree;
  result?: CachedDocument;
  /** The check of the version before, and the edit since (consumed by the next check). */
  previous?: PreviousCheck;
}

/** Facts about a document's file that its text does not show (lsp/connection.ts learns them on open and save). */
export interface FileFacts {
  hiddenBom?: boolean;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly facts = new Map<string, FileFacts>();
  /** How many parses and checks ran (for tests and logging). */
  readonly stats = { parses: 0, checks: 0 };

  /**
   * `fallback`: the target when neither a setting nor the file names one (the installed xl's release, else the newest).
   * `edits`: what the client said each edit replaced (else two versions' texts are compared whole).
   */
  constructor(
    private readonly fallback: DefaultTarget = NEWEST_TARGET,
    private readonly edits?: EditLog,
  ) {}

  /** The checked document for this version and these settings; computed at most once. */
  get(doc: VersionedText, settings: XlcfgSettings): CachedDocument {
    let entry = this.entries.get(doc.uri);
    if (!entry || entry.version !== doc.version) {
      const text = doc.getText();
      // A new version of a known document: reparse only around the edit (the old tree is consumed), and
      // hand the old check to the new one (unchanged channel items move over).
      const known = entry && this.edits?.region(doc.uri, entry.version, doc.version, entry.tree.text.length, text.length);
      const change = !entry ? undefined : known ? diffWithin(entry.tree.text, text, known) : diffTexts(entry.tree.text, text);
      const tree = !entry ? parse(text) : change ? reparse(entry.tree, text, {}, change) : entry.tree;
      const previous = entry?.result && change ? { checked: entry.result.checked, change } : undefined;
      this.stats.parses++;
      entry = { version: doc.version, tree, previous };
      this.entries.set(doc.uri, entry);
    }
    if (entry.result && entry.result.settings === settings) return entry.result;
    const base = settingsOptions(settings, doc.uri, this.fallback);
    const checked = checkTree(entry.tree, this.facts.get(doc.uri)?.hiddenBom ? { ...base, hiddenBom: true } : base, entry.previous);
    entry.previous = undefined;
    this.stats.checks++;
    const { options, directives } = checked;
    entry.result = { uri: doc.uri, version: doc.version, checked, options, directives, xen: options.xen, settings };
    return entry.result;
  }

  /** The cached result for exactly this version, if any (never computes). */
  peek(uri: string, version: number): CachedDocument | undefined {
    const e = this.entries.get(uri);
    return e && e.version === version ? e.result : undefined;
  }

  delete(uri: string): void {
    this.edits?.forget(uri);
    this.entries.delete(uri);
    this.facts.delete(uri);
  }

  /** What the file on disk says; a change drops the document's check result. Returns whether anything changed. */
  setFileFacts(uri: string, facts: FileFacts): boolean {
    const old = this.facts.get(uri);
    if (!!old?.hiddenBom === !!facts.hiddenBom) return false;
    this.facts.set(uri, facts);
    const e = this.entries.get(uri);
    if (e) e.result = undefined;
    return true;
  }

  /** Settings changed: keep the trees, drop the check results. */
  invalidateChecks(): void {
    for (const e of this.entries.values()) {
      e.result = undefined;
      e.previous = undefined;
    }
  }
}
