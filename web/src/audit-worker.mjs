// The audit page's worker (a module worker): reads the chosen files here, off
// the page's thread, and hands their bytes to the core's AuditSession
// (audit.mjs), which tells the kinds of file apart and reads them. An .ods is
// opened first (ods-sheets.mjs, loaded only then), each sheet fed to the
// session as a CSV file of its own. Nothing leaves the browser: the files are
// read with File.stream(), never sent anywhere.
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
    let reader;
    try {
      reader = file.stream().getReader();
    } catch (e) {
      throw new Refusal(`${file.name} could not be read (${e.message}).`);
    }
    let ods = null;      // set once the first bytes say zip
    let sniffed = false;
    let head = new Uint8Array(0); // the first bytes, until there are enough to tell a zip
    let read = 0;
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new Refusal(`${file.name} could not be read: it may have been moved, changed or deleted since it was chosen (${e.message}).`);
      }
      if (chunk.done) break;
      let bytes = chunk.value;
      read += bytes.length;
      if (!sniffed) {
        const joined = new Uint8Array(head.length + bytes.length);
        joined.set(head);
        joined.set(bytes, head.length);
        if (joined.length < ZIP_MAGIC.length) {
          head = joined;
          continue;
        }
        sniffed = true;
        bytes = joined;
        if (ZIP_MAGIC.every((b, i) => joined[i] === b)) ods = await openOds(file.name);
        else session.beginFile(file.name);
      }
      if (ods) {
        // An .ods unpacks to some 70 times its size: in small slices, so progress keeps moving.
        const at = read - bytes.length;
        for (let i = 0; i < bytes.length; i += ODS_SLICE) {
          ods.push(bytes.subarray(i, i + ODS_SLICE));
          progress(done + at + Math.min(bytes.length, i + ODS_SLICE), file.name);
        }
      } else {
        session.feed(bytes);
      }
      progress(done + read, file.name);
    }
    if (!sniffed) {
      session.beginFile(file.name);
      if (head.length) session.feed(head);
    }
    if (ods) ods.push(new Uint8Array(0), true);
    else session.endFile();
    done += file.size;
    progress(done, file.name, true);
  }
  return JSON.parse(session.finish());
}

// The .ods reader, its sheets fed to the session as files named "<file>, sheet <name>".
async function openOds(fileName) {
  let odsSheets, OdsError;
  try {
    ({ odsSheets, OdsError } = await import('./ods-sheets.mjs'));
  } catch (e) {
    throw new Refusal(`Part of this page that opens .ods files did not arrive (${e.message}). Try again, or save each sheet as CSV.`);
  }
  const encoder = new TextEncoder();
  const reader = odsSheets({
    begin: (sheet) => session.beginFile(`${fileName}, sheet ${sheet}`),
    text: (csv) => session.feed(encoder.encode(csv)),
    end: () => session.endFile(),
  });
  return {
    push(bytes, final = false) {
      try {
        reader.push(bytes, final);
      } catch (e) {
        if (e instanceof OdsError) throw new Refusal(`${fileName} could not be opened as a spreadsheet: ${e.message}.`);
        throw e;
      }
    },
  };
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
