/**
 * The changed region of a new version, from the edits the client described
 * (lsp/editLog.ts + diffWithin), is exactly what comparing the two texts
 * whole gives (diffTexts), over random single and folded edits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditLog } from '../../server/src/lsp/editLog';
import { diffTexts, diffWithin } from '../../server/src/syntax/incremental';
import { Rng } from '../oracle/generate';

test('diffWithin gives diffTexts from any region that holds every difference', () => {
  const r = new Rng(31);
  for (let n = 0; n < 2000; n++) {
    let a = '';
    for (let i = r.int(400); i > 0; i--) a += 'ab\n'[r.int(3)];
    const at = r.int(a.length + 1);
    const del = r.int(Math.min(20, a.length - at) + 1);
    const ins = 'ab\n'.slice(0, r.int(4)).repeat(r.int(4));
    const b = a.slice(0, at) + ins + a.slice(at + del);
    // The edit's own region, and one widened on either side (still holding every difference).
    const wider = r.int(5);
    const start = Math.max(0, at - wider);
    const known = { start, oldEnd: Math.min(a.length, at + del + wider), newEnd: 0 };
    known.newEnd = b.length - (a.length - known.oldEnd);
    for (const k of [{ start: at, oldEnd: at + del, newEnd: at + ins.length }, known]) assert.deepEqual(diffWithin(a, b, k), diffTexts(a, b), JSON.stringify({ a, b, k }));
  }
});

test('the edit log folds the edits between two checked versions; anything it cannot follow is left to diffTexts', () => {
  const r = new Rng(32);
  for (let n = 0; n < 300; n++) {
    const log = new EditLog();
    let doc = TextDocument.create('file:///a.cfg', 'xlcfg', 1, 'name = "vm"\nmemory = 512\nchannel = [ "name=a,connection=pty" ]\n');
    let checked = { version: doc.version, text: doc.getText() };
    for (let e = 0; e < 12; e++) {
      const text = doc.getText();
      const s = doc.positionAt(r.int(text.length + 1));
      const t = doc.positionAt(r.int(text.length + 1));
      // Ranges in either order, and now and then a whole-text change or two changes in one message.
      const kind = r.int(10);
      const changes = kind === 0 ? [{ text: text + 'x' }] : kind === 1 ? [{ range: { start: s, end: s }, text: 'a' }, { range: { start: s, end: s }, text: 'b' }] : [{ range: r.chance(0.5) ? { start: s, end: t } : { start: t, end: s }, text: r.pick(['', 'x', '\n', 'ab"', '\r\n']) }];
      const version = doc.version + 1;
      log.record(doc, changes, version);
      doc = TextDocument.update(doc, changes, version);
      if (r.chance(0.5)) {
        // A check of this version: the log's region, else a whole comparison.
        const known = log.region(doc.uri, checked.version, doc.version, checked.text.length, doc.getText().length);
        if (kind > 1 && e === 0) assert.ok(known, 'one described edit gives a region');
        if (known) assert.deepEqual(diffWithin(checked.text, doc.getText(), known), diffTexts(checked.text, doc.getText()));
        checked = { version: doc.version, text: doc.getText() };
      }
    }
  }
});
