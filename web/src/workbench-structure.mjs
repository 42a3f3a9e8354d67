// The structure of the open assessment on the page: the trust's own fields (name, provider ID,
// type), its locations (add, rename, date, remove) and each location's services (add; the details
// rename and remove them). reconcile() brings the page's sections in line with the document after
// every change, rebuilding only a grid whose rows changed; the grids themselves are drawn by
// workbench-grid.mjs and their cells painted from the core's answer by workbench-paint.mjs.
import { CORE_SERVICES, TRUST_TYPES } from './core-services.mjs';
import * as D from './workbench-doc.mjs';
import { cells, addressOf, element, servicesGrid, forgetCells, focusCell } from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $, setText, setValue, showFieldProblem } from './workbench-state.mjs';
import { change } from './workbench-changes.mjs';
import { parkDetail, placeDetail } from './workbench-detail.mjs';

function structureKey(services) {
  return services.map((s) => s.id).join('\u0000');
}


/** Brings the page's sections in line with the document, rebuilding only a grid whose rows changed. */
export function reconcile() {
  if ($('trust-name').value !== (page.doc.trust?.name ?? '')) $('trust-name').value = page.doc.trust?.name ?? '';
  if ($('trust-id').value !== (page.doc.trust?.id ?? '')) $('trust-id').value = page.doc.trust?.id ?? '';
  setValue($('trust-type'), page.doc.trust?.type ?? 'acute_non_specialist');
  setText($('trust-title'), page.doc.trust?.name || 'The trust');
  const withLocations = D.hasLocations(page.doc);
  setText($('locations-title'), withLocations ? 'Locations' : 'Core services');
  if ($('add-location-form').hidden !== !withLocations) $('add-location-form').hidden = !withLocations;
  // A trust without locations: its core services are the provider's, in the Providers sheet alone.
  if ($('export-locations-csv').hidden !== !withLocations) $('export-locations-csv').hidden = !withLocations;
  const wanted = withLocations ? (page.doc.locations ?? []).map((l) => ({ key: l.id, location: l })) : [{ key: '', location: null }];
  const list = $('location-list');
  for (const [key, entry] of page.sections) {
    if (!wanted.some((w) => w.key === key)) {
      forgetCells(entry.section);
      if (entry.section.contains($('detail'))) parkDetail();
      entry.section.remove();
      page.sections.delete(key);
    }
  }
  let previous = null;
  for (const { key, location } of wanted) {
    const services = location ? location.services ?? [] : page.doc.services ?? [];
    let entry = page.sections.get(key);
    const shape = structureKey(services);
    if (!entry) {
      entry = { section: locationSection(location), key: null };
      page.sections.set(key, entry);
    }
    if (entry.key !== shape) {
      replaceGrid(entry, location, services);
      entry.key = shape;
    }
    nameSection(entry, location, services);
    const place = previous ? previous.nextSibling : list.firstChild;
    if (entry.section !== place) list.insertBefore(entry.section, place);
    previous = entry.section;
  }
  // The cells are painted when the core answers (answered), not here: a key press only changes the document.
}

function replaceGrid(entry, location, services) {
  const slot = entry.section.querySelector('.wb-grid-slot');
  const hadFocus = slot.contains(document.activeElement) ? document.activeElement.dataset : null;
  const keepActive = page.active && slot.contains(page.active) ? { ...page.active.dataset, address: addressOf.get(page.active) } : null;
  forgetCells(slot);
  const detailHere = entry.section.contains($('detail'));
  if (detailHere) parkDetail();
  const scroller = element('div', 'wb-scroll');
  scroller.append(servicesGrid(services, location?.id ?? null, location?.name || location?.id || ''));
  slot.replaceChildren(scroller);
  if (keepActive) {
    const again = findCell(keepActive.address) ?? slot.querySelector(`.wb-cell[data-row="${keepActive.row}"][data-col="${keepActive.col}"]`)
      ?? slot.querySelector('.wb-cell');
    page.active = again;
    if (again) {
      for (const c of slot.querySelectorAll('.wb-cell[tabindex="0"]')) c.tabIndex = -1;
      again.tabIndex = 0;
      if (hadFocus) again.focus();
    }
    if (detailHere && again) placeDetail(again);
  }
}

/** The cell of an address, wherever it is. */
export function findCell(address) {
  if (!address) return null;
  if (address.kind === 'servicehead') {
    return [...document.querySelectorAll('.wb-cell--head')].find((c) => {
      const a = addressOf.get(c);
      return a.svc === address.svc && a.loc === address.loc;
    }) ?? null;
  }
  return cells.get(D.nodeId(address))?.cell ?? null;
}

/** A location's section (location null: the services of a trust without locations). */
function locationSection(location) {
  const loc = location?.id ?? null;
  const section = element('section', 'wb-location');
  const titleId = `location-${loc ?? 'services'}-title`;
  section.setAttribute('aria-labelledby', titleId);
  const title = element('h3', 'govuk-heading-m wb-location__title');
  title.id = titleId;
  title.tabIndex = -1;
  section.append(title);
  if (location) section.append(locationTools(loc));
  section.append(element('ul', 'govuk-list wb-notes wb-location__notes'), element('div', 'wb-grid-slot'), element('div', 'wb-detail-slot'));
  section.append(addServiceForm(loc));
  return section;
}

function nameSection(entry, location, services) {
  const name = location ? location.name || location.id : 'Core services';
  const { section } = entry;
  setText(section.querySelector('.wb-location__title'), location ? name : 'The trust\'s core services');
  const caption = section.querySelector('caption');
  if (caption) setText(caption, location ? `${name}: ratings by service and key question` : 'Core services: ratings by key question');
  const total = section.querySelector('.wb-grid__total th');
  if (total) setText(total, `${name} (from its services)`);
  if (location) {
    const rename = section.querySelector('.wb-rename-location');
    if (document.activeElement !== rename) setValue(rename, location.name ?? '');
    setText(section.querySelector('.wb-location__change-name'), name);
    const removeWord = section.querySelector('.wb-remove-location').lastChild;
    if (removeWord.textContent !== ` ${name}`) removeWord.textContent = ` ${name}`;
  }
  const select = section.querySelector('.wb-add-service-choice');
  const have = new Set(services.map((s) => s.id));
  const offered = (CORE_SERVICES[page.doc.trust?.type ?? 'acute_non_specialist'] ?? []).filter((s) => !have.has(s.id));
  const signature = offered.map((s) => s.id).join();
  if (select.dataset.offered !== signature) {
    select.dataset.offered = signature;
    select.replaceChildren(element('option', '', offered.length ? 'Choose a core service' : 'All core services are added'),
      ...offered.map((s) => Object.assign(element('option', '', s.name), { value: s.id })));
    select.firstChild.value = '';
  }
}

// A labelled GOV.UK form group, and GOV.UK's date input (its three boxes: the details' date uses them too).
let formCount = 0;
function field(labelText, input, hint = '') {
  const group = element('div', 'govuk-form-group');
  input.id ||= `wb-field-${++formCount}`;
  const label = element('label', 'govuk-label govuk-label--s', labelText);
  label.htmlFor = input.id;
  group.append(label);
  if (hint) {
    const h = element('div', 'govuk-hint', hint);
    h.id = `${input.id}-hint`;
    input.setAttribute('aria-describedby', h.id);
    group.append(h);
  }
  const error = element('p', 'govuk-error-message');
  error.id = `${input.id}-error`;
  error.hidden = true;
  group.append(error, input);
  return group;
}

function dateBoxes(prefix) {
  const wrap = element('div', 'govuk-date-input');
  const boxes = {};
  for (const [part, width, label] of [['day', 2, 'Day'], ['month', 2, 'Month'], ['year', 4, 'Year']]) {
    const item = element('div', 'govuk-date-input__item');
    const group = element('div', 'govuk-form-group');
    const input = element('input', `govuk-input govuk-date-input__input govuk-input--width-${width}`);
    input.id = `${prefix}-${part}`;
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    const l = element('label', 'govuk-label govuk-date-input__label', label);
    l.htmlFor = input.id;
    group.append(l, input);
    item.append(group);
    wrap.append(item);
    boxes[part] = input;
  }
  return { wrap, boxes };
}

export const boxValues = (boxes) => ({ day: boxes.day.value.trim(), month: boxes.month.value.trim(), year: boxes.year.value.trim() });
export const isoDate = ({ day, month, year }) => `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
export function setBoxes(boxes, date) {
  const [year, month, day] = date ? date.split('-') : ['', '', ''];
  boxes.day.value = day ? String(Number(day)) : '';
  boxes.month.value = month ? String(Number(month)) : '';
  boxes.year.value = year ?? '';
}

/**
 * A date of a location's, in GOV.UK's date boxes with its own button: checked when the button is
 * pressed (the problem shown at the boxes), then `apply(date)` with the date as YYYY-MM-DD, or
 * null when the boxes are empty.
 */
function dateSetting({ id, legend, hint, what, button, value, apply }) {
  const fieldset = element('fieldset', 'govuk-fieldset');
  fieldset.setAttribute('role', 'group');
  const hintBox = element('div', 'govuk-hint', hint);
  hintBox.id = `${id}-hint`;
  const error = element('p', 'govuk-error-message');
  error.id = `${id}-error`;
  error.hidden = true;
  fieldset.setAttribute('aria-describedby', `${hintBox.id} ${error.id}`);
  const { wrap, boxes } = dateBoxes(id);
  setBoxes(boxes, value);
  fieldset.append(element('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', legend), hintBox, error, wrap);
  const group = element('div', 'govuk-form-group');
  group.append(fieldset);
  const press = element('button', 'govuk-button govuk-button--secondary', button);
  press.type = 'button';
  press.addEventListener('click', () => {
    const values = boxValues(boxes);
    const problem = M.dateBoxesProblem(what, values);
    showFieldProblem(group, error, problem);
    for (const box of Object.values(boxes)) box.classList.toggle('govuk-input--error', Boolean(problem));
    if (problem) boxes.day.focus();
    else apply(values.day ? isoDate(values) : null);
  });
  return [group, press];
}

function locationTools(loc) {
  const details = element('details', 'govuk-details wb-location__tools wb-controls');
  const summary = element('summary', 'govuk-details__summary');
  const summaryText = element('span', 'govuk-details__summary-text', 'Change ');
  summaryText.append(element('span', 'wb-location__change-name'), ', its dates, or remove it');
  summary.append(summaryText);
  const body = element('div', 'govuk-details__text');

  const rename = element('input', 'govuk-input wb-rename-location');
  rename.type = 'text';
  rename.maxLength = 200;
  rename.autocomplete = 'off';
  rename.addEventListener('input', () => change((d) => D.renameLocation(d, loc, rename.value), { coalesce: `location-name:${loc}` }));
  body.append(field('Name of the location', rename));

  body.append(...dateSetting({
    id: `inspection-${loc}`, legend: 'Inspection date', what: 'The inspection date', button: 'Use this inspection date',
    hint: 'Every rating at this location takes this date, and so does each rating entered here from now on. For example, 27 3 2024',
    value: page.record.meta?.inspection?.[loc] ?? '',
    apply: (date) => change((d, meta) => {
      meta.inspection ??= {};
      if (date) {
        meta.inspection[loc] = date;
        D.dateLocation(d, loc, date);
      } else delete meta.inspection[loc];
    }, { announce: date ? 'Inspection date given to every rating at this location.' : 'Inspection date cleared.' }),
  }));
  body.append(...dateSetting({
    id: `joined-${loc}`, legend: 'Date it joined the trust (after a merger or an acquisition)', what: 'The date it joined',
    button: 'Use this date', value: D.findLocation(page.doc, loc)?.joined_on ?? '',
    hint: 'CQC leaves a location out of the trust\'s ratings for two years after it came from a separate provider. Leave it empty if it did not. For example, 1 9 2024',
    apply: (date) => change((d) => D.setJoined(d, loc, date),
      { announce: date ? 'Date it joined the trust recorded.' : 'Date it joined the trust cleared.' }),
  }));

  const remove = element('button', 'govuk-button govuk-button--warning wb-remove-location', 'Remove');
  remove.type = 'button';
  remove.append(element('span', '', ''));
  remove.addEventListener('click', () => {
    const name = D.findLocation(page.doc, loc)?.name || loc;
    change((d) => D.removeLocation(d, loc), { announce: `${name} removed. Press Undo to bring it back.` });
    $('add-location-name').focus();
  });
  body.append(element('div', 'wb-remove-row'));
  body.lastChild.append(remove);
  details.append(summary, body);
  return details;
}

function addServiceForm(loc) {
  const form = element('div', 'wb-add-service wb-controls');
  const select = element('select', 'govuk-select wb-add-service-choice');
  const add = element('button', 'govuk-button govuk-button--secondary', 'Add the service');
  add.type = 'button';
  const core = field('Add a core service', select);
  const name = element('input', 'govuk-input wb-add-service-name');
  name.type = 'text';
  name.maxLength = 200;
  name.autocomplete = 'off';
  const other = field('Or another service, by name', name, 'For example, Gynaecology');
  const addOther = element('button', 'govuk-button govuk-button--secondary', 'Add this service');
  addOther.type = 'button';
  const added = (id) => {
    const target = findCell({ kind: 'kq', loc, svc: id, q: 'safe' });
    if (target) {
      focusCell(target);
      page.active = target;
    }
  };
  add.addEventListener('click', () => {
    const chosen = (CORE_SERVICES[page.doc.trust?.type] ?? []).find((s) => s.id === select.value);
    if (!chosen) {
      select.focus();
      return;
    }
    let id;
    change((d) => { id = D.addService(d, loc, chosen); }, { announce: `${chosen.name} added. Rate it in the grid.` });
    added(id);
  });
  const addByName = () => {
    const error = other.querySelector('.govuk-error-message');
    const text = name.value.trim();
    showFieldProblem(other, error, text ? null : M.SERVICE_NAME_MISSING);
    if (!text) {
      name.focus();
      return;
    }
    let id;
    change((d) => { id = D.addService(d, loc, { name: text }); }, { announce: `${text} added. Rate it in the grid.` });
    name.value = '';
    added(id);
  };
  addOther.addEventListener('click', addByName);
  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addByName();
    }
  });
  const row1 = element('div', 'wb-add-service__row');
  row1.append(core, add);
  const row2 = element('div', 'wb-add-service__row');
  row2.append(other, addOther);
  form.append(row1, row2);
  return form;
}

// ---- the trust's own fields ------------------------------------------------------------------

export function wireTrust() {
  const type = $('trust-type');
  type.replaceChildren(...TRUST_TYPES.map((t) => Object.assign(element('option', '', t.name), { value: t.token })));
  $('trust-name').addEventListener('input', (e) => change((d) => { d.trust ??= {}; d.trust.name = e.target.value; }, { coalesce: 'trust-name' }));
  $('trust-id').addEventListener('input', (e) => change((d) => {
    d.trust ??= {};
    if (e.target.value) d.trust.id = e.target.value;
    else delete d.trust.id;
  }, { coalesce: 'trust-id' }));
  type.addEventListener('change', (e) => change((d) => D.setTrustType(d, e.target.value),
    { announce: `The trust is now ${TRUST_TYPES.find((t) => t.token === e.target.value)?.name.toLowerCase()}.` }));
  $('add-location-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('add-location-name').value.trim();
    showFieldProblem($('add-location-group'), $('add-location-error'), name ? null : M.LOCATION_NAME_MISSING);
    if (!name) {
      $('add-location-name').focus();
      return;
    }
    let id;
    change((d) => { id = D.addLocation(d, name); }, { announce: `${name} added. Add its services.` });
    $('add-location-name').value = '';
    const section = page.sections.get(id)?.section;
    section?.querySelector('.wb-add-service-choice')?.focus();
  });
}

