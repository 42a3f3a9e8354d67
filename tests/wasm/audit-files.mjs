// Files for the audit's tests, written here from the shared fixture (CQC's
// real API records, ../shared/data/cqc-api-hospitals-2021/locations.json):
//
//   fixturePath            the fixture itself (real data)
//   locationsSheet(trusts) a Locations sheet in the export's layout, as CSV, written by this file
//                          from the module's read of the fixture (so: CQC's real ratings, our
//                          layout, with made-up provider names and regions)
//   csvRows(text)          a CSV's rows of cells (the core's sheets, to be put in an .ods)
//   odsFromSheets(sheets)  the same cells as an .ods written by this file (fflate zipSync): a
//                          banner row, dates as office:date-value, repeated cells and rows as
//                          LibreOffice writes them, a "Read me" sheet and the usual empty tail
//   loadAudit(), auditBytes(), allRows()   the module from the built site, in Node
//   auditOds(bytes)        an .ods through the module as the page's worker reads it: the core's
//                          OdsZip asks for ranges of the file, content.xml is inflated here (zlib)
//                          and fed to the core's .ods reader in pieces
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';

export const siteDir = path.resolve(process.env.CQC_SITE_DIR ?? 'build/site');
const sharedData = path.resolve(process.env.CQC_SHARED_DATA ?? '../shared/data');
export const fixturePath = path.join(sharedData, 'cqc-api-hospitals-2021', 'locations.json');

let module = null;
export async function loadAudit() {
  if (!module) {
    const { default: create } = await import(pathToFileURL(path.join(siteDir, 'audit.mjs')).href);
    module = await create({ wasmBinary: fs.readFileSync(path.join(siteDir, 'audit.wasm')) });
  }
  return module;
}

/** A finished session over [name, bytes] files, each fed in pieces of `piece` bytes. */
export async function auditBytes(files, { piece = 65536, history = false } = {}) {
  const m = await loadAudit();
  const session = new m.AuditSession(history);
  for (const [name, bytes] of files) {
    session.beginFile(name);
    for (let i = 0; i < bytes.length; i += piece) session.feed(bytes.subarray(i, i + piece));
    session.endFile();
  }
  const summary = JSON.parse(session.finish());
  return { session, summary };
}

/**
 * A session over one .ods read as the worker reads it (audit-worker.mjs): {session, summary, error}
 * with `error` the core's message ("" when read); content.xml's inflated bytes fed in pieces of `piece`.
 */
export async function auditOds(bytes, { name = 'latest.ods', piece = 65536, history = false } = {}) {
  const m = await loadAudit();
  const session = new m.AuditSession(history);
  const zip = new m.OdsZip(bytes.length);
  const slice = () => bytes.subarray(zip.offset(), zip.offset() + zip.length());
  const inflate = (data) => (zip.method() === 0 ? data : zlib.inflateRawSync(data));
  let error = '';
  for (let want = zip.want(); want === 'bytes' || want === 'inflated'; want = zip.want()) {
    if (want === 'bytes') zip.give(slice());
    else {
      try {
        zip.give(inflate(slice()));
      } catch {
        zip.skip();
      }
    }
  }
  if (zip.want() === 'failed') {
    error = zip.error();
  } else {
    session.beginOds(name, zip);
    let inflateError = '';
    let xml = new Uint8Array(0);
    try {
      xml = inflate(slice());
    } catch (e) {
      inflateError = e.message;
    }
    for (let i = 0; i < xml.length; i += piece) {
      const chunk = xml.subarray(i, i + piece);
      session.odsInput(chunk.length).set(chunk);
      if (!session.feedOdsInput(chunk.length)) break;
    }
    error = session.endOds(inflateError);
  }
  zip.delete();
  const summary = JSON.parse(session.finish());
  return { session, summary, error };
}

/** Every row of a finished session, through the paged query. */
export function allRows(session, filter = {}) {
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const page = JSON.parse(session.rows(JSON.stringify({ ...filter, offset, limit: 1000 })));
    if (page.error) throw new Error(page.error);
    rows.push(...page.rows);
    if (offset + 1000 >= page.total) return rows;
  }
}

export const REGIONS = { RA9: 'South West', RH8: 'South West', RBZ: 'South West', RK9: 'London' };
export const providerName = (id) => `Test trust ${id}`;

const COLUMNS = ['Location ID', 'Location Name', 'Location Type', 'Location Region', 'Service / Population Group',
  'Domain', 'Latest Rating', 'Publication Date', 'Report Type', 'Inherited Rating (Y/N)', 'Provider ID', 'Provider Name'];
const DOMAINS = { safe: 'Safe', effective: 'Effective', caring: 'Caring', responsive: 'Responsive', well_led: 'Well-led' };
const DATE_COLUMN = COLUMNS.indexOf('Publication Date');

/** The Locations sheet's cells (banner and header first) for the trusts' locations, from module.trust() answers. */
export function locationsCells(trusts) {
  const rows = [['Latest ratings, written by tests/wasm/audit-files.mjs from CQC API records'], COLUMNS];
  for (const trust of trusts) {
    for (const location of trust.locations) {
      const add = (service, domain, rating) => {
        if (!rating) return;
        rows.push([location.location_id, location.name, location.type, REGIONS[trust.provider_id] ?? 'North East', service,
          domain, rating.words, rating.date ?? '', 'Location', rating.inherited ? 'Y' : 'N', trust.provider_id,
          providerName(trust.provider_id)]);
      };
      const ratings = (service, holder) => {
        add(service, 'Overall', holder.overall);
        for (const [token, word] of Object.entries(DOMAINS)) add(service, word, holder.key_questions[token]);
      };
      ratings('Overall', location);
      for (const service of location.services) ratings(service.name || service.id, service);
    }
  }
  return rows;
}

const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
export const csvText = (rows) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** Every trust of the fixture, as the module reads it. */
export async function fixtureTrusts() {
  const { session } = await auditBytes([['locations.json', fs.readFileSync(fixturePath)]]);
  const ids = [...new Set(allRows(session).map((row) => row.provider_id))];
  const trusts = ids.map((id) => JSON.parse(session.trust(id)));
  session.delete();
  return trusts;
}

const xml = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function xmlRow(cells, dateColumn) {
  let out = '<table:table-row table:style-name="ro1">';
  for (let i = 0; i < cells.length;) {
    let n = 1;
    while (i + n < cells.length && cells[i + n] === cells[i] && i + n !== dateColumn && i !== dateColumn) n++;
    const repeat = n > 1 ? ` table:number-columns-repeated="${n}"` : '';
    const value = cells[i];
    if (value === '') out += `<table:table-cell${repeat}/>`;
    else if (i === dateColumn && /^\d{4}-\d\d-\d\d$/.test(value)) {
      const [y, m, d] = value.split('-');
      out += `<table:table-cell office:value-type="date" office:date-value="${value}T00:00:00" calcext:value-type="date"><text:p>${d}/${m}/${y}</text:p></table:table-cell>`;
    } else {
      out += `<table:table-cell office:value-type="string" calcext:value-type="string"${repeat}><text:p>${xml(value)}</text:p></table:table-cell>`;
    }
    i += n;
  }
  // The rest of the row is empty, to the sheet's last column.
  return `${out}<table:table-cell table:number-columns-repeated="${1024 - cells.length}"/></table:table-row>`;
}

/** A CSV written by the core, as rows of cells (quoted fields with commas, quotes and line breaks read). */
export function csvRows(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), cell = '';
    else if (c === '\n') rows.push([...row, cell.replace(/\r$/, '')]), row = [], cell = '';
    else cell += c;
  }
  return rows;
}

/** An .ods holding `sheets` ({name: rows}), as LibreOffice lays one out. */
export function odsFromSheets(sheets) {
  let body = '';
  for (const [name, rows] of Object.entries(sheets)) {
    const header = rows.findIndex((r) => r.includes('Publication Date'));
    body += `<table:table table:name="${xml(name)}" table:style-name="ta1"><table:table-column table:number-columns-repeated="1024"/>`;
    rows.forEach((row, i) => {
      body += xmlRow(row, i > header && header >= 0 ? DATE_COLUMN : -1);
    });
    body += '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>';
  }
  const content = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
    + 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    + 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    + `office:version="1.3"><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'META-INF/manifest.xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
    'content.xml': strToU8(content),
  });
}
