// A change's way from the page to the core: made to the document as one step of undo, sent to the
// core (answered() in workbench-paint.mjs paints its answer), the page's sections brought in line,
// and saved (workbench-store.mjs) once the answer is painted. This is the path of every key press in
// a grid, kept in one file because its speed matters: when the core holds the document, a change
// confined to one entered cell sends the core that cell's object alone. The core answers in its
// worker (workbench-worker.mjs) until the page's own copy has loaded, after the first render; from
// then on on the page's thread, in the key press's own task, so the answer is painted in the frame
// that follows it (bench/workbench.mjs). Also here: the page's other questions to the worker (ask),
// and undo and redo.
import * as D from './workbench-doc.mjs';
import * as store from './workbench-store.mjs';
import * as M from './workbench-messages.mjs';
import { addressOf } from './workbench-grid.mjs';
import { page, $, setText } from './workbench-state.mjs';
import { reconcile } from './workbench-structure.mjs';
import { answered } from './workbench-paint.mjs';
import { detailNodeId, fillDetail, closeDetail } from './workbench-detail.mjs';
import { refreshChoices, storageFailed } from './workbench-assessments.mjs';
import { LiveCore } from './workbench-live.mjs';

const UNDO_LIMIT = 200;

// ---- changes, undo and saving -----------------------------------------------------------------

let undoStack = [];        // snapshots before each change: {doc, meta} as JSON text
let redoStack = [];
let lastCoalesce = null;   // typing in one box is one step of undo

const snapshot = () => ({ doc: JSON.stringify(page.doc), meta: JSON.stringify(page.record.meta ?? {}) });

/** Another assessment is open: nothing to undo or redo. */
export function forgetHistory() {
  undoStack = [];
  redoStack = [];
  lastCoalesce = null;
}

// A write takes a few milliseconds: "Saving…" is shown only if one takes longer than a moment, and
// "Saved" joins the paint of the core's answer when one is coming, so a key press paints once.
let slowSave = null;
let savedText = null;
const saver = store.createSaver((state, detail) => {
  const status = $('save-status');
  clearTimeout(slowSave);
  if (state === 'saving') {
    slowSave = setTimeout(() => { status.textContent = 'Saving…'; }, 250);
    return;
  }
  status.classList.toggle('wb-save--failed', state === 'failed');
  if (state === 'saved') {
    savedText = `Saved in this browser at ${new Date(detail.updated).toLocaleTimeString('en-GB')}.`;
    if (!inFlight) showSaved();
  } else {
    savedText = null;
    status.textContent = `Not saved: ${M.STORAGE_FAILED}`;
  }
});
export function showSaved() {
  if (savedText !== null) setText($('save-status'), savedText);
  savedText = null;
}

// A save's copy of the document (IndexedDB's, a few milliseconds for a large trust) waits until the core's
// answer to the change is painted, so it never stands between a key press and its result: at once when no
// answer is coming, and at the latest 100 ms later, or when the page is hidden or closed.
let saveWanted = false;
let saveTimer = null;
function saveAfterAnswer() {
  saveWanted = true;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(flushSave, 100);
  // Answered on the page's thread: once the frame with the answer has been painted.
  if (!inFlight) requestAnimationFrame(() => setTimeout(flushSave, 0));
}
export function flushSave() {
  if (!saveWanted) return;
  saveWanted = false;
  clearTimeout(saveTimer);
  save();
}
addEventListener('pagehide', flushSave);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flushSave(); });

export function save() {
  const { record } = page;
  record.updated = Date.now();
  if (page.storageWorks) saver.save(record);
  if (page.storageWorks && !record.saved) {
    record.saved = true; // its first save: it becomes the one a visit opens, and joins the list
    store.setCurrent(record.id).then(refreshChoices, storageFailed);
  }
}

/**
 * Makes one change to the document (`mutate(doc, meta)`), as one step of undo: `coalesce` names
 * a box being typed in, so a word typed is one step, not one per letter. `entry`: the address of
 * the one entered cell the change is confined to (its rating, date, enforcement or judgement), so
 * the core is sent that cell's object alone.
 */
export function change(mutate, { coalesce = null, announce = null, entry = null } = {}) {
  const before = page.current ?? snapshot();
  mutate(page.doc, page.record.meta);
  const after = snapshot();
  if (after.doc === before.doc && after.meta === before.meta) return;
  page.current = after;
  noteChange(entry);
  if (!(coalesce && coalesce === lastCoalesce)) {
    undoStack.push(before);
    if (undoStack.length > UNDO_LIMIT) undoStack.shift();
  }
  lastCoalesce = coalesce;
  redoStack = [];
  page.pendingAnnounce = announce;
  changed();
}

function changed() {
  takeOverCore();
  if (pageCore) {
    reconcile(); // the sections first: the answer is painted at once
    assess();
  } else {
    assess(); // first: the core works in its worker while the page does the rest
    reconcile();
  }
  saveAfterAnswer();
  if ($('undo').disabled !== (undoStack.length === 0)) $('undo').disabled = undoStack.length === 0;
  if ($('redo').disabled !== (redoStack.length === 0)) $('redo').disabled = redoStack.length === 0;
}

// What changed since the document was last sent to the core: nothing (null), one entered cell
// ({address}: the core is sent its object), or more ('document': the core reads the whole text).
let unsent = null;
function noteChange(entry) {
  const same = entry && unsent?.address && D.nodeId(unsent.address) === D.nodeId(entry);
  unsent = entry && (unsent === null || same) ? { address: entry } : 'document';
}

function restore(from, to, word) {
  const previous = from.pop();
  if (!previous) return;
  to.push(page.current ?? snapshot());
  page.doc = page.record.document = JSON.parse(previous.doc);
  page.record.meta = JSON.parse(previous.meta);
  page.current = previous;
  lastCoalesce = null;
  page.pendingAnnounce = `${word}.`;
  noteChange(null);
  changed();
  if (page.detailOpen && page.active?.isConnected) fillDetail();
  else if (page.detailOpen) closeDetail(false);
}
export const undo = () => restore(undoStack, redoStack, 'Undone');
export const redo = () => restore(redoStack, undoStack, 'Redone');

// ---- the core, in a worker --------------------------------------------------------------------

let worker = null;
let inFlight = false;
let queued = false;
let nextId = 1;
const waiting = new Map(); // id -> resolve, for one-off questions (an import)
let liveEpoch = 1; // a new epoch (another assessment opened) makes the worker answer with every node again

/** Another assessment is open: the core reads it whole, and answers with every node. */
export function newEpoch() {
  liveEpoch++;
  unsent = null;
  page.coreHasDocument = false;
}

// The core on the page's thread: loaded after the first render (the worker answers until then), and
// taken over between answers, with a new epoch so that it reads the document whole.
let pageCore = null;
let loadedCore = null;
let answering = false; // painting the page core's answer
export function loadPageCore() {
  import('./assessment-api.mjs')
    .then(({ loadAssessment }) => loadAssessment())
    .then((api) => {
      loadedCore = new LiveCore(api);
      if (!inFlight) assess(); // taken over now, while the page is idle: it reads the document whole
    }, () => { /* the worker goes on answering */ });
}
function takeOverCore() {
  if (!loadedCore || inFlight) return;
  pageCore = loadedCore;
  loadedCore = null;
  newEpoch();
  document.body.dataset.core = 'page'; // for bench/workbench.mjs
}

export function startWorker() {
  worker = new Worker(new URL('./workbench-worker.mjs', import.meta.url), { type: 'module' });
  worker.onerror = (event) => {
    event.preventDefault?.();
    showLoadProblem();
  };
  worker.onmessage = ({ data }) => {
    if (data.failed) {
      showLoadProblem();
      return;
    }
    const resolve = waiting.get(data.id);
    if (resolve) {
      waiting.delete(data.id);
      resolve(data.result);
      return;
    }
    inFlight = false;
    performance.clearMarks('wb:answer');
    performance.mark('wb:answer', { detail: { coreMs: data.ms } }); // for bench/workbench.mjs: the core's share
    if (queued && !loadedCore) assess(); // asked at once: the worker works while this answer is painted
    if (!inFlight && !loadedCore) document.body.dataset.busy = 'false'; // this answer is the latest: painted before this task ends
    answered(data.result);
    flushSave();
    if (loadedCore) assess(); // the page's core takes over once the worker's last answer is painted
  };
}

export function showLoadProblem() {
  $('load-problem-text').textContent = M.LOAD_FAILED;
  $('load-problem').hidden = false;
  $('load-problem').focus();
}

/** Asks the core about the open document; a change made meanwhile is asked about as soon as it answers. */
export function assess() {
  takeOverCore();
  if (answering) {
    setTimeout(assess, 0); // asked again while an answer is painted (explanations to write): the next task, never a loop of calls
    return;
  }
  if (inFlight) {
    queued = true;
    return;
  }
  queued = false;
  const address = unsent?.address;
  const entry = address ? { node: D.nodeId(address), value: D.enteredObject(page.doc, address) ?? null } : null;
  unsent = null;
  // The whole text when the core cannot take the one entry (nothing held, a document in error, another assessment).
  const text = entry && page.coreHasDocument ? null : page.current?.doc ?? JSON.stringify(page.doc);
  const question = { live: liveEpoch, text, entry, explain: toExplain() };
  if (pageCore) {
    const started = performance.now();
    const result = pageCore.answer({ ...question, epoch: liveEpoch });
    performance.clearMarks('wb:answer');
    performance.mark('wb:answer', { detail: { coreMs: performance.now() - started } }); // for bench/workbench.mjs
    document.body.dataset.busy = 'false';
    answering = true;
    try {
      answered(result);
    } finally {
      answering = false;
    }
    return;
  }
  inFlight = true;
  document.body.dataset.busy = 'true'; // until the answer to the latest change is painted
  worker.postMessage({ id: 0, op: 'assess', ...question });
}

/** The nodes the core writes in full: the one whose details are open, and the judged ones (the board paper names them). */
export function toExplain() {
  const ids = new Set();
  // Only the core's own nodes: asking again for one it does not have would never be answered (answered() re-asks).
  const open = page.detailOpen && page.active?.isConnected ? detailNodeId(addressOf.get(page.active)) : null;
  if (open && page.nodes.has(open)) ids.add(open);
  for (const node of page.nodes.values()) if (node.judgement) ids.add(node.id);
  return [...ids];
}

/** Asks the core a question of its own (`op`: assess a file, what matters, CSV, CQC's data), apart from the live assessment. */
export function ask(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ ...message, id }, transfer);
  });
}
