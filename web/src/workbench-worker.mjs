// The workbench's worker: the assessment module (the core, in WebAssembly)
// answers here, off the page's thread, so typing never waits for it. The page
// posts JSON text and files; the core reads them and answers: every node of
// CQC's levels of ratings, what matters most, the assessment as CQC's
// Locations sheet, and CQC's published data read into a provider's document.
// Nothing else is done here.
import { loadAssessment } from './assessment-api.mjs';

const ready = loadAssessment();
let published = null; // the last CQC data opened: its providers, until another is opened

const OPS = {
  assess: (api, { text }) => api.assess(text),
  whatMatters: (api, { text }) => api.whatMatters(text),
  csv: (api, { text }) => api.toLocationsSheet(text),
  openPublished(api, { files }) {
    published?.close();
    published = api.importPublished(files.map(({ name, data }) => ({ name, data: new Uint8Array(data) })));
    const { document, close, ...found } = published;
    return found;
  },
  publishedDocument: (api, { provider }) => published?.document(provider) ?? { error: 'no data is open', errors: [] },
};

self.onmessage = async ({ data }) => {
  let api;
  try {
    api = await ready;
  } catch (e) {
    self.postMessage({ id: data.id, failed: String(e?.message ?? e) });
    return;
  }
  const started = performance.now();
  const result = OPS[data.op ?? 'assess'](api, data);
  self.postMessage({ id: data.id, result, ms: performance.now() - started });
};
