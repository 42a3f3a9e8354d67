// The workbench's edits to a trust's assessment document (contract version
// 2, core/contract/schema/assessment-v2.schema.json): where each cell of the page
// lives in the document, and small edits to it (a rating, a date, a
// judgement, a location or service added, renamed or removed). Only data is
// moved here: what the ratings add up to is always the core's answer, and
// whether what was typed is acceptable (a real date, a rationale given) is
// the core's to say when it reads the document.
import { TRUST_TYPES } from './core-services.mjs';

export const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'];

/** A new, empty assessment. */
export function emptyDocument() {
  return { trust: { name: '', type: 'acute_non_specialist' }, locations: [] };
}

/** Whether this type of trust has a location level (CQC's hospitals); otherwise services hang off the trust. */
export function hasLocations(doc) {
  return TRUST_TYPES.find((t) => t.token === (doc.trust?.type ?? 'acute_non_specialist'))?.locations ?? true;
}

// ---- cells: an address in the page, a node id in the core's answer, a place in the document ----

/**
 * A cell's address: {kind, loc, svc, q}.
 *   kind 'kq'       a service's key question (entered);   'service'   a service overall (computed)
 *        'lockq'    a location's key question (computed); 'location'  a location overall (computed)
 *        'trustkq'  the trust's safe..responsive (computed); 'well_led' the trust-wide well-led (entered)
 *        'quality', 'combined' (computed); 'uor' use of resources (entered)
 * `loc` is null for a trust without a location level.
 */
export function nodeId(a) {
  const place = a.loc == null ? '' : `location:${a.loc}`;
  const service = (a.loc == null ? '' : `${place}/`) + `service:${a.svc}`;
  switch (a.kind) {
    case 'kq': return `${service}/${a.q}`;
    case 'service': return service;
    case 'lockq': return `${place}/${a.q}`;
    case 'location': return place;
    case 'trustkq': return `trust.${a.q}`;
    case 'well_led': return 'trust.well_led';
    case 'quality': return 'trust.quality';
    case 'combined': return 'trust.combined';
    case 'uor': return 'trust.use_of_resources';
    default: return '';
  }
}

export const isEntered = (a) => a.kind === 'kq' || a.kind === 'well_led' || a.kind === 'uor';

/** The document's path to a cell's own object, as the core names fields ("locations[0].services[1].key_questions.safe"). */
export function fieldPath(doc, a) {
  const li = a.loc == null ? -1 : (doc.locations ?? []).findIndex((l) => l.id === a.loc);
  const owner = a.loc == null ? 'services' : `locations[${li}].services`;
  const list = a.loc == null ? doc.services ?? [] : doc.locations?.[li]?.services ?? [];
  const si = list.findIndex((s) => s.id === a.svc);
  switch (a.kind) {
    case 'kq': return `${owner}[${si}].key_questions.${a.q}`;
    case 'service': return `${owner}[${si}].judgement`;
    case 'lockq': return `locations[${li}].judgement.${a.q}`;
    case 'location': return `locations[${li}].judgement.overall`;
    case 'trustkq': return `judgement.${a.q}`;
    case 'well_led': return 'well_led';
    case 'uor': return 'use_of_resources';
    case 'quality': return 'judgement.quality';
    case 'combined': return 'judgement.combined';
    default: return '';
  }
}

export function findLocation(doc, id) {
  return (doc.locations ?? []).find((l) => l.id === id) ?? null;
}

/** The services of a location, or of the trust itself (loc null). */
export function servicesOf(doc, loc) {
  if (loc == null) return (doc.services ??= []);
  const location = findLocation(doc, loc);
  return location ? (location.services ??= []) : [];
}

export function findService(doc, loc, svc) {
  return servicesOf(doc, loc).find((s) => s.id === svc) ?? null;
}

/** The object a rating cell is held in (created when `create`), or null. */
export function enteredObject(doc, a, create = false) {
  if (a.kind === 'well_led' || a.kind === 'uor') {
    const key = a.kind === 'uor' ? 'use_of_resources' : 'well_led';
    if (!doc[key] && create) doc[key] = {};
    return doc[key] ?? null;
  }
  const service = findService(doc, a.loc, a.svc);
  if (!service) return null;
  if (create) service.key_questions ??= {};
  if (!service.key_questions?.[a.q] && create) service.key_questions[a.q] = {};
  return service.key_questions?.[a.q] ?? null;
}

/** Drops an entered object left with nothing in it, so the document stays as small as what was entered. */
function tidy(doc, a) {
  const object = enteredObject(doc, a);
  if (!object || Object.values(object).some((v) => v !== null && v !== undefined && v !== '')) return;
  if (a.kind === 'well_led') delete doc.well_led;
  else if (a.kind === 'uor') delete doc.use_of_resources;
  else {
    const service = findService(doc, a.loc, a.svc);
    delete service.key_questions[a.q];
  }
}

/** Sets (token) or clears (null) an entered rating; a new rating takes `date` when it has none. */
export function setRating(doc, a, token, date = null) {
  if (token == null) {
    const object = enteredObject(doc, a);
    if (!object) return;
    delete object.rating;
    delete object.as_published;
    tidy(doc, a);
    return;
  }
  const object = enteredObject(doc, a, true);
  object.rating = token;
  delete object.as_published;
  if (date && !object.date) object.date = date;
}

/** Sets or clears (empty) one field of an entered rating: date, enforcement. */
export function setEnteredField(doc, a, field, value) {
  if (value) enteredObject(doc, a, true)[field] = value;
  else {
    const object = enteredObject(doc, a);
    if (!object) return;
    delete object[field];
    tidy(doc, a);
  }
}

/** The judgement at a cell: {rating, rationale} or null. */
export function judgementAt(doc, a) {
  switch (a.kind) {
    case 'kq': case 'well_led': case 'uor': return enteredObject(doc, a)?.judgement ?? null;
    case 'service': return findService(doc, a.loc, a.svc)?.judgement ?? null;
    case 'lockq': return findLocation(doc, a.loc)?.judgement?.[a.q] ?? null;
    case 'location': return findLocation(doc, a.loc)?.judgement?.overall ?? null;
    case 'trustkq': return doc.judgement?.[a.q] ?? null;
    case 'quality': case 'combined': return doc.judgement?.[a.kind] ?? null;
    default: return null;
  }
}

/** Sets the judgement at a cell ({rating, rationale}), or removes it (null). */
export function setJudgement(doc, a, judgement) {
  const put = (holder, key) => {
    if (judgement) holder[key] = judgement;
    else delete holder[key];
    return holder;
  };
  switch (a.kind) {
    case 'kq': case 'well_led': case 'uor':
      if (judgement) put(enteredObject(doc, a, true), 'judgement');
      else if (enteredObject(doc, a)) {
        put(enteredObject(doc, a), 'judgement');
        tidy(doc, a);
      }
      return;
    case 'service': {
      const service = findService(doc, a.loc, a.svc);
      if (service) put(service, 'judgement');
      return;
    }
    case 'lockq': case 'location': {
      const location = findLocation(doc, a.loc);
      if (!location) return;
      location.judgement ??= {};
      put(location.judgement, a.kind === 'location' ? 'overall' : a.q);
      if (!Object.keys(location.judgement).length) delete location.judgement;
      return;
    }
    case 'trustkq': case 'quality': case 'combined':
      doc.judgement ??= {};
      put(doc.judgement, a.kind === 'trustkq' ? a.q : a.kind);
      if (!Object.keys(doc.judgement).length) delete doc.judgement;
      return;
    default:
  }
}

// ---- structure ------------------------------------------------------------------------------

/** An id for a new entry: from its name where it can be ("Hospital A" -> "hospital-a"), unique in `taken`. */
export function newId(name, taken, fallback) {
  const base = String(name).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 48) || fallback;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

export function addLocation(doc, name) {
  doc.locations ??= [];
  const id = newId(name, doc.locations.map((l) => l.id), 'location');
  doc.locations.push({ id, name, services: [] });
  return id;
}

export function removeLocation(doc, loc) {
  doc.locations = (doc.locations ?? []).filter((l) => l.id !== loc);
}

export function renameLocation(doc, loc, name) {
  const location = findLocation(doc, loc);
  if (location) location.name = name;
}

/** Adds a service ({id, name} from the core services, or a name for an additional one); returns its id. */
export function addService(doc, loc, { id, name }) {
  const list = servicesOf(doc, loc);
  const taken = list.map((s) => s.id);
  const serviceId = id && !taken.includes(id) ? id : newId(name, taken, 'service');
  list.push({ id: serviceId, name });
  return serviceId;
}

export function removeService(doc, loc, svc) {
  const list = servicesOf(doc, loc);
  const i = list.findIndex((s) => s.id === svc);
  if (i >= 0) list.splice(i, 1);
}

export function renameService(doc, loc, svc, name) {
  const service = findService(doc, loc, svc);
  if (service) service.name = name;
}

/** Marks a service significantly small (with its rationale), or not. */
export function setSmall(doc, loc, svc, small, rationale) {
  const service = findService(doc, loc, svc);
  if (!service) return;
  if (small) {
    service.significantly_small = true;
    service.rationale = rationale;
  } else {
    delete service.significantly_small;
    delete service.rationale;
  }
}

/** The date a location came from a previously separate provider (a merger or an acquisition), or none. */
export function setJoined(doc, loc, date) {
  const location = findLocation(doc, loc);
  if (!location) return;
  if (date) location.joined_on = date;
  else delete location.joined_on;
}

/** Every rated key question at a location takes `date` (its inspection). */
export function dateLocation(doc, loc, date) {
  for (const service of servicesOf(doc, loc)) {
    for (const kq of Object.values(service.key_questions ?? {})) {
      if (kq && kq.rating) kq.date = date;
    }
  }
}

/**
 * The trust's type changed: a type without a location level keeps its services directly, so the
 * services of every location move to the trust (and back when a location level returns, into a
 * single location). Nothing entered is dropped.
 */
export function setTrustType(doc, type) {
  doc.trust ??= {};
  const before = hasLocations(doc);
  doc.trust.type = type;
  const after = hasLocations(doc);
  if (before && !after) {
    const services = [];
    for (const location of doc.locations ?? []) {
      for (const service of location.services ?? []) {
        service.id = newId(service.id, services.map((s) => s.id), 'service');
        services.push(service);
      }
    }
    doc.services = [...(doc.services ?? []), ...services];
    delete doc.locations;
  } else if (!before && after && (doc.services ?? []).length) {
    doc.locations = [...(doc.locations ?? []), { id: newId('Main site', (doc.locations ?? []).map((l) => l.id), 'location'),
      name: 'Main site', services: doc.services }];
    delete doc.services;
  }
}

/** The cell a field path of the core's belongs to (for a problem's link), or null. */
export function addressFromField(doc, field) {
  const loc = /^locations\[(\d+)\]/.exec(field);
  const location = loc ? doc.locations?.[Number(loc[1])] : null;
  const svc = /services\[(\d+)\]/.exec(field);
  const list = loc ? location?.services : doc.services;
  const service = svc ? list?.[Number(svc[1])] : null;
  const q = /(?:key_questions|judgement)\.(safe|effective|caring|responsive|well_led)/.exec(field)?.[1];
  const base = { loc: location?.id ?? null };
  if (service) {
    if (/key_questions\./.test(field) && q) return { ...base, kind: 'kq', svc: service.id, q };
    if (/\.judgement/.test(field)) return { ...base, kind: 'service', svc: service.id };
    return { ...base, kind: 'servicehead', svc: service.id };
  }
  if (location) {
    if (/judgement\.overall/.test(field)) return { ...base, kind: 'location' };
    if (q) return { ...base, kind: 'lockq', q };
    return null;
  }
  if (/^well_led/.test(field)) return { kind: 'well_led', loc: null };
  if (/^use_of_resources/.test(field)) return { kind: 'uor', loc: null };
  if (/^judgement\.(quality|combined)/.test(field)) return { kind: /quality/.test(field) ? 'quality' : 'combined', loc: null };
  if (q) return { kind: q === 'well_led' ? 'well_led' : 'trustkq', q, loc: null };
  return null;
}
