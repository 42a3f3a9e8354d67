// The self-assessment workbench: a trust's locations and services rated on
// the five key questions, and every level above worked out by the core as
// you type (in a worker: workbench-worker.mjs), saved at once in IndexedDB
// (workbench-store.mjs), with undo, import and export of the contract's JSON
// document, and a board paper to print. This page only moves data and shows
// the core's answers: it never works out a rating and never checks a document
// itself (a file is read by the core first).
import { ratingBadge } from './render.mjs';
import { CORE_SERVICES, TRUST_TYPES } from './core-services.mjs';
import * as D from './workbench-doc.mjs';
import * as store from './workbench-store.mjs';
import {
  cells, addressOf, element, trustGrid, servicesGrid, paintCell, paintServiceHead, forgetCells, moveFrom, focusCell, ratingLabel,
} from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';

performance.mark('wb:module-start');
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const $ = (id) => document.getElementById(id);
const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const UNDO_LIMIT = 200;
const KEYS = Object.fromEntries(M.RATING_CHOICES.map((r) => [r.key, r.token]));

// ---- state -----------------------------------------------------------------------------------

let record = null;         // the open assessment: {id, name, document, meta, created, updated}
let doc = null;            // record.document
let nodes = new Map();     // the core's last answer: node id -> the node's ratings (no sentences)
let notes = [];            // ... and its notes
let explained = new Map(); // ... and in full the nodes asked for: the details' and the judged ones (print)
let undoStack = [];        // snapshots before each change: {doc, meta} as JSON text
let redoStack = [];
let lastCoalesce = null;   // typing in one box is one step of undo
let active = null;         // the grid cell last moved to
let detailOpen = false;
let storageWorks = true;
let pendingAnnounce = null;

const snapshot = () => ({ doc: JSON.stringify(doc), meta: JSON.stringify(record.meta ?? {}) });
// The snapshot of the document as it now is: every change goes through change() or restore(), which keep
// it, so a key press writes the document as text once (open() clears it; it is then made at the next change).
let current = null;

// ---- the core, in a worker --------------------------------------------------------------------

let worker = null;
let inFlight = false;
let queued = false;
let nextId = 1;
const waiting = new Map(); // id -> resolve, for one-off questions (an import)
let firstRendered = false;
let liveEpoch = 1; // a new epoch (another assessment opened) makes the worker answer with every node again
let coreHasDocument = false; // the core holds this epoch's document as it was last sent, without errors

function startWorker() {
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
    if (queued) assess();
    if (!inFlight) document.body.dataset.busy = 'false'; // this answer is the latest: painted before this task ends
    answered(data.result);
  };
}

function showLoadProblem() {
  $('load-problem-text').textContent = M.LOAD_FAILED;
  $('load-problem').hidden = false;
  $('load-problem').focus();
}

/** Asks the core about the open document; a change made meanwhile is asked about as soon as it answers. */
function assess() {
  if (inFlight) {
    queued = true;
    return;
  }
  queued = false;
  inFlight = true;
  document.body.dataset.busy = 'true'; // until the answer to the latest change is painted
  const address = unsent?.address;
  const entry = address ? { node: D.nodeId(address), value: D.enteredObject(doc, address) ?? null } : null;
  unsent = null;
  // The whole text when the core cannot take the one entry (nothing held, a document in error, another assessment).
  const text = entry && coreHasDocument ? null : current?.doc ?? JSON.stringify(doc);
  worker.postMessage({ id: 0, op: 'assess', live: liveEpoch, text, entry, explain: toExplain() });
}

/** The nodes the core writes in full: the one whose details are open, and the judged ones (the board paper names them). */
function toExplain() {
  const ids = new Set();
  if (detailOpen && active?.isConnected) ids.add(detailNodeId(addressOf.get(active)));
  for (const node of nodes.values()) if (node.judgement) ids.add(node.id);
  return [...ids];
}

/** The node a cell's details explain (a service's row header: the service's overall). */
const detailNodeId = (address) => D.nodeId(address.kind === 'servicehead' ? { ...address, kind: 'service' } : address);

/** Asks the core a question of its own (`op`: assess a file, what matters, CSV, CQC's data), apart from the live assessment. */
function ask(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ ...message, id }, transfer);
  });
}

// ---- changes, undo and saving -----------------------------------------------------------------

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
function showSaved() {
  if (savedText !== null) setText($('save-status'), savedText);
  savedText = null;
}

function save() {
  record.updated = Date.now();
  if (storageWorks) saver.save(record);
  if (storageWorks && !record.saved) {
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
function change(mutate, { coalesce = null, announce = null, entry = null } = {}) {
  const before = current ?? snapshot();
  mutate(doc, record.meta);
  const after = snapshot();
  if (after.doc === before.doc && after.meta === before.meta) return;
  current = after;
  noteChange(entry);
  if (!(coalesce && coalesce === lastCoalesce)) {
    undoStack.push(before);
    if (undoStack.length > UNDO_LIMIT) undoStack.shift();
  }
  lastCoalesce = coalesce;
  redoStack = [];
  pendingAnnounce = announce;
  changed();
}

function changed() {
  save();
  reconcile();
  assess();
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
  to.push(current ?? snapshot());
  doc = record.document = JSON.parse(previous.doc);
  record.meta = JSON.parse(previous.meta);
  current = previous;
  lastCoalesce = null;
  pendingAnnounce = `${word}.`;
  noteChange(null);
  changed();
  if (detailOpen && active?.isConnected) fillDetail();
  else if (detailOpen) closeDetail(false);
}
const undo = () => restore(undoStack, redoStack, 'Undone');
const redo = () => restore(redoStack, undoStack, 'Redone');

// ---- structure: the trust, its locations and services ------------------------------------------

const sections = new Map(); // location id (or '' for a trust's own services) -> {section, key}

function structureKey(services) {
  return services.map((s) => s.id).join('\u0000');
}

/** Brings the page's sections in line with the document, rebuilding only a grid whose rows changed. */
// A key press changes one rating: every write that would not change the page is skipped, so the
// browser lays out and paints only what the core's answer changes (bench/workbench.mjs).
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
function setValue(control, value) {
  if (control.value !== value) control.value = value;
}

function reconcile() {
  if ($('trust-name').value !== (doc.trust?.name ?? '')) $('trust-name').value = doc.trust?.name ?? '';
  if ($('trust-id').value !== (doc.trust?.id ?? '')) $('trust-id').value = doc.trust?.id ?? '';
  setValue($('trust-type'), doc.trust?.type ?? 'acute_non_specialist');
  setText($('trust-title'), doc.trust?.name || 'The trust');
  const withLocations = D.hasLocations(doc);
  setText($('locations-title'), withLocations ? 'Locations' : 'Core services');
  if ($('add-location-form').hidden !== !withLocations) $('add-location-form').hidden = !withLocations;
  // A trust without locations: its core services are the provider's, in the Providers sheet alone.
  if ($('export-locations-csv').hidden !== !withLocations) $('export-locations-csv').hidden = !withLocations;
  const wanted = withLocations ? (doc.locations ?? []).map((l) => ({ key: l.id, location: l })) : [{ key: '', location: null }];
  const list = $('location-list');
  for (const [key, entry] of sections) {
    if (!wanted.some((w) => w.key === key)) {
      forgetCells(entry.section);
      if (entry.section.contains($('detail'))) parkDetail();
      entry.section.remove();
      sections.delete(key);
    }
  }
  let previous = null;
  for (const { key, location } of wanted) {
    const services = location ? location.services ?? [] : doc.services ?? [];
    let entry = sections.get(key);
    const shape = structureKey(services);
    if (!entry) {
      entry = { section: locationSection(location), key: null };
      sections.set(key, entry);
    }
    if (entry.key !== shape) {
      replaceGrid(entry, location, services);
      entry.key = shape;
    }
    nameSection(entry, location, services);
    const place = previous ? previous.nextSibling : list.firstChild;
    if (entry.section !== place) list.insertBefore(entry.section, place);
    previous = entry.section;
  }
  // The cells are painted when the core answers (answered), not here: a key press only changes the document.
}

function replaceGrid(entry, location, services) {
  const slot = entry.section.querySelector('.wb-grid-slot');
  const hadFocus = slot.contains(document.activeElement) ? document.activeElement.dataset : null;
  const keepActive = active && slot.contains(active) ? { ...active.dataset, address: addressOf.get(active) } : null;
  forgetCells(slot);
  const detailHere = entry.section.contains($('detail'));
  if (detailHere) parkDetail();
  const scroller = element('div', 'wb-scroll');
  scroller.append(servicesGrid(services, location?.id ?? null, location?.name || location?.id || ''));
  slot.replaceChildren(scroller);
  if (keepActive) {
    const again = findCell(keepActive.address) ?? slot.querySelector(`.wb-cell[data-row="${keepActive.row}"][data-col="${keepActive.col}"]`)
      ?? slot.querySelector('.wb-cell');
    active = again;
    if (again) {
      for (const c of slot.querySelectorAll('.wb-cell[tabindex="0"]')) c.tabIndex = -1;
      again.tabIndex = 0;
      if (hadFocus) again.focus();
    }
    if (detailHere && again) placeDetail(again);
  }
}

/** The cell of an address, wherever it is. */
function findCell(address) {
  if (!address) return null;
  if (address.kind === 'servicehead') {
    return [...document.querySelectorAll('.wb-cell--head')].find((c) => {
      const a = addressOf.get(c);
      return a.svc === address.svc && a.loc === address.loc;
    }) ?? null;
  }
  return cells.get(D.nodeId(address))?.cell ?? null;
}

/** A location's section (location null: the services of a trust without locations). */
function locationSection(location) {
  const loc = location?.id ?? null;
  const section = element('section', 'wb-location');
  const titleId = `location-${loc ?? 'services'}-title`;
  section.setAttribute('aria-labelledby', titleId);
  const title = element('h3', 'govuk-heading-m wb-location__title');
  title.id = titleId;
  title.tabIndex = -1;
  section.append(title);
  if (location) section.append(locationTools(loc));
  section.append(element('ul', 'govuk-list wb-notes wb-location__notes'), element('div', 'wb-grid-slot'), element('div', 'wb-detail-slot'));
  section.append(addServiceForm(loc));
  return section;
}

function nameSection(entry, location, services) {
  const name = location ? location.name || location.id : 'Core services';
  const { section } = entry;
  setText(section.querySelector('.wb-location__title'), location ? name : 'The trust\'s core services');
  const caption = section.querySelector('caption');
  if (caption) setText(caption, location ? `${name}: ratings by service and key question` : 'Core services: ratings by key question');
  const total = section.querySelector('.wb-grid__total th');
  if (total) setText(total, `${name} (from its services)`);
  if (location) {
    const rename = section.querySelector('.wb-rename-location');
    if (document.activeElement !== rename) setValue(rename, location.name ?? '');
    setText(section.querySelector('.wb-location__change-name'), name);
    const removeWord = section.querySelector('.wb-remove-location').lastChild;
    if (removeWord.textContent !== ` ${name}`) removeWord.textContent = ` ${name}`;
  }
  const select = section.querySelector('.wb-add-service-choice');
  const have = new Set(services.map((s) => s.id));
  const offered = (CORE_SERVICES[doc.trust?.type ?? 'acute_non_specialist'] ?? []).filter((s) => !have.has(s.id));
  const signature = offered.map((s) => s.id).join();
  if (select.dataset.offered !== signature) {
    select.dataset.offered = signature;
    select.replaceChildren(element('option', '', offered.length ? 'Choose a core service' : 'All core services are added'),
      ...offered.map((s) => Object.assign(element('option', '', s.name), { value: s.id })));
    select.firstChild.value = '';
  }
}

let formCount = 0;
function field(labelText, input, hint = '') {
  const group = element('div', 'govuk-form-group');
  input.id ||= `wb-field-${++formCount}`;
  const label = element('label', 'govuk-label govuk-label--s', labelText);
  label.htmlFor = input.id;
  group.append(label);
  if (hint) {
    const h = element('div', 'govuk-hint', hint);
    h.id = `${input.id}-hint`;
    input.setAttribute('aria-describedby', h.id);
    group.append(h);
  }
  const error = element('p', 'govuk-error-message');
  error.id = `${input.id}-error`;
  error.hidden = true;
  group.append(error, input);
  return group;
}

function dateBoxes(prefix) {
  const wrap = element('div', 'govuk-date-input');
  const boxes = {};
  for (const [part, width, label] of [['day', 2, 'Day'], ['month', 2, 'Month'], ['year', 4, 'Year']]) {
    const item = element('div', 'govuk-date-input__item');
    const group = element('div', 'govuk-form-group');
    const input = element('input', `govuk-input govuk-date-input__input govuk-input--width-${width}`);
    input.id = `${prefix}-${part}`;
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    const l = element('label', 'govuk-label govuk-date-input__label', label);
    l.htmlFor = input.id;
    group.append(l, input);
    item.append(group);
    wrap.append(item);
    boxes[part] = input;
  }
  return { wrap, boxes };
}

const boxValues = (boxes) => ({ day: boxes.day.value.trim(), month: boxes.month.value.trim(), year: boxes.year.value.trim() });
const isoDate = ({ day, month, year }) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
function setBoxes(boxes, date) {
  const [year, month, day] = date ? date.split('-') : ['', '', ''];
  boxes.day.value = day ? String(Number(day)) : '';
  boxes.month.value = month ? String(Number(month)) : '';
  boxes.year.value = year ?? '';
}

function locationTools(loc) {
  const details = element('details', 'govuk-details wb-location__tools wb-controls');
  const summary = element('summary', 'govuk-details__summary');
  const summaryText = element('span', 'govuk-details__summary-text', 'Change ');
  summaryText.append(element('span', 'wb-location__change-name'), ', its inspection date, or remove it');
  summary.append(summaryText);
  const body = element('div', 'govuk-details__text');

  const rename = element('input', 'govuk-input wb-rename-location');
  rename.type = 'text';
  rename.maxLength = 200;
  rename.autocomplete = 'off';
  rename.addEventListener('input', () => change((d) => D.renameLocation(d, loc, rename.value), { coalesce: `location-name:${loc}` }));
  body.append(field('Name of the location', rename));

  const fieldset = element('fieldset', 'govuk-fieldset');
  fieldset.setAttribute('role', 'group');
  const legend = element('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', 'Inspection date');
  const hint = element('div', 'govuk-hint', 'Every rating at this location takes this date, and so does each rating entered here from now on. For example, 27 3 2024');
  hint.id = `inspection-${loc}-hint`;
  const error = element('p', 'govuk-error-message');
  error.id = `inspection-${loc}-error`;
  error.hidden = true;
  fieldset.setAttribute('aria-describedby', `${hint.id} ${error.id}`);
  const { wrap, boxes } = dateBoxes(`inspection-${loc}`);
  setBoxes(boxes, record.meta?.inspection?.[loc] ?? '');
  fieldset.append(legend, hint, error, wrap);
  const dateGroup = element('div', 'govuk-form-group');
  dateGroup.append(fieldset);
  const apply = element('button', 'govuk-button govuk-button--secondary', 'Use this inspection date');
  apply.type = 'button';
  apply.addEventListener('click', () => {
    const values = boxValues(boxes);
    const problem = M.dateBoxesProblem('The inspection date', values);
    error.hidden = !problem;
    error.textContent = problem ?? '';
    dateGroup.classList.toggle('govuk-form-group--error', Boolean(problem));
    if (problem) {
      boxes.day.focus();
      return;
    }
    const date = values.day ? isoDate(values) : null;
    change((d, meta) => {
      meta.inspection ??= {};
      if (date) {
        meta.inspection[loc] = date;
        D.dateLocation(d, loc, date);
      } else delete meta.inspection[loc];
    }, { announce: date ? 'Inspection date given to every rating at this location.' : 'Inspection date cleared.' });
  });
  body.append(dateGroup, apply);

  const remove = element('button', 'govuk-button govuk-button--warning wb-remove-location', 'Remove');
  remove.type = 'button';
  remove.append(element('span', '', ''));
  remove.addEventListener('click', () => {
    const name = D.findLocation(doc, loc)?.name || loc;
    change((d) => D.removeLocation(d, loc), { announce: `${name} removed. Press Undo to bring it back.` });
    $('add-location-name').focus();
  });
  body.append(element('div', 'wb-remove-row'));
  body.lastChild.append(remove);
  details.append(summary, body);
  return details;
}

function addServiceForm(loc) {
  const form = element('div', 'wb-add-service wb-controls');
  const select = element('select', 'govuk-select wb-add-service-choice');
  const add = element('button', 'govuk-button govuk-button--secondary', 'Add the service');
  add.type = 'button';
  const core = field('Add a core service', select);
  const name = element('input', 'govuk-input wb-add-service-name');
  name.type = 'text';
  name.maxLength = 200;
  name.autocomplete = 'off';
  const other = field('Or another service, by name', name, 'For example, Gynaecology');
  const addOther = element('button', 'govuk-button govuk-button--secondary', 'Add this service');
  addOther.type = 'button';
  const added = (id) => {
    const target = findCell({ kind: 'kq', loc, svc: id, q: 'safe' });
    if (target) {
      focusCell(target);
      active = target;
    }
  };
  add.addEventListener('click', () => {
    const chosen = (CORE_SERVICES[doc.trust?.type] ?? []).find((s) => s.id === select.value);
    if (!chosen) {
      select.focus();
      return;
    }
    let id;
    change((d) => { id = D.addService(d, loc, chosen); }, { announce: `${chosen.name} added. Rate it in the grid.` });
    added(id);
  });
  const addByName = () => {
    const error = other.querySelector('.govuk-error-message');
    const text = name.value.trim();
    error.hidden = Boolean(text);
    error.textContent = text ? '' : M.SERVICE_NAME_MISSING;
    other.classList.toggle('govuk-form-group--error', !text);
    if (!text) {
      name.focus();
      return;
    }
    let id;
    change((d) => { id = D.addService(d, loc, { name: text }); }, { announce: `${text} added. Rate it in the grid.` });
    name.value = '';
    added(id);
  };
  addOther.addEventListener('click', addByName);
  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addByName();
    }
  });
  const row1 = element('div', 'wb-add-service__row');
  row1.append(core, add);
  const row2 = element('div', 'wb-add-service__row');
  row2.append(other, addOther);
  form.append(row1, row2);
  return form;
}

// ---- painting the core's answer --------------------------------------------------------------

let trustColumnsKey = '';

function trustColumns() {
  const columns = [
    ...['safe', 'effective', 'caring', 'responsive'].map((q) => ({ label: M.QUESTION_LABELS[q], address: { kind: 'trustkq', q, loc: null } })),
    { label: 'Well-led', address: { kind: 'well_led', loc: null } },
    { label: doc.trust?.type && !D.hasLocations(doc) ? 'Overall' : 'Quality', address: { kind: 'quality', loc: null } },
  ];
  if (nodes.has('trust.use_of_resources')) columns.push({ label: 'Use of resources', address: { kind: 'uor', loc: null } });
  if (nodes.has('trust.combined')) columns.push({ label: 'Combined', address: { kind: 'combined', loc: null } });
  return columns;
}

function paintTrustGrid() {
  const columns = trustColumns();
  const key = columns.map((c) => c.label).join();
  if (key === trustColumnsKey) return;
  trustColumnsKey = key;
  const slot = $('trust-grid-slot');
  const wasActive = active && slot.contains(active) ? addressOf.get(active) : null;
  const hadFocus = slot.contains(document.activeElement);
  forgetCells(slot);
  if (slot.contains($('detail'))) parkDetail();
  const scroller = element('div', 'wb-scroll');
  scroller.append(trustGrid(columns));
  slot.replaceChildren(scroller, element('div', 'wb-detail-slot'));
  if (wasActive) {
    active = findCell(wasActive) ?? slot.querySelector('.wb-cell');
    if (hadFocus) focusCell(active);
  }
}

function entryOf(address) {
  return D.isEntered(address) ? D.enteredObject(doc, address) : null;
}

/** Repaints every cell whose answer changed, the notes, the service headers and the open details. */
function paintAll() {
  paintTrustGrid();
  let painted = 0;
  for (const [id, record] of cells) {
    if (paintCell(record, nodes.get(id), entryOf(record.address))) painted++;
  }
  const leftOut = new Set(notes.filter((n) => n.code === 'significantly_small').map((n) => n.node));
  for (const head of document.querySelectorAll('.wb-cell--head')) {
    const a = addressOf.get(head);
    const service = D.findService(doc, a.loc, a.svc);
    if (!service) continue;
    const id = D.nodeId({ ...a, kind: 'service' });
    const signature = `${service.name}|${service.significantly_small ? 1 : 0}|${leftOut.has(id) ? 1 : 0}`;
    if (head.dataset.signature !== signature) {
      head.dataset.signature = signature;
      paintServiceHead(head, service, leftOut.has(id));
    }
  }
  paintNotes();
  return painted;
}

function paintNotes() {
  const byList = new Map([[$('trust-notes'), []]]);
  for (const [key, { section }] of sections) byList.set(section.querySelector('.wb-location__notes'), []);
  for (const note of notes) {
    const m = /^location:([^/]+)/.exec(note.node);
    const list = m && sections.get(m[1]) ? sections.get(m[1]).section.querySelector('.wb-location__notes')
      : /^service:/.test(note.node) && sections.get('') ? sections.get('').section.querySelector('.wb-location__notes') : $('trust-notes');
    byList.get(list).push(note.text);
  }
  for (const [list, texts] of byList) {
    const signature = texts.join('\n');
    if (list.dataset.signature === signature) continue;
    list.dataset.signature = signature;
    list.replaceChildren(...texts.map((t) => element('li', 'govuk-body-s wb-note', t)));
  }
}

/** The core answered: paint it (or, for a document it cannot read, say where and keep the last answer shown). */
function answered(result) {
  showSaved();
  coreHasDocument = !result.error;
  if (result.error) {
    showDocProblems(result.errors);
    paintAll(); // the last answer, on the cells as they are now
  } else {
    if (docProblems.length) showDocProblems([]);
    // The worker sends the nodes that changed, and the order of all of them when that changed.
    if (result.ids) {
      const next = new Map();
      for (const id of result.ids) next.set(id, nodes.get(id));
      nodes = next;
    }
    for (const node of result.changed) nodes.set(node.id, node);
    notes = result.notes ?? notes; // null: the last answer's
    explained = new Map(result.explained.map((n) => [n.id, n]));
    paintAll();
    paintPrint();
    if ($('what-matters').open) whatMatters();
  }
  if (detailOpen) refreshDetail();
  // A judgement that came with the document (or a cell opened meanwhile) is written in full on the next answer.
  if (!result.error && toExplain().some((id) => !explained.has(id))) assess();
  if (pendingAnnounce !== null) announceChange();
  if (!firstRendered) {
    firstRendered = true;
    performance.mark('wb:first-render');
    document.body.dataset.ready = 'true';
  }
  document.dispatchEvent(new CustomEvent('wb:painted'));
}

let docProblems = [];
function showDocProblems(errors) {
  docProblems = errors;
  const box = $('doc-problems');
  box.hidden = errors.length === 0;
  $('doc-problems-list').replaceChildren(...errors.map((e) => {
    const li = element('li');
    const address = D.addressFromField(doc, e.field);
    const text = problemWords(e);
    if (address) {
      const link = element('a', 'govuk-link', text);
      link.href = '#detail';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const target = findCell(address);
        if (target) {
          focusCell(target);
          openDetail(target, true);
        }
      });
      li.append(link);
    } else li.append(text);
    return li;
  }));
}

function problemWords(error) {
  if (/judgement(\.[a-z_]+)?\.rationale$/.test(error.field) && /empty|rationale/.test(error.message)) return M.RATIONALE_MISSING;
  if (/services\[\d+\]\.rationale$/.test(error.field)) return M.SMALL_RATIONALE_MISSING;
  if (error.field === 'trust.id' && /provider ID/.test(error.message)) return M.PROVIDER_ID_MISSING;
  return M.problemText(error, doc);
}

function announceChange() {
  const parts = [pendingAnnounce];
  pendingAnnounce = null;
  const quality = nodes.get('trust.quality');
  const combined = nodes.get('trust.combined');
  if (quality) parts.push(`Trust quality rating ${ratingLabel(quality.final).toLowerCase()}.`);
  if (combined) parts.push(combined.not_awarded ? 'No combined rating.' : `Combined rating ${ratingLabel(combined.final).toLowerCase()}.`);
  $('announce').textContent = parts.filter(Boolean).join(' ');
}

// ---- the details of one cell: why, the entry, the judgement -----------------------------------

function parkDetail() {
  $('detail').hidden = true;
  document.querySelector('main').append($('detail'));
}

function placeDetail(target) {
  const slot = target.closest('.wb-location, .wb-trust').querySelector('.wb-detail-slot');
  if ($('detail').parentElement !== slot) slot.append($('detail'));
  $('detail').hidden = false;
}

function openDetail(target, moveFocus) {
  active = target;
  detailOpen = true;
  placeDetail(target);
  fillDetail();
  if (!explained.has(detailNodeId(addressOf.get(target)))) assess(); // the core writes its explanation
  if (moveFocus) $('detail-title').focus();
}

function closeDetail(returnFocus = true) {
  detailOpen = false;
  parkDetail();
  if (returnFocus && active?.isConnected) focusCell(active);
}

function subjectOf(address) {
  const location = address.loc != null ? D.findLocation(doc, address.loc) : null;
  const at = location ? ` at ${location.name || location.id}` : '';
  const service = address.svc != null ? D.findService(doc, address.loc, address.svc) : null;
  const serviceName = service?.name || service?.id || '';
  switch (address.kind) {
    case 'servicehead': return `${serviceName}${at}`;
    case 'kq': return `${M.QUESTION_LABELS[address.q]} in ${serviceName}${at}`;
    case 'service': return `${serviceName}${at}: overall`;
    case 'lockq': return `${location?.name || location?.id}: ${M.QUESTION_LABELS[address.q]}`;
    case 'location': return `${location?.name || location?.id}: overall`;
    case 'trustkq': return `The trust: ${M.QUESTION_LABELS[address.q]}`;
    case 'well_led': return 'The trust: well-led (the trust-wide assessment)';
    case 'uor': return 'The trust: use of resources';
    case 'quality': return "The trust's quality rating";
    case 'combined': return "The trust's combined rating";
    default: return '';
  }
}

const formatDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};

/** Fills the details' form controls from the document (when a cell is chosen or undo changed it). */
function fillDetail() {
  const address = addressOf.get(active);
  if (!address) return;
  $('detail-title').textContent = subjectOf(address);
  const entered = D.isEntered(address);
  $('detail-entry').hidden = !entered;
  $('detail-enforcement-group').hidden = address.kind !== 'kq';
  const service = address.svc != null ? D.findService(doc, address.loc, address.svc) : null;
  $('detail-service').hidden = !(address.kind === 'servicehead' || address.kind === 'service');
  $('detail-judgement').hidden = address.kind === 'servicehead';
  if (entered) {
    const entry = D.enteredObject(doc, address) ?? {};
    const choices = $('detail-choice');
    if (!choices.firstChild) buildChoices();
    for (const input of choices.querySelectorAll('input')) input.checked = input.value === (entry.rating ? normalToken(entry.rating) : '');
    setBoxes(detailBoxes, entry.date ?? '');
    $('detail-enforcement').value = entry.enforcement ?? '';
  }
  if (service) {
    $('detail-service-name').value = service.name ?? '';
    $('detail-small').checked = Boolean(service.significantly_small);
    $('detail-small-rationale').value = service.rationale ?? '';
    $('detail-small-rationale-group').hidden = !service.significantly_small;
  }
  const judgement = D.judgementAt(doc, address);
  $('detail-judgement-rating').value = judgement?.rating ? normalToken(judgement.rating) : '';
  $('detail-judgement-rationale').value = judgement?.rationale ?? '';
  refreshDetail();
}

/** A rating as the document holds it ("Good", "requires improvement") as the token of the same word. */
function normalToken(text) {
  const words = String(text).toLowerCase().replace(/[\s_-]+/g, ' ').trim();
  return M.RATING_CHOICES.find((r) => r.label.toLowerCase() === words)?.token ?? '';
}

const detailBoxes = { day: $('detail-day'), month: $('detail-month'), year: $('detail-year') };

function buildChoices() {
  const wrap = $('detail-choice');
  for (const { token, label, key } of [...M.RATING_CHOICES, { token: '', label: 'No rating', key: 'Delete' }]) {
    const item = element('div', 'govuk-radios__item');
    const input = element('input', 'govuk-radios__input');
    input.type = 'radio';
    input.name = 'detail-choice';
    input.id = `detail-choice-${token || 'none'}`;
    input.value = token;
    const l = element('label', 'govuk-label govuk-radios__label', label);
    l.append(element('span', 'wb-key', ` (${key})`));
    l.htmlFor = input.id;
    item.append(input, l);
    wrap.append(item);
  }
}

/** The parts of the details that follow the core's answer: the ratings, why, and problems at the fields. */
function refreshDetail() {
  if (!active?.isConnected) {
    closeDetail(false);
    return;
  }
  const address = addressOf.get(active);
  const node = explained.get(detailNodeId(address)); // until the core has written it: the entry alone
  const rating = $('detail-rating');
  const explanation = $('detail-explanation');
  rating.replaceChildren();
  explanation.replaceChildren();
  if (node && address.kind !== 'servicehead') {
    const list = element('dl', 'govuk-summary-list govuk-summary-list--no-border wb-detail__ratings');
    const row = (key, ...value) => {
      const r = element('div', 'govuk-summary-list__row');
      const dd = element('dd', 'govuk-summary-list__value');
      dd.append(...value);
      r.append(element('dt', 'govuk-summary-list__key', key), dd);
      list.append(r);
    };
    const entered = D.isEntered(address);
    const hasEntry = !entered || Boolean(D.enteredObject(doc, address)?.rating);
    if (node.not_awarded) row('Rating', 'Not awarded');
    else if (!hasEntry) row('Rating', 'No rating entered yet (counts as not rated)');
    else row(entered ? 'Rating' : 'By the principles', ratingBadge(node.rating, node.label));
    if (node.limit) {
      row('Limited by', `${capital(M.ENFORCEMENT_LABELS[node.limit.reason] ?? node.limit.reason)}: before it, `, ratingBadge(node.limit.before, ratingLabel(node.limit.before)));
    }
    if (node.judgement) row('Final, by judgement', ratingBadge(node.judgement.rating, ratingLabel(node.judgement.rating)));
    if (node.date) row('Date', formatDate(node.date));
    if (node.published) {
      const published = [ratingBadge(node.published.rating, node.published.label)];
      if (node.published.date) published.push(` on ${formatDate(node.published.date)}`);
      if (node.published.as_published && node.published.as_published !== node.published.label) published.push(` ("${node.published.as_published}")`);
      row('Published by CQC', ...published);
      if (node.published.departs) row('Departs', 'CQC\'s published rating departs from what the principles give for the ratings below it.');
    }
    rating.append(list);
    if (node.judgement) explanation.append(element('p', 'govuk-body-s', node.judgement.text));
    if (node.summary) explanation.append(element('p', 'govuk-body wb-detail__summary', node.summary));
    if (node.explanation) {
      explanation.append(element('p', 'govuk-body-s', `Built from ${node.explanation.rated} rated ${node.explanation.rated === 1 ? 'rating' : 'ratings'} (rule set: ${node.explanation.rule_set}). The principles, in order:`));
      const ol = element('ol', 'govuk-list principles');
      for (const p of node.explanation.principles) {
        const li = element('li', `principle${p.decided ? ' principle--decided' : ''}`);
        const status = p.decided ? 'Decided the rating' : p.applies ? 'Applies' : 'Does not apply';
        li.append(element('span', 'principle__name', M.PRINCIPLE_LABELS[p.principle] ?? p.principle), ' ',
          element('strong', `govuk-tag ${p.decided ? 'govuk-tag--blue' : 'govuk-tag--grey'} principle__status`, status),
          element('p', 'govuk-body-s principle__text', p.text));
        ol.append(li);
      }
      explanation.append(ol);
    }
  }
  const id = detailNodeId(address);
  for (const note of notes.filter((n) => n.node === id)) explanation.append(element('p', 'govuk-inset-text govuk-body-s', note.text));
  showFieldErrors(address);
}

/** The core's problems with the fields of this cell, at those fields (GOV.UK style). */
function showFieldErrors(address) {
  const base = D.fieldPath(doc, address);
  const service = address.svc != null ? D.fieldPath(doc, { ...address, kind: 'kq', q: 'safe' }).replace(/\.key_questions\.safe$/, '') : null;
  const at = (suffix) => docProblems.find((e) => e.field === suffix || e.field.startsWith(`${suffix}.`));
  const judgementBase = D.isEntered(address) ? `${base}.judgement` : base;
  const place = [
    ['detail-date', D.isEntered(address) ? at(`${base}.date`) : null, 'detail-date-group'],
    ['detail-enforcement', address.kind === 'kq' ? at(`${base}.enforcement`) : null, 'detail-enforcement-group'],
    ['detail-judgement-rationale', at(judgementBase), 'detail-judgement-rationale-group'],
    ['detail-small-rationale', service ? at(`${service}.rationale`) : null, 'detail-small-rationale-group'],
  ];
  for (const [id, error, group] of place) {
    const message = $(`${id}-error`);
    if (!message) continue;
    if (id === 'detail-date' && dateTyping) continue;
    message.hidden = !error;
    message.textContent = error ? problemWords(error) : '';
    $(group).classList.toggle('govuk-form-group--error', Boolean(error));
  }
}

let dateTyping = false;

function wireDetail() {
  $('detail-close').addEventListener('click', () => closeDetail());
  $('detail').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeDetail();
    }
  });
  $('detail-choice').addEventListener('change', (e) => {
    const address = addressOf.get(active);
    const token = e.target.value || null;
    change((d, meta) => D.setRating(d, address, token, meta.inspection?.[address.loc] ?? null),
      { entry: address, announce: `${subjectOf(address)}: ${token ? ratingLabel(token).toLowerCase() : 'cleared'}.` });
  });
  for (const box of Object.values(detailBoxes)) {
    box.addEventListener('input', () => {
      const address = addressOf.get(active);
      const values = boxValues(detailBoxes);
      const problem = M.dateBoxesProblem('The date', values);
      const complete = !problem && (values.day || values.month || values.year);
      dateTyping = Boolean(problem);
      $('detail-date-error').hidden = true;
      $('detail-date-group').classList.remove('govuk-form-group--error');
      if (problem && !(values.day && values.month && values.year)) return; // still typing: said on leaving the boxes
      if (problem) {
        $('detail-date-error').hidden = false;
        $('detail-date-error').textContent = problem;
        $('detail-date-group').classList.add('govuk-form-group--error');
        return;
      }
      change((d) => D.setEnteredField(d, address, 'date', complete ? isoDate(values) : ''), { coalesce: `date:${active.dataset.node}`, entry: address });
    });
    box.addEventListener('blur', () => {
      const problem = M.dateBoxesProblem('The date', boxValues(detailBoxes));
      if (!problem) return;
      $('detail-date-error').hidden = false;
      $('detail-date-error').textContent = problem;
      $('detail-date-group').classList.add('govuk-form-group--error');
    });
  }
  $('detail-enforcement').addEventListener('change', (e) => {
    const address = addressOf.get(active);
    change((d) => D.setEnteredField(d, address, 'enforcement', e.target.value), { entry: address });
  });
  $('detail-service-name').addEventListener('input', (e) => {
    const a = addressOf.get(active);
    change((d) => D.renameService(d, a.loc, a.svc, e.target.value), { coalesce: `service-name:${a.loc}/${a.svc}` });
    $('detail-title').textContent = subjectOf(a);
  });
  const small = () => {
    const a = addressOf.get(active);
    $('detail-small-rationale-group').hidden = !$('detail-small').checked;
    change((d) => D.setSmall(d, a.loc, a.svc, $('detail-small').checked, $('detail-small-rationale').value),
      { coalesce: `small:${a.loc}/${a.svc}` });
  };
  $('detail-small').addEventListener('change', small);
  $('detail-small-rationale').addEventListener('input', small);
  $('detail-remove-service').addEventListener('click', () => {
    const a = addressOf.get(active);
    const name = D.findService(doc, a.loc, a.svc)?.name || a.svc;
    const grid = active.closest('table');
    closeDetail(false);
    change((d) => D.removeService(d, a.loc, a.svc), { announce: `${name} removed. Press Undo to bring it back.` });
    const next = grid?.isConnected ? grid.querySelector('.wb-cell') : null;
    if (next) focusCell(next);
    else $('add-location-name').focus();
  });
  const judgement = () => {
    const a = addressOf.get(active);
    const rating = $('detail-judgement-rating').value;
    const rationale = $('detail-judgement-rationale').value;
    change((d) => D.setJudgement(d, a, rating ? { rating, rationale } : null),
      { coalesce: `judgement:${active.dataset.node}`, entry: D.isEntered(a) ? a : null });
  };
  $('detail-judgement-rating').addEventListener('change', judgement);
  $('detail-judgement-rationale').addEventListener('input', () => {
    if ($('detail-judgement-rating').value) judgement();
  });
}

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
    active = moved;
    if (detailOpen) {
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
  active = target;
  if (!D.isEntered(address)) {
    $('announce').textContent = `${subjectOf(address)} is worked out by the principles. Press Enter to see why, or to record a final rating by judgement.`;
    return;
  }
  change((d, meta) => D.setRating(d, address, clear ? null : token, meta.inspection?.[address.loc] ?? null),
    { entry: address, announce: `${subjectOf(address)}: ${clear ? 'cleared' : ratingLabel(token).toLowerCase()}.` });
  if (detailOpen) fillDetail();
}

function onFocusIn(e) {
  const target = e.target.closest?.('.wb-cell');
  if (!target) return;
  if (target.tabIndex !== 0) focusCell(target);
  active = target;
}

function onClick(e) {
  const target = e.target.closest?.('.wb-cell');
  if (!target) return;
  focusCell(target);
  openDetail(target, false);
}

// ---- print ------------------------------------------------------------------------------------

let printSignature = '';
function paintPrint() {
  // The core's wording of each judged node (written in full: toExplain); its ratings from the live view.
  const judged = [...nodes.values()].filter((n) => n.judgement).map((n) => ({ ...n, subject: explained.get(n.id)?.subject }));
  const signature = judged.map((n) => `${n.id}|${n.subject}|${n.rating}|${n.judgement.rating}|${n.judgement.rationale}`).join('\n');
  const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  setText($('print-source'), `${record.name}. Worked out on ${date} with the independent CQC ratings workbench `
    + '(not CQC\'s own), from the ratings entered; cells marked ∑ follow from the ratings below them.');
  if (signature === printSignature) return;
  printSignature = signature;
  $('print-judgements').hidden = judged.length === 0;
  $('print-judgements-list').replaceChildren(...judged.map((n) => {
    const div = element('div', 'wb-print-judgement');
    const line = element('p', 'govuk-body');
    const location = /^location:([^/]+)/.exec(n.id);
    const place = location ? D.findLocation(doc, location[1]) : null;
    const subject = n.subject ?? subjectOf(cells.get(n.id)?.address ?? {});
    const at = place && !subject.includes(place.name || place.id) ? ` at ${place.name || place.id}` : '';
    line.append(element('strong', '', `${capital(subject)}${at}: `), 'final ', ratingBadge(n.judgement.rating, ratingLabel(n.judgement.rating)),
      ', by the principles ', ratingBadge(n.rating, ratingLabel(n.rating)));
    const why = element('p', 'govuk-body-s wb-print-judgement__why');
    why.append(element('strong', '', 'Rationale: '), n.judgement.rationale);
    div.append(line, why);
    return div;
  }));
}

// ---- assessments: open, new, rename, delete, import, export ------------------------------------

async function refreshChoices() {
  const select = $('assessment-choice');
  let list = [];
  try {
    list = storageWorks ? await store.listAssessments() : [];
  } catch {
    list = [];
  }
  if (!list.some((r) => r.id === record.id)) list.unshift({ id: record.id, name: record.name });
  select.replaceChildren(...list.map((r) => Object.assign(element('option', '', r.name), { value: r.id })));
  select.value = record.id;
}

function newRecord(name, document = D.emptyDocument()) {
  const now = Date.now();
  return { id: store.newRecordId(), name, document, meta: {}, created: now, updated: now };
}

/** Opens an assessment; `persist` false for the untouched one a first visit starts with (saved at its first change). */
async function open(next, { persist = true } = {}) {
  record = next;
  record.meta ??= {};
  record.saved = persist;
  doc = record.document;
  current = null; // made from this document at its first change
  // Saved before it is shown: an assessment on the screen is one a reload brings back.
  if (storageWorks && persist) {
    try {
      await store.putAssessment(record, { current: true });
      $('save-status').textContent = `Saved in this browser at ${new Date(record.updated).toLocaleTimeString('en-GB')}.`;
    } catch {
      storageFailed();
    }
  }
  undoStack = [];
  redoStack = [];
  lastCoalesce = null;
  nodes = new Map();
  explained = new Map();
  notes = [];
  liveEpoch++;
  unsent = null; // another assessment: the core reads it whole
  coreHasDocument = false;
  if (detailOpen) closeDetail(false);
  for (const [, entry] of sections) entry.section.remove();
  sections.clear();
  cells.clear();
  $('location-list').replaceChildren();
  trustColumnsKey = '';
  $('trust-grid-slot').replaceChildren();
  $('undo').disabled = true;
  $('redo').disabled = true;
  reconcile();
  assess();
  await refreshChoices();
  document.body.dataset.opened = String(Number(document.body.dataset.opened ?? 0) + 1); // for tests: an assessment was opened
}

function storageFailed() {
  storageWorks = false;
  $('save-status').textContent = `Not saved: ${M.STORAGE_FAILED}`;
  $('save-status').classList.add('wb-save--failed');
}

function wireAssessments() {
  $('assessment-choice').addEventListener('change', async (e) => {
    const next = await store.getAssessment(e.target.value);
    if (next) await open(next);
  });
  $('new-assessment').addEventListener('click', async () => {
    // Busy from the click, not from the first paint after the store answers: "settled" must mean the new one is shown.
    document.body.dataset.busy = 'true';
    const count = storageWorks ? (await store.listAssessments()).length : 1;
    await open(newRecord(`Assessment ${count + 1}`));
    $('trust-name').focus();
  });
  $('rename-assessment').addEventListener('click', () => {
    $('rename-form').hidden = false;
    $('rename-name').value = record.name;
    $('rename-name').focus();
  });
  $('rename-cancel').addEventListener('click', () => {
    $('rename-form').hidden = true;
    $('rename-assessment').focus();
  });
  $('rename-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('rename-name').value.trim();
    $('rename-error').hidden = Boolean(name);
    $('rename-error').textContent = name ? '' : M.ASSESSMENT_NAME_MISSING;
    $('rename-group').classList.toggle('govuk-form-group--error', !name);
    if (!name) {
      $('rename-name').focus();
      return;
    }
    record.name = name;
    save();
    $('rename-form').hidden = true;
    await refreshChoices();
    $('assessment-choice').focus();
  });
  $('delete-assessment').addEventListener('click', () => {
    $('delete-confirm-text').textContent = `Delete "${record.name}"? Everything in it is removed from this browser. This cannot be undone.`;
    $('delete-confirm').hidden = false;
    $('delete-confirm-text').focus();
  });
  $('delete-no').addEventListener('click', () => {
    $('delete-confirm').hidden = true;
    $('delete-assessment').focus();
  });
  $('delete-yes').addEventListener('click', async () => {
    const gone = record.name;
    $('delete-confirm').hidden = true;
    if (storageWorks) await store.deleteAssessment(record.id);
    const rest = storageWorks ? await store.listAssessments() : [];
    const next = rest.length ? await store.getAssessment(rest[0].id) : newRecord('Assessment 1');
    await open(next);
    $('announce').textContent = `${gone} deleted. ${next.name} is open.`;
    $('assessment-choice').focus();
  });

  $('export-json').addEventListener('click', () => download(`${fileStem()}.json`, 'application/json', `${JSON.stringify(doc, null, 2)}\n`));
  // One sheet of CQC's export per button, so one click is one download.
  for (const [sheet, title] of [['locations', 'Locations'], ['providers', 'Providers']]) {
    $(`export-${sheet}-csv`).addEventListener('click', async () => {
      const answer = await ask({ op: 'csv', sheet, text: JSON.stringify(doc) });
      if (answer.error) {
        showImportProblem(record.name, answer.errors.map((e) => problemWords(e)));
        $('import-problem-title').textContent = `The assessment could not be written as CQC's ${title} sheet`;
        return;
      }
      download(`${fileStem()}-${sheet}.csv`, 'text/csv', answer.csv);
    });
  }
  $('open-cqc').addEventListener('change', async (e) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length) await openCqcData(files);
  });
  $('published-open').addEventListener('click', openProvider);
  $('published-cancel').addEventListener('click', () => {
    $('published').hidden = true;
    $('open-cqc').focus();
  });
  $('what-matters').addEventListener('toggle', () => {
    if ($('what-matters').open) whatMatters();
  });
  $('import-json').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importFile(file);
  });
  $('print').addEventListener('click', () => window.print());
}

function download(name, type, text) {
  const link = element('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const fileStem = () => (record.name || 'assessment').replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'assessment';

// ---- CQC's published data: a provider's published ratings beside the rules-based ones --------------

const DATA_AT_MOST = 512 * 2 ** 20; // the files are read whole into the worker: half a gigabyte at most

async function openCqcData(files) {
  $('import-problem').hidden = true;
  const big = files.find((f) => f.size > DATA_AT_MOST);
  if (big) {
    showImportProblem(big.name, [`${big.name} is larger than the 512 MB this page can open. Open CQC's data in the audit page, or only the sheets you need as CSV.`]);
    return;
  }
  let buffers;
  try {
    buffers = await Promise.all(files.map((f) => f.arrayBuffer()));
  } catch {
    showImportProblem(files[0].name, [M.IMPORT_NOT_TEXT]);
    return;
  }
  $('save-status').textContent = `Reading ${files.map((f) => f.name).join(', ')}…`;
  const found = await ask({ op: 'openPublished', files: files.map((f, i) => ({ name: f.name, data: buffers[i] })) }, buffers);
  $('save-status').textContent = record.saved ? `Saved in this browser at ${new Date(record.updated).toLocaleTimeString('en-GB')}.` : '';
  const names = files.map((f) => f.name).join(', ');
  if (found.error || !found.providers?.length) {
    const shown = (found.problems?.shown ?? []).map((p) => `${p.source}, line ${p.line}: ${p.message}`);
    showImportProblem(names, found.error ? [capital(found.error)] : [M.NO_PROVIDERS, ...shown]);
    return;
  }
  const select = $('published-provider');
  select.replaceChildren(...found.providers.map((p) => Object.assign(element('option', '',
    M.providerText(p)), { value: p.provider_id })));
  $('published-summary').textContent = M.publishedSummary(names, found);
  $('published-problems').replaceChildren(...found.problems.shown.slice(0, 10)
    .map((p) => element('li', 'govuk-body-s', `${p.source}, line ${p.line}, ${p.field || 'a row'}: ${p.message}`)));
  $('published').hidden = false;
  $('published-title').focus();
}

async function openProvider() {
  const id = $('published-provider').value;
  const document = await ask({ op: 'publishedDocument', provider: id });
  if (document.error) {
    showImportProblem(id, document.errors.length ? document.errors.map((e) => M.problemText(e)) : [capital(document.error)]);
    return;
  }
  $('published').hidden = true;
  const name = document.trust?.name || id;
  await open(newRecord(`What if: ${name} (${id})`, document));
  $('announce').textContent = `${name} opened from CQC's data as a new assessment. CQC's published ratings are shown beside the principles' in each cell.`;
  $('trust-title').tabIndex = -1;
  $('trust-title').focus();
}

// ---- what matters most -----------------------------------------------------------------------------

let whatMattersBusy = false;
let whatMattersStale = false;

/** Asks the core what matters most for the open document (one question at a time; the newest wins). */
async function whatMatters() {
  if (whatMattersBusy) {
    whatMattersStale = true;
    return;
  }
  whatMattersBusy = true;
  whatMattersStale = false;
  const answer = await ask({ op: 'whatMatters', text: JSON.stringify(doc) });
  whatMattersBusy = false;
  if (whatMattersStale) {
    whatMatters();
    return;
  }
  paintWhatMatters(answer);
}

/** A lowest-level change of the core's answer, as a cell's address. */
function changeAddress(c) {
  if (c.service == null) return { kind: c.key_question === 'use_of_resources' ? 'uor' : 'well_led', loc: null };
  return { kind: 'kq', loc: c.location ?? null, svc: c.service, q: c.key_question };
}

function paintWhatMatters(answer) {
  const body = $('what-matters-body');
  const focused = body.contains(document.activeElement) ? document.activeElement.dataset.target : null;
  if (answer.error) {
    body.replaceChildren(element('p', 'govuk-body', M.WHAT_MATTERS_UNAVAILABLE));
    return;
  }
  body.replaceChildren(...answer.targets.map((target) => {
    const part = element('div', 'wb-what-matters__target');
    const title = element('h3', 'govuk-heading-s wb-what-matters__title', `${capital(target.subject)}: ${target.label ?? 'not awarded'}`);
    title.tabIndex = -1;
    title.dataset.target = target.node;
    part.append(title);
    for (const [direction, heading, none] of [['up', 'What would raise it', M.NOTHING_RAISES], ['down', 'What would lower it', M.NOTHING_LOWERS]]) {
      const d = target[direction];
      part.append(element('h4', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1', heading));
      if (!d.size) {
        part.append(element('p', 'govuk-body-s', none));
        continue;
      }
      const list = element('ul', 'govuk-list what-if__list');
      for (const set of d.shown) {
        const item = element('li', 'what-if__item');
        const button = element('button', 'govuk-button govuk-button--secondary what-if__apply', 'Apply');
        button.type = 'button';
        button.append(element('span', 'govuk-visually-hidden', `: ${set.text}`));
        button.addEventListener('click', () => {
          change((dd, meta) => {
            for (const c of set.changes) D.setRating(dd, changeAddress(c), c.to, meta.inspection?.[c.location] ?? null);
          }, { announce: `Applied: ${set.text} Undo takes it back.` });
          title.focus();
        });
        item.append(element('span', 'govuk-body-s what-if__text', set.text), button);
        list.append(item);
      }
      part.append(list);
      if (d.more) part.append(element('p', 'govuk-body-s', M.moreWays(d.more)));
    }
    return part;
  }));
  if (focused) body.querySelector(`[data-target="${CSS.escape(focused)}"]`)?.focus();
}

// A file is read up to this many bytes: the core's own limit (64 KiB today) is checked by the core, which
// says by how much a file is over; reading more of a larger file would only cost memory.
const READ_AT_MOST = 16 * 2 ** 20;

/** A file is read by the core first; only a document it accepts becomes a new assessment. Nothing saved changes otherwise. */
async function importFile(file) {
  $('import-problem').hidden = true;
  let text;
  try {
    text = await file.slice(0, READ_AT_MOST).text();
  } catch {
    showImportProblem(file.name, [M.IMPORT_NOT_TEXT]);
    return;
  }
  const result = await ask({ op: 'assess', text });
  if (result.error) {
    showImportProblem(file.name, result.errors.map((error) => M.problemText(error)));
    return;
  }
  const document = JSON.parse(text); // the core has read it: valid JSON, an assessment document
  const name = document.trust?.name || file.name.replace(/\.json$/i, '');
  await open(newRecord(name, document));
  $('announce').textContent = `${file.name} opened as a new assessment, ${name}. Your other assessments are unchanged.`;
  $('trust-title').tabIndex = -1;
  $('trust-title').focus();
}

function showImportProblem(fileName, texts) {
  $('import-problem-title').textContent = 'The file could not be opened';
  $('import-problem-intro').textContent = M.importIntro(fileName, texts.length);
  $('import-problem-list').replaceChildren(...texts.slice(0, 20).map((t) => element('li', '', t)));
  if (texts.length > 20) $('import-problem-list').append(element('li', '', `and ${texts.length - 20} more`));
  $('import-problem').hidden = false;
  $('import-problem').focus();
}

// ---- the trust's own fields ------------------------------------------------------------------

function wireTrust() {
  const type = $('trust-type');
  type.replaceChildren(...TRUST_TYPES.map((t) => Object.assign(element('option', '', t.name), { value: t.token })));
  $('trust-name').addEventListener('input', (e) => change((d) => { d.trust ??= {}; d.trust.name = e.target.value; }, { coalesce: 'trust-name' }));
  $('trust-id').addEventListener('input', (e) => change((d) => {
    d.trust ??= {};
    if (e.target.value) d.trust.id = e.target.value;
    else delete d.trust.id;
  }, { coalesce: 'trust-id' }));
  type.addEventListener('change', (e) => change((d) => D.setTrustType(d, e.target.value),
    { announce: `The trust is now ${TRUST_TYPES.find((t) => t.token === e.target.value)?.name.toLowerCase()}.` }));
  $('add-location-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('add-location-name').value.trim();
    $('add-location-error').hidden = Boolean(name);
    $('add-location-error').textContent = name ? '' : M.LOCATION_NAME_MISSING;
    $('add-location-group').classList.toggle('govuk-form-group--error', !name);
    if (!name) {
      $('add-location-name').focus();
      return;
    }
    let id;
    change((d) => { id = D.addLocation(d, name); }, { announce: `${name} added. Add its services.` });
    $('add-location-name').value = '';
    const section = sections.get(id)?.section;
    section?.querySelector('.wb-add-service-choice')?.focus();
  });
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  wireTrust();
  wireAssessments();
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
    if (storageWorks) $('save-status').textContent = 'Nothing entered yet. Every change is saved in this browser as you make it.';
  }
}

start();
