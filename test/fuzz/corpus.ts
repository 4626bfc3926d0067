/** The corpus files the fuzzer mutates (../shared/corpus, or XLCFG_CORPUS). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function corpusBuffers(): Buffer[] {
  const dir = [process.env.XLCFG_CORPUS, resolve('../shared/corpus'), '/work/shared/corpus'].find((d): d is string => !!d && existsSync(d));
  if (!dir) return [];
  return ['xl', 'xm', 'libvirt-xlconfigdata'].flatMap((sub) => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).map((f) => readFileSync(join(dir, sub, f))) : []));
}
