// What the generators of server/data/ share: reading a clone of
// xen-project/xen given on the command line, its release tags in version
// order, and writing (or, with --check, comparing) a generated file.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** The clone and --check from the command line (exits with the usage when no clone is given). */
export function cloneArgs(script) {
  const repo = process.argv[2];
  if (!repo) {
    console.error(`usage: node scripts/${script} XEN_GIT_DIR [--check]`);
    process.exit(2);
  }
  const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { repo, git, check: process.argv.includes('--check') };
}

const parse = (v) => v.split('.').map(Number);

/** Compares two "x.y.z" releases. */
export function cmpRelease(a, b) {
  const x = parse(a);
  const y = parse(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The RELEASE-x.y.z tags from `first` on, as "x.y.z", oldest first. */
export function releaseTags(git, first) {
  return git('tag', '--list', 'RELEASE-*')
    .split('\n')
    .map((t) => /^RELEASE-(\d+\.\d+\.\d+)$/.exec(t)?.[1])
    .filter((v) => v && cmpRelease(v, first) >= 0)
    .sort(cmpRelease);
}

/**
 * Writes `text` to `file` unless it is there already; with `check`, only
 * compares. Returns whether the file was stale.
 */
export function writeGenerated(file, text, check) {
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (old === text) return false;
  if (!check) writeFileSync(file, text);
  return true;
}
