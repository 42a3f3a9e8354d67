// The rules explorer page: pick or edit two rule variants and see every
// combination under both, recomputed by the WebAssembly core on each edit.
import { loadExplorer } from './explorer-api.mjs';
import { ratingBadge } from './render.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');

const $ = (id) => document.getElementById(id);

function element(tag, className = '', text = '') {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== '') node.textContent = text;
  return node;
}

function download(name, type, text) {
  const link = element('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const number = (n) => n.toLocaleString('en-GB');

async function start() {
  const api = await loadExplorer();
  const builtins = api.builtinRuleSets();
  // Rating names from the core; "none" is the explorer's word for no combined rating.
  const LABELS = { ...Object.fromEntries(api.vocabulary().ratings.map((r) => [r.token, r.label])), none: 'No combined rating' };
  let custom = null; // rule set B after an edit (null: B is a built-in)
  let last = null;   // the last exploration shown

  for (const select of [$('variant-a'), $('variant-b')]) {
    for (const rules of builtins) {
      select.append(new Option(`${rules.name}: ${rules.title}`, rules.name));
    }
  }
  $('variant-a').value = 'standard';
  $('variant-b').value = 'combined_2018';
  const customOption = new Option('custom: your edited rule set', 'custom');

  const ruleSetB = () => custom ?? builtins.find((r) => r.name === $('variant-b').value);
  const request = (list = false) => ({
    variants: [{ combined: $('variant-a').value }, { combined: ruleSetB() }],
    include_not_rated: $('include-not-rated').checked,
    list,
  });

  function showEditor(rules) {
    const body = $('bands-body');
    body.replaceChildren(...rules.bands.map((band, i) => {
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
    $('rule-set-json').value = JSON.stringify(rules, null, 2);
  }

  function showJsonError(message) {
    $('json-group').classList.toggle('govuk-form-group--error', Boolean(message));
    $('rule-set-json-error').hidden = !message;
    $('rule-set-json-error').textContent = message ? `Error: ${message}` : '';
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

  const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];

  // Cells arrive compact from the core: [counts [O, G, RI, I, not rated],
  // combinations, changed, example (six tokens), combined [[A, B, how many]]].
  function grid(cells) {
    const byCounts = new Map();
    for (const [counts, combinations, changed, example, combined] of cells) {
      const [o, g, ri, i, notRated] = counts;
      if (notRated === 0) byCounts.set(`${o},${ri},${i}`, { good: g, combinations, changed, example, combined });
    }
    const table = element('table', 'govuk-table combination-grid');
    table.append(element('caption', 'govuk-table__caption govuk-table__caption--s',
      'Combined rating under A → B, by how many of the six are inadequate (I), requires improvement (RI) and outstanding (O)'));
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
            link.href = `./?${new URLSearchParams(QUESTIONS.map((q, n) => [q, cell.example[n]]))}`;
            const mixed = cell.combined.length > 1 ? ' (varies by ordering)' : '';
            // Short visible text; the full description is the link's name for screen readers.
            const visible = element('span', '', `${short(a)}→${short(b)}`);
            visible.setAttribute('aria-hidden', 'true');
            link.append(visible, element('span', 'govuk-visually-hidden',
              `${o} outstanding, ${cell.good} good, ${ri} requires improvement, ${i} inadequate: `
              + `A ${LABELS[a ?? 'none']}, B ${LABELS[b ?? 'none']}${mixed}; ${cell.changed} of ${cell.combinations} combinations change`));
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

  const short = (rating) => ({ outstanding: 'O', good: 'G', requires_improvement: 'RI', inadequate: 'I' }[rating] ?? '–');

  function render(result) {
    last = result;
    const [a, b] = result.variants;
    const scope = result.include_not_rated ? 'combinations (not rated included)' : 'fully rated combinations';
    $('answer').textContent = `Under B (${b.rules.combined}), ${number(result.combined_changed)} of the ${number(result.total)} ${scope} `
      + `get a different combined rating than under A (${a.rules.combined}).`;
    $('change-groups').replaceChildren(...result.changes.map((g) => {
      const item = element('li');
      item.append(`${g.outcome === 'quality' ? 'Quality' : 'Combined'}: `, ratingBadge(g.from, LABELS[g.from ?? 'none']),
        ' → ', ratingBadge(g.to, LABELS[g.to ?? 'none']), `: ${number(g.count)} combinations`);
      return item;
    }));
    $('export-csv').disabled = result.changes.length === 0;
    $('distributions').replaceChildren(
      distributionTable('Combined rating', 'combined', result.variants),
      distributionTable('Quality rating', 'quality', result.variants));
    $('grid').replaceChildren(grid(result.cells));
  }

  function update() {
    const started = performance.now();
    const result = api.explore(request());
    const elapsed = performance.now() - started;
    if (result.error) {
      showJsonError(result.errors.map((e) => e.message.replace('variants[1].combined.', '')).join('; '));
      return;
    }
    showJsonError(null);
    render(result);
    $('timing').textContent = `Computed in your browser in ${elapsed.toFixed(1)} ms (${number(result.total)} combinations under both rule sets).`;
    document.body.dataset.ready = 'true';
  }

  // A copy of B to edit, named and titled as the user's own.
  function editableCopy(changes = {}) {
    const from = ruleSetB();
    const title = from.name === 'custom' ? from.title : `Edited from ${from.name}`;
    return { ...structuredClone(from), name: 'custom', title, ...changes };
  }

  function edited(rules) {
    custom = rules;
    if (![...$('variant-b').options].includes(customOption)) $('variant-b').append(customOption);
    $('variant-b').value = 'custom';
    update();
  }

  $('explorer-form').addEventListener('submit', (event) => event.preventDefault());
  $('variant-a').addEventListener('change', update);
  $('include-not-rated').addEventListener('change', update);
  $('variant-b').addEventListener('change', () => {
    if ($('variant-b').value !== 'custom') {
      custom = null;
      customOption.remove();
    }
    showEditor(ruleSetB());
    update();
  });
  $('bands-body').addEventListener('input', (event) => {
    const { band, key } = event.target.dataset;
    const rules = editableCopy();
    rules.bands[Number(band)][key] = Number(event.target.value);
    $('rule-set-json').value = JSON.stringify(rules, null, 2);
    edited(rules);
  });
  for (const [id, key] of [['single-inadequate-limits', 'single_inadequate_limits'], ['outstanding-needs-rest-good', 'outstanding_needs_rest_good']]) {
    $(id).addEventListener('change', (event) => {
      const rules = editableCopy({ [key]: event.target.checked });
      $('rule-set-json').value = JSON.stringify(rules, null, 2);
      edited(rules);
    });
  }
  $('quality-cap').addEventListener('change', (event) => {
    const value = event.target.value;
    const rules = editableCopy({ max_steps_above_quality: value === '' ? null : Number(value) });
    $('rule-set-json').value = JSON.stringify(rules, null, 2);
    edited(rules);
  });
  // The core reads the text, as everywhere else: valid JSON that is not a rule
  // set (null, "standard" is fine, 1e999) and duplicate keys get its message.
  const applyJson = (text) => {
    const read = api.readRuleSet(text);
    if (read.error) {
      showJsonError(read.errors.map((e) => e.message).join('; '));
      return;
    }
    showEditor(read.rule_set);
    edited(read.rule_set);
  };
  $('apply-json').addEventListener('click', () => applyJson($('rule-set-json').value));
  $('import-json').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    // Only one byte past the core's limit is read: a huge file is refused by
    // the core without the browser loading all of it.
    if (file) applyJson(await file.slice(0, api.inputLimit + 1).text());
  });
  $('export-json').addEventListener('click', () => download(`${ruleSetB().name}.json`, 'application/json', `${JSON.stringify(ruleSetB(), null, 2)}\n`));
  $('export-csv').addEventListener('click', () => {
    const result = api.explore(request(true));
    const questions = ['safe', 'effective', 'caring', 'responsive', 'well_led', 'use_of_resources'];
    const lines = [[...questions, 'outcome', 'a', 'b'].join(',')];
    for (const group of result.changes) {
      for (const combination of group.combinations) {
        lines.push([...questions.map((q) => combination[q]), group.outcome, group.from ?? 'none', group.to ?? 'none'].join(','));
      }
    }
    download('changed-combinations.csv', 'text/csv', `${lines.join('\n')}\n`);
  });

  showEditor(ruleSetB());
  update();
}

start().catch((error) => {
  $('load-problem').hidden = false;
  $('load-problem-text').textContent = `Something went wrong: ${error.message}. Try reloading the page.`;
});
