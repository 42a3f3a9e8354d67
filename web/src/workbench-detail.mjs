// The details of one cell, opened from the grid (Enter, a click) beside its grid: what it is, the
// core's rating and why (every principle, the deciding one, limits, notes, CQC's published rating),
// the entry itself (rating, date, enforcement), a service's name and whether it is significantly
// small, and a final rating by judgement with its rationale. The form controls are filled from
// the document when a cell is chosen (fillDetail); the rest follows each answer (refreshDetail).
import { ratingBadge } from './render.mjs';
import * as D from './workbench-doc.mjs';
import { addressOf, element, focusCell, ratingLabel } from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $, capital, showFieldProblem } from './workbench-state.mjs';
import { change, assess } from './workbench-changes.mjs';
import { boxValues, isoDate, setBoxes } from './workbench-structure.mjs';
import { problemWords } from './workbench-paint.mjs';

/** The node a cell's details explain (a service's row header: the service's overall). */
export const detailNodeId = (address) => D.nodeId(address.kind === 'servicehead' ? { ...address, kind: 'service' } : address);

export function parkDetail() {
  $('detail').hidden = true;
  document.querySelector('main').append($('detail'));
}

export function placeDetail(target) {
  const slot = target.closest('.wb-location, .wb-trust').querySelector('.wb-detail-slot');
  if ($('detail').parentElement !== slot) slot.append($('detail'));
  $('detail').hidden = false;
}

export function openDetail(target, moveFocus) {
  page.active = target;
  page.detailOpen = true;
  placeDetail(target);
  fillDetail();
  const id = detailNodeId(addressOf.get(target));
  if (page.nodes.has(id) && !page.explained.has(id)) assess(); // the core writes its explanation
  if (moveFocus) $('detail-title').focus();
}

export function closeDetail(returnFocus = true) {
  page.detailOpen = false;
  parkDetail();
  if (returnFocus && page.active?.isConnected) focusCell(page.active);
}

export function subjectOf(address) {
  const location = address.loc != null ? D.findLocation(page.doc, address.loc) : null;
  const at = location ? ` at ${location.name || location.id}` : '';
  const service = address.svc != null ? D.findService(page.doc, address.loc, address.svc) : null;
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
export function fillDetail() {
  const address = addressOf.get(page.active);
  if (!address) return;
  $('detail-title').textContent = subjectOf(address);
  const entered = D.isEntered(address);
  $('detail-entry').hidden = !entered;
  $('detail-enforcement-group').hidden = address.kind !== 'kq';
  const service = address.svc != null ? D.findService(page.doc, address.loc, address.svc) : null;
  $('detail-service').hidden = !(address.kind === 'servicehead' || address.kind === 'service');
  $('detail-judgement').hidden = address.kind === 'servicehead';
  if (entered) {
    const entry = D.enteredObject(page.doc, address) ?? {};
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
  const judgement = D.judgementAt(page.doc, address);
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
export function refreshDetail() {
  if (!page.active?.isConnected) {
    closeDetail(false);
    return;
  }
  const address = addressOf.get(page.active);
  const node = page.explained.get(detailNodeId(address)); // until the core has written it: the entry alone
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
    const hasEntry = !entered || Boolean(D.enteredObject(page.doc, address)?.rating);
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
  for (const note of page.notes.filter((n) => n.node === id)) explanation.append(element('p', 'govuk-inset-text govuk-body-s', note.text));
  showFieldErrors(address);
}

/** The core's problems with the fields of this cell, at those fields (GOV.UK style). */
function showFieldErrors(address) {
  const base = D.fieldPath(page.doc, address);
  const service = address.svc != null ? D.fieldPath(page.doc, { ...address, kind: 'kq', q: 'safe' }).replace(/\.key_questions\.safe$/, '') : null;
  const at = (suffix) => page.docProblems.find((e) => e.field === suffix || e.field.startsWith(`${suffix}.`));
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
    showFieldProblem($(group), message, error ? problemWords(error) : null);
  }
}

let dateTyping = false;

export function wireDetail() {
  $('detail-close').addEventListener('click', () => closeDetail());
  $('detail').addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeDetail();
    }
  });
  $('detail-choice').addEventListener('change', (e) => {
    const address = addressOf.get(page.active);
    const token = e.target.value || null;
    change((d, meta) => D.setRating(d, address, token, meta.inspection?.[address.loc] ?? null),
      { entry: address, announce: `${subjectOf(address)}: ${token ? ratingLabel(token).toLowerCase() : 'cleared'}.` });
  });
  for (const box of Object.values(detailBoxes)) {
    box.addEventListener('input', () => {
      const address = addressOf.get(page.active);
      const values = boxValues(detailBoxes);
      const problem = M.dateBoxesProblem('The date', values);
      const complete = !problem && (values.day || values.month || values.year);
      dateTyping = Boolean(problem);
      const typing = problem && !(values.day && values.month && values.year); // said on leaving the boxes
      showFieldProblem($('detail-date-group'), $('detail-date-error'), typing ? null : problem);
      if (problem) return;
      change((d) => D.setEnteredField(d, address, 'date', complete ? isoDate(values) : ''), { coalesce: `date:${page.active.dataset.node}`, entry: address });
    });
    box.addEventListener('blur', () => {
      const problem = M.dateBoxesProblem('The date', boxValues(detailBoxes));
      if (problem) showFieldProblem($('detail-date-group'), $('detail-date-error'), problem);
    });
  }
  $('detail-enforcement').addEventListener('change', (e) => {
    const address = addressOf.get(page.active);
    change((d) => D.setEnteredField(d, address, 'enforcement', e.target.value), { entry: address });
  });
  $('detail-service-name').addEventListener('input', (e) => {
    const a = addressOf.get(page.active);
    change((d) => D.renameService(d, a.loc, a.svc, e.target.value), { coalesce: `service-name:${a.loc}/${a.svc}` });
    $('detail-title').textContent = subjectOf(a);
  });
  const small = () => {
    const a = addressOf.get(page.active);
    $('detail-small-rationale-group').hidden = !$('detail-small').checked;
    change((d) => D.setSmall(d, a.loc, a.svc, $('detail-small').checked, $('detail-small-rationale').value),
      { coalesce: `small:${a.loc}/${a.svc}` });
  };
  $('detail-small').addEventListener('change', small);
  $('detail-small-rationale').addEventListener('input', small);
  $('detail-remove-service').addEventListener('click', () => {
    const a = addressOf.get(page.active);
    const name = D.findService(page.doc, a.loc, a.svc)?.name || a.svc;
    const grid = page.active.closest('table');
    closeDetail(false);
    change((d) => D.removeService(d, a.loc, a.svc), { announce: `${name} removed. Press Undo to bring it back.` });
    const next = grid?.isConnected ? grid.querySelector('.wb-cell') : null;
    if (next) focusCell(next);
    else $('add-location-name').focus();
  });
  const judgement = () => {
    const a = addressOf.get(page.active);
    const rating = $('detail-judgement-rating').value;
    const rationale = $('detail-judgement-rationale').value;
    change((d) => D.setJudgement(d, a, rating ? { rating, rationale } : null),
      { coalesce: `judgement:${page.active.dataset.node}`, entry: D.isEntered(a) ? a : null });
  };
  $('detail-judgement-rating').addEventListener('change', judgement);
  $('detail-judgement-rationale').addEventListener('input', () => {
    if ($('detail-judgement-rating').value) judgement();
  });
}
