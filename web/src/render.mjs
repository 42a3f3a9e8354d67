// Renders the core's result JSON. Everything shown comes from the core;
// text is only ever inserted with textContent, never as HTML.

// Shape and colour for each rating; the name is always written out too.
const MARKS = {
  outstanding: '★',
  good: '●',
  requires_improvement: '▲',
  inadequate: '■',
  not_rated: '○',
};

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** "★ Outstanding": a mark (hidden from screen readers) and the written rating. */
export function ratingBadge(token, label) {
  const badge = element('span', `rating rating--${token ?? 'none'}`);
  const mark = element('span', 'rating__mark', MARKS[token] ?? '–');
  mark.setAttribute('aria-hidden', 'true');
  badge.append(mark, element('span', 'rating__label', label));
  return badge;
}

function principleList(explanation) {
  const list = element('ol', 'govuk-list principles');
  for (const p of explanation.principles) {
    const item = element('li', `principle${p.decided ? ' principle--decided' : ''}`);
    const status = p.decided ? 'Decided the rating' : p.applies ? 'Applies' : p.enabled ? 'Does not apply' : 'Switched off';
    const tag = element('strong', `govuk-tag ${p.decided ? 'govuk-tag--blue' : 'govuk-tag--grey'} principle__status`, status);
    item.append(element('span', 'principle__name', p.label), ' ', tag, element('p', 'govuk-body-s principle__text', p.text));
    list.append(item);
  }
  return list;
}

const SHOWN_WHAT_IFS = 3; // the rest of a long list behind "Show N more"

function whatIfItems(items, onApply) {
  const list = element('ul', 'govuk-list what-if__list');
  for (const whatIf of items) {
    const item = element('li', 'what-if__item');
    const button = element('button', 'govuk-button govuk-button--secondary what-if__apply', 'Apply');
    button.type = 'button';
    button.append(element('span', 'govuk-visually-hidden', `: ${whatIf.text}`));
    button.addEventListener('click', () => onApply(whatIf.changes));
    item.append(element('span', 'govuk-body-s what-if__text', whatIf.text), button);
    list.append(item);
  }
  return list;
}

function whatIfList(id, heading, items, emptyText, onApply) {
  const section = element('div', 'what-if');
  const title = element('h4', 'govuk-heading-s what-if__title', heading);
  title.id = id;
  title.tabIndex = -1; // where focus returns after "Apply": the user stays in this list
  section.append(title);
  if (items.length === 0) {
    section.append(element('p', 'govuk-body-s', emptyText));
    return section;
  }
  section.append(whatIfItems(items.slice(0, SHOWN_WHAT_IFS), onApply));
  const rest = items.slice(SHOWN_WHAT_IFS);
  if (rest.length) {
    const more = element('details', 'govuk-details what-if__more');
    const summary = element('summary', 'govuk-details__summary');
    summary.append(element('span', 'govuk-details__summary-text', `Show ${rest.length} more ${rest.length === 1 ? 'way' : 'ways'}`));
    more.append(summary, whatIfItems(rest, onApply));
    section.append(more);
  }
  return section;
}

function judgementNote(judgement) {
  const note = element('div', 'govuk-inset-text judgement');
  const line = element('p', 'govuk-body');
  line.append('Final rating by professional judgement: ', ratingBadge(judgement.rating, judgement.label));
  note.append(line, element('p', 'govuk-body-s', judgement.text));
  const rationale = element('p', 'govuk-body-s judgement__rationale');
  rationale.append(element('strong', '', 'Rationale: '), judgement.rationale);
  note.append(rationale);
  return note;
}

/** One result card: quality, use of resources or combined. */
function card(id, title, result, onApply, standard) {
  const section = element('section', 'result-card');
  section.id = id;
  const heading = element('h3', 'govuk-heading-m', title);
  section.append(heading);
  const headline = element('p', 'govuk-body-l result-card__rating');
  headline.append(ratingBadge(result.rating, result.label));
  section.append(headline);
  if (standard) section.append(standardNote(standard));
  if (result.summary) section.append(element('p', 'govuk-body result-card__summary', result.summary));
  if (result.judgement) section.append(judgementNote(result.judgement));
  if (result.rule_of_two) {
    section.append(element('p', 'govuk-inset-text rule-of-two', result.rule_of_two.text));
  }
  if (result.explanation) {
    section.append(element('h4', 'govuk-heading-s', 'How the principles applied, in order'), principleList(result.explanation));
  }
  if (result.what_if) {
    section.append(
      whatIfList(`${id}-up`, 'What would raise it', result.what_if.up, 'It is already outstanding, or no change of one or two ratings would raise it.', (c) => onApply(c, `${id}-up`)),
      whatIfList(`${id}-down`, 'What would lower it', result.what_if.down, 'It is already inadequate, or no change of one or two ratings would lower it.', (c) => onApply(c, `${id}-down`)),
    );
  }
  return section;
}

// Under a rule variant, what CQC's own rules give, beside the variant's result.
function standardNote(standard) {
  const note = element('p', 'govuk-body-s standard-note');
  note.append("Under CQC's rules: ", ratingBadge(standard.rating, standard.label));
  return note;
}

const PARTS = [
  ['Quality rating', 'quality', 'quality-result'],
  ['Use of resources', 'use_of_resources', 'uor-result'],
  ['Combined rating', 'combined', 'combined-result'],
];

/**
 * The three results at a glance, kept in view while choosing (calculator.css).
 * `result` is null while some ratings are not chosen; `status` then says which.
 */
export function renderSummary(result, standard, status) {
  const list = document.getElementById('results-overview');
  document.getElementById('results-status').textContent = status;
  list.replaceChildren(...PARTS.map(([name, part, target]) => {
    const row = element('div', 'results-summary__item');
    const value = element('dd', 'results-summary__value');
    if (result) {
      const link = element('a', 'govuk-link results-summary__why');
      link.href = `#${target}`;
      link.append(ratingBadge(result[part].rating, result[part].label));
      link.append(element('span', 'govuk-visually-hidden', `: why the ${name.toLowerCase()} is ${result[part].label.toLowerCase()}`));
      value.append(link);
      if (result[part].judgement) value.append(element('span', 'govuk-body-s results-summary__note', `Final by judgement: ${result[part].judgement.label}`));
      if (standard && standard[part].rating !== result[part].rating) {
        value.append(element('span', 'govuk-body-s results-summary__note', `CQC's rules: ${standard[part].label}`));
      }
    } else {
      value.append(ratingBadge(null, 'Not yet'));
    }
    row.append(element('dt', 'results-summary__name', name), value);
    return row;
  }));
}

/** Replaces the reasons with those of `result` (a Result from the core); `standard` under CQC's rules, for a variant. */
export function renderResults(result, onApply, standard = null) {
  const container = document.getElementById('results');
  const uor = result.use_of_resources;
  const uorSummary = uor.shadow
    ? `Assessed ${uor.assessed_on}: an indicative (shadow) rating, before combined ratings began.`
    : '';
  container.replaceChildren(
    card('quality-result', 'Quality rating', result.quality, onApply, standard?.quality),
    card('uor-result', 'Use of resources rating', { rating: uor.rating, label: uor.label, summary: uorSummary }, onApply),
    card('combined-result', 'Combined rating', result.combined, onApply, standard?.combined),
  );
  for (const warning of result.warnings) container.append(element('p', 'govuk-body-s govuk-warning-text', warning));
}

/** For print: the six ratings as entered, and where this page came from, when. */
export function renderPrintDetails(ratings, vocabulary, address) {
  const list = document.getElementById('print-ratings');
  list.replaceChildren(...vocabulary.questions.map((q) => {
    const row = element('div', 'govuk-summary-list__row');
    const value = element('dd', 'govuk-summary-list__value');
    const token = ratings[q.token] || null;
    const label = vocabulary.ratings.find((r) => r.token === token)?.label ?? 'Not chosen yet';
    value.append(ratingBadge(token ?? null, label));
    row.append(element('dt', 'govuk-summary-list__key', q.label), value);
    return row;
  }));
  const date = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  document.getElementById('print-source').textContent =
    `Worked out on ${date} with the independent CQC ratings calculator (not CQC's own). Link: ${address}`;
}

/** The sentence read out after each change. */
export function announcement(result) {
  const combined = result.combined.rating ? result.combined.label.toLowerCase() : 'not awarded';
  return `Quality rating ${result.quality.label.toLowerCase()}. Combined rating ${combined}.`;
}
