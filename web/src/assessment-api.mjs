// The typed face of the assessment module (assessment.mjs; types in
// assessment-api.d.mts, the shape pinned by core/schema/): a trust's
// assessment document in, every node of CQC's levels of ratings out. Like
// ratings-api.mjs it loads the module once, speaks JSON, returns every
// answer (a bad document included) as data, and cuts text longer than the
// core's limit before embind copies it (boundedForCore).
import createAssessmentModule from './assessment.mjs';
import { boundedForCore } from './bounded-text.mjs';

let loading = null;

/** Loads the module once; `options` go to the Emscripten factory (Node: `{wasmBinary}`). */
export function loadAssessment(options = {}) {
  loading ??= createAssessmentModule(options).then((module) => {
    const limit = module.inputLimit();
    return {
      /** The document (an object or JSON text), as at a date (YYYY-MM-DD) or its own. */
      assess(document, asAt = '') {
        let text;
        try {
          text = typeof document === 'string' ? document : JSON.stringify(document);
        } catch (e) {
          const message = `the document cannot be written as JSON: ${e.message}`;
          return { error: message, errors: [{ field: '', message }] };
        }
        if (typeof text !== 'string') {
          return { error: 'the document must be a JSON object', errors: [{ field: '', message: 'the document must be a JSON object' }] };
        }
        return JSON.parse(module.assess(boundedForCore(text, limit), boundedForCore(String(asAt ?? ''), 64)));
      },
    };
  });
  return loading;
}
