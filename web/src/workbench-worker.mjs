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

// The live assessment's last answer (the core's ratings view: each node's ratings, no sentences, and in full
// only the nodes the page shows the details of), node id -> the node as JSON text: each answer after the
// first is posted as the nodes whose text changed (an edit changes a few dozen of a 10 x 12 trust's 788).
let last = null;

function liveAnswer(answer, epoch) {
  if (answer.error) return answer;
  if (last?.epoch !== epoch) last = null; // another assessment: every node again
  const texts = new Map(answer.nodes.map((n) => [n.id, JSON.stringify(n)]));
  const ids = answer.nodes.map((n) => n.id);
  const sameIds = last && last.ids.length === ids.length && last.ids.every((id, i) => id === ids[i]);
  const changed = last ? answer.nodes.filter((n) => last.texts.get(n.id) !== texts.get(n.id)) : answer.nodes;
  last = { ids, texts, epoch };
  return { ...answer, nodes: undefined, changed, ids: sameIds ? null : ids };
}

const OPS = {
  assess: (api, { text, live, explain }) => (live ? liveAnswer(api.assessRatings(text, { explain }), live) : api.assess(text)),
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
