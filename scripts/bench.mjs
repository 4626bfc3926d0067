// `npm run bench`: builds what it needs, then runs bench/bench.ts (bundled).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [root + 'scripts/build.mjs'], { stdio: 'inherit' });
await esbuild.build({ entryPoints: [root + 'bench/bench.ts'], outfile: root + 'out/bench/bench.js', bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning', absWorkingDir: root });
execFileSync(process.execPath, [root + 'out/bench/bench.js', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
