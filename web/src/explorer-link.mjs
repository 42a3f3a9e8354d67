// The explorer's whole state in the page's URL fragment, so a researcher can
// hand a participant one link:
//
//   #a=<variant A>&b=<variant B>&include_not_rated=1&edit=b.combined
//
// (URLSearchParams syntax). A variant is the JSON text of its rules config,
// {"quality": R, "combined": R}, each R a built-in name or a whole rule set;
// the core reads it (explorer-api.mjs readVariant), this module never judges a
// rule set. What cannot be used is returned in `ignored`, with the reason, and
// the rest applies. Nothing here throws.

export const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
export const VARIANT_KEYS = ['a', 'b'];
export const PARTS = ['quality', 'combined'];
/** The rule sets that can be edited, as "<variant>.<part>". */
export const SLOTS = VARIANT_KEYS.flatMap((v) => PARTS.map((p) => `${v}.${p}`));

// The calculator's first example: quality limited by the rule of two, the
// combined rating good because the 2018 rule needs three.
export const EXAMPLE_RATINGS = ['requires_improvement', 'good', 'good', 'requires_improvement', 'good', 'good'];

export function defaultState() {
  return {
    variants: [
      { quality: 'standard', combined: 'standard' },      // A: the rule of two for both
      { quality: 'standard', combined: 'combined_2018' }, // B: CQC's rules since March 2018
    ],
    includeNotRated: false,
    edit: 'b.combined',
  };
}

/** The fragment (with its "#") that holds the state. */
export function linkFromState(state) {
  const params = new URLSearchParams();
  state.variants.forEach((config, i) => params.set(VARIANT_KEYS[i], JSON.stringify(config)));
  params.set('include_not_rated', state.includeNotRated ? '1' : '0');
  params.set('edit', state.edit);
  return `#${params}`;
}

/** The calculator at one combination under one variant: ./#safe=...&rules=<JSON>. */
export function calculatorLink(config, ratings = EXAMPLE_RATINGS) {
  const params = new URLSearchParams(QUESTIONS.map((q, i) => [q, ratings[i]]));
  params.set('rules', JSON.stringify(config));
  return `./#${params}`;
}

// Quote what the link said, but never at length.
const quote = (text) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

/**
 * Reads a fragment ("#..." or "..."). Returns {state, ignored, anchor}:
 * ignored lists {key, message} for each part not used; anchor is true when the
 * fragment is only an in-page target (such as #main-content from the skip
 * link), which holds no state and should leave the page as it is.
 */
export function stateFromLink(api, fragment, isAnchor = () => false) {
  const state = defaultState();
  const ignored = [];
  const text = String(fragment ?? '').replace(/^#/, '');
  if (text === '') return { state, ignored, anchor: false };
  if (!text.includes('=') && isAnchor(text)) return { state, ignored, anchor: true };

  let params;
  try {
    params = new URLSearchParams(text);
  } catch {
    return { state, ignored: [{ key: '', message: 'The link could not be read.' }], anchor: false };
  }
  const seen = new Set();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      ignored.push({ key, message: `${quote(key)} was given more than once; only the first was used.` });
      continue;
    }
    seen.add(key);
    try {
      const variant = VARIANT_KEYS.indexOf(key);
      if (variant >= 0) {
        const read = api.readVariant(value);
        if (read.error) {
          const name = key.toUpperCase();
          const fallback = state.variants[variant];
          ignored.push({ key, message: `Variant ${name} (${quote(key)}): ${read.error}. ${name} was left as the default `
            + `(quality rating: ${fallback.quality}, combined rating: ${fallback.combined}).` });
        } else {
          state.variants[variant] = read.rules;
        }
      } else if (key === 'include_not_rated') {
        if (value === '1' || value === '0') state.includeNotRated = value === '1';
        else ignored.push({ key, message: `"include_not_rated" must be 1 or 0; got ${quote(value)}.` });
      } else if (key === 'edit') {
        if (SLOTS.includes(value)) state.edit = value;
        else ignored.push({ key, message: `"edit" must be one of ${SLOTS.join(', ')}; got ${quote(value)}.` });
      } else {
        ignored.push({ key, message: `${quote(key)} is not a setting of the explorer (they are a, b, include_not_rated and edit).` });
      }
    } catch (error) {
      ignored.push({ key, message: `${quote(key)} could not be read: ${error.message}` });
    }
  }
  return { state, ignored, anchor: false };
}
