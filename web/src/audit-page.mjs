// The audit page: CQC's data files chosen here are read in a worker
// (audit-worker.mjs, which hands them to the core's AuditSession) and never
// leave the browser. This thread only shows what the core returns: the
// summary by level and band, the departures a page at a time, and one trust's
// ratings read-only. It never parses a file and never applies a rule.
import { ratingBadge } from './render.mjs';
import { auditProblemText, AUDIT_WORKER_FAILED } from './audit-messages.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 50;
const number = (n) => Number(n).toLocaleString('en-GB');

// The levels of the audit (contract_audit.hpp), in words.
const LEVELS = {
  service: { name: 'Service overall', from: 'from the service\'s five key questions' },
  location_key_question: { name: 'Location key question', from: 'from that key question across the location\'s services' },
  location: { name: 'Location overall', from: 'from the location\'s five key questions' },
  trust_key_question: { name: 'Trust key question', from: 'from that key question across the trust\'s locations or core services' },
  trust: { name: 'Trust overall', from: 'from the trust\'s five key questions' },
  combined: { name: 'Combined rating', from: 'from the five key questions and use of resources' },
};

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== '') node.textContent = text;
  return node;
}

// ---- the worker ----------------------------------------------------------------------------

let worker = null;
let generation = 0;          // which audit the answers belong to
let pending = new Map();     // request id -> resolve
let nextId = 1;
let words = null;            // the core's labels: {ratings, questions, principles} token -> label
let summary = null;
let filter = { provider_id: '', region: '' };
let offset = 0;
let lastAnnounced = -1;

function stopWorker() {
  worker?.terminate();
  worker = null;
  for (const resolve of pending.values()) resolve(null);
  pending = new Map();
}

/** Asks the worker for rows or a trust; null when the audit was replaced meanwhile. */
function ask(message) {
  if (!worker) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...message, id });
  });
}

function announce(text) {
  $('announce').textContent = text;
}

function showError(text) {
  $('progress-box').hidden = true;
  $('audit-error-text').textContent = text;
  $('audit-error').hidden = false;
  $('audit-error').focus();
  announce('');
}

function startAudit(files) {
  stopWorker();
  const mine = ++generation;
  summary = null;
  $('audit-error').hidden = true;
  $('audit-results').hidden = true;
  $('trust').hidden = true;
  $('progress').value = 0;
  $('progress-text').textContent = '';
  $('progress-label').textContent = files.length === 1 ? `Reading ${files[0].name}` : `Reading ${files.length} files`;
  $('progress-box').hidden = false;
  lastAnnounced = -1;
  announce(`Reading ${files.length === 1 ? files[0].name : `${files.length} files`}. This page stays usable while it reads.`);

  try {
    worker = new Worker(new URL('./audit-worker.mjs', import.meta.url), { type: 'module' });
  } catch {
    showError(AUDIT_WORKER_FAILED);
    return;
  }
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (mine !== generation) return;
    stopWorker();
    showError(AUDIT_WORKER_FAILED);
  };
  worker.onmessage = ({ data }) => {
    if (mine !== generation) return;
    if (data.type === 'progress') showProgress(data);
    else if (data.type === 'done') showSummary(data.summary);
    else if (data.type === 'failed') showError(data.message);
    else if (data.type === 'answer') {
      pending.get(data.id)?.(data.result);
      pending.delete(data.id);
    }
  };
  worker.postMessage({ type: 'audit', files });
}

function sizeText(bytes) {
  for (const [unit, size] of [['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]]) {
    if (bytes >= size) return `${(bytes / size).toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${unit}`;
  }
  return `${bytes} bytes`;
}

function showProgress({ read, total, file }) {
  const percent = total > 0 ? Math.min(100, Math.floor((read / total) * 100)) : 100;
  $('progress').value = percent;
  $('progress-text').textContent = `${sizeText(read)} of ${sizeText(total)} read (${percent}%)${file ? `: ${file}` : ''}`;
  // Screen readers hear every quarter, not every update.
  const quarter = Math.floor(percent / 25);
  if (quarter > lastAnnounced && percent < 100) {
    lastAnnounced = quarter;
    announce(`${percent}% read`);
  }
}

// ---- the summary ------------------------------------------------------------------------------

const ratingLabel = (token) => words.ratings[token] ?? token ?? 'None';
const questionLabel = (token) => words.questions[token] ?? token;

function badge(token, wordsAsPublished) {
  if (!token) return element('span', 'audit-none', wordsAsPublished || 'Not in the data');
  const label = ratingLabel(token);
  const shown = wordsAsPublished && wordsAsPublished.toLowerCase() !== label.toLowerCase() ? wordsAsPublished : label;
  return ratingBadge(token, shown);
}

function showSummary(result) {
  summary = result;
  const vocabulary = result.vocabulary;
  words = {
    ratings: Object.fromEntries(vocabulary.ratings.map((r) => [r.token, r.label])),
    questions: Object.fromEntries(vocabulary.questions.map((q) => [q.token, q.label])),
    principles: Object.fromEntries(vocabulary.principles.map((p) => [p.token, p.label])),
  };
  const levels = result.agreement.levels.filter((level) => level.aggregates > 0);
  const { follows, departs, published_not_rated: notRated, nothing_rated: nothingRated } = result.agreement;
  const checked = follows + departs;
  $('headline').textContent = checked === 0
    ? 'None of the published ratings in these files could be checked: none is built from rated ratings in the data.'
    : `${number(follows)} of ${number(checked)} published ratings follow CQC's principles; ${number(departs)} `
      + `${departs === 1 ? 'departs' : 'depart'} from them.`;
  $('files-read').textContent = `Read ${number(result.locations)} ${result.locations === 1 ? 'location' : 'locations'}`
    + (result.providers ? ` and ${number(result.providers)} ${result.providers === 1 ? 'provider' : 'providers'}` : '')
    + (result.rows_read ? `, from ${number(result.rows_read)} rows of the export` : '') + '.';
  const skipped = [];
  if (notRated) skipped.push(`${number(notRated)} published as not rated (or not published)`);
  if (nothingRated) skipped.push(`${number(nothingRated)} whose inputs are none of them rated`);
  let skippedText = skipped.length ? `Not counted: ${skipped.join(', and ')}.` : '';
  const withoutServices = result.agreement.locations_without_services;
  if (withoutServices) {
    skippedText += ` ${number(withoutServices)} ${withoutServices === 1 ? 'location has' : 'locations have'} `
      + 'no service ratings in the data, so their key questions could not be checked.';
  }
  $('skipped').textContent = skippedText.trim();
  $('skipped').hidden = !skippedText;

  showProblems(result.problems);
  $('summary-parts').hidden = levels.length === 0;
  showTable(levels);
  showChart(levels);
  fillFilters(result);

  $('progress-box').hidden = true;
  $('audit-results').hidden = false;
  $('trust').hidden = true;
  announce(checked === 0 ? 'Audit finished: nothing could be checked.'
    : `Audit finished: ${number(follows)} of ${number(checked)} follow the principles, ${number(departs)} depart.`);
  filter = { provider_id: '', region: '' };
  showDepartures(0);
  $('audit-results-title').focus();
}

function showProblems(problems) {
  $('problems').hidden = problems.total === 0;
  if (problems.total === 0) return;
  $('problems-title').textContent = problems.total === 1
    ? 'There is 1 problem in the files. Everything else in them was read.'
    : `There are ${number(problems.total)} problems in the files. Everything else in them was read.`;
  $('problems-summary').textContent = problems.total === 1 ? 'The problem' : `The problems${problems.total > problems.shown.length ? ` (the first ${number(problems.shown.length)})` : ''}`;
  const list = $('problems-list');
  list.replaceChildren();
  for (const problem of problems.shown) {
    const { where, text } = auditProblemText(problem);
    const item = element('li', 'audit-problem');
    item.append(element('span', 'govuk-!-font-weight-bold', `${where}: `), text);
    list.append(item);
  }
  const more = problems.total - problems.shown.length;
  $('problems-more').hidden = more <= 0;
  $('problems-more').textContent = more > 0 ? `And ${number(more)} more, not listed.` : '';
  // A file the core could not use at all is worth seeing at once.
  $('problems-details').open = problems.total <= 5;
}

function showTable(levels) {
  const bands = levels[0]?.bands.map((b) => b.band) ?? [];
  const head = $('summary-head');
  head.replaceChildren();
  const corner = element('th', 'govuk-table__header', 'Level');
  corner.scope = 'col';
  head.append(corner);
  for (const band of [...bands.map((b) => `N ${b.replace('-', ' to ')}`), 'All']) {
    const th = element('th', 'govuk-table__header govuk-table__header--numeric', band);
    th.scope = 'col';
    head.append(th);
  }
  const body = $('summary-body');
  body.replaceChildren();
  for (const level of levels) {
    const row = element('tr', 'govuk-table__row');
    const th = element('th', 'govuk-table__header', LEVELS[level.level]?.name ?? level.level);
    th.scope = 'row';
    row.append(th);
    for (const cell of [...level.bands, level]) {
      const of = cell.follows + cell.departs;
      const td = element('td', 'govuk-table__cell govuk-table__cell--numeric');
      if (of === 0) {
        td.append(element('span', '', '–'), element('span', 'govuk-visually-hidden', 'none'));
      } else {
        td.textContent = `${number(cell.follows)} of ${number(of)}`;
        if (cell.departs) td.classList.add('audit-cell--departs');
      }
      row.append(td);
    }
    body.append(row);
  }
}

function showChart(levels) {
  const box = $('chart-levels');
  box.replaceChildren();
  const most = Math.max(1, ...levels.flatMap((level) => level.bands.map((b) => b.follows + b.departs)));
  for (const level of levels) {
    const group = element('div', 'audit-chart__level');
    const title = element('h4', 'govuk-heading-s audit-chart__title', LEVELS[level.level]?.name ?? level.level);
    const list = element('ul', 'govuk-list audit-chart__bars');
    for (const band of level.bands) {
      const of = band.follows + band.departs;
      const item = element('li', 'audit-chart__row');
      const label = element('span', 'audit-chart__label', `N ${band.band.replace('-', '–')}`);
      const bar = element('span', 'audit-chart__bar');
      bar.setAttribute('aria-hidden', 'true');
      const followsBar = element('span', 'audit-chart__follows');
      const departsBar = element('span', 'audit-chart__departs');
      // Widths through the CSSOM (the CSP allows no style attributes); the text says the numbers.
      followsBar.style.width = `${(band.follows / most) * 100}%`;
      departsBar.style.width = `${(band.departs / most) * 100}%`;
      bar.append(followsBar, departsBar);
      const text = element('span', 'audit-chart__text', of === 0 ? 'none'
        : `${number(band.follows)} ${band.follows === 1 ? 'follows' : 'follow'}, ${number(band.departs)} ${band.departs === 1 ? 'departs' : 'depart'}`);
      item.append(label, bar, text);
      list.append(item);
    }
    group.append(title, list);
    box.append(group);
  }
}

function fillFilters(result) {
  const trusts = $('filter-trust');
  trusts.replaceChildren(new Option('All trusts and providers', ''));
  const options = document.createDocumentFragment();
  for (const trust of result.trusts) {
    const name = trust.name ? `${trust.name} (${trust.provider_id})` : `Provider ${trust.provider_id}`;
    const count = trust.departures ? `: ${number(trust.departures)} ${trust.departures === 1 ? 'departure' : 'departures'}` : '';
    options.append(new Option(`${name}${count}`, trust.provider_id));
  }
  trusts.append(options);
  const regions = $('filter-region');
  regions.replaceChildren(new Option('All regions', ''), ...result.regions.map((r) => new Option(r, r)));
  $('filter-region-group').hidden = result.regions.length === 0;
}

// ---- the departures, a page at a time -----------------------------------------------------------

function whereText(row) {
  const parts = [];
  if (row.location_id) parts.push(`Location ${row.location_id}`);
  const provider = row.provider_name ? `${row.provider_name} (${row.provider_id})` : row.provider_id ? `Provider ${row.provider_id}` : '';
  if (provider) parts.push(provider);
  if (row.region) parts.push(row.region);
  return parts.join(', ');
}

function rowTitle(row) {
  const place = row.location_id ? (row.location_name || row.location_id) : (row.provider_name || row.provider_id);
  switch (row.level) {
    case 'service': return `${place}: ${row.service_name || row.service}, overall`;
    case 'location_key_question':
    case 'trust_key_question': return `${place}: ${questionLabel(row.key_question)}`;
    case 'combined': return `${place}: combined rating`;
    default: return `${place}: overall`;
  }
}

function countsText(row) {
  const counts = row.counts ?? {};
  const rated = Object.entries(counts).filter(([token, n]) => n > 0 && token !== 'not_rated')
    .map(([token, n]) => `${number(n)} ${ratingLabel(token).toLowerCase()}`);
  const notRated = counts.not_rated ? ` (and ${number(counts.not_rated)} not rated, not counted)` : '';
  return rated.join(', ') + notRated;
}

function summaryRow(list, key, value) {
  const row = element('div', 'govuk-summary-list__row');
  const dt = element('dt', 'govuk-summary-list__key', key);
  const dd = element('dd', 'govuk-summary-list__value');
  dd.append(value);
  row.append(dt, dd);
  list.append(row);
}

function departureCard(row) {
  const item = element('li', 'govuk-summary-card audit-departure');
  const titleBox = element('div', 'govuk-summary-card__title-wrapper');
  const title = element('h3', 'govuk-summary-card__title', rowTitle(row));
  titleBox.append(title);
  if (row.provider_id) {
    const actions = element('div', 'govuk-summary-card__actions audit-controls');
    const link = element('a', 'govuk-link audit-open-trust', 'See the trust\'s ratings');
    link.href = '#trust';
    link.dataset.provider = row.provider_id;
    link.append(element('span', 'govuk-visually-hidden', ` (${row.provider_name || row.provider_id}), read only`));
    actions.append(link);
    titleBox.append(actions);
  }
  const content = element('div', 'govuk-summary-card__content');
  const list = element('dl', 'govuk-summary-list');
  summaryRow(list, 'Where', whereText(row));
  summaryRow(list, 'Level', `${LEVELS[row.level]?.name ?? row.level}, ${LEVELS[row.level]?.from ?? ''}`);
  summaryRow(list, 'Published', badge(row.published, row.published_words));
  summaryRow(list, 'By the principles', badge(row.rules));
  const counts = countsText(row);
  summaryRow(list, 'Built from', `${number(row.n)} rated ${row.n === 1 ? 'rating' : 'ratings'} (band ${row.band})${counts ? `: ${counts}` : ''}`);
  summaryRow(list, 'Deciding principle', words.principles[row.principle] ?? row.principle ?? '');
  if (row.rating_date) summaryRow(list, 'Published on', row.rating_date);
  content.append(list);
  item.append(titleBox, content);
  return item;
}

async function showDepartures(start) {
  const result = await ask({ type: 'rows', filter: { outcome: 'departs', ...filter, offset: start, limit: PAGE_SIZE } });
  if (!result) return;
  const list = $('departures');
  if (result.error) {
    list.replaceChildren();
    $('departures-count').textContent = result.error;
    return;
  }
  offset = start;
  list.replaceChildren(...result.rows.map(departureCard));
  const chosen = filter.provider_id || filter.region ? ' with these filters' : '';
  $('departures-count').textContent = result.total === 0
    ? `No published rating${chosen} departs from the principles.`
    : result.total <= PAGE_SIZE
      ? `${number(result.total)} ${result.total === 1 ? 'departure' : 'departures'}${chosen}.`
      : `${number(result.total)} departures${chosen}: showing ${number(start + 1)} to ${number(start + result.rows.length)}.`;
  $('pages').hidden = result.total <= PAGE_SIZE;
  $('page-prev').disabled = start === 0;
  $('page-next').disabled = start + PAGE_SIZE >= result.total;
}

// ---- one trust, read only ----------------------------------------------------------------------

function ratingCell(published, row) {
  const cell = element('div', 'audit-grid__cell');
  if (!published && !row) {
    cell.append(element('span', 'audit-none', '–'), element('span', 'govuk-visually-hidden', 'not in the data'));
    return cell;
  }
  cell.append(badge(published?.rating === 'not_rated' ? 'not_rated' : published?.rating, published?.words));
  if (row && row.rules && (row.outcome === 'follows' || row.outcome === 'departs')) {
    const rules = element('span', 'audit-grid__rules');
    rules.append('Rules: ', ratingLabel(row.rules));
    cell.append(rules);
  }
  if (row?.outcome === 'departs') cell.append(element('strong', 'govuk-tag govuk-tag--orange audit-grid__flag', 'Departs'));
  return cell;
}

// A table in a box of its own that scrolls sideways when the screen is narrow,
// its name above the box (so it wraps to the screen, never out of sight).
function scrollingTable(table, name, id) {
  const title = element('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2', name);
  title.id = id;
  table.setAttribute('aria-labelledby', id);
  const wrap = element('div', 'audit-scroll');
  wrap.setAttribute('role', 'region');
  wrap.tabIndex = 0;
  wrap.setAttribute('aria-labelledby', id);
  wrap.append(table);
  const box = document.createDocumentFragment();
  box.append(title, wrap);
  return box;
}

function trustRowsTable(rows, name, id) {
  const table = element('table', 'govuk-table audit-grid audit-grid--own');
  const head = element('thead', 'govuk-table__head');
  const headRow = element('tr', 'govuk-table__row');
  for (const text of ['Rating', 'Published, and by the principles']) {
    const th = element('th', 'govuk-table__header', text);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody', 'govuk-table__body');
  for (const row of rows) {
    const tr = element('tr', 'govuk-table__row');
    const th = element('th', 'govuk-table__header', rowTitle(row).replace(/^[^:]*: /, ''));
    th.scope = 'row';
    const td = element('td', 'govuk-table__cell');
    td.append(ratingCell(row.published ? { rating: row.published, words: row.published_words } : null, row));
    tr.append(th, td);
    body.append(tr);
  }
  table.append(head, body);
  return scrollingTable(table, name, id);
}

function locationGrid(location, rows, index) {
  const questions = Object.keys(words.questions).filter((q) => q !== 'use_of_resources');
  const serviceRow = new Map();
  const questionRow = new Map();
  let overallRow = null;
  for (const row of rows) {
    if (row.location_id !== location.location_id) continue;
    if (row.level === 'service') serviceRow.set(row.service, row);
    else if (row.level === 'location_key_question') questionRow.set(row.key_question, row);
    else if (row.level === 'location') overallRow = row;
  }
  const table = element('table', 'govuk-table audit-grid');
  const head = element('thead', 'govuk-table__head');
  const headRow = element('tr', 'govuk-table__row');
  for (const text of ['Service', ...questions.map(questionLabel), 'Overall']) {
    const th = element('th', 'govuk-table__header', text);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody', 'govuk-table__body');
  const addRow = (name, cells, className = '') => {
    const tr = element('tr', `govuk-table__row ${className}`.trim());
    const th = element('th', 'govuk-table__header', name);
    th.scope = 'row';
    tr.append(th);
    for (const cell of cells) {
      const td = element('td', 'govuk-table__cell');
      td.append(cell);
      tr.append(td);
    }
    body.append(tr);
  };
  for (const service of location.services) {
    addRow(service.name || service.id, [
      ...questions.map((q) => ratingCell(service.key_questions[q], null)),
      ratingCell(service.overall, serviceRow.get(service.id)),
    ]);
  }
  addRow(location.services.length ? 'The location (from its services)' : 'The location', [
    ...questions.map((q) => ratingCell(location.key_questions[q], questionRow.get(q))),
    ratingCell(location.overall, overallRow),
  ], 'audit-grid__total');
  table.append(head, body);
  return scrollingTable(table, `${location.name || location.location_id}: ratings by service and key question`, `trust-grid-${index}`);
}

async function openTrust(providerId) {
  const result = await ask({ type: 'trust', providerId });
  if (!result) return;
  const body = $('trust-body');
  body.replaceChildren();
  if (result.error) {
    $('trust-title').textContent = 'This trust is not in the files';
    body.append(element('p', 'govuk-body', result.error));
  } else {
    $('trust-title').textContent = `${result.name || 'Provider'} (${result.provider_id})`;
    const own = result.rows.filter((row) => !row.location_id);
    if (own.length) {
      body.append(element('h3', 'govuk-heading-m', 'The trust\'s own ratings'));
      body.append(trustRowsTable(own, `${result.name || result.provider_id}: the trust's ratings`, 'trust-own'));
    }
    result.locations.forEach((location, i) => {
      const title = element('h3', 'govuk-heading-m audit-trust__location', `${location.name || 'Location'} (${location.location_id})`);
      body.append(title);
      if (location.report_date) body.append(element('p', 'govuk-body-s', `Report published ${location.report_date}.`));
      body.append(locationGrid(location, result.rows, i));
    });
  }
  $('trust').hidden = false;
  $('trust-title').focus();
}

// ---- wiring ------------------------------------------------------------------------------------------

$('audit-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const files = [...$('files').files];
  const group = $('files-group');
  if (files.length === 0) {
    group.classList.add('govuk-form-group--error');
    $('files').classList.add('govuk-file-upload--error');
    $('files-error').hidden = false;
    $('files-error').replaceChildren(element('span', 'govuk-visually-hidden', 'Error: '), 'Select one or more CQC data files');
    $('files').focus();
    return;
  }
  group.classList.remove('govuk-form-group--error');
  $('files').classList.remove('govuk-file-upload--error');
  $('files-error').hidden = true;
  startAudit(files);
});

$('filter-trust').addEventListener('change', () => {
  filter = { ...filter, provider_id: $('filter-trust').value };
  showDepartures(0);
});
$('filter-region').addEventListener('change', () => {
  filter = { ...filter, region: $('filter-region').value };
  showDepartures(0);
});
$('page-prev').addEventListener('click', () => showDepartures(Math.max(0, offset - PAGE_SIZE)).then(() => $('departures-title').focus()));
$('page-next').addEventListener('click', () => showDepartures(offset + PAGE_SIZE).then(() => $('departures-title').focus()));
$('departures').addEventListener('click', (event) => {
  const link = event.target.closest('.audit-open-trust');
  if (!link) return;
  event.preventDefault();
  openTrust(link.dataset.provider);
});
$('back-to-departures').addEventListener('click', (event) => {
  event.preventDefault();
  $('departures-title').focus();
  $('departures-title').scrollIntoView();
});

document.body.dataset.ready = 'true';
