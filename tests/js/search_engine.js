// The search engine of theme/static/js/search.js in Node, on a written index folder or on
// files held in memory. Used by tests/js/search.test.js and, as a command, by
// tests/test_search_index.py to check that JS and Python give the same results:
//   node tests/js/search_engine.js <search folder> '<JSON list of queries>'
// prints, per query, {hits: [[n, score]…], corrected, fuzzy} or {error: kind, part}.
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

module.exports = { lunr, fold, pipelineFns, search, engineOver, engineForFolder, runQueries };

if (require.main === module) {
  const [folder, queries] = process.argv.slice(2);
  runQueries(engineForFolder(folder), JSON.parse(queries)).then((out) => {
    process.stdout.write(JSON.stringify(out));
  }, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
}
