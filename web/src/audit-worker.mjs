// The audit page's worker (a module worker): reads the chosen files here, off
// the page's thread, and hands their bytes to the core's AuditSession
// (audit.mjs), which tells the kinds of file apart and reads them. An .ods
// (a zip: its first bytes say so) is read by the core too: its OdsZip says
// which bytes of the file to read until content.xml is located; this worker
// only slices the file, inflates content.xml with the browser's own
// DecompressionStream and feeds the inflated pieces to the core's .ods reader
// (the CLI's, compiled in). Nothing leaves the browser: the files are read
// with File.slice() and File.stream(), never sent anywhere.
//
// From the page:  {type: 'audit', files: [File], history}
//                 {type: 'rows', id, filter} | {type: 'trust', id, providerId}
// To the page:    {type: 'progress', read, total, file}
//                 {type: 'done', summary} | {type: 'failed', message}
//                 {type: 'answer', id, result}
// A new file means a new worker (the page ends this one), so a session is
// never reused.
import createAuditModule from './audit.mjs';

const PROGRESS_EVERY_MS = 50;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// content.xml's compressed bytes go to the inflater in pieces this small: an .ods inflates to some
// 70 times its size, and the inflater queues all that one piece gives (a file's stream chunks are
// larger), which is memory the page does not need.
const ODS_SLICE = 16 * 1024;

let moduleLoading = null;
let session = null;

const post = (message) => self.postMessage(message);

// "2 GB", "850 KB": sizes as a computer's file manager shows them (1 KB = 1,024 bytes).
function sizeText(bytes) {
  const units = [['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${(bytes / size).toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} bytes`;
}

class Refusal extends Error {}

async function audit(files, history) {
  moduleLoading ??= createAuditModule();
  const module = await moduleLoading;
  const limit = module.fileLimit();
  for (const file of files) {
    if (file.size > limit) {
      throw new Refusal(`${file.name} is ${sizeText(file.size)}. The largest file this page can read is `
        + `${sizeText(limit)} (${limit.toLocaleString('en-GB')} bytes). Split it into smaller files, or save each sheet as CSV.`);
    }
  }
  session = new module.AuditSession(Boolean(history));
  const total = files.reduce((n, f) => n + f.size, 0);
  let done = 0;
  let lastPost = 0;
  const progress = (read, file, force = false) => {
    const now = performance.now();
    if (!force && now - lastPost < PROGRESS_EVERY_MS) return;
    lastPost = now;
    post({ type: 'progress', read, total, file });
  };
  progress(0, files[0]?.name ?? '', true);

  for (const file of files) {
    const head = await readSlice(file, 0, ZIP_MAGIC.length);
    if (head.length === ZIP_MAGIC.length && ZIP_MAGIC.every((b, i) => head[i] === b)) {
      await auditOds(module, file, (read) => progress(done + read, file.name));
    } else {
      await auditStream(file, (read) => progress(done + read, file.name));
    }
    done += file.size;
    progress(done, file.name, true);
  }
  return JSON.parse(session.finish());
}

const unreadable = (file, e) => new Refusal(`${file.name} could not be read: it may have been moved, changed or deleted since it was chosen (${e?.message ?? e}).`);

/** The bytes [start, start + length) of the file. */
async function readSlice(file, start, length) {
  try {
    return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
  } catch (e) {
    throw unreadable(file, e);
  }
}

/** A file that is not a zip: its bytes to the session as they stream in (the session tells JSON from CSV). */
async function auditStream(file, progress) {
  let reader;
  try {
    reader = file.stream().getReader();
  } catch (e) {
    throw new Refusal(`${file.name} could not be read (${e.message}).`);
  }
  session.beginFile(file.name);
  let read = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw unreadable(file, e);
    }
    if (chunk.done) break;
    read += chunk.value.length;
    session.feed(chunk.value);
    progress(read);
  }
  session.endFile();
}

const notOpened = (file, message) => new Refusal(`${file.name} could not be opened as a spreadsheet: ${message}${/[.?!]$/.test(message) ? '' : '.'}`);

/** An entry's compressed bytes, inflated (stored: as they are) as a stream. */
function inflated(stream, method) {
  if (method === 0) return stream;
  // Every browser the page supports has DecompressionStream('deflate-raw') (Chromium 103, Firefox 113, Safari 16.4).
  return stream.pipeThrough(new DecompressionStream('deflate-raw'));
}

/**
 * An .ods: the core's OdsZip locates content.xml from the zip's records (the bytes it asks for are
 * sliced from the file), then content.xml's compressed bytes are streamed, inflated and fed to the
 * core's .ods reader, which hands each sheet of the export to the session. Progress is the compressed
 * bytes read.
 */
async function auditOds(module, file, progress) {
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

self.onmessage = async ({ data }) => {
  if (data?.type === 'audit') {
    try {
      post({ type: 'done', summary: await audit([...data.files], data.history) });
    } catch (e) {
      post({ type: 'failed', message: e instanceof Refusal ? e.message : `The files could not be audited: ${e?.message ?? e}` });
    }
  } else if (data?.type === 'rows' || data?.type === 'trust') {
    let result;
    if (!session) result = { error: 'no files have been audited yet' };
    else if (data.type === 'rows') result = JSON.parse(session.rows(JSON.stringify(data.filter ?? {})));
    else result = JSON.parse(session.trust(String(data.providerId ?? '')));
    post({ type: 'answer', id: data.id, result });
  }
};
