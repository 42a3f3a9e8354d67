// The explorer's WebAssembly module (explorer.mjs), loaded once: every
// combination of the six ratings under one or two rule variants. Like
// ratings-api.mjs, it speaks JSON and returns errors as data; text longer than
// the core's limit is cut before it is copied into wasm memory (boundedForCore).
import createExplorerModule from './explorer.mjs';
import { boundedForCore } from './bounded-text.mjs';

let loading = null;

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
      readVariant: (text) => JSON.parse(module.readVariant(boundedForCore(String(text), limit))),
      /** The built-in rule sets as editable JSON. */
      builtinRuleSets: () => JSON.parse(module.builtinRuleSets()),
      /** The questions and ratings with their labels (as ratings-api.mjs). */
      vocabulary: () => JSON.parse(module.vocabulary()),
    };
  });
  return loading;
}
