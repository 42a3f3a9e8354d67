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

function whatIfList(heading, items, emptyText, onApply, collapsed) {
  // A long list (often the ways down) is tucked into a details element.
  const section = element(collapsed ? 'details' : 'div', collapsed ? 'govuk-details what-if' : 'what-if');
  if (collapsed) {
    const summary = element('summary', 'govuk-details__summary');
    summary.append(element('span', 'govuk-details__summary-text', `${heading} (${items.length} ${items.length === 1 ? 'way' : 'ways'})`));
    section.append(summary);
  } else {
    section.append(element('h4', 'govuk-heading-s', heading));
  }
  if (items.length === 0) {
    section.append(element('p', 'govuk-body-s', emptyText));
    return section;
  }
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
  section.append(list);
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
function card(id, title, result, onApply) {
  const section = element('section', 'result-card');
  section.id = id;
  const heading = element('h3', 'govuk-heading-m', title);
  section.append(heading);
  const headline = element('p', 'govuk-body-l result-card__rating');
  headline.append(ratingBadge(result.rating, result.label));
  section.append(headline);
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
      whatIfList('What would raise it', result.what_if.up, 'It is already outstanding, or no change of one or two ratings would raise it.', onApply, false),
      whatIfList('What would lower it', result.what_if.down, 'It is already inadequate, or no change of one or two ratings would lower it.', onApply, result.what_if.down.length > 3),
    );
  }
  return section;
}

// The three ratings at a glance, above the detailed cards.
function overview(result) {
  const list = element('dl', 'govuk-summary-list overview');
  const rows = [
    ['Quality rating', result.quality, 'quality-result'],
    ['Use of resources rating', result.use_of_resources, 'uor-result'],
    ['Combined rating', result.combined, 'combined-result'],
  ];
  for (const [name, part, target] of rows) {
    const row = element('div', 'govuk-summary-list__row');
    const value = element('dd', 'govuk-summary-list__value');
    value.append(ratingBadge(part.rating, part.label));
    if (part.judgement) value.append(element('span', 'govuk-body-s overview__final', ` (final rating by judgement: ${part.judgement.label})`));
    const link = element('a', 'govuk-link', 'Why');
    link.href = `#${target}`;
    link.append(element('span', 'govuk-visually-hidden', `: ${name.toLowerCase()}`));
    const action = element('dd', 'govuk-summary-list__actions');
    action.append(link);
    row.append(element('dt', 'govuk-summary-list__key', name), value, action);
    list.append(row);
  }
  return list;
}

/** Replaces the results with those of `result` (a Result object from the core). */
export function renderResults(result, onApply) {
  const container = document.getElementById('results');
  const uor = result.use_of_resources;
  const uorSummary = uor.shadow
    ? `Assessed ${uor.assessed_on}: an indicative (shadow) rating, before combined ratings began.`
    : '';
  container.replaceChildren(
    overview(result),
    card('quality-result', 'Quality rating', result.quality, onApply),
    card('uor-result', 'Use of resources rating', { rating: uor.rating, label: uor.label, summary: uorSummary }, onApply),
    card('combined-result', 'Combined rating', result.combined, onApply),
  );
  for (const warning of result.warnings) container.append(element('p', 'govuk-body-s govuk-warning-text', warning));
}

/** The sentence read out after each change. */
export function announcement(result) {
  const combined = result.combined.rating ? result.combined.label.toLowerCase() : 'not awarded';
  return `Quality rating ${result.quality.label.toLowerCase()}. Combined rating ${combined}.`;
}
