// The calculator page. The form is in the HTML already (built from the core's
// vocabulary); this wires it to the WebAssembly core: every change evaluates
// through the core and re-renders. No rule is decided here. Where the state
// is kept, and why no typed text reaches a server: state.mjs. What people
// read about their input: messages.mjs.
//
// The core and its bytes are imported with the page's own modules, and the core is started
// before anything else: compiled and instantiated in this module's task, so no frame and no
// fetch() answer come between the page's script and its first result (bench/README.md). The
// cost: a module that does not arrive stops this one; load-problem.mjs then says so.
import { loadRatings } from './ratings-api.mjs';
import wasmBytes from './ratings-wasm.mjs';
import { linkText, showLoadProblem } from './load-problem.mjs';
import {
  JUDGEMENT_TARGETS, emptyState, stateFromLink, linkFromState, dateText, saveTyped, clearTyped, withTyped,
} from './state.mjs';
import { readForm, writeForm, showError, showErrorSummary } from './form.mjs';
import { renderSummary, renderResults, renderPrintDetails, announcement } from './render.mjs';
import {
  placeOf, dateBoxesProblem, dateMessage, rationaleMessage, badLinkValueMessage, notChosenMessage,
} from './messages.mjs';

document.body.dataset.calculator = 'started'; // for load-problem.mjs
// GOV.UK Frontend's component styles apply under these classes (set here, not
// in an inline script, which the CSP forbids).
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const coreLoading = loadRatings({ wasmBytes });
coreLoading.catch(() => {}); // start() reports a failure

const $ = (id) => document.getElementById(id);

// The form works before this script runs (it waits for all its modules): the
// questions answered meanwhile win over the link's state.
const answeredEarly = new Set([...document.querySelectorAll('#ratings-form input:checked')].map((input) => input.name));
const noteEarly = (event) => answeredEarly.add(event.target.name);
$('ratings-form').addEventListener('change', noteEarly);

async function start() {
  const api = await coreLoading;
  const vocabulary = api.vocabulary();
  const questions = vocabulary.questions;
  const labelOf = Object.fromEntries(questions.map((q) => [q.token, q.label]));
  const limit = vocabulary.limits.rationale_chars;

  let state;               // what the page shows; rules come only from a link
  let linkProblems = new Map(); // question -> problem, from a link, until the question is chosen
  const shown = new Set(); // fields whose problems are shown: left by the person, or all after "Check"
  let summaryAsked = false;
  let lastLink = '';         // the fragment last written, to tell state links from places in the page
  let resultShown = false;   // a result has been rendered (the first one is marked for bench/)

  // Evaluates the state through the core. Problems with optional parts (the
  // date, a judgement) are kept by field and those parts left out, so the
  // results of the rest still show.
  function evaluate() {
    const problems = new Map();
    const request = {};
    const missing = questions.filter((q) => !state.ratings[q.token]).map((q) => q.token);
    for (const q of questions) if (state.ratings[q.token]) request[q.token] = state.ratings[q.token];
    const boxes = dateBoxesProblem(state.uorDate);
    if (boxes) problems.set('uor_assessed_on', boxes);
    else if (dateText(state.uorDate)) request.uor_assessed_on = dateText(state.uorDate);
    const judgement = {};
    for (const { key } of JUDGEMENT_TARGETS) {
      if (state.judgement[key].rating) judgement[key] = { ...state.judgement[key] };
    }
    if (Object.keys(judgement).length) request.judgement = judgement;
    if (state.rules) request.rules = state.rules;

    let result = api.evaluate(request);
    if (result.error) {
      for (const { field, message } of result.errors) {
        if (missing.includes(field)) continue; // "not chosen yet", said in the results
        if (field === 'uor_assessed_on') {
          problems.set(field, dateMessage());
          delete request.uor_assessed_on;
        } else if (field.startsWith('judgement.')) {
          const key = field.split('.')[1];
          problems.set(`judgement.${key}`, rationaleMessage(key, state.judgement[key].rationale, limit));
          delete request.judgement?.[key];
        } else {
          throw new Error(message); // the page built a request the core rejects: a bug, not a person's mistake
        }
      }
      if (request.judgement && !Object.keys(request.judgement).length) delete request.judgement;
      result = missing.length ? null : api.evaluate(request);
      if (result?.error) throw new Error(result.error);
    }
    const standard = result && state.rules ? api.evaluate({ ...request, rules: undefined }) : null;
    return { result, standard, missing, problems, dateAccepted: 'uor_assessed_on' in request };
  }

  function showProblems(problems) {
    const listed = [];
    for (const q of questions) {
      const problem = state.ratings[q.token] ? null : linkProblems.get(q.token);
      showError(placeOf(q.token), problem);
      if (problem) listed.push({ ...problem, focus: placeOf(q.token).focus });
    }
    for (const field of ['uor_assessed_on', ...JUDGEMENT_TARGETS.map(({ key }) => `judgement.${key}`)]) {
      const problem = shown.has(field) ? problems.get(field) : null;
      showError(placeOf(field), problem, problem?.boxes);
      if (problem) {
        const focus = field === 'uor_assessed_on' ? `uor-${problem.boxes[0]}` : placeOf(field).focus;
        listed.push({ ...problem, focus });
      }
    }
    if (summaryAsked) showErrorSummary(listed);
    return listed;
  }

  function update(historyMode, changed = '') {
    const { result, standard, missing, problems, dateAccepted } = evaluate();
    const listed = showProblems(problems);
    const status = missing.length ? notChosenMessage(missing.map((q) => labelOf[q])) : '';
    renderSummary(result, standard, status);
    $('why').hidden = !result;
    if (result) renderResults(result, applyChanges, standard);
    $('announcement').textContent = result ? `${changed}${announcement(result)}` : status;
    showVariant();
    const shownBefore = resultShown;
    if (result && !resultShown) {
      resultShown = true;
      performance.mark('cqc:first-result'); // the results are in the page: bench/first-result.mjs measures up to here
    }

    const link = linkFromState(state, { dateAccepted });
    if (historyMode === 'push' && link !== location.hash) history.pushState(null, '', link);
    if (historyMode === 'replace' || location.search) history.replaceState(null, '', location.pathname + link);
    lastLink = location.hash;
    const shared = linkFromState(state, { dateAccepted, withRationale: $('share-rationale').checked });
    $('share-link').href = shared;
    saveTyped(state);
    // The print summary's date wakes the browser's date formatting (16-24 ms the first time in
    // a tab: bench/README.md), so the first result does not wait for it.
    const printDetails = () => renderPrintDetails(state.ratings, vocabulary, new URL(shared, location.href).href);
    if (shownBefore) printDetails();
    else requestAnimationFrame(() => setTimeout(printDetails, 0));
    return listed;
  }

  function showVariant() {
    $('variant-banner').hidden = !state.rules;
    if (!state.rules) return;
    const parts = [['quality', 'Quality rating'], ['combined', 'Combined rating']];
    $('variant-list').replaceChildren(...parts.filter(([key]) => state.rules[key]).map(([key, name]) => {
      const item = document.createElement('li');
      item.textContent = `${name}: ${state.rules[key].title} (rule set "${state.rules[key].name}")`;
      return item;
    }));
    $('variant-drop').href = linkFromState({ ...state, rules: null });
  }

  function fromForm() {
    state = { ...readForm(questions), rules: state.rules };
  }

  function applyChanges(changes, listId) {
    fromForm();
    for (const { question, to } of changes) state.ratings[question] = to;
    writeForm(state);
    const said = changes.map(({ question, to }) =>
      `${labelOf[question]} changed to ${vocabulary.ratings.find((r) => r.token === to).label.toLowerCase()}. `).join('');
    update('push', said);
    // Focus stays where the person was: the list they applied it from.
    ($(listId) ?? $('results-title')).focus();
  }

  function showLink({ state: fromLink, ignored }) {
    state = withTyped(fromLink);
    linkProblems = new Map();
    const general = [];
    for (const item of ignored) {
      if (labelOf[item.param]) linkProblems.set(item.param, badLinkValueMessage(labelOf[item.param]));
      else general.push(item.message);
    }
    const items = [...[...linkProblems.values()].map((p) => p.text), ...general].map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    });
    $('url-problems-list').replaceChildren(...items);
    $('url-problems').hidden = items.length === 0;
    const example = new URLSearchParams($('example-link').hash.slice(1)).toString();
    $('example-note').hidden = new URLSearchParams(location.hash.slice(1)).toString() !== example;
  }

  const form = $('ratings-form');
  form.removeEventListener('change', noteEarly);
  showLink(stateFromLink(api, vocabulary, linkText()));
  if (answeredEarly.size) {
    const now = readForm(questions);
    for (const name of answeredEarly) if (name in now.ratings) state.ratings[name] = now.ratings[name];
  }
  writeForm(state);
  update(answeredEarly.size ? 'push' : 'none');

  // Radios and selects are a new history entry; typing replaces the entry as it goes.
  const isChoice = (target) => target.type === 'radio' || target.tagName === 'SELECT';
  form.addEventListener('change', (event) => {
    if (event.target.type === 'checkbox') return;
    if (isChoice(event.target)) {
      fromForm();
      update('push');
    }
  });
  form.addEventListener('input', (event) => {
    if (!isChoice(event.target)) {
      fromForm();
      update('replace');
    }
  });
  // A problem shows once the person leaves the field (GOV.UK: not while
  // typing). When they leave it by pressing a pointer, the message waits for
  // the release: shown at once it would move the page under the pointer, and
  // the button they pressed would never get its click.
  let pointerDown = false;
  let pendingUpdate = false;
  document.addEventListener('pointerdown', () => { pointerDown = true; }, true);
  document.addEventListener('pointerup', () => {
    pointerDown = false;
    if (pendingUpdate) setTimeout(() => { pendingUpdate = false; update('none'); });
  }, true);
  form.addEventListener('focusout', (event) => {
    const group = event.target.closest('#uor-date-group, [id^="judgement-"][id$="-group"]');
    if (!group || group.contains(event.relatedTarget)) return;
    const key = /^judgement-(quality|combined)/.exec(group.id)?.[1];
    const field = key ? `judgement.${key}` : 'uor_assessed_on';
    if (shown.has(field)) return;
    shown.add(field);
    if (pointerDown) pendingUpdate = true;
    else update('none');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fromForm();
    summaryAsked = true;
    for (const field of ['uor_assessed_on', 'judgement.quality', 'judgement.combined']) shown.add(field);
    const listed = update('none');
    if (listed.length) $('error-summary').focus();
    else $('results-title').focus();
  });
  $('share-rationale').addEventListener('change', () => update('none'));
  $('start-again').addEventListener('click', () => {
    clearTyped();
    state = emptyState(vocabulary);
    linkProblems = new Map();
    shown.clear();
    summaryAsked = false;
    showErrorSummary([]);
    $('url-problems').hidden = true;
    $('example-note').hidden = true;
    writeForm(state);
    history.pushState(null, '', location.pathname);
    update('none');
    $('ratings-title').focus();
  });
  // The fragment holds the state, so links to places in the page (the skip
  // link, "Why", the error summary's links) move focus instead of changing it.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    if (!target.matches('input, select, textarea, button, a[href]') && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
    (target.closest('fieldset') ?? target).scrollIntoView({ block: 'start' });
  });
  // Back, forward and links that carry ratings (the example) change the fragment.
  const followLink = () => {
    if (location.hash === lastLink) return; // popstate and hashchange both fire for one step
    if (document.getElementById(decodeURIComponent(location.hash.slice(1)))) {
      history.replaceState(null, '', location.pathname + lastLink); // a typed-in place, not a state
      return;
    }
    showLink(stateFromLink(api, vocabulary, linkText()));
    writeForm(state);
    update('none');
  };
  window.addEventListener('popstate', followLink);
  window.addEventListener('hashchange', followLink);
  $('error-summary').tabIndex = -1;

  document.body.dataset.ready = 'true';
  // Not on the path to the first result: GOV.UK's character count for the rationales.
  import('./govuk/character-count.mjs')
    .then(({ CharacterCount }) => {
      for (const group of document.querySelectorAll('[data-module="govuk-character-count"]')) new CharacterCount(group);
    })
    .catch(() => { /* the core still checks the length and says so */ });
}

start().catch((error) => {
  console.warn('The calculator could not start:', error);
  showLoadProblem();
});
