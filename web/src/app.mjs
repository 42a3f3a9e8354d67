// The calculator page: state lives in the URL query; every change evaluates
// through the WebAssembly core and re-renders. No rules are decided here.
import { loadRatings } from './ratings-api.mjs';
import { buildForm, readForm, writeForm, showFieldError, JUDGEMENT_TARGETS } from './form.mjs';
import { renderResults, announcement } from './render.mjs';

// GOV.UK Frontend's component styles apply under this class (set without an
// inline script, which the CSP forbids).
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// First visit: the example that shows the 2018 change (quality limited by
// the rule of two, combined rating good because it needs three).
const EXAMPLE_RATINGS = {
  safe: 'requires_improvement', effective: 'good', caring: 'good',
  responsive: 'requires_improvement', well_led: 'good', use_of_resources: 'good',
};

function emptyState() {
  const judgement = {};
  for (const { key } of JUDGEMENT_TARGETS) judgement[key] = { rating: '', rationale: '' };
  return { ratings: { ...EXAMPLE_RATINGS }, uorDate: { day: '', month: '', year: '' }, judgement };
}

function dateText({ day, month, year }) {
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function stateFromUrl(api, search) {
  const state = emptyState();
  const { values, ignored } = api.readParams(search);
  for (const question of Object.keys(state.ratings)) {
    if (values[question]) state.ratings[question] = values[question];
  }
  if (values.uor_assessed_on) {
    const [year, month, day] = values.uor_assessed_on.split('-');
    state.uorDate = { day: String(Number(day)), month: String(Number(month)), year };
  }
  for (const { key } of JUDGEMENT_TARGETS) {
    const given = values.judgement?.[key] ?? {};
    state.judgement[key] = { rating: given.rating ?? '', rationale: given.rationale ?? '' };
  }
  return { state, ignored };
}

function urlFromState(state) {
  const params = new URLSearchParams(state.ratings);
  const date = dateText(state.uorDate);
  if (date) params.set('uor_assessed_on', date);
  for (const { key } of JUDGEMENT_TARGETS) {
    const { rating, rationale } = state.judgement[key];
    if (rating) params.set(`${key}_judgement`, rating);
    if (rationale) params.set(`${key}_rationale`, rationale);
  }
  return `?${params}`;
}

function requestFromState(state) {
  const request = { ...state.ratings };
  const date = dateText(state.uorDate);
  if (date) request.uor_assessed_on = date;
  const judgement = {};
  for (const { key } of JUDGEMENT_TARGETS) {
    if (state.judgement[key].rating) judgement[key] = { ...state.judgement[key] };
  }
  if (Object.keys(judgement).length) request.judgement = judgement;
  return request;
}

// Evaluates; when an optional part (date, a judgement) is rejected, shows its
// error by its field and still shows the results of the rest.
function evaluate(api, state) {
  const request = requestFromState(state);
  const fieldErrors = new Map();
  let result = api.evaluate(request);
  if (result.error) {
    for (const { field, message } of result.errors) {
      const part = field.startsWith('judgement.') ? field.split('.').slice(0, 2).join('.') : field;
      fieldErrors.set(part, message);
      if (part === 'uor_assessed_on') delete request.uor_assessed_on;
      if (part.startsWith('judgement.')) delete request.judgement[part.split('.')[1]];
    }
    result = api.evaluate(request);
  }
  return { result, fieldErrors };
}

function showUrlProblems(ignored) {
  const banner = document.getElementById('url-problems');
  const list = document.getElementById('url-problems-list');
  list.replaceChildren(...ignored.map(({ message }) => {
    const item = document.createElement('li');
    item.textContent = message;
    return item;
  }));
  banner.hidden = ignored.length === 0;
}

async function start() {
  const api = await loadRatings();
  const vocabulary = api.vocabulary();
  buildForm(vocabulary);

  const update = (state, historyMode) => {
    const { result, fieldErrors } = evaluate(api, state);
    showFieldError('uor-date-group', 'uor-date-error', fieldErrors.get('uor_assessed_on'));
    for (const { key } of JUDGEMENT_TARGETS) {
      showFieldError(`judgement-${key}-group`, `judgement-${key}-rationale-error`, fieldErrors.get(`judgement.${key}`));
    }
    if (result.error) throw new Error(result.error);
    renderResults(result, applyChanges);
    document.getElementById('announcement').textContent = announcement(result);
    const url = urlFromState(state);
    if (historyMode === 'push' && url !== location.search) history.pushState(null, '', url);
    if (historyMode === 'replace') history.replaceState(null, '', url);
    document.getElementById('share-link').href = url;
  };

  function applyChanges(changes) {
    const state = readForm(vocabulary);
    for (const { question, to } of changes) state.ratings[question] = to;
    writeForm(state);
    update(state, 'push');
    document.getElementById('results-title').focus();
  }

  const form = document.getElementById('ratings-form');
  form.addEventListener('submit', (event) => event.preventDefault());
  // One evaluation per edit: radios and selects are a new history entry on
  // change; typing replaces the current entry as it goes (a text field's
  // change event on leaving it would only repeat the last input).
  const isChoice = (target) => target.type === 'radio' || target.tagName === 'SELECT';
  form.addEventListener('change', (event) => {
    if (isChoice(event.target)) update(readForm(vocabulary), 'push');
  });
  form.addEventListener('input', (event) => {
    if (!isChoice(event.target)) update(readForm(vocabulary), 'replace');
  });
  window.addEventListener('popstate', () => {
    const { state, ignored } = stateFromUrl(api, location.search);
    showUrlProblems(ignored);
    writeForm(state);
    update(state, 'none');
  });

  const { state, ignored } = stateFromUrl(api, location.search);
  showUrlProblems(ignored);
  writeForm(state);
  update(state, location.search ? 'replace' : 'none');
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.getElementById('load-problem').hidden = false;
  document.getElementById('load-problem-text').textContent =
    `Something went wrong: ${error.message}. Try reloading the page.`;
  document.getElementById('results-loading')?.remove();
});
