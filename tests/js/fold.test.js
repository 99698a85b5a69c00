// theme/static/js/fold.js against the hand-checked vectors Python is also tested on
// (tests/fold_vectors.json, tests/test_fold_parity.py). Run: node --test tests/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..', '..');
const read = (p) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));
const spec = read('plugins/news_archive/data/fold_spec.json');
const vectors = read('tests/fold_vectors.json');
const FOLD_JS = path.join(ROOT, 'theme', 'static', 'js', 'fold.js');
const { createFold, registerLunrPipeline } = require(FOLD_JS);
const api = createFold(spec);

const flatTerms = (tokens) => tokens.flatMap((tok) => api.terms(tok));

test('there are enough vectors', () => {
  assert.ok(vectors.length >= 80, `${vectors.length} vectors`);
});

test('tokens and terms match every vector', async (t) => {
  for (const c of vectors) {
    await t.test(c.name, () => {
      const tokens = api.tokens(c.input);
      assert.deepStrictEqual(tokens, c.tokens);
      assert.deepStrictEqual(flatTerms(tokens), c.terms);
    });
  }
});

test('the lunr pipeline gives the vector terms', async (t) => {
  const lunr = require(path.join(ROOT, 'node_modules', 'lunr'));
  const fns = registerLunrPipeline(lunr, api);
  assert.strictEqual(fns.length, 2);
  assert.strictEqual(lunr.Pipeline.registeredFunctions.sijillFold, fns[0]);
  assert.strictEqual(lunr.Pipeline.registeredFunctions.sijillStem, fns[1]);
  const pipeline = new lunr.Pipeline();
  pipeline.add(...fns);
  // A serialized index names its pipeline by label; loading it must find the same functions.
  assert.deepStrictEqual(lunr.Pipeline.load(pipeline.toJSON()).toJSON(), ['sijillFold', 'sijillStem']);
  for (const c of vectors) {
    await t.test(c.name, () => {
      assert.deepStrictEqual(pipeline.runString(c.input), c.terms);
    });
  }
});

test('folding is idempotent on every vector input', async (t) => {
  for (const c of vectors) {
    await t.test(c.name, () => {
      const once = api.fold(c.input);
      assert.strictEqual(api.fold(once), once);
      assert.deepStrictEqual(api.tokens(once), api.tokens(c.input));
      for (const tok of api.tokens(c.input)) assert.deepStrictEqual(api.tokens(tok), [tok]);
    });
  }
});

test('everything comes from the spec', () => {
  const bare = createFold({ ...spec, remove: [], map: [], lowercase: false, affixes: { prefixes: [], suffixes: [] } });
  assert.deepStrictEqual(bare.tokens('ک\u200Cها PESKOV'), ['ک', 'ها', 'PESKOV']);
  assert.deepStrictEqual(bare.terms('الكرملين'), ['الكرملين']);
  assert.deepStrictEqual(api.tokens('ک\u200Cها PESKOV'), ['كها', 'peskov']);
});

test('as a classic <script> it sets window.SijillFold from window.SijillFoldSpec', () => {
  const registered = {};
  const fakeLunr = { Pipeline: { registerFunction: (fn, label) => { registered[label] = fn; } } };
  const win = { SijillFoldSpec: spec };
  win.self = win;
  vm.runInNewContext(fs.readFileSync(FOLD_JS, 'utf8'), win, { filename: FOLD_JS });
  // Arrays from the other realm: compare copies.
  assert.deepStrictEqual([...win.SijillFold.tokens('الكرملين، وروسيا')], ['الكرملين', 'وروسيا']);
  assert.deepStrictEqual(Object.keys(registered), []); // lunr not loaded yet
  const fns = win.SijillFold.registerLunrPipeline(fakeLunr);
  assert.deepStrictEqual(Object.keys(registered), ['sijillFold', 'sijillStem']);
  assert.strictEqual(win.SijillFold.registerLunrPipeline(fakeLunr), fns); // registers once
});
