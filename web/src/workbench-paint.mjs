// Painting the core's answer: answered() takes what the worker sends back after each change (the
// nodes whose ratings changed, the notes when they changed, the explanations asked for) and
// repaints only the cells, service headers and notes it changes, then the open details, the board
// paper for print, and what matters most when it is open; for a document the core cannot read it
// lists the problems instead, each linked to its cell. The page never works out a rating itself.
import { ratingBadge } from './render.mjs';
import * as D from './workbench-doc.mjs';
import {
  cells, addressOf, element, trustGrid, paintCell, paintServiceHead, forgetCells, focusCell, ratingLabel,
} from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $, capital, setText } from './workbench-state.mjs';
import { assess, showSaved, toExplain } from './workbench-changes.mjs';
import { findCell } from './workbench-structure.mjs';
import { parkDetail, openDetail, refreshDetail, subjectOf } from './workbench-detail.mjs';
import { whatMatters } from './workbench-what-matters.mjs';

let trustColumnsKey = '';

/** Another assessment is open: the trust's grid is drawn again for it. */
export function forgetTrustGrid() {
  trustColumnsKey = '';
  $('trust-grid-slot').replaceChildren();
}

function trustColumns() {
  const columns = [
    ...['safe', 'effective', 'caring', 'responsive'].map((q) => ({ label: M.QUESTION_LABELS[q], address: { kind: 'trustkq', q, loc: null } })),
    { label: 'Well-led', address: { kind: 'well_led', loc: null } },
    { label: page.doc.trust?.type && !D.hasLocations(page.doc) ? 'Overall' : 'Quality', address: { kind: 'quality', loc: null } },
  ];
  if (page.nodes.has('trust.use_of_resources')) columns.push({ label: 'Use of resources', address: { kind: 'uor', loc: null } });
  if (page.nodes.has('trust.combined')) columns.push({ label: 'Combined', address: { kind: 'combined', loc: null } });
  return columns;
}

function paintTrustGrid() {
  const columns = trustColumns();
  const key = columns.map((c) => c.label).join();
  if (key === trustColumnsKey) return;
  trustColumnsKey = key;
  const slot = $('trust-grid-slot');
  const wasActive = page.active && slot.contains(page.active) ? addressOf.get(page.active) : null;
  const hadFocus = slot.contains(document.activeElement);
  forgetCells(slot);
  if (slot.contains($('detail'))) parkDetail();
  const scroller = element('div', 'wb-scroll');
  scroller.append(trustGrid(columns));
  slot.replaceChildren(scroller, element('div', 'wb-detail-slot'));
  if (wasActive) {
    page.active = findCell(wasActive) ?? slot.querySelector('.wb-cell');
    if (hadFocus) focusCell(page.active);
  }
}

function entryOf(address) {
  return D.isEntered(address) ? D.enteredObject(page.doc, address) : null;
}

/** Repaints every cell whose answer changed, the notes, the service headers and the open details. */
function paintAll() {
  paintTrustGrid();
  let painted = 0;
  for (const [id, record] of cells) {
    if (paintCell(record, page.nodes.get(id), entryOf(record.address))) painted++;
  }
  const leftOut = new Set(page.notes.filter((n) => n.code === 'significantly_small').map((n) => n.node));
  for (const head of document.querySelectorAll('.wb-cell--head')) {
    const a = addressOf.get(head);
    const service = D.findService(page.doc, a.loc, a.svc);
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
  for (const [key, { section }] of page.sections) byList.set(section.querySelector('.wb-location__notes'), []);
  for (const note of page.notes) {
    const m = /^location:([^/]+)/.exec(note.node);
    const list = m && page.sections.get(m[1]) ? page.sections.get(m[1]).section.querySelector('.wb-location__notes')
      : /^service:/.test(note.node) && page.sections.get('') ? page.sections.get('').section.querySelector('.wb-location__notes') : $('trust-notes');
    byList.get(list).push(note.text);
  }
  for (const [list, texts] of byList) {
    const signature = texts.join('\n');
    if (list.dataset.signature === signature) continue;
    list.dataset.signature = signature;
    list.replaceChildren(...texts.map((t) => element('li', 'govuk-body-s wb-note', t)));
  }
}

let firstRendered = false;

/** The core answered: paint it (or, for a document it cannot read, say where and keep the last answer shown). */
export function answered(result) {
  showSaved();
  page.coreHasDocument = !result.error;
  if (result.error) {
    showDocProblems(result.errors);
    paintAll(); // the last answer, on the cells as they are now
  } else {
    if (page.docProblems.length) showDocProblems([]);
    // The worker sends the nodes that changed, and the order of all of them when that changed.
    if (result.ids) {
      const next = new Map();
      for (const id of result.ids) next.set(id, page.nodes.get(id));
      page.nodes = next;
    }
    for (const node of result.changed) page.nodes.set(node.id, node);
    page.notes = result.notes ?? page.notes; // null: the last answer's
    page.explained = new Map(result.explained.map((n) => [n.id, n]));
    paintAll();
    paintPrint();
    if ($('what-matters').open) whatMatters();
  }
  if (page.detailOpen) refreshDetail();
  // A judgement that came with the document (or a cell opened meanwhile) is written in full on the next answer.
  if (!result.error && toExplain().some((id) => !page.explained.has(id))) assess();
  if (page.pendingAnnounce !== null) announceChange();
  if (!firstRendered) {
    firstRendered = true;
    performance.mark('wb:first-render');
    document.body.dataset.ready = 'true';
  }
  document.dispatchEvent(new CustomEvent('wb:painted'));
}

function showDocProblems(errors) {
  page.docProblems = errors;
  const box = $('doc-problems');
  box.hidden = errors.length === 0;
  $('doc-problems-list').replaceChildren(...errors.map((e) => {
    const li = element('li');
    const address = D.addressFromField(page.doc, e.field);
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

export function problemWords(error) {
  if (/judgement(\.[a-z_]+)?\.rationale$/.test(error.field) && /empty|rationale/.test(error.message)) return M.RATIONALE_MISSING;
  if (/services\[\d+\]\.rationale$/.test(error.field)) return M.SMALL_RATIONALE_MISSING;
  if (error.field === 'trust.id' && /provider ID/.test(error.message)) return M.PROVIDER_ID_MISSING;
  return M.problemText(error, page.doc);
}

function announceChange() {
  const parts = [page.pendingAnnounce];
  page.pendingAnnounce = null;
  const quality = page.nodes.get('trust.quality');
  const combined = page.nodes.get('trust.combined');
  if (quality) parts.push(`Trust quality rating ${ratingLabel(quality.final).toLowerCase()}.`);
  if (combined) parts.push(combined.not_awarded ? 'No combined rating.' : `Combined rating ${ratingLabel(combined.final).toLowerCase()}.`);
  $('announce').textContent = parts.filter(Boolean).join(' ');
}

// ---- print ------------------------------------------------------------------------------------

let printSignature = '';
function paintPrint() {
  // The core's wording of each judged node (written in full: toExplain); its ratings from the live view.
  const judged = [...page.nodes.values()].filter((n) => n.judgement).map((n) => ({ ...n, subject: page.explained.get(n.id)?.subject }));
  const signature = judged.map((n) => `${n.id}|${n.subject}|${n.rating}|${n.judgement.rating}|${n.judgement.rationale}`).join('\n');
  const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  setText($('print-source'), `${page.record.name}. Worked out on ${date} with the independent CQC ratings workbench `
    + '(not CQC\'s own), from the ratings entered; cells marked ∑ follow from the ratings below them.');
  if (signature === printSignature) return;
  printSignature = signature;
  $('print-judgements').hidden = judged.length === 0;
  $('print-judgements-list').replaceChildren(...judged.map((n) => {
    const div = element('div', 'wb-print-judgement');
    const line = element('p', 'govuk-body');
    const location = /^location:([^/]+)/.exec(n.id);
    const place = location ? D.findLocation(page.doc, location[1]) : null;
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
