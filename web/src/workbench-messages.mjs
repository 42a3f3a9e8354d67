// Every word the workbench shows about what was entered or opened: the core
// names a problem by its field path in the assessment document
// ("locations[0].services[1].key_questions.safe.date") and writes for
// developers; this is the one place that turns a path into words for people
// ("the date of Safe in Surgery at Hospital A"). What is wrong is the core's
// to say; only where it is, is said here.

export const QUESTION_LABELS = { safe: 'Safe', effective: 'Effective', caring: 'Caring', responsive: 'Responsive', well_led: 'Well-led' };

export const RATING_CHOICES = [
  { token: 'outstanding', label: 'Outstanding', key: 'o' },
  { token: 'good', label: 'Good', key: 'g' },
  { token: 'requires_improvement', label: 'Requires improvement', key: 'r' },
  { token: 'inadequate', label: 'Inadequate', key: 'i' },
  { token: 'not_rated', label: 'Not rated', key: 'n' },
];

export const ENFORCEMENT_LABELS = {
  requirement_notice: 'requirement notice',
  warning_notice: 'warning notice',
  condition_of_registration: 'condition of registration',
};

// The principles by name, as the core's label() words them (core/aggregate.cpp).
export const PRINCIPLE_LABELS = {
  nothing_rated: 'Nothing rated',
  inadequate: 'Inadequate',
  inadequate_limiter: 'Limiter: an inadequate rating',
  requires_improvement_limiter: 'Limiter: requires improvement',
  outstanding: 'Outstanding',
  good: 'Good',
  quality_cap: 'Quality cap',
};

const ordinal = (i) => `${i + 1}`;

/**
 * A field path in words. With the document (`doc`, the one that was assessed) locations and
 * services are named as the user named them; without it (a file that could not be read) by place.
 */
export function fieldWords(field, doc = null) {
  const parts = [...String(field).matchAll(/([a-z_]+)(?:\[(\d+)\])?/g)].map((m) => ({ key: m[1], index: m[2] == null ? null : Number(m[2]) }));
  let location = null;
  let service = null;
  let question = null;
  let what = '';
  let judgement = false;
  let history = null;
  for (const { key, index } of parts) {
    if (key === 'locations' && index != null) {
      const l = doc?.locations?.[index];
      location = l?.name || (l?.id ? `location ${l.id}` : `location ${ordinal(index)}`);
    } else if (key === 'services' && index != null) {
      const list = location == null ? doc?.services : doc?.locations?.[Number(/locations\[(\d+)\]/.exec(field)?.[1])]?.services;
      const s = list?.[index];
      service = s?.name || (s?.id ? `service ${s.id}` : `service ${ordinal(index)}`);
    } else if (key in QUESTION_LABELS && parts.some((p) => p.key === 'key_questions' || p.key === 'judgement')) {
      question = QUESTION_LABELS[key];
    } else if (key === 'judgement') {
      judgement = true;
    } else if (key === 'history' && index != null) {
      history = index;
    } else if (['overall', 'quality', 'combined'].includes(key) && judgement) {
      question = { overall: 'overall', quality: 'the quality rating', combined: 'the combined rating' }[key];
    } else if (key === 'well_led' && parts[0].key === 'well_led') {
      question = "the trust-wide well-led rating";
    } else if (key === 'use_of_resources') {
      question = 'use of resources';
    } else if (key !== 'key_questions') {
      what = { rating: 'rating', date: 'date', enforcement: 'enforcement', rationale: judgement ? 'rationale' : 'reason it is significantly small',
        name: 'name', id: 'id', type: 'type', as_published: 'published wording', joined_on: 'date it joined',
        significantly_small: '"significantly small" mark', as_at: '"as at" date', rules: 'rule sets', options: 'options',
        trust: 'trust', locations: 'locations', services: 'services' }[key] ?? key.replace(/_/g, ' ');
    }
  }
  if (parts[0]?.key === 'trust') return `the trust's ${what || 'details'}`;
  const where = [question, service && `in ${service}`, location && `at ${location}`].filter(Boolean).join(' ');
  const subject = [judgement ? `the final rating by judgement${where ? ` for ${where}` : ''}` : where,
    history != null ? `(earlier rating ${ordinal(history)})` : ''].filter(Boolean).join(' ');
  if (!subject) return what ? `the ${what}` : 'the assessment';
  return what && !(judgement && what === 'rating') ? `the ${what} of ${subject}` : subject;
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** One of the core's errors ({field, message}) in words: where, in the page's words; what, in the core's. */
export function problemText({ field, message }, doc = null) {
  if (!field) return capital(message.replace(/^the assessment is/, 'the file is').replace(/^the input/, 'the file'));
  const words = fieldWords(field, doc);
  const quoted = `field "${field}"`;
  if (message.includes(quoted)) return capital(message.replace(quoted, words).replaceAll(`"${field}"`, words));
  return `${capital(words)}: ${message.replaceAll(`"${field}"`, words)}`;
}

/** The import's problems: a sentence before the list. */
export function importIntro(fileName, count) {
  return `${fileName} is not an assessment the workbench can open: ${count === 1 ? 'there is 1 problem' : `there are ${count} problems`}.`;
}

export const IMPORT_NOT_TEXT = 'The file could not be read. Choose a JSON file exported from the workbench.';

/** The date boxes, as GOV.UK's date pattern asks: which box is missing or not a number. Real dates are the core's to say. */
export function dateBoxesProblem(name, { day, month, year }) {
  const boxes = { day, month, year };
  const empty = Object.keys(boxes).filter((k) => !boxes[k]);
  if (empty.length === 3) return null;
  if (empty.length) return `${name} must include a ${empty.join(' and ')}`;
  if (Object.values(boxes).some((v) => !/^\d+$/.test(v))) return `${name} must be a real date`;
  if (year.length !== 4) return 'Year must include 4 numbers';
  return null;
}

/** The core rejected a judgement without a rationale, in GOV.UK's words. */
export const RATIONALE_MISSING = 'Enter why the final rating departs from, or confirms, the rules';
export const SMALL_RATIONALE_MISSING = 'Enter why this service is significantly small';
export const LOCATION_NAME_MISSING = 'Enter the name of the location';
export const ASSESSMENT_NAME_MISSING = 'Enter a name for the assessment';
export const SERVICE_NAME_MISSING = 'Enter the name of the service';
export const PROVIDER_ID_MISSING = 'Enter the trust\'s CQC provider ID (for example, RA4): CQC\'s Providers sheet names the trust by it';

export const NO_PROVIDERS = 'No trust or provider with ratings was found in these files. Choose CQC\'s ratings export (.ods, or its sheets saved as CSV) or CQC API location records (.json).';
export const WHAT_MATTERS_UNAVAILABLE = 'What matters most can be worked out once the problems above are put right.';
export const NOTHING_RAISES = 'It is already outstanding, or no change of one or two ratings would raise it.';
export const NOTHING_LOWERS = 'It is already inadequate, or no change of one or two ratings would lower it.';
export const moreWays = (n) => `And ${n.toLocaleString('en-GB')} more ${n === 1 ? 'way' : 'ways'} with as few changes.`;

const TYPE_WORDS = { acute_non_specialist: 'acute', acute_specialist: 'specialist acute', mental_health: 'mental health', community: 'community', ambulance: 'ambulance' };

/** A provider found in CQC's data, for the list to choose from. */
export function providerText(p) {
  const places = p.locations ? `${p.locations} ${p.locations === 1 ? 'location' : 'locations'}, ` : '';
  return `${p.name ? `${p.name} (${p.provider_id})` : p.provider_id}: ${TYPE_WORDS[p.trust_type] ?? p.trust_type}, ${places}${p.services} ${p.services === 1 ? 'service' : 'services'}`;
}

export function publishedSummary(names, found) {
  const providers = found.providers.length;
  const problems = found.problems.total ? ` ${found.problems.total.toLocaleString('en-GB')} ${found.problems.total === 1 ? 'row' : 'rows'} could not be used (the first are listed).` : '';
  return `${names}: ${providers} ${providers === 1 ? 'trust or provider' : 'trusts and providers'} with ratings.${problems}`;
}

export const LOAD_FAILED = 'Part of the workbench did not arrive, or this browser cannot run it. Nothing you saved '
  + 'is lost: reload the page to try again.';
export const STORAGE_FAILED = 'This browser is not letting the page save (private browsing, or storage turned off). '
  + 'You can still work, but export your assessment before you close the page.';
