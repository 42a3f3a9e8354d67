// Build time only (web/build-site.mjs): the calculator's form controls as
// HTML, from the core's vocabulary, so the six questions are in the page
// before the WebAssembly module arrives, and without JavaScript at all.
// The names and labels still come from one place, the core.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

// The marks of render.mjs (CQC's convention: a star for outstanding, and so
// on), shown in the grid's column headings.
export const MARKS = {
  outstanding: '★', good: '●', requires_improvement: '▲', inadequate: '■', not_rated: '○',
};

/**
 * The six questions as one grid: on wide screens a row per question and a
 * column per rating (as CQC lays out its ratings grids); on phones each row
 * wraps into a compact group. Each radio keeps its own label, so the column
 * headings are decoration for sighted users only (aria-hidden).
 */
export function questionsHtml(vocabulary) {
  const head = vocabulary.ratings.map((r) => `
        <span class="ratings-grid__heading rating rating--${r.token}"><span class="rating__mark">${MARKS[r.token]}</span><span>${escape(r.label)}</span></span>`).join('');
  const rows = vocabulary.questions.map((q) => {
    const items = vocabulary.ratings.map((r) => `
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="${q.token}-${r.token}" name="${q.token}" type="radio" value="${r.token}">
              <label class="govuk-label govuk-radios__label" for="${q.token}-${r.token}"><span class="ratings-grid__choice">${escape(r.label)}</span></label>
            </div>`).join('');
    return `
      <div class="govuk-form-group ratings-grid__row" id="group-${q.token}">
        <fieldset class="govuk-fieldset" aria-describedby="${q.token}-error">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s ratings-grid__question">${escape(q.label)}</legend>
          <p class="govuk-error-message" id="${q.token}-error" hidden></p>
          <div class="govuk-radios govuk-radios--small ratings-grid__choices" data-module="govuk-radios">${items}
          </div>
        </fieldset>
      </div>`;
  }).join('');
  return `<div class="ratings-grid">
      <div class="ratings-grid__head" aria-hidden="true"><span class="ratings-grid__corner"></span>${head}
      </div>${rows}
    </div>`;
}

/** The options of a "final rating" select: every rating but "not rated". */
export function finalRatingOptionsHtml(vocabulary) {
  return vocabulary.ratings
    .filter((r) => r.token !== 'not_rated')
    .map((r) => `<option value="${r.token}">${escape(r.label)}</option>`)
    .join('');
}

/**
 * Fills the placeholders of a page (`<!-- build:questions -->` and so on).
 * A placeholder the page names but the build does not know fails the build.
 */
export function fillPlaceholders(html, vocabulary) {
  const fills = {
    questions: () => questionsHtml(vocabulary),
    'final-rating-options': () => finalRatingOptionsHtml(vocabulary),
    'rationale-chars': () => String(vocabulary.limits.rationale_chars),
    'rationale-chars-text': () => vocabulary.limits.rationale_chars.toLocaleString('en-GB'),
  };
  return html.replace(/<!-- build:([a-z-]+) -->/g, (match, name) => {
    if (!fills[name]) throw new Error(`unknown placeholder ${match}`);
    return fills[name]();
  });
}
