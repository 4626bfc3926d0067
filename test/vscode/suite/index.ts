/**
 * The extension-host suite's entry: what @vscode/test-electron (and
 * code-server's extensionTestsPath payload) `require`s and awaits `run()` of.
 * Bundled by scripts/build-vscode-tests.mjs into out/vscode-suite/index.js
 * with `vscode` external.
 */
import { runAll } from './harness';
import { EXTENSION_ID } from './helpers';
import './language';
import './preview';
import './recognition';
import './fileFixes';
import './editing';
// Last: it restarts and kills the server.
import './serverLifecycle';

export async function run(): Promise<void> {
  const r = await runAll(EXTENSION_ID);
  if (r.failed > 0) throw new Error(`${r.failed} of ${r.total} extension-host tests failed:\n${r.failures.map((f) => `- ${f.name}: ${f.error}`).join('\n')}`);
}
