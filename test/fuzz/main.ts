/** The `npm run fuzz` command line. */
import { join } from 'node:path';
import { corpusBuffers } from './corpus';
import { fuzzDocuments, fuzzServer } from './fuzz';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const count = Number(arg('--count') ?? 20000);
  const seed = Number(arg('--seed') ?? Date.now() % 1_000_000_007);
  const serverRounds = arg('--server');
  const corpus = corpusBuffers();
  console.log(`fuzz: ${count} documents, seed ${seed}${arg('--start') ? ` from #${arg('--start')}` : ''} (${corpus.length} corpus files to mutate)`);
  const start = Number(arg('--start') ?? 0);
  const report = fuzzDocuments(seed, count, corpus, (done) => console.log(`  ${done} documents...`), start);
  for (const f of report.failures) console.log(`FAIL document #${f.index} (seed ${seed}): ${f.message}\n  smallest input: ${f.smallest}`);
  console.log(`${report.count} documents in ${(report.ms / 1000).toFixed(1)} s: ${report.failures.length ? 'FAILED' : 'no failure'}`);
  let failed = report.failures.length > 0;
  if (serverRounds) {
    const failures = await fuzzServer(join(process.cwd(), 'dist/server.js'), seed, Number(serverRounds));
    for (const f of failures) console.log(`FAIL server: ${f}`);
    console.log(`server: ${serverRounds} rounds of hostile traffic: ${failures.length ? 'FAILED' : 'kept answering'}`);
    failed ||= failures.length > 0;
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
