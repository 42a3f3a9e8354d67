// The rules explorer page: pick or edit two rule variants (each a quality and
// a combined rule set) and see every combination under both, recomputed by the
// WebAssembly core on each edit. The whole state lives in the page's URL
// fragment (explorer-link.mjs), so one link hands it to someone else.
import { loadExplorer } from './explorer-api.mjs';
import { ratingBadge } from './render.mjs';
import { SLOTS, EXAMPLE_RATINGS, defaultState, linkFromState, stateFromLink, calculatorLink } from './explorer-link.mjs';
import { download } from './download.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const $ = (id) => document.getElementById(id);

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== '') node.textContent = text;
  return node;
}

const number = (n) => n.toLocaleString('en-GB');
const short = (rating) => ({ outstanding: 'O', good: 'G', requires_improvement: 'RI', inadequate: 'I' }[rating] ?? '–');

// A slot is "<a|b>.<quality|combined>": one of the four rule sets.
const slotParts = (slot) => {
  const [variant, part] = slot.split('.');
  return [variant === 'a' ? 0 : 1, part];
};
const slotOf = (state, slot) => {
  const [i, part] = slotParts(slot);
  return state.variants[i][part];
};
function withSlot(state, slot, rules) {
  const next = structuredClone(state);
  const [i, part] = slotParts(slot);
  next.variants[i][part] = rules;
  return next;
}
const slotTitle = (slot) => {
  const [i, part] = slotParts(slot);
  return `${'AB'[i]}: ${part} rating rules`;
};

async function start() {
  const api = await loadExplorer();
  const builtins = api.builtinRuleSets();
  const builtin = (name) => builtins.find((r) => r.name === name);
  // A slot holds a built-in's name or a whole rule set (the user's own).
  const ruleSetOf = (rules) => (typeof rules === 'string' ? builtin(rules) : rules);
  // Rating names from the core; "none" is the explorer's word for no combined rating.
  const LABELS = { ...Object.fromEntries(api.vocabulary().ratings.map((r) => [r.token, r.label])), none: 'No combined rating' };

  let state = defaultState(); // what is shown and in the link: only states the core accepted
  let shownLink = null;        // the fragment that state was written to or read from
  let last = null;             // the last exploration shown
  let refused = '';            // why the core refused the last state offered to show()

  const selects = Object.fromEntries(SLOTS.map((slot) => [slot, document.querySelector(`select[data-slot="${slot}"]`)]));
  for (const select of Object.values(selects)) {
    for (const rules of builtins) select.append(new Option(`${rules.name}: ${rules.title}`, rules.name));
  }

  function showSelect(slot) {
    const rules = slotOf(state, slot);
    const select = selects[slot];
    let own = select.querySelector('option[value="custom"]');
    if (typeof rules === 'string') {
      own?.remove();
      select.value = rules;
      return;
    }
    if (!own) {
      own = new Option('', 'custom');
      select.append(own);
    }
    own.text = `Your own: ${rules.name}${rules.title ? `: ${rules.title}` : ''}`;
    select.value = 'custom';
  }

  const requestFor = (s, list = false) => ({ variants: s.variants, include_not_rated: s.includeNotRated, list });

  function showJsonError(message) {
    $('json-group').classList.toggle('govuk-form-group--error', Boolean(message));
    $('rule-set-json-error').hidden = !message;
    $('rule-set-json-error').textContent = message ? `Error: ${message}` : '';
  }

  // The editor shows the rule set of the slot being edited; with bands false
  // the band inputs are left alone (the user is typing in one of them).
  function showEditor(rules, { bands = true } = {}) {
    const slot = state.edit;
    for (const node of document.querySelectorAll('.editing-name')) node.textContent = slotTitle(slot);
    for (const radio of document.querySelectorAll('input[name="edit"]')) radio.checked = radio.value === slot;
    const stored = slotOf(state, slot);
    $('editing-now').textContent = typeof stored === 'string'
      ? `Now the built-in rule set ${stored} (${ruleSetOf(stored).title}). A change makes it your own copy.`
      : `Now your own rule set ${stored.name}${stored.title ? ` (${stored.title})` : ''}.`;
    const quality = slot.endsWith('.quality');
    $('quality-cap-group').hidden = quality;
    $('quality-cap-note').hidden = !quality;
    $('rule-set-json').value = JSON.stringify(rules, null, 2);
    if (!bands) return;
    $('bands-body').replaceChildren(...rules.bands.map((band, i) => {
      const row = element('tr', 'govuk-table__row');
      for (const key of ['min_rated', 'inadequate', 'requires_improvement', 'outstanding']) {
        const cell = element(key === 'min_rated' ? 'th' : 'td', 'govuk-table__cell');
        const input = element('input', 'govuk-input govuk-input--width-3');
        Object.assign(input, { type: 'number', min: '1', max: '1000', value: String(band[key]) });
        input.dataset.band = String(i);
        input.dataset.key = key;
        input.setAttribute('aria-label', `Band ${i + 1}: ${key.replaceAll('_', ' ')}`);
        cell.append(input);
        row.append(cell);
      }
      return row;
    }));
    $('single-inadequate-limits').checked = rules.single_inadequate_limits;
    $('outstanding-needs-rest-good').checked = rules.outstanding_needs_rest_good;
    $('quality-cap').value = rules.max_steps_above_quality ?? '';
  }

  function distributionTable(caption, key, variants) {
    const table = element('table', 'govuk-table distribution');
    table.append(element('caption', 'govuk-table__caption govuk-table__caption--m', caption));
    const head = element('tr', 'govuk-table__row');
    for (const text of ['Rating', 'A', 'B', 'A (bars) and B']) head.append(element('th', 'govuk-table__header', text));
    table.append(head);
    const total = last.total;
    for (const rating of Object.keys(variants[0].distribution[key])) {
      const counts = variants.map((v) => v.distribution[key][rating]);
      if (counts.every((n) => n === 0) && (rating === 'none' || rating === 'not_rated')) continue;
      const row = element('tr', 'govuk-table__row');
      row.append(element('th', 'govuk-table__header', LABELS[rating]));
      for (const n of counts) row.append(element('td', 'govuk-table__cell govuk-table__cell--numeric', number(n)));
      const bars = element('td', 'govuk-table__cell');
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 100 12');
      svg.setAttribute('class', 'bars');
      svg.setAttribute('aria-hidden', 'true');
      counts.forEach((n, i) => {
        const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        rect.setAttribute('class', `bar bar--${i ? 'b' : 'a'} rating-fill--${rating}`);
        rect.setAttribute('x', '0');
        rect.setAttribute('y', String(i * 6));
        rect.setAttribute('height', '5');
        rect.setAttribute('width', String((100 * n) / total));
        svg.append(rect);
      });
      bars.append(svg);
      row.append(bars);
      table.append(row);
    }
    return table;
  }

  // Cells arrive compact from the core: [counts [O, G, RI, I, not rated],
  // combinations, changed, example (six tokens), combined [[A, B, how many]]].
  function grid(cells) {
    const byCounts = new Map();
    for (const [counts, combinations, changed, example, combined] of cells) {
      const [o, g, ri, i, notRated] = counts;
      if (notRated === 0) byCounts.set(`${o},${ri},${i}`, { good: g, combinations, changed, example, combined });
    }
    const table = element('table', 'govuk-table combination-grid');
    table.setAttribute('aria-labelledby', 'grid-title-table'); // named outside its scroll box
    const head = element('tr', 'govuk-table__row');
    head.append(element('th', 'govuk-table__header', 'I, RI'));
    for (let o = 0; o <= 6; o++) head.append(element('th', 'govuk-table__header', `${o} O`));
    table.append(head);
    for (let i = 0; i <= 6; i++) {
      for (let ri = 0; ri + i <= 6; ri++) {
        const row = element('tr', 'govuk-table__row');
        row.append(element('th', 'govuk-table__header', `${i} I, ${ri} RI`));
        for (let o = 0; o <= 6; o++) {
          const td = element('td', 'govuk-table__cell grid-cell');
          const cell = byCounts.get(`${o},${ri},${i}`);
          if (cell) {
            const [a, b] = cell.combined.reduce((best, e) => (e[2] > best[2] ? e : best));
            const link = element('a', `govuk-link grid-link rating-cell--${b ?? 'none'}`);
            // Under variant B's rules, which the calculator names as a variant.
            link.href = calculatorLink(state.variants[1], cell.example);
            const mixed = cell.combined.length > 1;
            // Short visible text; the full description is the link's name for screen readers.
            const visible = element('span', '', `${short(a)}→${short(b)}${mixed ? '*' : ''}`);
            visible.setAttribute('aria-hidden', 'true');
            link.append(visible, element('span', 'govuk-visually-hidden',
              `${o} outstanding, ${cell.good} good, ${ri} requires improvement, ${i} inadequate: `
              + `A ${LABELS[a ?? 'none']}, B ${LABELS[b ?? 'none']}${mixed ? ' (varies by ordering)' : ''}; `
              + `${cell.changed} of ${cell.combinations} combinations change. Opens one in the calculator under B's rules`));
            if (cell.changed > 0) td.classList.add('grid-cell--changed');
            td.append(link);
          }
          row.append(td);
        }
        table.append(row);
      }
    }
    return table;
  }

  // A rule set of the user's own is said to be so, even if named like a built-in.
  const describe = (variant, i) => ['quality', 'combined'].map((part) => `${part} rating: ${variant.rules[part]}`
    + (typeof state.variants[i][part] === 'string' || variant.rules[part] === 'custom' ? '' : ' (your own)')).join(', ');

  function render(result) {
    last = result;
    const [a, b] = result.variants;
    const scope = result.include_not_rated ? 'combinations (not rated included)' : 'fully rated combinations';
    const qualityChanged = result.changes.filter((g) => g.outcome === 'quality').reduce((n, g) => n + g.count, 0);
    $('answer').textContent = `Under B (${describe(b, 1)}), ${number(result.combined_changed)} of the ${number(result.total)} ${scope} `
      + `get a different combined rating than under A (${describe(a, 0)}), and ${number(qualityChanged)} a different quality rating.`;
    $('change-groups').replaceChildren(...result.changes.map((g) => {
      const item = element('li');
      item.append(`${g.outcome === 'quality' ? 'Quality' : 'Combined'}: `, ratingBadge(g.from, LABELS[g.from ?? 'none']),
        ' → ', ratingBadge(g.to, LABELS[g.to ?? 'none']), `: ${number(g.count)} combinations`);
      return item;
    }));
    $('export-csv').disabled = result.changes.length === 0;
    $('distributions').replaceChildren(...[['Combined rating', 'combined'], ['Quality rating', 'quality']].map(([caption, key]) => {
      const box = element('div', 'explorer-scroll');
      box.append(distributionTable(caption, key, result.variants));
      return box;
    }));
    $('grid').replaceChildren(grid(result.cells));
    // "Try this variant" opens a combination the two rate differently, if
    // any: of those, the one with the most good ratings (the most ordinary).
    const changed = result.cells.filter((cell) => cell[2] > 0 && cell[0][4] === 0)
      .reduce((best, cell) => (best && best[0][1] >= cell[0][1] ? best : cell), null);
    const example = changed ? changed[3] : EXAMPLE_RATINGS;
    $('try-a').href = calculatorLink(state.variants[0], example);
    $('try-b').href = calculatorLink(state.variants[1], example);
  }

  // Shows a state if the core accepts it; history: 'push' (a choice), 'replace'
  // (typing, or a link read with parts ignored) or 'none'. Returns whether shown.
  function show(next, { history = 'none', bands = true } = {}) {
    const started = performance.now();
    const result = api.explore(requestFor(next));
    const elapsed = performance.now() - started;
    if (result.error) {
      refused = result.errors.map((e) => e.message.replace(/variants\[\d\]\.(quality|combined)\./g, '')).join('; ');
      showJsonError(refused);
      return false;
    }
    state = next;
    showJsonError(null);
    for (const slot of SLOTS) showSelect(slot);
    $('include-not-rated').checked = state.includeNotRated;
    showEditor(ruleSetOf(slotOf(state, state.edit)), { bands });
    render(result);
    $('timing').textContent = `Computed in your browser in ${elapsed.toFixed(1)} ms (${number(result.total)} combinations under both variants).`;
    const link = linkFromState(state);
    if (history === 'push' && link !== shownLink) window.history.pushState(null, '', link);
    if (history === 'replace') window.history.replaceState(null, '', link);
    if (history !== 'none') shownLink = link;
    document.body.dataset.ready = 'true';
    return true;
  }

  function showLinkProblems(ignored) {
    $('link-problems-list').replaceChildren(...ignored.map(({ message }) => element('li', '', message)));
    $('link-problems').hidden = ignored.length === 0;
  }

  // On load, back and forward, and a hand-edited address. A fragment that is
  // only an in-page target (the skip link's #main-content) leaves the state alone.
  function readLink({ initial = false } = {}) {
    if (!initial && location.hash === shownLink) return;
    const { state: next, ignored, anchor } = stateFromLink(api, location.hash, (id) => document.getElementById(id) !== null);
    if (anchor && !initial) return;
    shownLink = location.hash;
    if (show(next, { history: ignored.length ? 'replace' : 'none' })) {
      showLinkProblems(ignored);
    } else {
      // Each part was usable but not the whole (never seen): say so, show the default.
      showLinkProblems([...ignored, { message: `The variants in the link could not be compared, so the default is shown: ${refused}` }]);
      show(defaultState(), { history: 'replace' });
    }
  }

  // Editing: the rule set of the edited slot, as the editor's controls say,
  // named and titled as the user's own.
  function editedRuleSet() {
    const stored = slotOf(state, state.edit);
    const from = ruleSetOf(stored);
    const rules = structuredClone(from);
    if (typeof stored === 'string') Object.assign(rules, { name: 'custom', title: `Edited from ${from.name}` });
    rules.bands = [...$('bands-body').rows].map((row) => Object.fromEntries(
      [...row.querySelectorAll('input')].map((input) => [input.dataset.key, Number(input.value)])));
    rules.single_inadequate_limits = $('single-inadequate-limits').checked;
    rules.outstanding_needs_rest_good = $('outstanding-needs-rest-good').checked;
    if (!state.edit.endsWith('.quality')) {
      const cap = $('quality-cap').value;
      rules.max_steps_above_quality = cap === '' ? null : Number(cap);
    }
    return rules;
  }

  function edit(history, bands) {
    const rules = editedRuleSet();
    if (!show(withSlot(state, state.edit, rules), { history, bands })) {
      $('rule-set-json').value = JSON.stringify(rules, null, 2);
    }
  }

  // A rule set the core read: kept as a built-in's name when it is exactly one.
  const stored = (rules) => {
    const same = builtin(rules.name);
    return same && JSON.stringify(same) === JSON.stringify(rules) ? rules.name : rules;
  };
  // The core reads the text, as everywhere else: valid JSON that is not a rule
  // set (null, 1e999) and duplicate keys get its message; a name is fine.
  function applyJson(text) {
    const read = api.readRuleSet(text);
    if (read.error) {
      showJsonError(read.errors.map((e) => e.message).join('; '));
      return;
    }
    show(withSlot(state, state.edit, stored(read.rule_set)), { history: 'push' });
  }

  $('explorer-form').addEventListener('submit', (event) => event.preventDefault());
  for (const [slot, select] of Object.entries(selects)) {
    select.addEventListener('change', () => {
      if (select.value !== 'custom') show(withSlot(state, slot, select.value), { history: 'push' });
    });
  }
  $('include-not-rated').addEventListener('change', (event) => {
    show({ ...structuredClone(state), includeNotRated: event.target.checked }, { history: 'push' });
  });
  for (const radio of document.querySelectorAll('input[name="edit"]')) {
    radio.addEventListener('change', () => {
      if (radio.checked) show({ ...structuredClone(state), edit: radio.value }, { history: 'push' });
    });
  }
  $('bands-body').addEventListener('input', () => edit('replace', false));
  for (const id of ['single-inadequate-limits', 'outstanding-needs-rest-good', 'quality-cap']) {
    $(id).addEventListener('change', () => edit('push', true));
  }
  $('apply-json').addEventListener('click', () => applyJson($('rule-set-json').value));
  $('import-json').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    // Only one byte past the core's limit is read: a huge file is refused by
    // the core without the browser loading all of it.
    if (file) applyJson(await file.slice(0, api.inputLimit + 1).text());
    event.target.value = '';
  });
  $('export-json').addEventListener('click', () => {
    const rules = ruleSetOf(slotOf(state, state.edit));
    download(`${rules.name}.json`, 'application/json', `${JSON.stringify(rules, null, 2)}\n`);
  });
  $('export-csv').addEventListener('click', () => {
    const result = api.explore(requestFor(state, true));
    const questions = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
    const lines = [[...questions, 'outcome', 'a', 'b'].join(',')];
    for (const group of result.changes) {
      for (const combination of group.combinations) {
        lines.push([...questions.map((q) => combination[q]), group.outcome, group.from ?? 'none', group.to ?? 'none'].join(','));
      }
    }
    download('changed-combinations.csv', 'text/csv', `${lines.join('\n')}\n`);
  });
  window.addEventListener('popstate', () => readLink());
  window.addEventListener('hashchange', () => readLink());

  readLink({ initial: true });
}

start().catch((error) => {
  $('load-problem').hidden = false;
  $('load-problem-text').textContent = `Something went wrong: ${error.message}. Try reloading the page.`;
});
