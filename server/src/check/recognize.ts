/**
 * Is this text a Xen domain config? For editors that open `.cfg`, `.conf`
 * and extension-less files as Properties, INI or plain text: they ask before
 * switching such a file to xl.cfg. A domain config reads as xl.cfg (most of
 * its statements are well-formed assignments) and sets the keys domain
 * configs set; INI sections, Properties-style bare values and files with too
 * few settings are something else.
 */
import { XL_KEYS } from '../docs/xlKeys';
import type { SyntaxTree } from '../syntax/cst';

export interface Recognition {
  domainConfig: boolean;
  /** Why, in a few words (for the log). */
  reason: string;
}

/** Keys that say "a domain": nearly every domain config sets some of them. */
const DOMAIN_KEYS: ReadonlySet<string> = new Set(['name', 'memory', 'maxmem', 'vcpus', 'maxvcpus', 'kernel', 'ramdisk', 'bootloader', 'disk', 'vif', 'type', 'builder', 'uuid', 'extra', 'root']);

const KNOWN: ReadonlySet<string> = new Set(XL_KEYS);

/** A line such as `[global]` or `[section "x"]`: INI, git config, systemd, TOML. */
const SECTION_HEADER = /^[ \t]*\[[^\]\n"',]*(?:"[^"\n]*")?[^\]\n]*\][ \t]*(?:[#;].*)?$/m;

export function recognizeDomainConfig(tree: SyntaxTree): Recognition {
  const statements = tree.statements.length;
  if (statements === 0) return { domainConfig: false, reason: 'no settings' };
  if (SECTION_HEADER.test(tree.text)) return { domainConfig: false, reason: 'it has [section] headers (INI style)' };
  const wellFormed = new Set<string>();
  let good = 0;
  for (const st of tree.statements) {
    if (st.kind !== 'assignment' || st.broken) continue;
    good++;
    if (KNOWN.has(st.name.text)) wellFormed.add(st.name.text);
  }
  const domain = [...wellFormed].filter((k) => DOMAIN_KEYS.has(k));
  if (domain.length === 0) return { domainConfig: false, reason: 'it sets none of name, memory, vcpus, kernel, disk, vif, ...' };
  if (wellFormed.size < 2) return { domainConfig: false, reason: `only one known xl.cfg setting (${domain[0]})` };
  if (good * 2 < statements) return { domainConfig: false, reason: `most statements are not xl.cfg (${statements - good} of ${statements})` };
  return { domainConfig: true, reason: `it sets ${[...wellFormed].slice(0, 5).join(', ')}${wellFormed.size > 5 ? ', ...' : ''} as xl.cfg` };
}
