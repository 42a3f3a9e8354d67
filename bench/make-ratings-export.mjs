#!/usr/bin/env node
// A synthetic CQC "Latest ratings" export of any size, in the export's layout, for the audit's
// benchmarks and tests. Made up, not CQC's data: names, places and ratings come from a seeded
// generator (the same arguments give the same bytes).
//
//   node bench/make-ratings-export.mjs --rows 300000 --out DIR [--ods] [--seed 1] [--no-csv]
//
// Writes DIR/Locations.csv and DIR/Providers.csv (each sheet as a spreadsheet program saves it:
// the banner row above the header, CRLF, quotes where needed, Publication Date as DD/MM/YYYY) and,
// with --ods, DIR/latest-ratings.ods: both sheets and a "Read me" sheet as a real OpenDocument
// spreadsheet (mimetype stored first, META-INF/manifest.xml, content.xml with a table:table per
// sheet, dates as office:date-value, equal neighbouring cells merged with
// table:number-columns-repeated and empty rows to the sheet's end with table:number-rows-repeated,
// as LibreOffice writes them), zipped with fflate as it is written. Nothing is held whole: memory
// stays flat however many rows. --rows counts the data rows of both sheets together (banner and
// header rows not counted); the Locations sheet gets about 97% of them.
//
// The mix: mostly care homes, GP practices and other single-service locations rated Overall x
// (Overall and the five key questions); some NHS trusts: acute trusts with 2-5 hospitals of 8-10
// services, each with the five key questions (Effective sometimes absent, as for outpatients, or
// "Inspected but not rated"), and mental health and community trusts rated by core service on the
// Providers sheet (Report Type "CoreService"); every trust with its key questions, overall, Use of
// resources and Combined. Aggregates follow CQC's principles (bench/reference.mjs's aggregate()
// with the standard thresholds) except for about 3% that depart from them on purpose; a few
// ratings are "Inspected but not rated" or "Insufficient evidence to rate". DIR/expected.json says
// how many rows, locations, providers and deliberate departures (by level) were written.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { aggregate } from './reference.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '300000' },
    out: { type: 'string' },
    ods: { type: 'boolean', default: false },
    'no-csv': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const targetRows = Number(args.rows);
if (!args.out || !Number.isInteger(targetRows) || targetRows < 1) {
  console.error('usage: node bench/make-ratings-export.mjs --rows N --out DIR [--ods] [--no-csv] [--seed S]');
  process.exit(2);
}

// ---- a seeded generator (mulberry32) -----------------------------------------------------------
let seed = Number(args.seed) >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p) => random() < p;
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => Array.from({ length: n }, () => int(0, 9)).join('');
/** [[weight, value], ...] -> a value. */
function weighted(table) {
  let r = random() * table.reduce((sum, [w]) => sum + w, 0);
  for (const [w, value] of table) if ((r -= w) < 0) return value;
  return table[table.length - 1][1];
}

// ---- the columns, as CQC names them, in CQC's order ----------------------------------------------
const LOCATION_COLUMNS = [
  'Location ID', 'Location ODS Code', 'Location Name', 'Care Home?', 'Location Type',
  'Location Primary Inspection Category', 'Location Street Address', 'Location Address Line 2', 'Location City',
  'Location Post Code', 'Location Local Authority', 'Location Region', 'Location NHS Region',
  'Location ONSPD CCG Code', 'Location ONSPD CCG', 'Location Commissioning CCG Code', 'Location Commissioning CCG',
  'Service / Population Group', 'Domain', 'Latest Rating', 'Publication Date', 'Report Type',
  'Inherited Rating (Y/N)', 'URL', 'Provider ID', 'Provider Name', 'Brand ID', 'Brand Name',
];
// Modelled on the Locations sheet (the reader finds columns by name, so extra ones do no harm).
const PROVIDER_COLUMNS = [
  'Provider ID', 'Provider Name', 'Provider Type', 'Provider Primary Inspection Category',
  'Provider Street Address', 'Provider Address Line 2', 'Provider City', 'Provider Post Code',
  'Provider Local Authority', 'Provider Region', 'Provider NHS Region', 'Service / Population Group', 'Domain',
  'Latest Rating', 'Publication Date', 'Report Type', 'URL', 'Brand ID', 'Brand Name',
];
const DATE_COLUMN = { Locations: LOCATION_COLUMNS.indexOf('Publication Date'), Providers: PROVIDER_COLUMNS.indexOf('Publication Date') };
const BANNER = 'Care Quality Commission: latest ratings of every registered location and provider (synthetic data, not CQC\'s)';

// ---- places and names -----------------------------------------------------------------------------
const PLACES = [
  'Ashford', 'Barnsley', 'Bath', 'Bedford', 'Blackburn', 'Bolton', 'Bournemouth', 'Bradford', 'Brighton', 'Bristol',
  'Burnley', 'Cambridge', 'Canterbury', 'Carlisle', 'Chelmsford', 'Cheltenham', 'Chester', 'Colchester', 'Coventry',
  'Crawley', 'Darlington', 'Derby', 'Doncaster', 'Dudley', 'Durham', 'Exeter', 'Gateshead', 'Gloucester', 'Grimsby',
  'Guildford', 'Halifax', 'Harrogate', 'Hastings', 'Hereford', 'Huddersfield', 'Hull', 'Ipswich', 'Kendal', 'Lancaster',
  'Leeds', 'Leicester', 'Lincoln', 'Liverpool', 'Luton', 'Maidstone', 'Manchester', 'Middlesbrough', 'Milton Keynes',
  'Newcastle', 'Northampton', 'Norwich', 'Nottingham', 'Oldham', 'Oxford', 'Peterborough', 'Plymouth', 'Portsmouth',
  'Preston', 'Reading', 'Rochdale', 'Salisbury', 'Sheffield', 'Shrewsbury', 'Slough', 'Southampton', 'Stafford',
  'Stockport', 'Stoke-on-Trent', 'Sunderland', 'Swindon', 'Taunton', 'Telford', 'Torquay', 'Truro', 'Wakefield',
  'Walsall', 'Warrington', 'Watford', 'Wigan', 'Winchester', 'Wolverhampton', 'Worcester', 'Worthing', 'York',
];
const REGIONS = [
  ['London', 'London'], ['South East', 'South East'], ['South West', 'South West'],
  ['East of England', 'East of England'], ['East Midlands', 'Midlands'], ['West Midlands', 'Midlands'],
  ['North East', 'North East and Yorkshire'], ['Yorkshire and The Humber', 'North East and Yorkshire'],
  ['North West', 'North West'],
];
const STREETS = ['High Street', 'Church Road', 'Station Road', 'London Road', 'Park Avenue', 'Mill Lane', 'The Green',
  'Victoria Road', 'Manor Way', 'Queen\'s Drive', 'St Mary\'s Close'];
const SAINTS = ['St Mary\'s', 'St John\'s', 'St Luke\'s', 'Queen Elizabeth', 'Royal', 'General', 'Princess Alexandra'];

function address() {
  const place = pick(PLACES);
  const [region, nhsRegion] = pick(REGIONS);
  const ccg = `${int(0, 9)}${int(0, 9)}${String.fromCharCode(65 + int(0, 25))}`;
  return {
    place,
    street: `${int(1, 240)} ${pick(STREETS)}`,
    // Some with a comma (quoted in the CSV) or two spaces in a row (<text:s/> in the .ods).
    line2: chance(0.3) ? pick(['Unit 4, Riverside Park', 'Off  Main Road', 'Ground Floor', 'Block "B"']) : '',
    postcode: `${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}${int(1, 20)} ${int(1, 9)}${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}`,
    authority: `${place}`,
    region,
    nhsRegion,
    ccgCode: ccg,
    ccg: `NHS ${place} CCG`,
  };
}

// ---- ratings -------------------------------------------------------------------------------------
const WORD = {
  outstanding: 'Outstanding', good: 'Good', requires_improvement: 'Requires improvement', inadequate: 'Inadequate',
  inspected_not_rated: 'Inspected but not rated', insufficient_evidence: 'Insufficient evidence to rate',
};
const LADDER = ['inadequate', 'requires_improvement', 'good', 'outstanding'];
const QUESTIONS = ['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led'];
// CQC's standard thresholds by the number of rated ratings (as bench/reference.mjs holds them for its
// own use; the C++ core's rule set is the source of truth and reference.test.mjs checks the two agree).
const STANDARD = [
  { minRated: 1, inadequate: 1, requiresImprovement: 1, outstanding: 1 },
  { minRated: 4, inadequate: 2, requiresImprovement: 2, outstanding: 2 },
  { minRated: 9, inadequate: 3, requiresImprovement: 3, outstanding: 3 },
];
const COMBINED_2018 = [
  { minRated: 1, inadequate: 1, requiresImprovement: 1, outstanding: 1 },
  { minRated: 4, inadequate: 2, requiresImprovement: 3, outstanding: 2 },
  { minRated: 9, inadequate: 3, requiresImprovement: 3, outstanding: 3 },
];
const departures = { service: 0, location_key_question: 0, location: 0, trust_key_question: 0, trust: 0, combined: 0 };

/** A rating near `base`: itself mostly, else one step up or down. */
function near(base, stay = 0.72) {
  if (chance(stay)) return base;
  const i = LADDER.indexOf(base) + (chance(0.5) ? 1 : -1);
  return LADDER[Math.max(0, Math.min(3, i))];
}
function baseRating() {
  return weighted([[62, 'good'], [24, 'requires_improvement'], [8, 'outstanding'], [6, 'inadequate']]);
}
/** The aggregate of `inputs` (tokens; absent and not-rated left out), or a departure from it (~3%). */
function aggregated(inputs, level, bands = STANDARD) {
  const rules = aggregate(inputs.filter(Boolean), bands);
  if (rules === 'not_rated' || !chance(0.03)) return rules;
  departures[level]++;
  const i = LADDER.indexOf(rules);
  return LADDER[i === 3 ? 2 : i === 0 ? 1 : i + (chance(0.5) ? 1 : -1)];
}
/** A key question's rating: now and then published as not rated. */
function keyQuestion(base, notRated = 0.01) {
  if (chance(notRated)) return chance(0.5) ? 'inspected_not_rated' : 'insufficient_evidence';
  return near(base);
}
const rated = (token) => (LADDER.includes(token) ? token : null);

function date(from = 2015, to = 2025) {
  const y = int(from, to), m = int(1, 12), d = int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
const newest = (dates) => dates.reduce((a, b) => (a > b ? a : b));

// ---- the sheets' writers: CSV and content.xml --------------------------------------------------
const csvCell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const dmy = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

function xmlText(v) {
  const escaped = v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  // ODF collapses runs of spaces: the second and later are <text:s/>.
  return escaped.replace(/ {2,}/g, (run) => ` <text:s${run.length > 2 ? ` text:c="${run.length - 1}"` : ''}/>`);
}
function xmlCell(v, isDate, repeat) {
  const rep = repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : '';
  if (v === '') return `<table:table-cell${rep}/>`;
  if (isDate) {
    return `<table:table-cell${rep} table:style-name="ce1" office:value-type="date" office:date-value="${v}" ` +
      `calcext:value-type="date"><text:p>${dmy(v)}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${rep} office:value-type="string" calcext:value-type="string"><text:p>${xmlText(v)}` +
    '</text:p></table:table-cell>';
}
/** A row as LibreOffice writes it: equal neighbours merged, empty cells at the end left out. */
function xmlRow(cells, dateColumn) {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  let out = '<table:table-row table:style-name="ro1">';
  for (let i = 0; i < end;) {
    let j = i + 1;
    while (j < end && cells[j] === cells[i] && i !== dateColumn && j !== dateColumn) j++;
    out += xmlCell(cells[i], i === dateColumn, j - i);
    i = j;
  }
  return `${out}</table:table-row>`;
}

const OFFICE_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ' +
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"';
const CONTENT_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n' +
  `<office:document-content ${OFFICE_NS}><office:automatic-styles>` +
  '<style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="0.178in"/></style:style>' +
  '<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text>' +
  '<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>' +
  '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N37"/>' +
  '</office:automatic-styles><office:body><office:spreadsheet>';
const CONTENT_TAIL = '</office:spreadsheet></office:body></office:document-content>';
const MANIFEST = '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
  '</manifest:manifest>';

/** Output in large pieces: `write(text)` appends; flushed to `sink(bytes)` every 1 MiB. */
function buffered(sink) {
  let parts = [], size = 0;
  const flush = () => {
    if (size === 0) return;
    sink(Buffer.from(parts.join(''), 'utf8'));
    parts = [];
    size = 0;
  };
  return { write(text) { parts.push(text); size += text.length; if (size >= 1 << 20) flush(); }, flush };
}

fs.mkdirSync(args.out, { recursive: true });
const started = performance.now();
const files = {};

// The .ods: fflate's streaming zip, each piece written to the file as it comes.
let ods = null;
if (args.ods) {
  const file = path.join(args.out, 'latest-ratings.ods');
  const fd = fs.openSync(file, 'w');
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    fs.writeSync(fd, chunk);
    if (final) fs.closeSync(fd);
  });
  const mtime = new Date(2024, 0, 1);  // the same bytes on every run
  const mimetype = new ZipPassThrough('mimetype');
  mimetype.mtime = mtime;
  zip.add(mimetype);
  mimetype.push(strToU8('application/vnd.oasis.opendocument.spreadsheet'), true);
  const manifest = new ZipDeflate('META-INF/manifest.xml', { level: 6 });
  manifest.mtime = mtime;
  zip.add(manifest);
  manifest.push(strToU8(MANIFEST), true);
  const content = new ZipDeflate('content.xml', { level: 6 });
  content.mtime = mtime;
  zip.add(content);
  let xmlBytes = 0;
  const xml = buffered((bytes) => {
    xmlBytes += bytes.length;
    content.push(bytes);
  });
  xml.write(CONTENT_HEAD);
  // A "Read me" sheet first, as CQC's file has notes: the reader leaves it out.
  xml.write('<table:table table:name="Read me"><table:table-column/>');
  for (const line of [BANNER, 'Each row is one rating of a location (Locations) or a provider (Providers).',
    'Made by bench/make-ratings-export.mjs for benchmarks and tests.']) xml.write(xmlRow([line], -1));
  xml.write('</table:table>');
  ods = {
    file, xml, zip, content,
    sheet: null,
    begin(name, columns) {
      this.sheet = name;
      xml.write(`<table:table table:name="${name}"><table:table-column table:number-columns-repeated="${columns.length}"/>`);
    },
    row(cells) { xml.write(xmlRow(cells, DATE_COLUMN[this.sheet] ?? -1)); },
    end() {
      // The empty rows to the sheet's end, as LibreOffice writes them.
      xml.write('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>');
    },
    finish() {
      xml.write(CONTENT_TAIL);
      xml.flush();
      if (xmlBytes >= 2 ** 32) throw new Error('content.xml is over 4 GiB: fewer rows, please (zip64 is not written)');
      content.push(new Uint8Array(0), true);
      zip.end();
      return xmlBytes;
    },
  };
}

/** One sheet's CSV writer (none with --no-csv). */
function csvSheet(name, columns) {
  if (args['no-csv']) return { row() {}, finish() {} };
  const file = path.join(args.out, `${name}.csv`);
  const fd = fs.openSync(file, 'w');
  const out = buffered((bytes) => fs.writeSync(fd, bytes));
  out.write(`${csvCell(BANNER)}\r\n${columns.map(csvCell).join(',')}\r\n`);
  const dateColumn = DATE_COLUMN[name];
  return {
    row(cells) { out.write(`${cells.map((v, i) => csvCell(i === dateColumn ? dmy(v) : v)).join(',')}\r\n`); },
    finish() { out.flush(); fs.closeSync(fd); files[name] = file; },
  };
}

// ---- the data: locations written as they are made; providers' rows kept (a few %) ------------------
const locationsCsv = csvSheet('Locations', LOCATION_COLUMNS);
if (ods) {
  ods.begin('Locations', LOCATION_COLUMNS);
  ods.row([BANNER]);
  ods.row(LOCATION_COLUMNS);
}
const providerRows = [];
let locationRows = 0, locations = 0, providers = 0, nextId = 100000000;
const trustCodes = new Set();

function locationRow(loc, service, domain, token, when) {
  const cells = [
    loc.id, loc.ods, loc.name, loc.careHome, loc.type, loc.category, loc.addr.street, loc.addr.line2, loc.addr.place,
    loc.addr.postcode, loc.addr.authority, loc.addr.region, loc.addr.nhsRegion, loc.addr.ccgCode, loc.addr.ccg,
    loc.addr.ccgCode, loc.addr.ccg, service, domain, WORD[token], when, 'Location', loc.inherited ? 'Y' : 'N',
    `https://www.cqc.org.uk/location/${loc.id}`, loc.provider.id, loc.provider.name, loc.provider.brandId,
    loc.provider.brandName,
  ];
  locationsCsv.row(cells);
  ods?.row(cells);
  locationRows++;
}
function providerRow(p, service, domain, token, when, reportType) {
  providerRows.push([
    p.id, p.name, p.type, p.category, p.addr.street, p.addr.line2, p.addr.place, p.addr.postcode, p.addr.authority,
    p.addr.region, p.addr.nhsRegion, service, domain, WORD[token], when, reportType,
    `https://www.cqc.org.uk/provider/${p.id}`, p.brandId, p.brandName,
  ]);
}
/** Overall and the key questions of one service (or "Overall") of a location. */
function writeGrid(loc, service, grid, when) {
  if (grid.overall) locationRow(loc, service, 'Overall', grid.overall, when);
  QUESTIONS.forEach((q, i) => grid.kq[i] && locationRow(loc, service, q, grid.kq[i], when));
}

/** A care home, GP practice, dentist...: Overall x (Overall and the five key questions). */
function smallLocation() {
  const kind = weighted([
    [45, ['Y', 'Social Care Org', 'Residential social care', 'Care Home']],
    [25, ['N', 'Social Care Org', 'Community based adult social care services', 'Home Care']],
    [20, ['N', 'Primary Medical Services', 'GP Practices', 'Surgery']],
    [5, ['N', 'Independent Healthcare Org', 'Independent consulting doctors', 'Clinic']],
    [5, ['N', 'Primary Dental Care', 'Dentists', 'Dental Practice']],
  ]);
  const addr = address();
  const provider = {
    id: `1-${nextId++}`, name: `${pick(['Sunrise', 'Oakleaf', 'Meadow', 'Heritage', 'Cedar'])} ${kind[3]} Ltd`,
    brandId: chance(0.3) ? `BD${int(100, 999)}` : '-', brandName: '',
  };
  provider.brandName = provider.brandId === '-' ? '-' : `BRAND ${provider.name.split(' ')[0]}`;
  const loc = {
    id: `1-${nextId++}${digits(2)}`, ods: kind[2] === 'GP Practices' ? `${String.fromCharCode(65 + int(0, 25))}${int(10000, 99999)}` : '',
    name: `${chance(0.2) ? pick(SAINTS) : addr.place} ${kind[3]}`, careHome: kind[0], type: kind[1], category: kind[2],
    addr, provider, inherited: chance(0.04),
  };
  const base = baseRating();
  const kq = QUESTIONS.map(() => keyQuestion(base));
  if (chance(0.02)) kq[int(0, 4)] = null;  // a key question the data does not list
  const overall = chance(0.005) ? 'inspected_not_rated' : aggregated(kq.map(rated), 'location');
  writeGrid(loc, 'Overall', { overall, kq }, date());
  locations++;
}

const ACUTE_SERVICES = [
  'Urgent and emergency services', 'Medical care (including older people\'s care)', 'Surgery', 'Critical care',
  'Maternity', 'Services for children and young people', 'End of life care', 'Outpatients', 'Diagnostic imaging',
  'Gynaecology',
];
const CORE_SERVICES = [
  'Acute wards for adults of working age and psychiatric intensive care units', 'Community-based mental health services for adults of working age',
  'Wards for older people with mental health problems', 'Mental health crisis services and health-based places of safety',
  'Community health services for adults', 'Community health services for children and young people',
  'Community health inpatient services', 'Child and adolescent mental health wards',
];

/** One service's grid: the five key questions and the overall from them. */
function serviceGrid(name, base) {
  const kq = QUESTIONS.map((q) => (q === 'Caring' ? near(base === 'inadequate' ? 'requires_improvement' : 'good', 0.8) : keyQuestion(base, 0.03)));
  if (name === 'Outpatients' || name === 'Diagnostic imaging' || chance(0.1)) kq[1] = chance(0.7) ? null : 'inspected_not_rated';
  return { name, kq, overall: aggregated(kq.map(rated), 'service') };
}

/** The trust's own rows: key questions from its locations' or core services', well-led, overall, UoR, combined. */
function trustRows(trust, grids, base, when) {
  const kq = QUESTIONS.map((q, i) => (q === 'Well-led' ? near(base) : aggregated(grids.map((g) => rated(g.kq[i])), 'trust_key_question')));
  const overall = aggregated(kq.map(rated), 'trust');
  QUESTIONS.forEach((q, i) => kq[i] && providerRow(trust, 'Overall', q, kq[i], when, 'Provider'));
  providerRow(trust, 'Overall', 'Overall', overall, when, 'Provider');
  if (chance(0.85)) {
    const uor = near(base);
    const combined = rated(overall) ? aggregated([...kq.map(rated), uor], 'combined', COMBINED_2018) : null;
    providerRow(trust, 'Overall', 'Use of resources', uor, when, 'Provider');
    if (combined && combined !== 'not_rated') providerRow(trust, 'Overall', 'Combined quality and use of resources', combined, when, 'Provider');
  }
}

function nhsTrust() {
  const acute = chance(0.65);
  let code;  // an NHS trust's ID is its ODS code: R and three letters or digits, each trust its own
  do code = `R${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}${int(0, 9)}`;
  while (trustCodes.has(code));
  trustCodes.add(code);
  const addr = address();
  const trust = {
    id: code, name: `${addr.place} ${acute ? 'Hospitals' : pick(['Mental Health', 'Community Healthcare'])} NHS ${chance(0.5) ? 'Foundation ' : ''}Trust`,
    type: 'NHS Healthcare Organisation', category: acute ? 'Acute hospital - NHS non-specialist' : 'Mental health - community & hospital based',
    addr, brandId: '-', brandName: '-',
  };
  const base = baseRating();
  const when = date(2017, 2025);
  const grids = [];
  if (acute) {
    for (let h = 0, hospitals = int(2, 5); h < hospitals; h++) {
      const haddr = { ...address(), region: addr.region, nhsRegion: addr.nhsRegion };
      const loc = {
        id: `${code}${String(h + 1).padStart(2, '0')}`, ods: `${code}${String(h + 1).padStart(2, '0')}`,
        name: `${pick(SAINTS)} Hospital, ${haddr.place}`, careHome: 'N', type: 'NHS Healthcare Organisation',
        category: trust.category, addr: haddr, provider: trust, inherited: false,
      };
      const services = ACUTE_SERVICES.slice(0, int(8, 10)).map((name) => ({ ...serviceGrid(name, near(base, 0.6)), when: date(2016, 2025) }));
      const kq = QUESTIONS.map((_, i) => aggregated(services.map((s) => rated(s.kq[i])), 'location_key_question'));
      const overall = aggregated(kq.map(rated), 'location');
      const locWhen = newest(services.map((s) => s.when));
      writeGrid(loc, 'Overall', { overall, kq }, locWhen);
      for (const s of services) writeGrid(loc, s.name, s, s.when);
      grids.push({ kq });
      locations++;
    }
  } else {
    for (const name of CORE_SERVICES.slice(0, int(4, 8))) {
      const s = serviceGrid(name, near(base, 0.6));
      const sWhen = date(2016, 2025);
      QUESTIONS.forEach((q, i) => s.kq[i] && providerRow(trust, name, q, s.kq[i], sWhen, 'CoreService'));
      providerRow(trust, name, 'Overall', s.overall, sWhen, 'CoreService');
      grids.push(s);
    }
  }
  trustRows(trust, grids, base, when);
  providers++;
}

// Until the rows asked for are written: about 1 entity in 330 a trust (~150 trusts per 300 000 rows).
while (locationRows + providerRows.length < targetRows) {
  if (chance(0.003)) nhsTrust();
  else smallLocation();
}
locationsCsv.finish();
if (ods) ods.end();

const providersCsv = csvSheet('Providers', PROVIDER_COLUMNS);
if (ods) {
  ods.begin('Providers', PROVIDER_COLUMNS);
  ods.row([BANNER]);
  ods.row(PROVIDER_COLUMNS);
}
for (const cells of providerRows) {
  providersCsv.row(cells);
  ods?.row(cells);
}
providersCsv.finish();
if (ods) {
  ods.end();
  const xmlBytes = ods.finish();
  files.ods = ods.file;
  files.contentXmlBytes = xmlBytes;
}

const expected = {
  seed: Number(args.seed), rows: locationRows + providerRows.length, locationRows, providerRows: providerRows.length,
  locations, trusts: providers, deliberateDepartures: departures,
};
fs.writeFileSync(path.join(args.out, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
const sizes = Object.entries(files).filter(([k]) => k !== 'contentXmlBytes')
  .map(([, f]) => `${path.basename(f)} ${(fs.statSync(f).size / 1e6).toFixed(1)} MB`);
if (files.contentXmlBytes) sizes.push(`(content.xml ${(files.contentXmlBytes / 1e6).toFixed(1)} MB uncompressed)`);
console.log(`${expected.rows} rows (${locationRows} Locations, ${providerRows.length} Providers), ${locations} locations, ` +
  `${providers} trusts in ${((performance.now() - started) / 1000).toFixed(1)} s: ${sizes.join(', ')}`);
