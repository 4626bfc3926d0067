// Bundles the extension-host test suite (test/vscode/suite/index.ts) into
// out/vscode-suite/index.js with `vscode` external, as VS Code's extension
// host `require`s it (extensionTestsPath), and the @vscode/test-electron
// launcher (test/vscode/electron.ts) into out/vscode-suite/electron.js.
// scripts/build.mjs --tests wipes out/, so run this after it (the code-server
// test does so itself before it starts code-server).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'out', 'vscode-suite');
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  // Runs inside the extension host: everything bundled except the `vscode` API module.
  esbuild.build({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: join(outdir, 'index.js'), external: ['vscode'] }),
  // Runs in plain node: @vscode/test-electron stays in node_modules.
  esbuild.build({ ...common, entryPoints: ['test/vscode/electron.ts'], outfile: join(outdir, 'electron.js'), packages: 'external' }),
]);
console.log('built the extension-host suite into out/vscode-suite');
