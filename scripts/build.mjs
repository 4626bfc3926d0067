// Bundles the extension client, the language server and the CLI into dist/,
// and (with --tests) every test file into out/ for `node --test`.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const root = new URL('..', import.meta.url).pathname;
const minify = !args.has('--dev');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  define: { XLCFG_VERSION: JSON.stringify(pkg.version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js' }),
  // The preview webview (browser); its CSS import becomes dist/webview.css.
  esbuild.build({ entryPoints: ['client/src/webview/preview.ts'], outfile: 'dist/webview.js', bundle: true, platform: 'browser', format: 'iife', target: 'chrome120', minify, logLevel: 'warning', absWorkingDir: root }),
]);

if (args.has('--tests')) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const rel = join(dir, name);
      if (statSync(join(root, rel)).isDirectory()) {
        if (name !== 'fixtures' && rel !== join('test', 'vscode', 'suite')) walk(rel);
      } else if (name.endsWith('.test.ts')) files.push(rel);
    }
  };
  walk('test');
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await esbuild.build({
    ...common,
    minify: false,
    entryPoints: files,
    outdir: 'out/test',
    outbase: 'test',
    packages: 'external',
  });
  console.log(`built ${files.length} test files into out/test (${relative(root, root) || '.'})`);
}
