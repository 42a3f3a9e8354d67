// The workbench's worker: the assessment module (the core, in WebAssembly)
// answers here, off the page's thread, what takes long: what matters most, the
// assessment as CQC's Locations or Providers sheet, CQC's published data (an
// .ods too: ods-file.mjs) read into a provider's document, a file read; and the
// open document's live assessment until the page's own copy of the core has
// loaded (from then on a key press is answered on the page's thread, in its own
// task: workbench-changes.mjs). Nothing else is done here.
import { loadAssessment } from './assessment-api.mjs';
import { LiveCore } from './workbench-live.mjs';

const ready = loadAssessment();
let published = null; // the last CQC data opened: its providers, until another is opened

let live = null; // the live assessment of the open document (workbench-live.mjs)

const OPS = {
  assess: (api, { text, live: epoch, entry, explain }) =>
    (epoch ? (live ??= new LiveCore(api)).answer({ text, epoch, entry, explain }) : api.assess(text)),
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
