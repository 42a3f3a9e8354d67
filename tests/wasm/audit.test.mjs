// The audit module (audit.mjs) from Node: the shared fixture fed in pieces of
// any size gives one answer; its rows are byte for byte the native CLI's
// `audit --format jsonl` (when the CLI has the command); the queries page and
// filter rows without recomputing; a trust comes whole; bad filters and IDs
// are errors as data. And the worker's .ods reader (ods-sheets.mjs) in Node:
// an .ods written from the fixture audits to the same rows as the same sheet
// as CSV; cells, repeats, dates and notes as a spreadsheet writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import {
  siteDir, fixturePath, loadAudit, auditBytes, allRows, fixtureTrusts, locationsCells, csvText, odsFromSheets,
} from './audit-files.mjs';

const fixture = fs.readFileSync(fixturePath);
const cli = process.env.CQC_NATIVE_CLI ?? 'build/native/cqc-ratings';
const { odsSheets, OdsError } = await import(pathToFileURL(path.join(siteDir, 'ods-sheets.mjs')).href);

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

/** The sheets an .ods gives, as {name: csv}. */
function odsToCsv(bytes, piece = 65536) {
  const sheets = {};
  let current = null;
  const reader = odsSheets({
    begin: (name) => { current = name; sheets[name] = ''; },
    text: (csv) => { sheets[current] += csv; },
    end: () => { current = null; },
  });
  for (let i = 0; i < bytes.length; i += piece) reader.push(bytes.subarray(i, i + piece));
  reader.push(new Uint8Array(0), true);
  return sheets;
}

test('an .ods written from the fixture audits to the same rows as the same sheet as CSV', async () => {
  const trusts = await fixtureTrusts();
  const cells = locationsCells(trusts);
  const ods = odsFromSheets({ 'Read me': [['Made in a test.'], [], ['Location ID is the first column']], Locations: cells });
  for (const piece of [333, 1 << 20]) {
    const sheets = odsToCsv(ods, piece);
    assert.deepEqual(Object.keys(sheets), ['Locations'], 'a sheet without the export\'s header is left out, as the CLI does');
    const lines = sheets.Locations.split('\n');
    assert.equal(lines.length - 1, cells.length, 'one CSV line per sheet row, the banner row kept; the empty tail dropped');
  }
  const fromCsv = await auditBytes([['Locations.csv', Buffer.from(csvText(cells))]]);
  const fromOds = await auditBytes([['Latest.ods, sheet Locations', Buffer.from(odsToCsv(ods).Locations)]]);
  assert.equal(fromCsv.summary.problems.total, 0, JSON.stringify(fromCsv.summary.problems.shown.slice(0, 3)));
  assert.equal(fromOds.summary.problems.total, 0, JSON.stringify(fromOds.summary.problems.shown.slice(0, 3)));
  assert.deepEqual(allRows(fromOds.session), allRows(fromCsv.session));
  assert.deepEqual(fromOds.summary, fromCsv.summary);
  fromCsv.session.delete();
  fromOds.session.delete();
});

test('ods cells as a spreadsheet writes them: repeats, spaces, paragraphs, line breaks, quotes, dates, notes', () => {
  const row = (cells) => `<table:table-row>${cells}</table:table-row>`;
  const content = '<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>'
    + '<table:table table:name="Locations &amp; T">'
    + row('<table:table-cell table:number-columns-repeated="2"><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell><text:p>b<text:s text:c="3"/>c</text:p></table:table-cell>')
    + row('<table:table-cell><text:p>one</text:p><text:p>two</text:p></table:table-cell><table:table-cell><text:p>x<text:line-break/>y<text:tab/>z</text:p></table:table-cell>'
      + '<table:table-cell><text:p>say "hi", then</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p><text:span>in</text:span> span</text:p></table:table-cell>')
    + '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    + row('<table:table-cell office:value-type="date" office:date-value="2021-03-04T10:00:00"><text:p>04/03/2021</text:p></table:table-cell>'
      + '<table:table-cell><office:annotation><text:p>a note</text:p></office:annotation><text:p>kept</text:p></table:table-cell>')
    + '<table:table-row table:number-rows-repeated="2"><table:table-cell><text:p>twice</text:p></table:table-cell></table:table-row>'
    + '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    + '</table:table></office:spreadsheet></office:body></office:document-content>';
  const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8(content) });
  assert.deepEqual(odsToCsv(ods, 50), {
    'Locations & T': 'a,a,,,,b   c\none two,x y z,"say ""hi"", then",,in span\n\n\n2021-03-04,kept\ntwice\ntwice\n',
  });
});

test('a bad .ods is an OdsError saying what is wrong, never a hang', () => {
  const trustsCells = [['Location ID', 'Domain'], ['X1', 'Safe']];
  const ods = odsFromSheets({ Locations: trustsCells });
  for (const [bytes, message] of [
    [ods.subarray(0, Math.floor(ods.length / 2)), /ends early|cut short|cannot be unpacked/],
    [ods.subarray(0, 40), /ends early|cut short|cannot be unpacked/],
    [zipSync({ 'other.txt': strToU8('hello') }), /not an OpenDocument spreadsheet: it has no content.xml/],
    [zipSync({ 'content.xml': strToU8('<a><b></a>') }), /not well-formed XML/],
    [odsFromSheets({ 'Read me': [['About this file'], ['Location ID is in the other file']], Notes: [['x']] }),
      /no sheet of CQC's Latest ratings export \(one named Locations or Providers, or with a header row holding Location ID or Provider ID\); its sheets: "Read me", "Notes"/],
    [zipSync({ 'content.xml': strToU8('<t:table xmlns:t="t" t:name="x"><t:table-row>') }), /ends early|sheet "x" ends early|not well-formed/],
  ]) {
    assert.throws(() => odsToCsv(bytes), (e) => e instanceof OdsError && message.test(e.message), message.source);
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
  const fromOds = await auditBytes([['latest.ods, sheet Locations', Buffer.from(odsToCsv(fs.readFileSync(odsFile)).Locations)]]);
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
