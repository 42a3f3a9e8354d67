// The assessments kept in this browser: open one (the page is cleared and drawn again for it), new,
// rename, delete with confirmation; export the contract's JSON document and, written by the core,
// CQC's Locations and Providers sheets as CSV; import a JSON document (read by the core first: only
// one it accepts becomes a new assessment, and nothing saved changes otherwise); and open CQC's
// published data (API records, export sheets, its .ods), a provider of which opens as a "what if"
// copy with CQC's published ratings beside the rules-based ones.
import * as D from './workbench-doc.mjs';
import * as store from './workbench-store.mjs';
import { cells, element } from './workbench-grid.mjs';
import * as M from './workbench-messages.mjs';
import { page, $, capital, showFieldProblem } from './workbench-state.mjs';
import { save, assess, ask, forgetHistory, newEpoch } from './workbench-changes.mjs';
import { reconcile } from './workbench-structure.mjs';
import { problemWords, forgetTrustGrid } from './workbench-paint.mjs';
import { closeDetail } from './workbench-detail.mjs';
import { download } from './download.mjs';

export async function refreshChoices() {
  const select = $('assessment-choice');
  let list = [];
  try {
    list = page.storageWorks ? await store.listAssessments() : [];
  } catch {
    list = [];
  }
  if (!list.some((r) => r.id === page.record.id)) list.unshift({ id: page.record.id, name: page.record.name });
  select.replaceChildren(...list.map((r) => Object.assign(element('option', '', r.name), { value: r.id })));
  select.value = page.record.id;
}

export function newRecord(name, document = D.emptyDocument()) {
  const now = Date.now();
  return { id: store.newRecordId(), name, document, meta: {}, created: now, updated: now };
}

/** Opens an assessment; `persist` false for the untouched one a first visit starts with (saved at its first change). */
export async function open(next, { persist = true } = {}) {
  page.record = next;
  page.record.meta ??= {};
  page.record.saved = persist;
  page.doc = page.record.document;
  page.current = null; // made from this document at its first change
  // Saved before it is shown: an assessment on the screen is one a reload brings back.
  if (page.storageWorks && persist) {
    try {
      await store.putAssessment(page.record, { current: true });
      $('save-status').textContent = `Saved in this browser at ${new Date(page.record.updated).toLocaleTimeString('en-GB')}.`;
    } catch {
      storageFailed();
    }
  }
  forgetHistory();
  page.nodes = new Map();
  page.explained = new Map();
  page.notes = [];
  newEpoch(); // another assessment: the core reads it whole
  if (page.detailOpen) closeDetail(false);
  for (const [, entry] of page.sections) entry.section.remove();
  page.sections.clear();
  cells.clear();
  $('location-list').replaceChildren();
  forgetTrustGrid();
  $('undo').disabled = true;
  $('redo').disabled = true;
  reconcile();
  assess();
  await refreshChoices();
  document.body.dataset.opened = String(Number(document.body.dataset.opened ?? 0) + 1); // for tests: an assessment was opened
}

export function storageFailed() {
  page.storageWorks = false;
  $('save-status').textContent = `Not saved: ${M.STORAGE_FAILED}`;
  $('save-status').classList.add('wb-save--failed');
}

export function wireAssessments() {
  $('assessment-choice').addEventListener('change', async (e) => {
    const next = await store.getAssessment(e.target.value);
    if (next) await open(next);
  });
  $('new-assessment').addEventListener('click', async () => {
    // Busy from the click, not from the first paint after the store answers: "settled" must mean the new one is shown.
    document.body.dataset.busy = 'true';
    const count = page.storageWorks ? (await store.listAssessments()).length : 1;
    await open(newRecord(`Assessment ${count + 1}`));
    $('trust-name').focus();
  });
  $('rename-assessment').addEventListener('click', () => {
    $('rename-form').hidden = false;
    $('rename-name').value = page.record.name;
    $('rename-name').focus();
  });
  $('rename-cancel').addEventListener('click', () => {
    $('rename-form').hidden = true;
    $('rename-assessment').focus();
  });
  $('rename-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('rename-name').value.trim();
    showFieldProblem($('rename-group'), $('rename-error'), name ? null : M.ASSESSMENT_NAME_MISSING);
    if (!name) {
      $('rename-name').focus();
      return;
    }
    page.record.name = name;
    save();
    $('rename-form').hidden = true;
    await refreshChoices();
    $('assessment-choice').focus();
  });
  $('delete-assessment').addEventListener('click', () => {
    $('delete-confirm-text').textContent = `Delete "${page.record.name}"? Everything in it is removed from this browser. This cannot be undone.`;
    $('delete-confirm').hidden = false;
    $('delete-confirm-text').focus();
  });
  $('delete-no').addEventListener('click', () => {
    $('delete-confirm').hidden = true;
    $('delete-assessment').focus();
  });
  $('delete-yes').addEventListener('click', async () => {
    const gone = page.record.name;
    $('delete-confirm').hidden = true;
    if (page.storageWorks) await store.deleteAssessment(page.record.id);
    const rest = page.storageWorks ? await store.listAssessments() : [];
    const next = rest.length ? await store.getAssessment(rest[0].id) : newRecord('Assessment 1');
    await open(next);
    $('announce').textContent = `${gone} deleted. ${next.name} is open.`;
    $('assessment-choice').focus();
  });

  $('export-json').addEventListener('click', () => download(`${fileStem()}.json`, 'application/json', `${JSON.stringify(page.doc, null, 2)}\n`));
  // One sheet of CQC's export per button, so one click is one download.
  for (const [sheet, title] of [['locations', 'Locations'], ['providers', 'Providers']]) {
    $(`export-${sheet}-csv`).addEventListener('click', async () => {
      const answer = await ask({ op: 'csv', sheet, text: JSON.stringify(page.doc) });
      if (answer.error) {
        showImportProblem(page.record.name, answer.errors.map((e) => problemWords(e)));
        $('import-problem-title').textContent = `The assessment could not be written as CQC's ${title} sheet`;
        return;
      }
      download(`${fileStem()}-${sheet}.csv`, 'text/csv', answer.csv);
    });
  }
  $('open-cqc').addEventListener('change', async (e) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length) await openCqcData(files);
  });
  $('published-open').addEventListener('click', openProvider);
  $('published-cancel').addEventListener('click', () => {
    $('published').hidden = true;
    $('open-cqc').focus();
  });
  $('import-json').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) await importFile(file);
  });
  $('print').addEventListener('click', () => window.print());
}

const fileStem = () => (page.record.name || 'assessment').replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'assessment';

// ---- CQC's published data: a provider's published ratings beside the rules-based ones --------------

const DATA_AT_MOST = 512 * 2 ** 20; // the files are read whole into the worker: half a gigabyte at most

async function openCqcData(files) {
  $('import-problem').hidden = true;
  const big = files.find((f) => f.size > DATA_AT_MOST);
  if (big) {
    showImportProblem(big.name, [`${big.name} is larger than the 512 MB this page can open. Open CQC's data in the audit page, or only the sheets you need as CSV.`]);
    return;
  }
  let buffers;
  try {
    buffers = await Promise.all(files.map((f) => f.arrayBuffer()));
  } catch {
    showImportProblem(files[0].name, [M.IMPORT_NOT_TEXT]);
    return;
  }
  $('save-status').textContent = `Reading ${files.map((f) => f.name).join(', ')}…`;
  const found = await ask({ op: 'openPublished', files: files.map((f, i) => ({ name: f.name, data: buffers[i] })) }, buffers);
  $('save-status').textContent = page.record.saved ? `Saved in this browser at ${new Date(page.record.updated).toLocaleTimeString('en-GB')}.` : '';
  const names = files.map((f) => f.name).join(', ');
  if (found.error || !found.providers?.length) {
    const shown = (found.problems?.shown ?? []).map((p) => `${p.source}, line ${p.line}: ${p.message}`);
    showImportProblem(names, found.error ? [capital(found.error)] : [M.NO_PROVIDERS, ...shown]);
    return;
  }
  const select = $('published-provider');
  select.replaceChildren(...found.providers.map((p) => Object.assign(element('option', '',
    M.providerText(p)), { value: p.provider_id })));
  $('published-summary').textContent = M.publishedSummary(names, found);
  $('published-problems').replaceChildren(...found.problems.shown.slice(0, 10)
    .map((p) => element('li', 'govuk-body-s', `${p.source}, line ${p.line}, ${p.field || 'a row'}: ${p.message}`)));
  $('published').hidden = false;
  $('published-title').focus();
}

async function openProvider() {
  const id = $('published-provider').value;
  const document = await ask({ op: 'publishedDocument', provider: id });
  if (document.error) {
    showImportProblem(id, document.errors.length ? document.errors.map((e) => M.problemText(e)) : [capital(document.error)]);
    return;
  }
  $('published').hidden = true;
  const name = document.trust?.name || id;
  await open(newRecord(`What if: ${name} (${id})`, document));
  $('announce').textContent = `${name} opened from CQC's data as a new assessment. CQC's published ratings are shown beside the principles' in each cell.`;
  $('trust-title').tabIndex = -1;
  $('trust-title').focus();
}

// A file is read up to this many bytes: the core's own limit (64 KiB today) is checked by the core, which
// says by how much a file is over; reading more of a larger file would only cost memory.
const READ_AT_MOST = 16 * 2 ** 20;

/** A file is read by the core first; only a document it accepts becomes a new assessment. Nothing saved changes otherwise. */
async function importFile(file) {
  $('import-problem').hidden = true;
  let text;
  try {
    text = await file.slice(0, READ_AT_MOST).text();
  } catch {
    showImportProblem(file.name, [M.IMPORT_NOT_TEXT]);
    return;
  }
  const result = await ask({ op: 'assess', text });
  if (result.error) {
    showImportProblem(file.name, result.errors.map((error) => M.problemText(error)));
    return;
  }
  const document = JSON.parse(text); // the core has read it: valid JSON, an assessment document
  const name = document.trust?.name || file.name.replace(/\.json$/i, '');
  await open(newRecord(name, document));
  $('announce').textContent = `${file.name} opened as a new assessment, ${name}. Your other assessments are unchanged.`;
  $('trust-title').tabIndex = -1;
  $('trust-title').focus();
}

function showImportProblem(fileName, texts) {
  $('import-problem-title').textContent = 'The file could not be opened';
  $('import-problem-intro').textContent = M.importIntro(fileName, texts.length);
  $('import-problem-list').replaceChildren(...texts.slice(0, 20).map((t) => element('li', '', t)));
  if (texts.length > 20) $('import-problem-list').append(element('li', '', `and ${texts.length - 20} more`));
  $('import-problem').hidden = false;
  $('import-problem').focus();
}
