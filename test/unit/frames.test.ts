/**
 * The stdio frame filter: well-formed frames pass unchanged whatever the
 * chunking; after a broken frame, the next message is found again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameFilter } from '../../server/src/lsp/frames';
import { Rng } from '../oracle/generate';

function frame(body: string): Buffer {
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`), Buffer.from(body)]);
}

/** What the filter passes on for this input written in these chunk sizes, and how many reports it made. */
function run(input: Buffer, r: Rng): { out: Buffer; reports: number } {
  let reports = 0;
  const f = new FrameFilter(() => reports++);
  const out: Buffer[] = [];
  f.on('data', (b: Buffer) => out.push(b));
  for (let i = 0; i < input.length; ) {
    const n = 1 + r.int(r.chance(0.5) ? 16 : 70000);
    f.write(input.subarray(i, i + n));
    i += n;
  }
  return { out: Buffer.concat(out), reports };
}

test('well-formed frames pass unchanged, in any chunking (a 3 MB body among them)', () => {
  const r = new Rng(5);
  const bodies = ['{"jsonrpc":"2.0","id":1,"method":"a"}', JSON.stringify({ text: 'Content-Length: 5 inside a string\r\n\r\n' }), JSON.stringify({ text: 'é€😀'.repeat(1_000_000) }), '{}'];
  const input = Buffer.concat(bodies.map(frame));
  for (let k = 0; k < 5; k++) {
    const { out, reports } = run(input, r);
    assert.equal(reports, 0);
    assert.ok(out.equals(input));
  }
});

test('after each kind of broken frame, the next frame comes through whole', () => {
  const r = new Rng(6);
  const good = frame('{"jsonrpc":"2.0","id":2,"method":"b","params":{"x":"yz"}}');
  const broken = [
    Buffer.from('Content-Length: 80\r\n\r\n{"jsonrpc":"2.0"}stray'),
    Buffer.from('Content-Length: 99999999999\r\n\r\n{"a":'),
    Buffer.from('garbage without any header\r\n\r\n'),
    Buffer.from('Content-Length: abc\r\n\r\n'),
    Buffer.alloc(70_000, 'junk'),
    Buffer.from('Content-Type: x\r\nno colon here\r\n\r\n'),
  ];
  for (const b of broken) {
    for (let k = 0; k < 5; k++) {
      const { out, reports } = run(Buffer.concat([good, b, good, good]), r);
      assert.ok(reports > 0, `no report for ${JSON.stringify(b.subarray(0, 40).toString())}`);
      assert.ok(out.subarray(0, good.length).equals(good));
      assert.ok(out.subarray(out.length - 2 * good.length).equals(Buffer.concat([good, good])), `after ${JSON.stringify(b.subarray(0, 40).toString())}: ${JSON.stringify(out.toString().slice(0, 300))}`);
    }
  }
});
