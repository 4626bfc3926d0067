/**
 * `npm run test:vscode`: the extension-host suite in a downloaded VS Code
 * (Electron) through @vscode/test-electron, where VS Code can be downloaded.
 * The extension is loaded from the repository folder (development path), as
 * with F5. On a machine without a display, run it under `xvfb-run -a`.
 *
 * Environment: VSCODE_TEST_VERSION (default 'stable'; e.g. 1.90.0 for the
 * oldest VS Code engines.vscode allows).
 */
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorkspace, readResult, resultProblems, ROOT, satisfiesCaret, SUITE_INDEX, summary } from './shared';

async function main(): Promise<number> {
  const workspace = makeWorkspace();
  const data = mkdtempSync(join(tmpdir(), 'xlcfg-vscode-'));
  const resultFile = join(data, 'result.json');
  const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.vscode as string;
  try {
    let exitError: unknown;
    try {
      await runTests({
        version: process.env.VSCODE_TEST_VERSION || 'stable',
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: SUITE_INDEX,
        extensionTestsEnv: { XLCFG_VSCODE_RESULT: resultFile },
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(data, 'ud')],
      });
    } catch (e) {
      exitError = e; // VS Code exits 1 when run() throws: the result file says why
    }
    const r = readResult(resultFile);
    if (r) console.log(summary(r));
    const problems = resultProblems(r);
    if (exitError) console.error(`@vscode/test-electron: ${exitError instanceof Error ? exitError.message : String(exitError)}`);
    if (problems) console.error(problems);
    if (problems || exitError) return 1;
    if (!satisfiesCaret(r!.vscodeVersion, engines)) {
      console.error(`VS Code ${r!.vscodeVersion} does not satisfy engines.vscode ${engines}`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
