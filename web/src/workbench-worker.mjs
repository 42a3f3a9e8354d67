// The workbench's worker: the assessment module (the core, in WebAssembly)
// answers here, off the page's thread, so typing never waits for it. The page
// posts JSON text and files; the core reads them and answers: every node of
// CQC's levels of ratings, what matters most, the assessment as CQC's
// Locations or Providers sheet, and CQC's published data (an .ods too: ods-file.mjs)
// read into a provider's document.
// Nothing else is done here.
import { loadAssessment } from './assessment-api.mjs';

const ready = loadAssessment();
let published = null; // the last CQC data opened: its providers, until another is opened

// The live assessment (the core's LiveAssessment): the open document loaded once, then each key press in a
// grid sent as the one entered object it changed, and each answer only the nodes whose ratings changed (an
// edit changes a few dozen of a 10 x 12 trust's 788), so neither the core nor the page handles the rest.
// Any other change, another assessment (a new epoch) or a document in error loads the whole text again
// (the page sends the text only then).
let live = null;
let liveEpoch = null;

function liveAnswer(api, { text, epoch, entry, explain }) {
  if (liveEpoch !== epoch) {
    // Another assessment: a fresh one answers every node (the page has forgotten the last one's).
    live?.close();
    live = api.liveAssessment();
    liveEpoch = epoch;
  } else if (entry && live.loaded) {
    return live.setEntry(entry.node, entry.value, { explain });
  }
  // The page sends the text whenever the last answer was not the live document's (coreHasDocument).
  return text === null ? { error: 'the document was not sent', errors: [] } : live.load(text, { explain });
}

const OPS = {
  assess: (api, { text, live: epoch, entry, explain }) => (epoch ? liveAnswer(api, { text, epoch, entry, explain }) : api.assess(text)),
  whatMatters: (api, { text }) => api.whatMatters(text),
  csv: (api, { text, sheet }) => api.toExportSheet(text, sheet),
  async openPublished(api, { files }) {
    published?.close();
    published = await api.importPublished(files.map(({ name, data }) => ({ name, data: new Uint8Array(data) })));
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
  const result = await OPS[data.op ?? 'assess'](api, data);
  self.postMessage({ id: data.id, result, ms: performance.now() - started });
};
