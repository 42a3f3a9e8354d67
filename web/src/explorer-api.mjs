// The explorer's WebAssembly module (explorer.mjs), loaded once: every
// combination of the six ratings under one or two rule variants. Like
// ratings-api.mjs, it speaks JSON and returns errors as data.
import createExplorerModule from './explorer.mjs';

let loading = null;

export function loadExplorer(options = {}) {
  loading ??= createExplorerModule(options).then((module) => ({
    /** {variants: [A, B?], include_not_rated, list} -> exploration or {error, errors} */
    explore: (request) => JSON.parse(module.explore(JSON.stringify(request))),
    /** The built-in rule sets as editable JSON. */
    builtinRuleSets: () => JSON.parse(module.builtinRuleSets()),
    /** The questions and ratings with their labels (as ratings-api.mjs). */
    vocabulary: () => JSON.parse(module.vocabulary()),
  }));
  return loading;
}
