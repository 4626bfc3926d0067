// Reads the in-repo TSV tables (server/data/*.tsv): '#' lines are comments,
// the first other line names the columns; cells are trimmed.
import { readFileSync } from 'node:fs';

/** @returns {Record<string, string>[]} */
export function readTsv(file) {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const row = {};
    header.forEach((h, i) => (row[h] = (cells[i] ?? '').trim()));
    return row;
  });
}
