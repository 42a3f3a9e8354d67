// The self-assessment workbench: a trust's locations and services rated on the five key questions,
// and every level above worked out by the core as you type (first in a worker, then on this thread),
// saved at once in IndexedDB (workbench-store.mjs), with undo, import and export of the contract's
// JSON document, and a board paper to print. The page only moves data and shows the core's
// answers: it never works out a rating and never checks a document itself (a file is read by the
// core first). This module starts it and handles the grids' keyboard and pointer; the rest is in
//   workbench-state.mjs        the state the modules share (`page`), and small helpers
//   workbench-changes.mjs      a change: the document, undo, saving, the core asked in its worker
//   workbench-paint.mjs        the core's answer painted on the grids, the notes, print
//   workbench-structure.mjs    the trust, its locations and services: the forms and their sections
//   workbench-detail.mjs       the details of one cell: why, the entry, the judgement
//   workbench-assessments.mjs  open, new, rename, delete, import, export, CQC's published data
//   workbench-what-matters.mjs the smallest changes that would move the trust's ratings
//   workbench-doc.mjs (the document), workbench-grid.mjs (the grids), workbench-messages.mjs (words)
import * as D from './workbench-doc.mjs';
import * as store from './workbench-store.mjs';
import { addressOf, moveFrom, focusCell, ratingLabel } from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $ } from './workbench-state.mjs';
import { change, undo, redo, startWorker, loadPageCore, showLoadProblem } from './workbench-changes.mjs';
import { wireTrust } from './workbench-structure.mjs';
import { openDetail, placeDetail, fillDetail, subjectOf, wireDetail } from './workbench-detail.mjs';
import { open, newRecord, storageFailed, wireAssessments } from './workbench-assessments.mjs';
import { wireWhatMatters } from './workbench-what-matters.mjs';

performance.mark('wb:module-start');
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const KEYS = Object.fromEntries(M.RATING_CHOICES.map((r) => [r.key, r.token]));

// ---- the keyboard -----------------------------------------------------------------------------

const typingIn = (target) => target.closest?.('input, textarea, select, [contenteditable="true"]');

function onKeydown(e) {
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl && !e.altKey && !typingIn(e.target)) {
    const key = e.key.toLowerCase();
    if ((key === 'z' && !e.shiftKey) || key === 'y' || (key === 'z' && e.shiftKey)) {
      e.preventDefault();
      (key === 'z' && !e.shiftKey ? undo : redo)();
      return;
    }
  }
  const target = e.target.closest?.('.wb-cell');
  if (!target) return;
  const address = addressOf.get(target);
  const moved = moveFrom(target, e.key, ctrl);
  if (moved) {
    e.preventDefault();
    focusCell(moved);
    page.active = moved;
    if (page.detailOpen) {
      placeDetail(moved);
      fillDetail();
    }
    return;
  }
  if (['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) {
    e.preventDefault();
    return;
  }
  if (e.key === 'Enter' || e.key === 'F2' || e.key === ' ') {
    e.preventDefault();
    openDetail(target, true);
    return;
  }
  if (ctrl || e.altKey) return;
  const token = KEYS[e.key.toLowerCase()];
  const clear = e.key === 'Delete' || e.key === 'Backspace';
  if (!token && !clear) return;
  e.preventDefault();
  page.active = target;
  if (!D.isEntered(address)) {
    $('announce').textContent = `${subjectOf(address)} is worked out by the principles. Press Enter to see why, or to record a final rating by judgement.`;
    return;
  }
  change((d, meta) => D.setRating(d, address, clear ? null : token, meta.inspection?.[address.loc] ?? null),
    { entry: address, announce: `${subjectOf(address)}: ${clear ? 'cleared' : ratingLabel(token).toLowerCase()}.` });
  if (page.detailOpen) fillDetail();
}

function onFocusIn(e) {
  const target = e.target.closest?.('.wb-cell');
  if (!target) return;
  if (target.tabIndex !== 0) focusCell(target);
  page.active = target;
}

function onClick(e) {
  const target = e.target.closest?.('.wb-cell');
  if (!target) return;
  focusCell(target);
  openDetail(target, false);
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  wireTrust();
  wireAssessments();
  wireWhatMatters();
  wireDetail();
  document.addEventListener('keydown', onKeydown);
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('click', onClick);
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  try {
    startWorker();
  } catch {
    showLoadProblem();
    return;
  }
  let first = null;
  try {
    const id = await store.currentId();
    first = (id && (await store.getAssessment(id))) || null;
    if (!first) {
      const all = await store.listAssessments();
      first = all.length ? await store.getAssessment(all[0].id) : null;
    }
  } catch {
    storageFailed();
  }
  if (first) await open(first);
  else {
    await open(newRecord('Assessment 1'), { persist: false });
    if (page.storageWorks) $('save-status').textContent = 'Nothing entered yet. Every change is saved in this browser as you make it.';
  }
  // The core's own copy on this thread, for key presses answered in their own task; the worker
  // answers the first render meanwhile, and goes on with what takes long.
  loadPageCore();
}

start();
