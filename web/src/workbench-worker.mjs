// The workbench's worker: the assessment module (the core, in WebAssembly)
// answers here, off the page's thread, so typing never waits for it. The page
// posts the document as JSON text; the core reads it and answers with every
// node of CQC's levels of ratings, or with its errors. Nothing else is done here.
import { loadAssessment } from './assessment-api.mjs';

const ready = loadAssessment();

self.onmessage = async ({ data }) => {
  let api;
  try {
    api = await ready;
  } catch (e) {
    self.postMessage({ id: data.id, failed: String(e?.message ?? e) });
    return;
  }
  const started = performance.now();
  const result = api.assess(data.text);
  self.postMessage({ id: data.id, result, ms: performance.now() - started });
};
