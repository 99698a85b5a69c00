/* Sijill search folding at query time: the same steps as plugins/news_archive/fold.py (index
 * time), built only from the shared spec plugins/news_archive/data/fold_spec.json. No letter
 * is written here; change the spec, not this file.
 *
 * Works as a classic <script> (after fold-spec.js, which sets window.SijillFoldSpec; it then
 * sets window.SijillFold) and as a CommonJS module in Node ({createFold, registerLunrPipeline}).
 * Parity with Python is checked by tests/js/fold.test.js and tests/test_fold_parity.py against
 * tests/fold_vectors.json. */
(function (root, factory) {
  'use strict';
  var lib = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = lib;
  } else if (root && root.SijillFoldSpec) {
    var api = root.SijillFold = lib.createFold(root.SijillFoldSpec);
    // lunr.min.js loads after this file: the search page calls SijillFold.registerLunrPipeline(lunr)
    // once lunr is there (before any index is loaded); done here already if lunr came first.
    var registered = null;
    api.registerLunrPipeline = function (lunr) {
      return registered || (registered = lib.registerLunrPipeline(lunr || root.lunr, api));
    };
    if (root.lunr) api.registerLunrPipeline(root.lunr);
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  // Python's [^\W_]+: runs of letters (L*) and numbers (N*); "_" and marks separate.
  var RUN = /[\p{L}\p{N}]+/gu;

  // Length in code points, as Python's len() (a UTF-16 .length counts astral letters twice).
  function length(s) {
    return Array.from(s).length;
  }

  function createFold(spec) {
    // One table, as fold.py's str.translate table: code point -> '' (remove) or its replacement.
    var table = new Map();
    spec.remove.forEach(function (span) {
      for (var cp = parseInt(span.first, 16); cp <= parseInt(span.last, 16); cp++) table.set(cp, '');
    });
    spec.map.forEach(function (row) {
      table.set(parseInt(row.from, 16), String.fromCodePoint(parseInt(row.to, 16)));
    });

    // normalize -> remove and map -> lowercase -> renormalize (never for display).
    function fold(text) {
      var out = '';
      for (var ch of String(text).normalize(spec.normalize)) { // by code point, not UTF-16 unit
        var to = table.get(ch.codePointAt(0));
        out += to === undefined ? ch : to;
      }
      out = spec.lowercase ? out.toLowerCase() : out;
      return spec.renormalize ? out.normalize(spec.renormalize) : out;
    }

    function tokens(text) {
      return fold(text).match(RUN) || [];
    }

    // At most one affix: the first rule, in spec order (longest first), that matches and leaves
    // at least min_rest code points.
    function strip(token, rules, atStart) {
      for (var i = 0; i < rules.length; i++) {
        var affix = rules[i].affix;
        var hit = atStart ? token.startsWith(affix) : token.endsWith(affix);
        if (hit && length(token) - length(affix) >= rules[i].min_rest) {
          return atStart ? token.slice(affix.length) : token.slice(0, token.length - affix.length);
        }
      }
      return token;
    }

    function stem(token) {
      return strip(strip(token, spec.affixes.prefixes, true), spec.affixes.suffixes, false);
    }

    // What one folded token is indexed and searched as: itself, then its stem if different.
    function terms(token) {
      var light = stem(token);
      return light === token ? [token] : [token, light];
    }

    return { fold: fold, tokens: tokens, stem: stem, terms: terms };
  }

  // The lunr.js pipeline functions, under the labels lunr.py registers at index time
  // (plugins/news_archive/search_index.py); serialized indexes name them.
  function registerLunrPipeline(lunr, api) {
    function sijillFold(token) { // one token per letter/digit run of the folded text (maybe none)
      return api.tokens(token.toString()).map(function (run) {
        return token.clone(function () { return run; });
      });
    }
    function sijillStem(token) { // the token, and its light stem when different
      var forms = api.terms(token.toString());
      return forms.length > 1 ? [token, token.clone(function () { return forms[1]; })] : [token];
    }
    lunr.Pipeline.registerFunction(sijillFold, 'sijillFold');
    lunr.Pipeline.registerFunction(sijillStem, 'sijillStem');
    return [sijillFold, sijillStem];
  }

  return { createFold: createFold, registerLunrPipeline: registerLunrPipeline };
}));
