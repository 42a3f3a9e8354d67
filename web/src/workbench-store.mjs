// The workbench's assessments, kept in this browser's IndexedDB.
//
// Why IndexedDB and not localStorage: a trust of 10 hospitals with dates,
// judgements and rationales is a document of 40 KB to several hundred KB, and
// a user keeps several; localStorage holds about 5 MB per site in all, as
// strings only, and every write is synchronous, so saving after each key press
// would stall typing while the whole document is turned into text and written.
// IndexedDB stores the document as it is (structured clone, no JSON by hand),
// asynchronously, in transactions that either happen whole or not at all, with
// a quota of hundreds of megabytes. Each save asks for "strict" durability:
// the transaction is reported complete only once the data is flushed to disk,
// so "Saved" is true even if the browser is killed a moment later.
//
// Records: {id, name, document, meta, created, updated} in "assessments";
// which one is open in "settings" under "current".
const DB_NAME = 'cqc-workbench';
const VERSION = 1;

let opening = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('assessments')) db.createObjectStore('assessments', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('another tab is upgrading the saved assessments'));
  });
  return opening;
}

/** Runs `work(stores)` in one transaction; resolves with its value once the transaction is complete. */
async function transaction(names, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(names, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
    let value;
    Promise.resolve(work(Object.fromEntries(names.map((n) => [n, tx.objectStore(n)]))))
      .then((v) => { value = v; }, (e) => { tx.abort(); reject(e); });
    tx.oncomplete = () => resolve(value);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the save was cancelled'));
  });
}

/** Every saved assessment: [{id, name, updated}], most recently changed first. */
export async function listAssessments() {
  const all = await transaction(['assessments'], 'readonly', ({ assessments }) => request(assessments.getAll()));
  return all.map(({ id, name, updated }) => ({ id, name, updated })).sort((a, b) => b.updated - a.updated);
}

export function getAssessment(id) {
  return transaction(['assessments'], 'readonly', ({ assessments }) => request(assessments.get(id)));
}

/** Writes a record (and, with `current`, makes it the open one) in one transaction. */
export function putAssessment(record, { current = false } = {}) {
  return transaction(['assessments', 'settings'], 'readwrite', ({ assessments, settings }) => {
    assessments.put(record);
    if (current) settings.put(record.id, 'current');
  });
}

export function deleteAssessment(id) {
  return transaction(['assessments'], 'readwrite', ({ assessments }) => request(assessments.delete(id)));
}

export function currentId() {
  return transaction(['settings'], 'readonly', ({ settings }) => request(settings.get('current')));
}

export function setCurrent(id) {
  return transaction(['settings'], 'readwrite', ({ settings }) => request(settings.put(id, 'current')));
}

/** A new record's id: time and chance, never reused. */
export function newRecordId() {
  return `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Saves the latest version of the open assessment, one write at a time: a change made while a
 * write is under way is written right after it (only the newest), so saves never pile up.
 * `onState('saving' | 'saved' | 'failed', detail)` reports each step.
 */
export function createSaver(onState) {
  let writing = false;
  let next = null;
  async function run() {
    writing = true;
    while (next) {
      const record = next;
      next = null;
      onState('saving');
      try {
        await putAssessment(record);
        if (!next) onState('saved', record);
      } catch (e) {
        onState('failed', e);
      }
    }
    writing = false;
  }
  return {
    save(record) {
      // No copy: IndexedDB copies the record when the write begins, so a write that waits for the one
      // under way writes the record as it is by then, the newest (a copy per key press cost a frame's ms).
      next = record;
      if (!writing) run();
    },
    get busy() { return writing; },
  };
}
