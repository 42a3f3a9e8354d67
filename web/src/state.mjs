// The calculator's state and where it is kept, so that nothing a person
// types is ever sent to a server:
//  - the six ratings, the use of resources date, final ratings and a rule
//    variant live in the address's fragment (after "#"), which browsers never
//    send; links, bookmarks and history keep them.
//  - what is typed as free text (the rationales) and date boxes as typed live
//    in this tab's sessionStorage: they survive a reload and back/forward,
//    are gone when the tab closes, and are never in the address. A shared
//    link carries a rationale only when the person ticks the box for it.
// The core reads every link (readParams); this file only moves values around.

export const JUDGEMENT_TARGETS = [
  { key: 'quality', label: 'Final quality rating' },
  { key: 'combined', label: 'Final combined rating' },
];

const DRAFT_KEY = 'cqc-calculator:typed';

/** Nothing chosen: every question "not chosen yet" (''), no date, no judgement, CQC's rules. */
export function emptyState(vocabulary) {
  const judgement = {};
  for (const { key } of JUDGEMENT_TARGETS) judgement[key] = { rating: '', rationale: '' };
  return {
    ratings: Object.fromEntries(vocabulary.questions.map((q) => [q.token, ''])),
    uorDate: { day: '', month: '', year: '' },
    judgement,
    rules: null,
  };
}

/** "2019-03-27" from the boxes (once every box holds a number); '' for no date. */
export function dateText({ day, month, year }) {
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * The state a link gives (the fragment, or an old-style query): exactly the
 * ratings it names, nothing filled in from anywhere else. `ignored` lists
 * what the core could not use, with the parameter each was for.
 */
export function stateFromLink(api, vocabulary, text) {
  const state = emptyState(vocabulary);
  const { values, ignored } = api.readParams(text);
  for (const question of Object.keys(state.ratings)) state.ratings[question] = values[question] ?? '';
  if (values.uor_assessed_on) {
    const [year, month, day] = values.uor_assessed_on.split('-');
    state.uorDate = { day: String(Number(day)), month: String(Number(month)), year };
  }
  for (const { key } of JUDGEMENT_TARGETS) {
    const given = values.judgement?.[key] ?? {};
    state.judgement[key] = { rating: given.rating ?? '', rationale: given.rationale ?? '' };
  }
  state.rules = values.rules ?? null;
  return { state, ignored };
}

/**
 * The fragment for a state. The date goes in only once the core accepted it
 * (a half-typed date stays in the tab's storage); a rationale only when asked.
 */
export function linkFromState(state, { dateAccepted = false, withRationale = false } = {}) {
  const params = new URLSearchParams();
  for (const [question, rating] of Object.entries(state.ratings)) if (rating) params.set(question, rating);
  if (dateAccepted) params.set('uor_assessed_on', dateText(state.uorDate));
  for (const { key } of JUDGEMENT_TARGETS) {
    const { rating, rationale } = state.judgement[key];
    if (rating) params.set(`${key}_judgement`, rating);
    if (withRationale && rationale) params.set(`${key}_rationale`, rationale);
  }
  if (state.rules) params.set('rules', JSON.stringify(state.rules));
  return `#${params}`;
}

/** Keeps what was typed in this tab. Storage can be full or switched off: then it is simply not kept. */
export function saveTyped(state) {
  const typed = { uorDate: state.uorDate, rationale: {} };
  for (const { key } of JUDGEMENT_TARGETS) typed.rationale[key] = state.judgement[key].rationale;
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(typed));
  } catch { /* not kept; the page works without it */ }
}

export function clearTyped() {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch { /* nothing to clear */ }
}

/**
 * What was typed in this tab, laid over a link's state where the link does
 * not say otherwise: a link's own date or rationale wins.
 */
export function withTyped(state) {
  let typed;
  try {
    typed = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null');
  } catch {
    typed = null;
  }
  if (!typed || typeof typed !== 'object') return state;
  const text = (value) => (typeof value === 'string' ? value.slice(0, 100000) : '');
  if (!dateText(state.uorDate) && typed.uorDate) {
    state.uorDate = { day: text(typed.uorDate.day), month: text(typed.uorDate.month), year: text(typed.uorDate.year) };
  }
  for (const { key } of JUDGEMENT_TARGETS) {
    if (!state.judgement[key].rationale) state.judgement[key].rationale = text(typed.rationale?.[key]);
  }
  return state;
}
