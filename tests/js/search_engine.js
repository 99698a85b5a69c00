// The search engine of theme/static/js/search.js in Node, on a written index folder or on
// files held in memory. Used by tests/js/search.test.js and, as a command, by
// tests/test_search_index.py to check that JS and Python give the same results:
//   node tests/js/search_engine.js <search folder> '<JSON list of queries>'
// prints, per query, {hits: [[n, score]…], corrected, fuzzy} or {error: kind, part};
//   node tests/js/search_engine.js <search folder> --chunks
// prints every term chunk as search.js decodes it: [{postings: {term: [_index, refs per field…]},
// vectors: {"field/ref": elements}}…].
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..', '..');
const lunr = require(path.join(ROOT, 'node_modules', 'lunr'));
const { createFold, registerLunrPipeline } = require(path.join(ROOT, 'theme', 'static', 'js', 'fold.js'));
const search = require(path.join(ROOT, 'theme', 'static', 'js', 'search.js'));

const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugins', 'news_archive', 'data', 'fold_spec.json'), 'utf8'));
const fold = createFold(spec);
const pipelineFns = registerLunrPipeline(lunr, fold);

// An engine reading `files` (name -> JavaScript text, or a function returning it).
function engineOver(read) {
  const loads = [];
  let engine = null;
  const load = (src) => {
    loads.push(src);
    let code;
    try { code = read(src); } catch (e) { return Promise.reject(new Error(src)); }
    vm.runInNewContext(code, { SijillSearch: engine, JSON });
    return Promise.resolve();
  };
  engine = search.createEngine({ lunr, fold, load, base: '' });
  engine.loads = loads;
  return engine;
}

function engineForFolder(folder) {
  return engineOver((src) => fs.readFileSync(path.join(folder, src), 'utf8'));
}

function varint(value) {
  let out = '';
  for (; value >= 32; value = Math.floor(value / 32)) out += search.DIGITS[32 + (value % 32)];
  return out + search.DIGITS[value];
}

// Bytes as Python's base64.b85encode writes them (search_index.deflate): 5 digits per 4 bytes
// (big-endian, the last group padded with zeros and cut to one digit more than its bytes).
function base85(bytes) {
  const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const group = [0, 1, 2, 3].map((k) => bytes[i + k] || 0);
    let v = ((group[0] << 24) >>> 0) + (group[1] << 16) + (group[2] << 8) + group[3], five = '';
    for (let k = 0; k < 5; k++, v = Math.floor(v / 85)) five = digits[v % 85] + five;
    out += five.slice(0, Math.min(4, bytes.length - i) + 1);
  }
  return out;
}

// The index a lunr.js Builder (after build) made, in the compact chunk form search_index.py
// writes: [words, postings, counts] (see encode_chunk there).
function encodeChunk(builder, fields, swap) {
  const words = [];
  let postings = '', counts = '', previous = '';
  Object.keys(builder.invertedIndex).sort(search.cmp).forEach((term) => {
    let shared = 0;
    while (shared < Math.min(term.length, previous.length) && term[shared] === previous[shared]) shared++;
    words.push(term.slice(shared));
    previous = term;
    const entry = builder.invertedIndex[term];
    const held = fields.filter((f) => Object.keys(entry[f]).length);
    postings += varint(shared) + varint(held.reduce((mask, f) => mask | (1 << fields.indexOf(f)), 0));
    held.forEach((f) => {
      const docs = Object.keys(entry[f]).map(Number).sort((a, b) => a - b);
      postings += varint(docs.length) + docs.map((doc, i) => varint(doc - (i ? docs[i - 1] : -1))).join('');
      counts += docs.map((doc) => varint(builder.fieldTermFrequencies[`${f}/${doc}`][term])).join('');
    });
  });
  return [swap(words.join(' ')), postings, counts];
}

// The same Builder's field lengths, as the manifest holds them: per field, every document's.
function encodeLengths(builder, fields, count) {
  return fields.map((f) => Array.from({ length: count }, (_, doc) => varint(builder.fieldLengths[`${f}/${doc}`])).join(''));
}

// Every chunk of a written index as search.js decodes it (compared with Python's decode_chunk).
function decodedChunks(folder) {
  const engine = engineForFolder(folder);
  const run = (name) => vm.runInNewContext(fs.readFileSync(path.join(folder, name), 'utf8'), { SijillSearch: engine });
  run('manifest.js');
  return Promise.resolve(engine.state.manifest.chunks.map((_, n) => {
    run(`terms/${engine.state.names[n]}.js`);
    const index = engine.state.chunks[n], postings = {}, vectors = {};
    Object.keys(index.invertedIndex).forEach((term) => {
      const entry = index.invertedIndex[term];
      postings[term] = [entry._index, ...index.fields.map((f) => Object.keys(entry[f]))];
    });
    Object.keys(index.fieldVectors).forEach((ref) => { vectors[ref] = index.fieldVectors[ref].elements; });
    return { postings, vectors };
  }));
}

// Run queries as the page does: search, then suggestions.
async function runQueries(engine, queries) {
  const out = [];
  for (const q of queries) {
    try {
      const p = await engine.search(q);
      const alt = await engine.suggest(p);
      out.push({ hits: p.hits.map((h) => [h.n, h.score]), corrected: alt.corrected, fuzzy: alt.fuzzy });
    } catch (e) {
      if (e instanceof search.QueryError) out.push({ error: e.kind, part: e.part });
      else throw e;
    }
  }
  return out;
}

module.exports = { lunr, fold, pipelineFns, search, engineOver, engineForFolder, runQueries, encodeChunk, encodeLengths, base85 };

if (require.main === module) {
  const [folder, queries] = process.argv.slice(2);
  const work = queries === '--chunks' ? decodedChunks(folder) : runQueries(engineForFolder(folder), JSON.parse(queries));
  work.then((out) => {
    process.stdout.write(JSON.stringify(out));
  }, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
}
