// The test command.
//
//   npm test            the fast loop: type check, then the unit and protocol
//                       tests (test/unit, test/protocol). Needs node 20 only.
//   npm run test:full   every suite, what CI runs after .ci/run has installed
//                       the Debian packages: also test/oracle (libxlutil and
//                       real xl 4.14/4.17/4.20), test/system (qemu, the
//                       installed man page), test/browser (chromium),
//                       test/vscode (code-server), test/editors (Neovim,
//                       Emacs) and test/fuzz. A missing tool fails there; it
//                       is never skipped.
//
// Extra arguments are passed to node --test (e.g. --test-name-pattern=...).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const full = args.includes('--full');
const rest = args.filter((a) => a !== '--full');

const FAST = ['unit', 'protocol'];
const FULL = [...FAST, 'oracle', 'system', 'browser', 'vscode', 'editors', 'fuzz'];

function run(cmd, argv, env = process.env) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['scripts/build.mjs', '--tests']);
run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']);
const dirs = (full ? FULL : FAST).map((d) => join('out/test', d)).filter((d) => existsSync(join(root, d)));
const env = full ? { ...process.env, XLCFG_FULL: '1' } : process.env;
// The fast loop runs its files side by side, one per core (node 20 runs one fewer than the cores by
// default: one at a time on two). The full suite keeps node's default: its browser, editor and xl
// suites time out on a machine loaded by their neighbours.
const concurrency = full ? [] : [`--test-concurrency=${Math.max(1, availableParallelism())}`];
run(process.execPath, ['--test', ...concurrency, '--test-reporter=spec', ...rest, ...dirs], env);
