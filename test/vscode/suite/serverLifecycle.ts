/**
 * Recovery: "xl.cfg: Restart Server" restarts the language server, and when
 * the client gives up on a server that keeps crashing, the status says so
 * (an empty Problems view would otherwise read as a clean file) and Restart
 * brings it back. The server is killed for real (SIGKILL, found as a child
 * of this extension host). Runs last: it restarts the server.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { test, waitFor } from './harness';
import { diagnosticsWhere, EXTENSION_ID, openCopy, withCode } from './helpers';

interface Api {
  serverStatus(): { text: string; detail: string; severity: 'information' | 'error'; busy: boolean };
}

function api(): Api {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext?.isActive, 'the extension is active');
  return ext.exports;
}

/** The language servers this extension host started (their command line holds dist/server.js). */
function serverPids(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

async function checkedAgain(name: string): Promise<void> {
  const { document: doc } = await openCopy(name);
  await diagnosticsWhere(doc.uri, 'the server to check the file', (ds) => withCode(ds, 'channel-unknown-connection').length > 0);
}

test('xl.cfg: Restart Server starts a new server, which checks files again', async () => {
  await checkedAgain('before-restart');
  const [before] = await waitFor('the server process', () => (serverPids().length === 1 ? serverPids() : undefined), { describe: serverPids });
  assert.equal(api().serverStatus().severity, 'information');
  await vscode.commands.executeCommand('xlcfg.restartServer');
  const [after] = await waitFor('a new server process', () => (serverPids().length === 1 && serverPids()[0] !== before ? serverPids() : undefined), { describe: serverPids });
  assert.notEqual(after, before);
  await waitFor('the status to say the server runs', () => api().serverStatus().text === 'xl.cfg: checking', { describe: () => api().serverStatus() });
  await checkedAgain('after-restart');
}, 60_000);

test('a server that keeps crashing: the client gives up, the status says files are not checked, Restart brings it back', async () => {
  await checkedAgain('crash-1');
  // The client restarts a crashed server 4 times within 3 minutes, then gives up (or shuts down on repeated connection errors first).
  for (let crash = 1; ; crash++) {
    const running = await waitFor(`a running server, or the client giving up (crash ${crash})`, () => {
      if (api().serverStatus().severity === 'error') return 'gave up';
      return serverPids().length === 1 && api().serverStatus().text === 'xl.cfg: checking' ? serverPids()[0] : undefined;
    }, { timeout: 30_000, describe: () => ({ pids: serverPids(), status: api().serverStatus() }) });
    if (running === 'gave up') break;
    assert.ok(crash <= 5, 'the client gives up by the 5th crash');
    process.kill(running, 'SIGKILL');
    await waitFor(`server ${running} to be gone`, () => !serverPids().includes(running));
  }
  const status = await waitFor('the status to say the server was given up on', () => (api().serverStatus().severity === 'error' ? api().serverStatus() : undefined), {
    timeout: 30_000,
    describe: () => api().serverStatus(),
  });
  assert.equal(status.text, 'xl.cfg: not checking');
  assert.match(status.detail, /crashed repeatedly/);
  assert.deepEqual(serverPids(), []);
  await vscode.commands.executeCommand('xlcfg.restartServer');
  await waitFor('the server to run again', () => api().serverStatus().text === 'xl.cfg: checking', { timeout: 30_000, describe: () => api().serverStatus() });
  await checkedAgain('crash-after');
}, 120_000);
