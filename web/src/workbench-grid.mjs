// The workbench's ratings grids, laid out like CQC's reports: services as
// rows, the five key questions and the overall as columns, the location's row
// beneath; the trust's ratings in a grid of their own. Each cell shows the
// core's answer for one node (never a rating worked out here) and is repainted
// only when that answer changes. The grids follow the ARIA grid pattern: one
// cell of each grid is in the tab order (roving tabindex), arrows move.
import { ratingBadge } from './render.mjs';
import { QUESTIONS, nodeId, isEntered } from './workbench-doc.mjs';
import { QUESTION_LABELS, RATING_CHOICES, ENFORCEMENT_LABELS } from './workbench-messages.mjs';

export const ratingLabel = (token) => RATING_CHOICES.find((r) => r.token === token)?.label ?? 'Not rated';

export function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== '') node.textContent = text;
  return node;
}

const hidden = (text) => element('span', 'govuk-visually-hidden', text);

/** Every cell of every grid: node id -> {cell, address, signature}. */
export const cells = new Map();
/** The address of a cell element. */
export const addressOf = new WeakMap();

function cell(tag, address, gridRow, gridColumn) {
  const kind = address.kind === 'servicehead' ? 'head' : isEntered(address) ? 'entered' : 'computed';
  const td = element(tag, `wb-cell wb-cell--${kind}`);
  td.tabIndex = -1;
  td.dataset.row = gridRow;
  td.dataset.col = gridColumn;
  if (tag === 'td') td.setAttribute('role', 'gridcell');
  const id = nodeId(address);
  td.dataset.node = id;
  addressOf.set(td, address);
  cells.set(id, { cell: td, address, signature: null });
  return td;
}

function headerRow(labels) {
  const row = element('tr', 'govuk-table__row');
  labels.forEach((label, i) => {
    const th = element('th', 'govuk-table__header wb-grid__head', label);
    if (!label) th.append(hidden('Ratings of'));
    th.scope = 'col';
    if (i === 0) th.classList.add('wb-grid__corner');
    row.append(th);
  });
  const head = element('thead', 'govuk-table__head');
  head.append(row);
  return head;
}

function gridTable(captionText, captionId) {
  const table = element('table', 'govuk-table wb-grid');
  table.setAttribute('role', 'grid');
  const caption = element('caption', 'govuk-table__caption govuk-table__caption--s wb-grid__caption', captionText);
  caption.id = captionId;
  table.append(caption);
  table.setAttribute('aria-labelledby', captionId);
  return table;
}

/** The whole grid as rows of focusable cells, for the arrow keys. */
function indexGrid(table) {
  const rows = [];
  for (const c of table.querySelectorAll('.wb-cell')) {
    (rows[c.dataset.row] ??= [])[c.dataset.col] = c;
  }
  table.wbCells = rows.filter(Boolean).map((r) => r.filter(Boolean));
  const first = table.wbCells[0]?.find((c) => c.tagName === 'TD') ?? table.wbCells[0]?.[0];
  if (first) first.tabIndex = 0;
}

/** Forgets the cells of a grid that is being replaced. */
export function forgetCells(container) {
  for (const c of container.querySelectorAll('.wb-cell')) {
    if (cells.get(c.dataset.node)?.cell === c) cells.delete(c.dataset.node);
  }
}

/** The trust's ratings: its key questions, quality (and use of resources and combined where they apply). */
export function trustGrid(columns) {
  const table = gridTable("The trust's ratings", 'trust-grid-caption');
  table.classList.add('wb-grid--trust');
  table.append(headerRow(['', ...columns.map((c) => c.label)]));
  const body = element('tbody', 'govuk-table__body');
  const row = element('tr', 'govuk-table__row');
  const th = element('th', 'govuk-table__header wb-grid__rowhead', 'The trust');
  th.scope = 'row';
  row.append(th, ...columns.map((c, i) => cell('td', c.address, 0, i)));
  body.append(row);
  table.append(body);
  indexGrid(table);
  return table;
}

/**
 * A location's grid (loc null: the services of a trust without locations): a row per service
 * (its name, five key questions entered, overall worked out) and, for a location, its own row.
 */
export function servicesGrid(services, loc, locationName) {
  const captionId = loc == null ? 'services-caption' : `grid-${loc}-caption`;
  const table = gridTable(loc == null ? 'Core services: ratings by key question' : `${locationName}: ratings by service and key question`, captionId);
  table.append(headerRow(['Service', ...QUESTIONS.map((q) => QUESTION_LABELS[q]), 'Overall']));
  const body = element('tbody', 'govuk-table__body');
  services.forEach((service, r) => {
    const row = element('tr', 'govuk-table__row');
    const th = cell('th', { kind: 'servicehead', loc, svc: service.id }, r, 0);
    th.scope = 'row';
    th.classList.add('wb-grid__rowhead');
    cells.delete(th.dataset.node); // a header, not a node of the core's
    th.dataset.node = '';
    paintServiceHead(th, service, false);
    row.append(th);
    QUESTIONS.forEach((q, c) => row.append(cell('td', { kind: 'kq', loc, svc: service.id, q }, r, c + 1)));
    row.append(cell('td', { kind: 'service', loc, svc: service.id }, r, 6));
    body.append(row);
  });
  if (services.length === 0) {
    const row = element('tr', 'govuk-table__row');
    const td = element('td', 'govuk-table__cell wb-grid__empty', 'No services yet: add one below.');
    td.colSpan = 7;
    row.append(td);
    body.append(row);
  }
  if (loc != null) {
    const row = element('tr', 'govuk-table__row wb-grid__total');
    const th = element('th', 'govuk-table__header wb-grid__rowhead', `${locationName} (from its services)`);
    th.scope = 'row';
    row.append(th);
    QUESTIONS.forEach((q, c) => row.append(cell('td', { kind: 'lockq', loc, q }, services.length, c + 1)));
    row.append(cell('td', { kind: 'location', loc }, services.length, 6));
    body.append(row);
  }
  table.append(body);
  indexGrid(table);
  return table;
}

/** A service's row header: its name, and whether it is left out of the level above (the core's note). */
export function paintServiceHead(th, service, leftOut) {
  const name = element('span', 'wb-grid__service', service.name || service.id);
  th.replaceChildren(name);
  if (service.significantly_small) th.append(element('span', 'govuk-tag govuk-tag--grey wb-tag', 'Significantly small'));
  if (leftOut) th.append(element('span', 'wb-cell__note', 'Left out of the location'));
}

/**
 * Paints one cell from the core's node: the final rating with its mark, and in words what else
 * holds (the rules' rating beside a judgement, an enforcement limit, nothing entered yet).
 * `entry` is the document's object for an entered cell (null when nothing is entered).
 */
export function paintCell(record, node, entry) {
  const { cell: td, address } = record;
  const entered = isEntered(address);
  const signature = node
    ? `${node.rating}|${node.final}|${node.limit?.reason ?? ''}|${node.limit?.before ?? ''}|${node.judgement?.rating ?? ''}|${node.not_awarded ?? ''}|${entered && !entry?.rating ? 'empty' : ''}|${entry?.date ?? ''}|${node.published?.rating ?? ''}|${node.published?.departs ?? ''}`
    : 'none';
  if (signature === record.signature) return false;
  record.signature = signature;
  const parts = [];
  if (!node) {
    parts.push(element('span', 'wb-cell__none', '–'), hidden('not worked out'));
  } else if (entered && !entry?.rating) {
    parts.push(element('span', 'wb-cell__none', '–'), hidden('no rating entered'));
  } else if (node.not_awarded) {
    parts.push(ratingBadge('none', 'Not awarded'));
  } else {
    parts.push(ratingBadge(node.final, ratingLabel(node.final)));
    if (node.judgement) parts.push(element('span', 'wb-cell__note', `Judgement. Rules: ${ratingLabel(node.rating)}`));
    if (node.limit) parts.push(element('span', 'wb-cell__note', `${capitalFirst(ENFORCEMENT_LABELS[node.limit.reason] ?? node.limit.reason)}: was ${ratingLabel(node.limit.before)}`));
    else if (entered && entry?.enforcement) parts.push(element('span', 'wb-cell__note', capitalFirst(ENFORCEMENT_LABELS[entry.enforcement] ?? '')));
  }
  if (node?.published && !(entered && node.published.rating === node.final && !node.published.departs)) {
    parts.push(element('span', 'wb-cell__note wb-cell__published', `CQC published: ${ratingLabel(node.published.rating)}`));
    if (node.published.departs) parts.push(element('strong', 'govuk-tag govuk-tag--orange wb-tag wb-departs', 'Departs'));
  }
  if (!entered) {
    const sign = element('span', 'wb-computed-sign', '∑');
    sign.setAttribute('aria-hidden', 'true');
    parts.unshift(sign, hidden('Worked out: '));
  }
  td.replaceChildren(...parts);
  return true;
}

const capitalFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The cell an arrow key leads to from `from` (or null). */
export function moveFrom(from, key, ctrl) {
  const rows = from.closest('table').wbCells;
  const r = Number(from.dataset.row);
  const col = Number(from.dataset.col);
  const row = rows[r] ?? [];
  const c = row.indexOf(from);
  // The cell of row `rr` in column `cc`, or the nearest one (the location's row has no header cell).
  const inRow = (rr, cc) => {
    const target = rows[rr];
    if (!target) return null;
    return target.find((x) => Number(x.dataset.col) === cc) ?? (cc < Number(target[0].dataset.col) ? target[0] : target.at(-1));
  };
  switch (key) {
    case 'ArrowRight': return row[c + 1] ?? null;
    case 'ArrowLeft': return row[c - 1] ?? null;
    case 'ArrowDown': return inRow(r + 1, col);
    case 'ArrowUp': return r > 0 ? inRow(r - 1, col) : null;
    case 'Home': return ctrl ? rows[0][0] : row[0];
    case 'End': return ctrl ? rows.at(-1).at(-1) : row.at(-1);
    default: return null;
  }
}

/** Makes `target` the grid's one tab stop and focuses it. */
export function focusCell(target) {
  const table = target.closest('table');
  for (const c of table.querySelectorAll('.wb-cell[tabindex="0"]')) c.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}
