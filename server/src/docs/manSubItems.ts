/**
 * The nested items of a man page entry (the sub-keys of a spec string, such
 * as channel's name=, and the values of connection=), as Markdown.
 */
import { ManPage, manEntriesFor } from './manpage';
import { roffToMarkdown } from './manpageMarkdown';

const IX_ITEM = /^\.IX Item "(.*)"\s*$/;

/**
 * The lines of the first nested item of `key`'s entry whose `.IX Item` text
 * satisfies `matches` (e.g. `name=NAME`, or `SOCKET` for connection=socket).
 */
export function manSubItemLines(page: ManPage, key: string, matches: (item: string) => boolean): string[] | undefined {
  for (const entry of manEntriesFor(page, key)) {
    const lines = entry.lines;
    let depth = 0;
    let lastIp = -1;
    let lastIpDepth = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.startsWith('.RS')) depth++;
      else if (line.startsWith('.RE')) depth--;
      else if (line.startsWith('.IP') || line.startsWith('.ie n .IP')) {
        lastIp = i;
        lastIpDepth = depth;
      } else {
        const m = IX_ITEM.exec(line);
        if (m && depth >= 1 && lastIp >= 0 && lastIpDepth === depth && matches(m[1])) {
          // The item runs to the next item at its depth, or to the end of its list.
          let d = depth;
          let end = lines.length;
          for (let j = i + 1; j < lines.length; j++) {
            const l = lines[j];
            if (l.startsWith('.RS')) d++;
            else if (l.startsWith('.RE')) {
              d--;
              if (d < depth) {
                end = j;
                break;
              }
            } else if (d === depth && (l.startsWith('.IP') || l.startsWith('.ie n .IP'))) {
              end = j;
              break;
            }
          }
          // Keep nested lists balanced: drop trailing .RS without their .RE.
          const body = lines.slice(lastIp, end);
          let open = 0;
          for (const l of body) open += l.startsWith('.RS') ? 1 : l.startsWith('.RE') ? -1 : 0;
          while (open-- > 0) body.push('.RE');
          return body;
        }
      }
    }
  }
  return undefined;
}

const rendered = new WeakMap<ManPage, Map<string, string | undefined>>();

/**
 * The Markdown of a nested item, remembered per page: `cacheKey` names what
 * `matches` selects (hover asks for the same few items over and over).
 */
export function manSubItemMarkdown(page: ManPage, key: string, matches: (item: string) => boolean, cacheKey?: string): string | undefined {
  let perPage = rendered.get(page);
  if (!perPage) rendered.set(page, (perPage = new Map()));
  const k = cacheKey === undefined ? undefined : `${key}\0${cacheKey}`;
  if (k !== undefined && perPage.has(k)) return perPage.get(k);
  const lines = manSubItemLines(page, key, matches);
  const md = lines ? roffToMarkdown(lines) : undefined;
  if (k !== undefined) perPage.set(k, md);
  return md;
}
