// The form: built from the core's vocabulary, read into a plain state object
// and written back from one. State is what the URL holds:
//   { ratings: {safe: 'good', ...}, uorDate: {day, month, year},
//     judgement: {quality: {rating, rationale}, combined: {rating, rationale}} }

const JUDGEMENT_TARGETS = [
  { key: 'quality', label: 'Final quality rating' },
  { key: 'combined', label: 'Final combined rating' },
];

function element(tag, attributes = {}, text = '') {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** Builds the six radio groups and the judgement fields. */
export function buildForm(vocabulary) {
  const questions = document.getElementById('questions');
  const template = document.getElementById('question-template');
  for (const question of vocabulary.questions) {
    const group = template.content.firstElementChild.cloneNode(true);
    group.id = `group-${question.token}`;
    group.querySelector('legend').textContent = question.label;
    const radios = group.querySelector('.govuk-radios');
    for (const rating of vocabulary.ratings) {
      const id = `${question.token}-${rating.token}`;
      const item = element('div', { class: 'govuk-radios__item' });
      item.append(
        element('input', { class: 'govuk-radios__input', id, name: question.token, type: 'radio', value: rating.token }),
        element('label', { class: 'govuk-label govuk-radios__label', for: id }, rating.label),
      );
      radios.append(item);
    }
    questions.append(group);
  }

  const judgements = document.getElementById('judgements');
  const finalRatings = vocabulary.ratings.filter((r) => r.token !== 'not_rated');
  for (const target of JUDGEMENT_TARGETS) {
    const group = element('div', { class: 'govuk-form-group', id: `judgement-${target.key}-group` });
    const selectId = `judgement-${target.key}-rating`;
    const select = element('select', { class: 'govuk-select', id: selectId, name: selectId });
    select.append(element('option', { value: '' }, 'No final rating recorded'));
    for (const rating of finalRatings) select.append(element('option', { value: rating.token }, rating.label));
    const textId = `judgement-${target.key}-rationale`;
    const error = element('p', { class: 'govuk-error-message', id: `${textId}-error`, hidden: '' });
    const textarea = element('textarea', {
      class: 'govuk-textarea', id: textId, name: textId, rows: '3', maxlength: '2000',
      'aria-describedby': `${textId}-hint ${textId}-error`,
    });
    group.append(
      element('label', { class: 'govuk-label govuk-label--s', for: selectId }, target.label),
      select,
      element('label', { class: 'govuk-label govuk-!-margin-top-3', for: textId }, 'Rationale (required with a final rating)'),
      element('div', { class: 'govuk-hint', id: `${textId}-hint` }, 'Why the final rating departs from, or confirms, the rules.'),
      error,
      textarea,
    );
    judgements.append(group);
  }
}

/** Reads the state from the form controls. */
export function readForm(vocabulary) {
  const form = document.getElementById('ratings-form');
  const ratings = {};
  for (const q of vocabulary.questions) ratings[q.token] = form.elements[q.token].value || 'not_rated';
  const value = (id) => document.getElementById(id).value;
  const judgement = {};
  for (const { key } of JUDGEMENT_TARGETS) {
    judgement[key] = { rating: value(`judgement-${key}-rating`), rationale: value(`judgement-${key}-rationale`) };
  }
  return {
    ratings,
    uorDate: { day: value('uor-day').trim(), month: value('uor-month').trim(), year: value('uor-year').trim() },
    judgement,
  };
}

/** Sets the form controls from a state. */
export function writeForm(state) {
  const form = document.getElementById('ratings-form');
  for (const [question, rating] of Object.entries(state.ratings)) {
    for (const radio of form.elements[question]) radio.checked = radio.value === rating;
  }
  document.getElementById('uor-day').value = state.uorDate.day;
  document.getElementById('uor-month').value = state.uorDate.month;
  document.getElementById('uor-year').value = state.uorDate.year;
  for (const { key } of JUDGEMENT_TARGETS) {
    document.getElementById(`judgement-${key}-rating`).value = state.judgement[key].rating;
    document.getElementById(`judgement-${key}-rationale`).value = state.judgement[key].rationale;
    if (state.judgement[key].rating || state.judgement[key].rationale) {
      document.getElementById('judgement-details').open = true;
    }
  }
}

/** Shows (or clears, with message null) an error under one form group. */
export function showFieldError(groupId, errorId, message) {
  const group = document.getElementById(groupId);
  const error = document.getElementById(errorId);
  group.classList.toggle('govuk-form-group--error', Boolean(message));
  error.hidden = !message;
  error.textContent = message ? `Error: ${message}` : '';
}

export { JUDGEMENT_TARGETS };
