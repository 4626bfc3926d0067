// `npm run fuzz -- --count N --seed S [--server ROUNDS]`: the fuzzer of test/fuzz/fuzz.ts.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [root + 'scripts/build.mjs'], { stdio: 'inherit' });
await esbuild.build({ entryPoints: [root + 'test/fuzz/main.ts'], outfile: root + 'out/fuzz/main.js', bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning', absWorkingDir: root });
execFileSync(process.execPath, [root + 'out/fuzz/main.js', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
