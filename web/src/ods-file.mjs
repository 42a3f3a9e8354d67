// CQC's .ods file read in a worker, for the workers that read CQC's data
// (audit-worker.mjs with audit.mjs, workbench-worker.mjs through
// assessment-api.mjs with assessment.mjs): the core's OdsZip says which bytes
// of the file to read until content.xml is located; they are sliced from the
// file (File.slice, so a file is never read whole), content.xml's compressed
// bytes are inflated with the browser's own DecompressionStream and the
// inflated pieces are fed to the core's .ods reader (the CLI's, compiled in)
// through the session's beginOds / odsInput + feedOdsInput / endOds. Nothing
// is read or decided here that the core should: this only moves bytes.

/** A file this page cannot read, with the reason in words for people. */
export class FileRefusal extends Error {}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// content.xml's compressed bytes go to the inflater in pieces this small: an .ods inflates to some
// 70 times its size, and the inflater queues all that one piece gives (a file's stream chunks are
// larger), which is memory the page does not need.
const ODS_SLICE = 16 * 1024;

export const unreadable = (file, e) => new FileRefusal(`${file.name} could not be read: it may have been moved, changed or deleted since it was chosen (${e?.message ?? e}).`);

/** The bytes [start, start + length) of the file. */
export async function readSlice(file, start, length) {
  try {
    return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
  } catch (e) {
    throw unreadable(file, e);
  }
}

/** Whether these bytes begin a zip (an .ods). */
export const startsAsZip = (bytes) => bytes.length >= ZIP_MAGIC.length && ZIP_MAGIC.every((b, i) => bytes[i] === b);

/** Whether the file is a zip (an .ods): its first bytes say so. */
export async function isZip(file) {
  return startsAsZip(await readSlice(file, 0, ZIP_MAGIC.length));
}

const notOpened = (file, message) => new FileRefusal(`${file.name} could not be opened as a spreadsheet: ${message}${/[.?!]$/.test(message) ? '' : '.'}`);

/** An entry's compressed bytes, inflated (stored: as they are) as a stream. */
function inflated(stream, method) {
  if (method === 0) return stream;
  // Every browser the pages support has DecompressionStream('deflate-raw') (Chromium 103, Firefox 113, Safari 16.4).
  return stream.pipeThrough(new DecompressionStream('deflate-raw'));
}

/**
 * An .ods (a File or Blob with a `name`) into `session`, made by `module` (audit.mjs or assessment.mjs,
 * each with an OdsZip): the zip's records located by the core, then content.xml streamed, inflated and
 * fed to the core's .ods reader, which hands each sheet of the export to the session. `progress(read)`
 * is told the compressed bytes read. Throws a FileRefusal with the reason in words.
 */
export async function readOds(module, file, session, progress = () => {}) {
  if (typeof DecompressionStream === 'undefined') {
    throw notOpened(file, 'this browser cannot unpack it (it has no DecompressionStream). Use a current browser, or save each sheet as CSV');
  }
  const zip = new module.OdsZip(file.size);
  try {
    for (let want = zip.want(); want === 'bytes' || want === 'inflated'; want = zip.want()) {
      const bytes = await readSlice(file, zip.offset(), zip.length());
      if (want === 'bytes') {
        zip.give(bytes);
      } else {
        try { // the manifest (small): whole
          zip.give(new Uint8Array(await new Response(inflated(new Blob([bytes]).stream(), zip.method())).arrayBuffer()));
        } catch {
          zip.skip();
        }
      }
    }
    if (zip.want() === 'failed') throw notOpened(file, zip.error());
    const start = zip.offset();
    let consumed = 0;
    const counted = file.slice(start, start + zip.length()).stream().pipeThrough(new TransformStream({
      transform(chunk, controller) {
        for (let i = 0; i < chunk.length; i += ODS_SLICE) controller.enqueue(chunk.subarray(i, i + ODS_SLICE));
      },
    })).pipeThrough(new TransformStream({
      transform(chunk, controller) { // runs as the inflater takes each piece (backpressure): progress
        consumed += chunk.length;
        controller.enqueue(chunk);
      },
    }));
    const reader = inflated(counted, zip.method()).getReader();
    session.beginOds(file.name, zip);
    let inflateError = '';
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        // DecompressionStream fails with a TypeError; anything else is the file itself.
        if (!(e instanceof TypeError)) throw unreadable(file, e);
        inflateError = e.message || String(e);
        break;
      }
      if (chunk.done) break;
      session.odsInput(chunk.value.length).set(chunk.value);
      if (!session.feedOdsInput(chunk.value.length)) {
        reader.cancel().catch(() => {});
        break;
      }
      progress(consumed);
    }
    const message = session.endOds(inflateError);
    if (message) throw notOpened(file, message);
  } finally {
    zip.delete();
  }
}
