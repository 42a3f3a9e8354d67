// The audit module (audit.mjs) from Node: the shared fixture fed in pieces of
// any size gives one answer; its rows are byte for byte the native CLI's
// `audit --format jsonl` (when the CLI has the command); the queries page and
// filter rows without recomputing; a trust comes whole; bad filters and IDs
// are errors as data. And the core's .ods reader through the module, driven as
// the page's worker drives it (audit-files.mjs auditOds): an .ods written from
// the fixture audits to the same rows as the same sheet as CSV, in pieces of
// any size; a cell's text as a spreadsheet shows it; a bad .ods gets the
// CLI's own message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { zipSync, strToU8 } from 'fflate';
import {
  fixturePath, loadAudit, auditBytes, auditOds, allRows, fixtureTrusts, locationsCells, csvText, odsFromSheets,
} from './audit-files.mjs';

const fixture = fs.readFileSync(fixturePath);
const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';

/** The CLI's JSON Lines for a file, or null when this CLI has no audit command (yet). */
function cliAudit(file, ...args) {
  try {
    return execFileSync(cli, ['audit', file, '--format', 'jsonl', ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString().split('\n').filter(Boolean);
  } catch (e) {
    if (e.status === 1 && e.stdout?.length) return e.stdout.toString().split('\n').filter(Boolean); // problems reported
    return null;
  }
}

test('the fixture in pieces of any size: one summary, the departures the data shows', async () => {
  const { session, summary } = await auditBytes([['locations.json', fixture]]);
  for (const piece of [1, 7, 4096, fixture.length]) {
    const again = await auditBytes([['locations.json', fixture]], { piece });
    assert.deepEqual(again.summary, summary, `pieces of ${piece} bytes`);
    again.session.delete();
  }
  assert.equal(summary.locations, 36);
  assert.equal(summary.problems.total, 0);
  const a = summary.agreement;
  assert.equal(a.follows + a.departs + a.published_not_rated + a.nothing_rated, summary.rows);
  assert.equal(a.departs, summary.departures);
  const departures = allRows(session, { outcome: 'departs' });
  assert.equal(departures.length, a.departs);
  const found = departures.map((r) => `${r.location_id} ${r.level} ${r.key_question}`);
  assert.ok(found.includes('RH801 location_key_question safe'), found.join('; '));
  assert.ok(found.includes('RA901 location_key_question responsive'), found.join('; '));
  const rh801 = departures.find((r) => r.location_id === 'RH801');
  assert.equal(rh801.published, 'requires_improvement');
  assert.equal(rh801.rules, 'good');
  // The trusts offered as filters: of the 10 providers, those with a departure (no Providers sheet here).
  assert.equal(summary.providers_in_data, 10);
  assert.deepEqual(summary.trusts.map((t) => t.provider_id).sort(), ['RA9', 'RBZ', 'RH8']);
  assert.equal(summary.trusts.reduce((n, t) => n + t.departures, 0), a.departs);
  assert.deepEqual(summary.regions, [], 'the API records carry no region');
  assert.ok(summary.vocabulary.principles.some((p) => p.token === 'requires_improvement_limiter'));
  session.delete();
});

test("the module's rows are the native CLI's audit --format jsonl, byte for byte", async (t) => {
  const { session } = await auditBytes([['locations.json', fixture]]);
  const rows = [];
  for (let offset = 0; ; offset += 1000) {
    const text = session.rows(JSON.stringify({ offset, limit: 1000 }));
    const page = JSON.parse(text);
    // Each row as the module wrote it: cut from the text, not re-serialised.
    const inner = text.slice(text.indexOf('"rows":[') + 8, -2);
    rows.push(...(inner ? splitRows(inner) : []));
    if (offset + 1000 >= page.total) break;
  }
  session.delete();
  const native = cliAudit(fixturePath);
  if (!native) {
    t.diagnostic(`${cli} has no audit command here: the rows were checked against the module's own summary only`);
    return;
  }
  assert.equal(rows.length, native.length);
  assert.deepEqual(rows, native);
});

// Splits "{...},{...}" at the top level (the row texts hold no unbalanced braces outside strings).
function splitRows(text) {
  const out = [];
  let depth = 0, start = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      out.push(text.slice(start, i + 1));
      start = i + 2;
    }
  }
  return out;
}

test('queries filter and page the rows; a trust comes whole; bad asks are errors as data', async () => {
  const { session, summary } = await auditBytes([['locations.json', fixture]]);
  const every = allRows(session);
  assert.equal(every.length, summary.rows);
  const page = JSON.parse(session.rows(JSON.stringify({ offset: 10, limit: 5 })));
  assert.equal(page.total, summary.rows);
  assert.deepEqual(page.rows, every.slice(10, 15));
  const rh8 = JSON.parse(session.rows(JSON.stringify({ provider_id: 'RH8', level: 'location_key_question', outcome: 'departs' })));
  assert.ok(rh8.rows.every((r) => r.provider_id === 'RH8' && r.level === 'location_key_question' && r.outcome === 'departs'));
  assert.equal(rh8.total, summary.trusts.find((tr) => tr.provider_id === 'RH8').departures);
  assert.equal(JSON.parse(session.rows('{"region": "Nowhere"}')).total, 0);

  const trust = JSON.parse(session.trust('RH8'));
  assert.equal(trust.provider_id, 'RH8');
  const wonford = trust.locations.find((l) => l.location_id === 'RH801');
  assert.ok(wonford.services.length >= 8, 'the location with its services');
  assert.equal(wonford.key_questions.safe.rating, 'requires_improvement');
  assert.deepEqual(trust.rows, every.filter((r) => r.provider_id === 'RH8'));

  for (const [filter, message] of [
    ['{"outcome": "maybe"}', /field "outcome" must be one of follows, departs/],
    ['{"level": 3}', /field "level" must be a string/],
    ['{"limit": 100000}', /field "limit" must be a whole number from 0 to 1000/],
    ['{"offset": -1}', /field "offset" must be a whole number/],
    ['{"colour": "red"}', /unknown field "colour"/],
    ['[', /not valid JSON/],
    ['"departs"', /must be a JSON object/],
  ]) {
    const answer = JSON.parse(session.rows(filter));
    assert.match(answer.error, message, filter);
    assert.equal(answer.rows, undefined);
  }
  assert.match(JSON.parse(session.trust('XYZ')).error, /no trust or provider with the ID "XYZ"/);
  assert.match(JSON.parse(session.trust('')).error, /no trust or provider/);
  session.delete();
});

test('several files in one audit: a Locations sheet as CSV beside API records, merged by ID', async () => {
  const trusts = await fixtureTrusts();
  const csv = Buffer.from(csvText(locationsCells(trusts.filter((t) => t.provider_id === 'RH8'))));
  const { session, summary } = await auditBytes([['Locations.csv', csv]]);
  assert.equal(summary.problems.total, 0, JSON.stringify(summary.problems.shown.slice(0, 3)));
  assert.deepEqual(summary.regions, ['South West']);
  assert.equal(summary.trusts[0].name, 'Test trust RH8');
  const departures = allRows(session, { outcome: 'departs' }).map((r) => `${r.location_id} ${r.key_question}`);
  assert.ok(departures.includes('RH801 safe'), departures.join('; '));
  session.delete();
});

test('an .ods written from the fixture audits to the same rows as the same sheet as CSV', async () => {
  const trusts = await fixtureTrusts();
  const cells = locationsCells(trusts);
  const ods = odsFromSheets({ 'Read me': [['Made in a test.'], [], ['Location ID is the first column']], Locations: cells });
  const fromCsv = await auditBytes([['Locations.csv', Buffer.from(csvText(cells))]]);
  assert.equal(fromCsv.summary.problems.total, 0, JSON.stringify(fromCsv.summary.problems.shown.slice(0, 3)));
  const rows = allRows(fromCsv.session);
  for (const piece of [333, 1 << 20]) {
    const fromOds = await auditOds(ods, { piece });
    assert.equal(fromOds.error, '');
    assert.equal(fromOds.summary.problems.total, 0, JSON.stringify(fromOds.summary.problems.shown.slice(0, 3)));
    assert.deepEqual(allRows(fromOds.session), rows);
    assert.deepEqual(fromOds.summary, fromCsv.summary);
    fromOds.session.delete();
  }
  fromCsv.session.delete();
});

test('a cell as a spreadsheet shows it: spans, spaces, entities, paragraphs, dates', async () => {
  const header = ['Location ID', 'Location Name', 'Service / Population Group', 'Domain', 'Latest Rating', 'Publication Date'];
  const cell = (inner, attributes = '') => `<table:table-cell${attributes}>${inner}</table:table-cell>`;
  const p = (text) => `<text:p>${text}</text:p>`;
  let rows = `<table:table-row>${header.map((h) => cell(p(h))).join('')}</table:table-row>`;
  for (const q of ['Overall', 'Safe', 'Effective', 'Caring', 'Responsive', 'Well-led']) {
    rows += '<table:table-row>' + cell(p('1-101'))
      + cell(p('St&#233; <text:span text:style-name="T1">Mary</text:span>&apos;s<text:s text:c="2"/>&amp; Co') + '<office:annotation><text:p>a note</text:p></office:annotation>')
      + cell(p('Overall'), ' table:number-columns-repeated="1"') + cell(p(q)) + cell(p('Good'))
      + cell(p('12/03/2019'), ' office:value-type="date" office:date-value="2019-03-12T00:00:00"') + '</table:table-row>';
  }
  const content = '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    + 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
    + `<office:body><office:spreadsheet><table:table table:name="Locations">${rows}</table:table></office:spreadsheet></office:body></office:document-content>`;
  const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8(content) });
  for (const piece of [1, 50, 1 << 20]) {
    const { session, summary, error } = await auditOds(ods, { piece });
    assert.equal(error, '');
    assert.equal(summary.problems.total, 0, JSON.stringify(summary.problems.shown));
    const location = allRows(session).find((r) => r.level === 'location');
    assert.equal(location.location_name, "St\u00e9 Mary's  & Co");
    assert.equal(location.rating_date, '2019-03-12');
    session.delete();
  }
});

test("a bad .ods gets the CLI's message, never a hang", async () => {
  const ods = odsFromSheets({ Locations: [['Location ID', 'Domain'], ['X1', 'Safe']] });
  const xml = (text) => zipSync({ 'content.xml': strToU8(text) });
  for (const [bytes, message] of [
    [ods.subarray(0, Math.floor(ods.length / 2)), /^the \.ods file is cut short: the end of the zip \(its central directory\) is missing/],
    [ods.subarray(0, 40), /^the \.ods file is cut short/],
    [zipSync({ 'other.txt': strToU8('hello') }), /^the zip holds no content\.xml, so it is not an OpenDocument spreadsheet \(\.ods\)$/],
    [xml('<a><b></a>'), /^content\.xml in the \.ods file is not well-formed XML at line 1, column 7: mismatched tag: <\/a> where <\/b> was expected$/],
    [odsFromSheets({ 'Read me': [['About this file'], ['Location ID is in the other file']], Notes: [['x']] }),
      /no sheet of CQC's Latest ratings export \(one named Locations or Providers, or with a header row holding Location ID or Provider ID\); its sheets: "Read me", "Notes"/],
    [xml('<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><o:body><o:spreadsheet>'),
      /^content\.xml in the \.ods file ends inside <o:spreadsheet>, at line 1, column 103: the file is cut short$/],
  ]) {
    const { session, error } = await auditOds(bytes, { piece: 7 });
    assert.match(error, message);
    session.delete();
  }
});

test('the file limit is the core\'s: 1 GiB', async () => {
  const m = await loadAudit();
  assert.equal(m.fileLimit(), 2 ** 30);
});

test('the CLI and the module agree on an export sheet and on the .ods, read by each its own way (when the CLI has the command)', async (t) => {
  const trusts = await fixtureTrusts();
  const cells = locationsCells(trusts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqc-audit-'));
  const csvFile = path.join(dir, 'Locations.csv');
  const odsFile = path.join(dir, 'latest.ods');
  fs.writeFileSync(csvFile, csvText(cells));
  fs.writeFileSync(odsFile, odsFromSheets({ 'Read me': [['Made in a test.']], Locations: cells }));
  const fromCsv = await auditBytes([['Locations.csv', fs.readFileSync(csvFile)]]);
  const fromOds = await auditOds(fs.readFileSync(odsFile));
  const rows = allRows(fromCsv.session);
  assert.deepEqual(allRows(fromOds.session), rows);
  fromCsv.session.delete();
  fromOds.session.delete();
  const native = { csv: cliAudit(csvFile), ods: cliAudit(odsFile) };
  fs.rmSync(dir, { recursive: true });
  if (!native.csv) {
    t.diagnostic(`${cli} has no audit command here`);
    return;
  }
  assert.deepEqual(rows, native.csv.map((line) => JSON.parse(line)));
  assert.deepEqual(rows, native.ods.map((line) => JSON.parse(line)));
});
