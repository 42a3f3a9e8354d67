// The typed face of the WebAssembly ratings core (see ratings-api.d.mts).
// It loads the module once and speaks JSON to it; every answer, including a
// bad input, comes back as data. No rules here: the core decides everything.
import createRatingsModule from './ratings.mjs';
import { boundedForCore } from './bounded-text.mjs';

let loading = null;

/**
 * Loads the module once. `options` go to the Emscripten factory (Node tests
 * pass `{wasmBinary}`, since Node's fetch cannot read file: URLs), except
 * `wasmBytes`: the wasm's bytes already at hand (the calculator page imports
 * them as a module, ratings-wasm.mjs), compiled and instantiated at once.
 */
export function loadRatings({ wasmBytes, ...options } = {}) {
  loading ??= (wasmBytes ? createAtOnce(wasmBytes, options) : createRatingsModule(options))
    .then((module) => new RatingsApi(module));
  return loading;
}

// The core compiled and instantiated synchronously, in the caller's task: no fetch() answer to
// wait for, so no frame of the page comes before the first result (bench/README.md: first
// result). A browser that will not compile this much synchronously gets the same bytes compiled
// asynchronously; a failure rejects (Emscripten's glue would only log it and never settle).
function createAtOnce(wasmBytes, options) {
  return new Promise((resolve, reject) => {
    const instantiateWasm = (imports, receiveInstance) => {
      try {
        receiveInstance(new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), imports));
      } catch {
        WebAssembly.instantiate(wasmBytes, imports).then(({ instance }) => receiveInstance(instance), reject);
      }
      return {}; // the exports arrive through receiveInstance
    };
    createRatingsModule({ ...options, instantiateWasm }).then(resolve, reject);
  });
}

function errorResult(message) {
  return { error: message, errors: [{ field: '', message }] };
}

export class RatingsApi {
  #module;
  #limit;

  constructor(module) {
    this.#module = module;
    this.#limit = module.inputLimit();
  }

  /** Evaluates a request object (or JSON text); returns a Result or an ErrorResult. */
  evaluate(request) {
    return JSON.parse(this.evaluateText(request));
  }

  /** The contract's JSON text itself, byte for byte what the native CLI prints. */
  evaluateText(request) {
    let text;
    try {
      text = typeof request === 'string' ? request : JSON.stringify(request);
    } catch (e) {
      return JSON.stringify(errorResult(`the input cannot be written as JSON: ${e.message}`));
    }
    if (typeof text !== 'string') return JSON.stringify(errorResult('the input must be a JSON object'));
    return this.#module.evaluate(boundedForCore(text, this.#limit));
  }

  /**
   * Reads page state from a URL query (a string, or anything URLSearchParams
   * takes): the usable values and what was ignored. Never throws.
   */
  readParams(search) {
    let pairs;
    try {
      pairs = JSON.stringify([...new URLSearchParams(search)]);
    } catch (e) {
      return { values: {}, ignored: [{ param: '', message: `the address query cannot be read: ${e.message}` }] };
    }
    return JSON.parse(this.#module.readParams(boundedForCore(pairs, this.#limit)));
  }

  /** The built-in rule sets, as JSON a researcher can start a variant from. */
  defaultRules() {
    return JSON.parse(this.#module.defaultRules());
  }

  /** The six questions and five ratings with their labels, in CQC's order. */
  vocabulary() {
    return JSON.parse(this.#module.vocabulary());
  }
}
