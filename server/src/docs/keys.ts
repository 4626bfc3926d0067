/**
 * What xlcfg knows about every top-level key and every spec sub-key: how xl
 * reads it, its values, where the man page documents it, and our own summary.
 * The data is server/data/keys.json (built by scripts/gen-keys.mjs from the
 * in-repo tables; see server/data/README.md). Pure data: safe for every layer.
 */
import data from '../../data/keys.json';

/** How xl reads a top-level key (value_type column of the reference table). */
export type KeyValueType =
    "string"
  | "number"
  | "boolean"
  | "list"
  | "list-of-specs"
  | "list-of-lists"
  | "string-spec"
  | "string-or-list"
  | "string-or-number"
  | "boolean-or-list"
  | "boolean-or-string";

/** Status flags of a key (status column of the reference table). */
export type KeyStatus = "mandatory" | "deprecated" | "x86" | "arm" | "hvm-only" | "pv-only" | "pvh-only" | "pv-or-pvh" | "hvm-or-pvh" | "removed-from-doc";

/**
 * The form a new setting is usually written in, for completion snippets:
 * - 'string': `key = "..."`          - 'enum': `key = "one-of-values"`
 * - 'number': `key = 42`             - 'boolean': `key = 1` (0 or 1)
 * - 'list': `key = [ "...", ... ]`   - 'spec-list': list of "KEY=VALUE,..." strings
 * - 'nested-list': list of lists      - 'spec-string': one "KEY=VALUE,..." string
 */
export type CompletionKind = 'string' | 'enum' | 'number' | 'boolean' | 'list' | 'spec-list' | 'nested-list' | 'spec-string';

export interface KeyDoc {
  /** Setting name as written in the file. */
  key: string;
  /** How xl reads the value. */
  valueType: KeyValueType;
  /**
   * Allowed values when the key takes one of a fixed set (for lists and
   * boolean-or-list keys: the allowed list items); otherwise a short
   * placeholder describing the value (e.g. "MiB", "PATH").
   */
  values: readonly string[] | string;
  /** True when `values` is a list but other values (e.g. a file path) are accepted too. */
  openValues: boolean;
  /** Man page heading path(s), "A > B", several joined with "; " (as in the reference table). */
  section: string;
  /** The heading paths of `section`, split. */
  sections: readonly string[];
  /** First release documenting the key: "4.10", or "<=4.2" for keys older than 4.2. */
  since: string;
  /** Status flags such as "deprecated", "hvm-only", "x86". */
  status: readonly KeyStatus[];
  /** Completion form. */
  kind: CompletionKind;
  /** One or two sentences, our own words. */
  summary: string;
}

/** Sub-key value types in spec strings. */
export type SpecValueType = 'string' | 'number' | 'boolean' | 'flag';

/**
 * How a sub-key is written: `key=value`, a bare `flag`, a positional
 * parameter (`positional-N`), an `@suffix`, a vsnd `item-prefix` or a
 * disk `deprecated-prefix`.
 */
export type SpecForm = 'key=value' | 'flag' | `positional-${number}` | '@suffix' | 'item-prefix' | 'deprecated-prefix';

export interface SpecKeyDoc {
  /** Top-level key whose spec strings hold this sub-key, e.g. "channel". */
  parent: string;
  /** Sub-key name; patterns end in "*" (e.g. "colo_*"), prefix groups in ":" (e.g. "PREFIX:"). */
  subkey: string;
  /** Every form the sub-key may take. */
  forms: readonly SpecForm[];
  valueType: SpecValueType;
  /** Allowed values when fixed (for flags: the flag words), else a placeholder. */
  values: readonly string[] | string;
  /** Where the sub-key is documented ("(code only)" when only the parser knows it). */
  docSection: string;
  /** 'seed' for the never-released 2014 channel proposal; 'upstream' for released channel keys. */
  dialect?: 'upstream' | 'seed';
  /** One or two sentences, our own words. */
  summary: string;
}

const KEY_DOCS = data.keys as readonly KeyDoc[];
const SPEC_KEY_DOCS = data.specs as readonly SpecKeyDoc[];

const KEY_INDEX: ReadonlyMap<string, KeyDoc> = new Map(KEY_DOCS.map((d) => [d.key, d]));

/** The documentation record of a top-level key, or undefined for unknown keys. */
export function getKeyDoc(key: string): KeyDoc | undefined {
  return KEY_INDEX.get(key);
}

/** Every top-level key, in the order of the reference table (man page order). */
export function allKeyDocs(): readonly KeyDoc[] {
  return KEY_DOCS;
}

/** True when the key takes one of a fixed set of values (`values` is a list). */
export function hasEnumeratedValues(doc: KeyDoc | SpecKeyDoc): doc is (KeyDoc | SpecKeyDoc) & { values: readonly string[] } {
  return Array.isArray(doc.values);
}

/** Top-level keys that hold spec strings and have sub-key documentation. */
export function specParents(): readonly string[] {
  return [...new Set(SPEC_KEY_DOCS.map((d) => d.parent))];
}

/**
 * Sub-keys documented for a spec-string key (e.g. "channel"), including the
 * seed-dialect `type` for channel (marked `dialect: 'seed'`).
 */
export function getSpecKeyDocs(parent: string): readonly SpecKeyDoc[] {
  return SPEC_KEY_DOCS.filter((d) => d.parent === parent);
}

/**
 * The sub-key record for `subkey` of `parent`. Besides exact names this
 * resolves flag spellings (`no-discard` -> discard, `untrusted` -> trusted),
 * patterns (`colo_sock_sec_ip` -> colo_*) and deprecated disk prefixes
 * (`phy:` -> PREFIX:).
 */
export function getSpecKeyDoc(parent: string, subkey: string): SpecKeyDoc | undefined {
  const docs = getSpecKeyDocs(parent);
  const exact = docs.find((d) => d.subkey === subkey);
  if (exact) return exact;
  for (const d of docs) {
    if (Array.isArray(d.values) && (d.forms.includes('flag') || d.forms.includes('deprecated-prefix')) && d.values.includes(subkey)) return d;
  }
  for (const d of docs) {
    if (d.subkey.endsWith('*') && subkey.startsWith(d.subkey.slice(0, -1))) return d;
  }
  return undefined;
}
