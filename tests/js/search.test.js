// theme/static/js/search.js in Node: the query scanner, edit distance, dates, and the engine
// (phrases, outlet/language/date fields, "did you mean", readable errors) on a small index
// built here with lunr.js and the shared pipeline. Run: node --test tests/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const zlib = require('node:zlib');
const { lunr, pipelineFns, search, engineOver, runQueries, encodeChunk, encodeLengths, base85 } = require('./search_engine.js');

const FIELDS = ['title', 'keywords', 'body', 'entities', 'translation'];
const DOCS = [
  { title: 'سلام', body: 'قوات حفظ السلام في الإقليم.', outlet: 'سكاي نيوز عربية', date: '2018-05-03', lang: 'ar' },
  { title: 'حفظ فقط', body: 'السلام قوات حفظ الأمن في الكرملين.', outlet: 'الأسبوع', date: '2019-01-01', lang: 'ar' },
  { title: 'گزارش', body: 'نیروهای حافظ صلح در قره باغ.', outlet: 'ایسنا', date: '2018-11-02', lang: 'fa' },
  { title: 'آخر', body: 'لا شيء هنا عن الكرملين ولا عن سكاي.', outlet: null, date: null, lang: 'ar' },
  // a long article: the phrase is near its end, far into its one file's text
  { title: 'طويل', body: 'كلام عادي. '.repeat(700) + 'قوات حفظ السلام هنا.', outlet: null, date: '2017-02-02', lang: 'ar', long: true },
];

// Pairs of characters swapped in stored texts (search_index.py swaps more: the mechanism is the same).
const SWAP = ['abcdefg~', 'القوتمس\n'];
const swap = search.swapper(SWAP);

// A lunr.js index of DOCS, and the Builder that made it (its term counts and field lengths).
function stockIndex() {
  let builder;
  const index = lunr(function () {
    builder = this;
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.pipeline.add(...pipelineFns);
    this.searchPipeline.add(...pipelineFns);
    this.ref('id');
    FIELDS.forEach((f) => this.field(f));
    DOCS.forEach((d, n) => this.add({ id: String(n), title: d.title, body: d.body }));
  });
  return { index, builder };
}

function files() {
  const { builder } = stockIndex();
  const outlets = [...new Set(DOCS.map((d) => d.outlet).filter(Boolean))].sort();
  const langs = ['ar', 'fa'];
  const manifest = {
    fields: FIELDS, chunks: [''], swap: SWAP, langs, outlets,
    boosts: FIELDS.map(() => 1), averages: FIELDS.map((f) => builder.averageFieldLength[f]),
    lengths: encodeLengths(builder, FIELDS, DOCS.length),
    outlet_names: outlets.map((o) => (o === 'الأسبوع' ? ['صحيفة الأسبوع الإلكترونية'] : [])),
    facets: DOCS.map((d) => [langs.indexOf(d.lang), d.outlet ? outlets.indexOf(d.outlet) : -1,
      d.date ? Number(d.date.replace(/-/g, '')) : 0]),
  };
  const [chunk] = search.chunkNames(manifest.chunks);
  const out = {
    'manifest.js': `SijillSearch.manifest(${JSON.stringify(manifest)});`,
    [`terms/${chunk}.js`]: `SijillSearch.chunk(${JSON.stringify(chunk)}, ${encodeChunk(builder, FIELDS, swap).map((a) => JSON.stringify(a)).join(',')});`,
  };
  DOCS.forEach((d, n) => {
    const deflated = base85(zlib.deflateRawSync(Buffer.from(swap(d.body))));
    const record = { deflated, title: swap(d.title), url: `articles/${n}.html` };
    out[`docs/${n}.js`] = `SijillSearch.doc(${n}, ${JSON.stringify(record)});`;
  });
  return out;
}

const FILES = files();
function engine() {
  return engineOver((src) => { if (!(src in FILES)) throw new Error(src); return FILES[src]; });
}
async function found(q, e = engine()) {
  const [r] = await runQueries(e, [q]);
  return r.error ? r : { ...r, docs: r.hits.map((h) => h[0]) };
}

test('scan cuts a folded query into items', () => {
  const items = search.scan('+title:"قوات حفظ" -outlet:«سكاي نيوز» word~1 2018-05 "open end');
  assert.deepStrictEqual(items.map((i) => [i.presence, i.field, i.value, i.quoted]), [
    ['+', 'title', 'قوات حفظ', true], ['-', 'outlet', 'سكاي نيوز', true], ['', '', 'word~1', false],
    ['', '', '2018-05', false], ['', '', 'open end', true],
  ]);
  assert.strictEqual(items[1].raw, '-outlet:«سكاي نيوز»');
  assert.deepStrictEqual(search.scan('  - + '), [{ presence: '', field: '', value: '-', quoted: false, raw: '-' },
    { presence: '', field: '', value: '+', quoted: false, raw: '+' }]);
});

test('edit distance counts a swap of neighbours as one', () => {
  assert.strictEqual(search.distance('الكرملن', 'الكرملين'), 1);
  assert.strictEqual(search.distance('كرملين', 'كرمليت'), 1);
  assert.strictEqual(search.distance('ab', 'ba'), 1);
  assert.strictEqual(search.distance('abc', 'cab'), 2);
  assert.strictEqual(search.distance('', 'abc'), 3);
  assert.strictEqual(search.distance('𝐀b', 'b'), 1); // by code point
});

test('date ranges and field weights', () => {
  assert.deepStrictEqual(search.dateRange('2018'), [20180000, 20190000]);
  assert.deepStrictEqual(search.dateRange('2018-5'), [20180500, 20180600]);
  assert.deepStrictEqual(search.dateRange('2018-05-03'), [20180503, 20180504]);
  for (const bad of ['2018-13', '2018-00', '18', 'abcd', '2018-05-32']) assert.strictEqual(search.dateRange(bad), null, bad);
  assert.strictEqual(search.weight(39, 10000), 16.602); // the same number tests/test_search_index.py expects
  assert.strictEqual(search.weight(1, 5), 4.159);
});

test('a quoted phrase needs its words consecutively, after folding and stemming', async () => {
  assert.deepStrictEqual(new Set((await found('"قوات حفظ السلام"')).docs), new Set([0, 4]));
  assert.deepStrictEqual((await found('"قوات حفظ السلام"')).docs.includes(1), false); // same words, apart
  assert.deepStrictEqual(new Set((await found('قوات حفظ السلام')).docs), new Set([0, 1, 4]));
  assert.deepStrictEqual((await found('"قوات حفظ سلام"')).docs.sort(), [0, 4]); // the stem of السلام
  assert.deepStrictEqual((await found('"حفظ قوات"')).docs, []);
  assert.deepStrictEqual((await found('title:"حفظ فقط"')).docs, [1]);
  assert.deepStrictEqual((await found('"قوات حفظ السلام" -الإقليم')).docs, [4]); // prohibited word
  assert.deepStrictEqual((await found('-"قوات حفظ السلام" حفظ')).docs, [1]); // prohibited phrase
  assert.deepStrictEqual(new Set((await found('"قوات حفظ السلام" صلح')).docs), new Set([0, 2, 4])); // mixed
  assert.deepStrictEqual((await found('«حفظ الأمن»')).docs, [1]); // Arabic quotation marks
});

test('a long article is checked on its whole text, from its one file', async () => {
  const e = engine();
  assert.deepStrictEqual((await found('"السلام هنا"', e)).docs, [4]);
  assert.ok(e.loads.includes('docs/4.js'));
  assert.ok(e.loads.every((src) => !src.endsWith('.full.js')));
  assert.strictEqual(e.state.docs[4].text, DOCS[4].body); // swapped back
});

test('varints and swapped pairs read back what was written', () => {
  const values = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 99999, 123456789];
  const next = search.varints(values.map((v) => {
    let out = '';
    for (; v >= 32; v = Math.floor(v / 32)) out += search.DIGITS[32 + (v % 32)];
    return out + search.DIGITS[v];
  }).join(''));
  assert.deepStrictEqual(values.map(() => next()), values);
  assert.strictEqual(swap('الكرملين'), 'abكرfbين');
  assert.strictEqual(swap('abكرfbين'), 'الكرملين');
  assert.strictEqual(swap('x\n~ha'), 'x~\nhا'); // the line break and ~ trade places too
  assert.strictEqual(swap(swap('قال: «السلام» dog~\n')), 'قال: «السلام» dog~\n');
});

test('a decoded chunk scores exactly like the lunr.js index it was encoded from', () => {
  const { index: stock, builder } = stockIndex();
  const pipeline = new lunr.Pipeline();
  pipeline.add(...pipelineFns);
  const manifest = { fields: FIELDS, facets: DOCS, boosts: FIELDS.map(() => 1),
    averages: FIELDS.map((f) => builder.averageFieldLength[f]), lengths: encodeLengths(builder, FIELDS, DOCS.length) };
  const decoded = search.decodeChunk(lunr, search.weighing(manifest), pipeline, swap, ...encodeChunk(builder, FIELDS, swap));
  for (const q of ['السلام', 'قوات حفظ', '+حفظ -الإقليم', 'title:سلام', 'حف*', 'حفض~1', 'الكرملين']) {
    const strip = (results) => results.map((r) => [r.ref, r.score]);
    assert.deepStrictEqual(strip(decoded.search(q)), strip(stock.search(q)), q);
    assert.ok(stock.search(q).length || q === 'حفض~1', q);
  }
  // every field vector that holds a term (lunr.js also keeps empty ones for empty fields)
  const held = Object.keys(stock.fieldVectors).filter((ref) => stock.fieldVectors[ref].elements.length);
  assert.deepStrictEqual(Object.keys(decoded.fieldVectors).sort(), held.sort());
});

test("weights are rounded to 3 decimals as Python's round rounds them", () => {
  const idf = Math.log(1 + Math.abs((5 - 2 + 0.5) / (2 + 0.5)));
  const w = idf * ((1.2 + 1) * 3) / (1.2 * (1 - 0.75 + 0.75 * (7 / 9)) + 3) * 0.4; // lunr's expression
  assert.strictEqual(search.weight1000(idf, 3, 7, 9, 0.4), Math.round(w * 1000));
  // an exact tie (an odd number of sixteenths: 0.0625 = 62.5 thousandths) goes to the even side,
  // a value a hair above a tie up; 1 / 16 is 1.2 * 2.2 / (1.2 * 1 + 1) * boost with this boost
  const tie = 1 / 16, boost = tie / (1 * ((1.2 + 1) * 1) / (1.2 * (1 - 0.75 + 0.75 * 1) + 1));
  assert.strictEqual(1 * ((1.2 + 1) * 1) / (1.2 * (1 - 0.75 + 0.75 * 1) + 1) * boost, tie);
  assert.strictEqual(search.weight1000(1, 1, 1, 1, boost), 62);
  assert.strictEqual(search.weight1000(1, 1, 1, 1, boost * 3), 188); // 0.1875: 187.5 to even
  assert.strictEqual(search.weight1000(1, 1, 1, 1, 0.0005), 1); // the double nearest 0.0005 is a hair above it
});

test('a chunk file is named after its first term; a name taken goes to the next number', () => {
  assert.deepStrictEqual(search.chunkNames(['', 'a', 'ك']), ['811c9dc5', 'e40c292c', search.chunkNames(['ك'])[0]]);
  // two terms with the same FNV-1a hash (0x242fc855): the later one takes the next number
  assert.deepStrictEqual(search.chunkNames(['ك28999', 'ك485482']), ['242fc855', '242fc856']);
  assert.deepStrictEqual(search.chunkNames(['ك485482']), ['242fc855']);
});

test('an outlet is found by each of its names', async () => {
  // its page calls it الأسبوع; some of its reports write صحيفة الأسبوع الإلكترونية
  assert.deepStrictEqual((await found('outlet:"صحيفة الأسبوع"')).docs, [1]);
  assert.deepStrictEqual((await found('outlet:الإلكترونية')).docs, [1]);
  assert.deepStrictEqual((await found('الكرملين صحيفة الأسبوع')).docs[0], 1); // a bare name: first
  assert.strictEqual((await found('الإلكترونية')).corrected, null); // a word of a name is no typo
});

test('outlet, language and date fields', async () => {
  assert.deepStrictEqual((await found('outlet:سكاي')).docs, [0]);
  assert.deepStrictEqual((await found('outlet:"سكاي نيوز"')).docs, [0]);
  assert.deepStrictEqual((await found('lang:fa')).docs, [2]);
  assert.deepStrictEqual((await found('الكرملين lang:ar')).docs.sort(), [1, 3]);
  assert.deepStrictEqual((await found('الكرملين -outlet:الاسبوع')).docs, [3]);
  assert.deepStrictEqual((await found('2018')).docs.sort(), [0, 2]);
  assert.deepStrictEqual((await found('2018-11')).docs, [2]);
  assert.deepStrictEqual((await found('٢٠١٨-٠٥')).docs, [0]); // Arabic-Indic digits fold to ASCII
  assert.deepStrictEqual((await found('قوات date:2019')).docs, [1]);
  assert.deepStrictEqual((await found('year:2017')).docs, [4]);
  // a bare outlet name finds the outlet's report first, before a mere mention
  const sky = await found('سكاي نيوز');
  assert.deepStrictEqual(sky.docs, [0, 3]);
});

test('a word no article holds gets the closest index word, and ~1 when few results', async () => {
  const typo = await found('الكرملن');
  assert.deepStrictEqual(typo.docs, []);
  assert.strictEqual(typo.corrected, 'الكرملين');
  assert.strictEqual(typo.fuzzy, 'الكرملن~1');
  assert.deepStrictEqual((await found(typo.corrected)).docs.sort(), [1, 3]);
  const inPhrase = await found('"قوات حفض السلام"');
  assert.strictEqual(inPhrase.corrected, '"قوات حفظ السلام"');
  assert.strictEqual((await found('الكرملين')).corrected, null); // known words are left alone
  assert.strictEqual((await found('نيوز')).corrected, null); // an outlet's word is no typo
  // words typed with diacritics stay as typed when nothing in them changes
  assert.strictEqual((await found('قُوّات الكرملن')).corrected, 'قُوّات الكرملين');
});

test('malformed queries give a kind and the part, never lunr text', async () => {
  assert.deepStrictEqual(await found('title:'), { error: 'syntax', part: 'title:' });
  assert.deepStrictEqual(await found('حفظ~x'), { error: 'syntax', part: 'حفظ~x' });
  assert.deepStrictEqual(await found('bogus:word'), { error: 'field', part: 'bogus:word' });
  assert.deepStrictEqual(await found('date:soon'), { error: 'date', part: 'date:soon' });
  assert.deepStrictEqual(await found('outlet:""'), { error: 'empty', part: 'outlet:""' });
});

test('snippet marks cover phrase words and year words', async () => {
  const e = engine();
  const p = await e.search('"قوات حفظ السلام" 2018');
  const isMatch = e.marks(p);
  assert.ok(isMatch('والسلام') && isMatch('قوات') && isMatch('2018'));
  assert.ok(!isMatch('الإقليم'));
});

test('base85 reads back every byte, whatever the length of the last group', () => {
  const bytes = Buffer.from(Array.from({ length: 257 }, (_, i) => (i * 167 + 255 * (i % 3 === 0)) % 256));
  for (let n = 0; n <= 12; n++) {
    for (const sample of [bytes.subarray(0, n), Buffer.alloc(n, 255), Buffer.alloc(n, 0)]) {
      assert.deepStrictEqual(Buffer.from(search.fromBase85(base85(sample))), Buffer.from(sample));
    }
  }
  assert.deepStrictEqual(Buffer.from(search.fromBase85(base85(bytes))), bytes);
  assert.strictEqual(base85(Buffer.from('Sijill')), 'Q)y~xY-|'); // as Python's base64.b85encode(b"Sijill")
});

test('a result file stores its body deflated: inflated back to the exact text', async () => {
  const text = 'قوات حفظ السلام ~ «نص» 𝐀 ' + 'كلام عادي. '.repeat(300);
  assert.strictEqual(await search.inflate(base85(zlib.deflateRawSync(Buffer.from(text)))), text);
  const e = engine();
  await found('السلام', e); // the manifest first, as on the page
  await e.loadDocs([0, 2]);
  assert.strictEqual(e.state.docs[2].text, DOCS[2].body);
  assert.strictEqual(e.state.docs[2].title, DOCS[2].title);
  assert.ok(FILES['docs/4.js'].length < DOCS[4].body.length / 10); // a repetitive text: far smaller
});

test('without DecompressionStream: results listed, no text, a body phrase reported, not guessed', async () => {
  const saved = globalThis.DecompressionStream;
  globalThis.DecompressionStream = undefined;
  try {
    const e = engine();
    assert.deepStrictEqual((await found('السلام', e)).docs.sort(), [0, 1, 4]);
    await e.loadDocs([0]);
    assert.strictEqual(e.state.docs[0].title, DOCS[0].title);
    assert.strictEqual(e.state.docs[0].text, null);
    assert.deepStrictEqual((await found('title:"حفظ فقط"', e)).docs, [1]); // headlines are not compressed
    await assert.rejects(found('"قوات حفظ السلام"', e), (err) => err instanceof search.NeedsNewerBrowser && err.phrase === '"قوات حفظ السلام"');
  } finally {
    globalThis.DecompressionStream = saved;
  }
});
