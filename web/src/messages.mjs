// Every message the calculator shows about what a person entered, in the
// GOV.UK Design System's words. The core names fields by their contract paths
// ("uor_assessed_on", "judgement.quality.rationale") and writes for
// developers; this is the one place that turns those into words for people,
// and says which box each one belongs to.

const DATE_NAME = 'The date use of resources was assessed';

/** Where each kind of problem is shown: the form group, its message, the box to focus. */
export function placeOf(field) {
  if (field === 'uor_assessed_on') return { group: 'uor-date-group', message: 'uor-date-error', focus: 'uor-day' };
  const judgement = /^judgement\.(quality|combined)/.exec(field);
  if (judgement) {
    const id = `judgement-${judgement[1]}-rationale`;
    return { group: `${id}-group`, message: `${id}-error`, focus: id };
  }
  return { group: `group-${field}`, message: `${field}-error`, focus: `${field}-outstanding` };
}

/**
 * The date boxes, checked as GOV.UK's date pattern asks before anything is
 * sent: which box is empty or not a number. Whether the day exists in that
 * month is the core's to say (dateMessage). Returns null or {text, boxes}.
 */
export function dateBoxesProblem({ day, month, year }) {
  const boxes = { day, month, year };
  const empty = Object.keys(boxes).filter((k) => !boxes[k]);
  if (empty.length === 3) return null;
  if (empty.length) {
    return { text: `${DATE_NAME} must include a ${empty.join(' and ')}`, boxes: empty };
  }
  const notNumbers = Object.keys(boxes).filter((k) => !/^\d+$/.test(boxes[k]));
  if (notNumbers.length) return { text: `${DATE_NAME} must be a real date`, boxes: notNumbers };
  if (year.length !== 4) return { text: 'Year must include 4 numbers', boxes: ['year'] };
  return null;
}

/** The core rejected a date whose boxes all hold numbers: 31 June, month 13. */
export const dateMessage = () => ({ text: `${DATE_NAME} must be a real date`, boxes: ['day', 'month', 'year'] });

/** The core rejected a judgement: the only thing a person can get wrong is its rationale. */
export function rationaleMessage(target, rationale, limit) {
  if (!rationale.trim()) {
    return { text: `Enter why the final ${target} rating departs from, or confirms, the rules` };
  }
  return { text: `The rationale for the final ${target} rating must be ${limit.toLocaleString('en-GB')} characters or fewer` };
}

/** A link gave a question something that is not a rating. */
export function badLinkValueMessage(questionLabel) {
  return { text: `The link did not give a rating for ${questionLabel}. Choose a rating for ${questionLabel}` };
}

/** The results panel while some of the six are not chosen yet. */
export function notChosenMessage(labels) {
  const list = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `Not chosen yet: ${list}. The results appear when all six are chosen.`;
}

