// The form's controls (written into the page's HTML at build time from the
// core's vocabulary, web/form-html.mjs): read into a state object, written
// back from one, and marked with errors the GOV.UK way.
import { JUDGEMENT_TARGETS } from './state.mjs';

const $ = (id) => document.getElementById(id);

/** The state the controls show; a question with no radio checked is '' (not chosen yet). */
export function readForm(questions) {
  const form = $('ratings-form');
  const ratings = {};
  for (const q of questions) ratings[q.token] = form.elements[q.token].value;
  const judgement = {};
  for (const { key } of JUDGEMENT_TARGETS) {
    judgement[key] = { rating: $(`judgement-${key}-rating`).value, rationale: $(`judgement-${key}-rationale`).value };
  }
  const box = (id) => $(id).value.trim();
  return {
    ratings,
    uorDate: { day: box('uor-day'), month: box('uor-month'), year: box('uor-year') },
    judgement,
  };
}

/** Sets the controls from a state. */
export function writeForm(state) {
  const form = $('ratings-form');
  for (const [question, rating] of Object.entries(state.ratings)) {
    for (const radio of form.elements[question]) radio.checked = radio.value === rating;
  }
  $('uor-day').value = state.uorDate.day;
  $('uor-month').value = state.uorDate.month;
  $('uor-year').value = state.uorDate.year;
  for (const { key } of JUDGEMENT_TARGETS) {
    const { rating, rationale } = state.judgement[key];
    $(`judgement-${key}-rating`).value = rating;
    const textarea = $(`judgement-${key}-rationale`);
    textarea.value = rationale;
    // GOV.UK's character count recounts on input; this event does not bubble to the form.
    textarea.dispatchEvent(new Event('input'));
    if (rating || rationale) $('judgement-details').open = true;
  }
}

/**
 * Shows (or, with no problem, clears) an error at its place: the group gets
 * GOV.UK's error border, the message its hidden "Error:" prefix, and the
 * boxes at fault their red outline.
 */
export function showError(place, problem, boxes = []) {
  $(place.group)?.classList.toggle('govuk-form-group--error', Boolean(problem));
  const message = $(place.message);
  if (message) {
    message.hidden = !problem;
    message.replaceChildren();
    if (problem) {
      const prefix = document.createElement('span');
      prefix.className = 'govuk-visually-hidden';
      prefix.textContent = 'Error: ';
      message.append(prefix, problem.text);
    }
  }
  if (place.group === 'uor-date-group') {
    for (const part of ['day', 'month', 'year']) {
      $(`uor-${part}`).classList.toggle('govuk-input--error', Boolean(problem) && boxes.includes(part));
    }
  }
  const textarea = place.group.startsWith('judgement-') ? $(place.focus) : null;
  textarea?.classList.toggle('govuk-textarea--error', Boolean(problem));
}

/** The GOV.UK error summary: one link per problem, to the box to fix. */
export function showErrorSummary(problems) {
  const summary = $('error-summary');
  const list = $('error-summary-list');
  list.replaceChildren(...problems.map(({ text, focus }) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${focus}`;
    link.textContent = text;
    item.append(link);
    return item;
  }));
  summary.hidden = problems.length === 0;
}
