// The typed face of the assessment module (assessment.mjs; types in
// assessment-api.d.mts, the shapes pinned by core/contract/schema/): a trust's
// assessment document in, every node of CQC's levels of ratings out; what
// matters most to its trust ratings; the document as CQC's Locations or Providers sheet;
// and a document made from CQC's published data. Like ratings-api.mjs it
// loads the module once, speaks JSON, returns every answer (a bad document
// included) as data, and cuts text longer than the core's limit (4 MiB for a
// document) before embind copies it (boundedForCore).
import createAssessmentModule from './assessment.mjs';
import { boundedForCore } from './bounded-text.mjs';
import { FileRefusal, isZip, readOds, startsAsZip } from './ods-file.mjs';

let loading = null;
const kPiece = 1 << 20; // published data handed to the core a MiB at a time

function failure(message, field = '') {
  return { error: message, errors: [{ field, message }] };
}

/** Node ids as the core reads them (one per line), or an error answer naming `field`. */
function idsText(ids, field) {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id.includes('\n'))) {
    return { failed: failure(`${field} must be a list of node ids`, field) };
  }
  return { ids: boundedForCore(ids.join('\n'), 64 * 1024) };
}

/** The document as JSON text, or an error answer. */
function documentText(document) {
  let text;
  try {
    text = typeof document === 'string' ? document : JSON.stringify(document);
  } catch (e) {
    return { failed: failure(`the document cannot be written as JSON: ${e.message}`) };
  }
  if (typeof text !== 'string') return { failed: failure('the document must be a JSON object') };
  return { text };
}

/** Loads the module once; `options` go to the Emscripten factory (Node: `{wasmBinary}`). */
export function loadAssessment(options = {}) {
  loading ??= createAssessmentModule(options).then((module) => {
    const limit = module.inputLimit();
    const asAtText = (asAt) => boundedForCore(String(asAt ?? ''), 64);
    const call = (document, run) => {
      const { text, failed } = documentText(document);
      return failed ?? run(boundedForCore(text, limit));
    };
    return {
      /** The core's limit for a document, in bytes. */
      inputLimit: limit,
      /** The document (an object or JSON text), as at a date (YYYY-MM-DD) or its own. */
      assess(document, asAt = '') {
        return call(document, (text) => JSON.parse(module.assess(text, asAtText(asAt))));
      },
      /**
       * The workbench's live view: every node's ratings (no sentences), and the nodes named in
       * `explain` (ids) in full, as `assess` gives them.
       */
      assessRatings(document, { asAt = '', explain = [] } = {}) {
        const { ids, failed } = idsText(explain, 'explain');
        return failed ?? call(document, (text) => JSON.parse(module.assessRatings(text, asAtText(asAt), ids)));
      },
      /**
       * The workbench's live assessment: `load(document, {asAt, explain})` reads the whole document,
       * `setEntry(nodeId, entry, {explain})` replaces one entered object (a service's key question,
       * the trust-wide well-led or use of resources; null for nothing) as if the document held it;
       * each answers the nodes whose ratings changed since the last answer (contract_live_assessment.hpp).
       * `close()` frees it.
       */
      liveAssessment() {
        const live = new module.LiveAssessment();
        return {
          load(document, { asAt = '', explain = [] } = {}) {
            const { ids, failed } = idsText(explain, 'explain');
            return failed ?? call(document, (text) => JSON.parse(live.load(text, asAtText(asAt), ids)));
          },
          setEntry(nodeId, entry, { explain = [] } = {}) {
            const { ids, failed } = idsText(explain, 'explain');
            if (failed) return failed;
            return call(entry ?? null, (text) => JSON.parse(live.setEntry(boundedForCore(String(nodeId), 1024), text, ids)));
          },
          get loaded() { return live.loaded(); },
          close() { live.delete(); },
        };
      },
      /** What matters most: the smallest changes that move the trust's quality and combined ratings (or `targets`). */
      whatMatters(document, { asAt = '', targets = [] } = {}) {
        const { ids, failed } = idsText(targets, 'targets');
        return failed ?? call(document, (text) => JSON.parse(module.whatMatters(text, asAtText(asAt), ids)));
      },
      /**
       * The assessment as a sheet of CQC's Latest ratings export: `sheet` 'locations' (each location's
       * ratings) or 'providers' (the trust's own ratings; a trust without locations, its core services too).
       * `{csv}` or the error answer.
       */
      toExportSheet(document, sheet = 'locations', asAt = '') {
        if (sheet !== 'locations' && sheet !== 'providers') return failure('sheet must be "locations" or "providers"', 'sheet');
        return call(document, (text) => {
          const out = module.exportSheet(text, asAtText(asAt), sheet);
          return out.startsWith('{') ? JSON.parse(out) : { csv: out };
        });
      },
      /**
       * CQC's published data (API location records as JSON, sheets of the Latest ratings export as CSV, or
       * the export's .ods), each file `{name, data}` with `data` text, bytes or a Blob, read through the
       * audit's readers (an .ods as the audit page reads it: ods-file.mjs): a promise of the providers found
       * and the problems met (by file, line, column and field), with `document(providerId)` giving that
       * provider's assessment document (or the error answer) and `close()` freeing the data read.
       */
      async importPublished(files) {
        const session = new module.PublishedImport();
        let found;
        try {
          const encoder = new TextEncoder();
          for (const { name, data } of files) {
            const fileName = String(name ?? '');
            const bytes = typeof data === 'string' ? encoder.encode(data) : data;
            const blob = bytes instanceof Blob ? bytes : null;
            if (blob ? await isZip(blob) : startsAsZip(bytes)) {
              await readOds(module, new File([bytes], fileName), session);
              continue;
            }
            session.beginFile(fileName);
            const size = blob ? blob.size : bytes.length;
            for (let at = 0; at < size; at += kPiece) {
              session.feed(blob ? new Uint8Array(await blob.slice(at, at + kPiece).arrayBuffer()) : bytes.subarray(at, at + kPiece));
            }
            session.endFile();
          }
          found = JSON.parse(session.finish());
        } catch (e) {
          session.delete();
          const message = e instanceof FileRefusal ? e.message : `the data cannot be read: ${e.message}`;
          return { ...failure(message), providers: [], document: () => failure('nothing was read'), close() {} };
        }
        let open = true;
        return {
          ...found,
          document(providerId) {
            if (!open) return failure('this import was closed', 'provider_id');
            return JSON.parse(session.document(boundedForCore(String(providerId ?? ''), 200)));
          },
          close() {
            if (open) session.delete();
            open = false;
          },
        };
      },
    };
  });
  return loading;
}
