// The explorer's WebAssembly module (explorer.mjs), loaded once: every
// combination of the six ratings under one or two rule variants. Like
// ratings-api.mjs, it speaks JSON and returns errors as data; text longer than
// the core's limit is cut before it is copied into wasm memory (boundedForCore).
import createExplorerModule from './explorer.mjs';
import { boundedForCore } from './bounded-text.mjs';

let loading = null;

// A rule variant as JSON text, read by the core. The module has no binding
// for a rules config on its own, so it is read in three steps, each by the
// core: (1) its strict JSON reader (size, NUL bytes, duplicate keys, number
// overflow) through readRuleSet, keeping only the messages about the JSON
// itself; (2) the variant as explore reads it; (3) each rule set object,
// normalised by readRuleSet. JSON.parse only carries text the core has
// already accepted as JSON from step 1 to step 2.
function readVariant(module, limit, text) {
  const bounded = boundedForCore(String(text), limit);
  const fail = (errors) => ({ error: errors.map((e) => e.message).join('; '), errors });
  const asJson = JSON.parse(module.readRuleSet(bounded));
  const jsonErrors = (asJson.errors ?? []).filter((e) => e.field === '' && /^the rule set is /.test(e.message));
  if (jsonErrors.length) {
    return fail(jsonErrors.map((e) => ({ field: '', message: e.message.replace(/^the rule set /, 'the variant ') })));
  }
  let value;
  try {
    value = JSON.parse(bounded);
  } catch {
    return fail([{ field: '', message: 'the variant is not valid JSON' }]);
  }
  const answer = JSON.parse(module.explore(boundedForCore(JSON.stringify({ variants: [value] }), limit)));
  if (answer.error) {
    return fail(answer.errors.map((e) => ({
      field: e.field.replace(/^variants\[0\]\.?/, ''),
      message: e.message.replace(/field "variants\[0\]"/g, 'the variant').replace(/"variants\[0\]"/g, 'the variant')
        .replace(/variants\[0\]\./g, ''),
    })));
  }
  const names = answer.variants[0].rules;
  const rules = {};
  for (const part of ['quality', 'combined']) {
    const given = typeof value === 'string' ? (part === 'combined' ? value : null) : value[part];
    if (given === null || given === undefined || typeof given === 'string') {
      rules[part] = names[part]; // a built-in, named or the core's default
    } else {
      const read = JSON.parse(module.readRuleSet(boundedForCore(JSON.stringify(given), limit)));
      if (read.error) return fail(read.errors.map((e) => ({ field: `${part}.${e.field}`, message: e.message })));
      rules[part] = read.rule_set;
    }
  }
  return { rules };
}

export function loadExplorer(options = {}) {
  loading ??= createExplorerModule(options).then((module) => {
    const limit = module.inputLimit();
    return {
      /** The most bytes of JSON text the core reads. */
      inputLimit: limit,
      /** {variants: [A, B?], include_not_rated, list} -> exploration or {error, errors} */
      explore: (request) => JSON.parse(module.explore(boundedForCore(JSON.stringify(request), limit))),
      /** A researcher's rule set as JSON text -> {rule_set} (normalised) or {error, errors}. */
      readRuleSet: (text) => JSON.parse(module.readRuleSet(boundedForCore(String(text), limit))),
      /**
       * A rule variant as JSON text: a rules config {"quality": R, "combined": R}
       * (either optional) or a built-in name for the combined rule set ->
       * {rules: {quality, combined}}, each a built-in name or a normalised rule
       * set, or {error, errors} with fields relative to the variant.
       */
      readVariant: (text) => readVariant(module, limit, text),
      /** The built-in rule sets as editable JSON. */
      builtinRuleSets: () => JSON.parse(module.builtinRuleSets()),
      /** The questions and ratings with their labels (as ratings-api.mjs). */
      vocabulary: () => JSON.parse(module.vocabulary()),
    };
  });
  return loading;
}
