/**
 * The corpus of real configs written by others (../shared/corpus: xl/, xm/,
 * libvirt-xlconfigdata/; see its SOURCES.md). Tests read it when it is there
 * and skip, saying so, when it is not: a fresh clone has no corpus.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_FOLDERS = ['xl', 'xm', 'libvirt-xlconfigdata'] as const;

/** The corpus directory: $XLCFG_CORPUS, ../shared/corpus, or /work/shared/corpus. */
export function findCorpus(): string | undefined {
  const candidates = [process.env.XLCFG_CORPUS, resolve(process.cwd(), '../shared/corpus'), '/work/shared/corpus'];
  return candidates.find((c): c is string => !!c && existsSync(c) && statSync(c).isDirectory());
}

/** Every file of the corpus, in a stable order (libvirt's .xml partners too: hostile input for the parser). */
export function corpusFiles(dir = findCorpus()): string[] {
  if (!dir) return [];
  const out: string[] = [];
  for (const sub of CORPUS_FOLDERS) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) out.push(join(d, f));
  }
  return out;
}

export function corpusBuffers(): Buffer[] {
  return corpusFiles().map((f) => readFileSync(f));
}
