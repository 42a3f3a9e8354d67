// The audit page's worker (a module worker): reads the chosen files here, off
// the page's thread, and hands their bytes to the core's AuditSession
// (audit.mjs), which tells the kinds of file apart and reads them. An .ods
// (a zip: its first bytes say so) is read by the core too (ods-file.mjs: this
// worker only slices the file, inflates content.xml with the browser's own
// DecompressionStream and feeds the inflated pieces to the core's .ods reader,
// the CLI's, compiled in). Nothing leaves the browser: the files are read
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
import { FileRefusal as Refusal, isZip, readOds, unreadable } from './ods-file.mjs';

const PROGRESS_EVERY_MS = 50;
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
    if (await isZip(file)) {
      await readOds(module, file, session, (read) => progress(done + read, file.name));
    } else {
      await auditStream(file, (read) => progress(done + read, file.name));
    }
    done += file.size;
    progress(done, file.name, true);
  }
  return JSON.parse(session.finish());
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
