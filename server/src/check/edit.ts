/** A text edit in document offsets (converted to LSP ranges at the edge). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /** The new text is an LSP snippet (tab stops like ${1:name}). */
  snippet?: boolean;
}

/** A quick fix: a title and the edits that make it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (the light bulb's first choice). */
  preferred?: boolean;
}

/** Applies edits (non-overlapping) to a text; used by tests and the CLI. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
