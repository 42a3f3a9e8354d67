// An .ods spreadsheet (what CQC publishes its Latest ratings in) opened as it
// streams in: the zip read with fflate, its content.xml inflated piece by
// piece and read by saxes, a streaming XML parser, and each table (sheet)
// written out as CSV text, one record per sheet row, for the core's export
// reader. The page's file handling only: which cell holds what, and the
// ratings, are the core's to read.
//
//   const ods = odsSheets({ begin(name), text(csv), end() });
//   ods.push(bytes); ...; ods.push(lastBytes, true);   // throws OdsError on a bad file
//
// Rows: a row repeated n times (table:number-rows-repeated) is written n
// times; blank rows are written as blank lines only when data follows them,
// so line numbers stay the sheet's row numbers and the thousands of empty
// rows a spreadsheet keeps at the end cost nothing. Cells the same way
// (table:number-columns-repeated; empty trailing cells dropped). A cell's
// text: its paragraphs joined with a space, text:s as its spaces, tabs and
// line breaks as a space (so one CSV line is one sheet row); a date cell is
// its office:date-value, date part only (YYYY-MM-DD). Notes (office:annotation)
// are not cell text.
//
// Sheets: as the CLI's .ods reader (cli/ods_reader.cpp) chooses them, so both
// give the same audit: a sheet goes to the core once a row holds a "Location
// ID" or "Provider ID" cell (its header), with the rows above it; a sheet
// without one among its first rows (as many as the export reader allows
// banner rows, plus one) is left out unless its name says Locations or
// Providers (then the core reports what is wrong with it). A file with no such
// sheet is an OdsError naming the sheets it has.
import { Unzip, UnzipInflate } from './vendor/fflate.mjs';
import { SaxesParser } from './vendor/saxes.mjs';

export class OdsError extends Error {}

// Past this many characters of CSV a sheet's text is handed on (and the memory reused).
const FLUSH_CHARS = 1 << 20;
// The banner rows the core's export reader allows above the header (kMaxBannerRows).
const MAX_BANNER_ROWS = 20;

// Letters and digits only, lower case: "Location ID" -> "locationid".
const folded = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const looksLikeHeader = (texts) => texts.some((t) => t.length <= 24 && ['locationid', 'providerid'].includes(folded(t)));

function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV writer for content.xml's XML text, in pieces. */
function contentReader(sink) {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let table = null;      // the open table's name, or null outside one
  let state = 'looking'; // the open table: 'looking' for its header, 'passing' to the core, 'dropped'
  let heldRows = 0;      // rows with data held while looking
  let csv = '';          // CSV not yet handed on (while looking: the rows held)
  const read = [];       // the sheets handed on
  const skipped = [];    // and those left out
  let blankRows = 0;     // blank rows seen since the last row with data
  let row = null;        // the open row: {cells, emptyCells, repeat}
  let cell = null;       // the open cell: {parts, paragraph, repeat, date}
  let inParagraph = 0;   // depth of text:p / text:h inside the open cell
  let inNote = 0;        // depth of office:annotation (not cell text)

  const flush = () => {
    if (csv) sink.text(csv);
    csv = '';
  };
  const pass = () => {
    state = 'passing';
    read.push(table);
    sink.begin(table);
  };
  const decide = () => {
    if (/location|provider/.test(folded(table))) {
      pass();
    } else {
      state = 'dropped';
      skipped.push(table);
      csv = '';
    }
  };
  const addCell = (text, repeat) => {
    if (text === '') {
      row.emptyCells += repeat;
      return;
    }
    for (; row.emptyCells > 0; row.emptyCells--) row.cells.push('');
    const field = csvField(text);
    for (let i = 0; i < repeat; i++) row.cells.push(field);
    if (state === 'looking') row.texts.push(text);
  };
  const endRow = () => {
    if (row.cells.length === 0) {
      blankRows += row.repeat;
    } else if (state !== 'dropped') {
      if (state === 'looking' && looksLikeHeader(row.texts)) pass();
      if (blankRows) csv += '\n'.repeat(blankRows);
      blankRows = 0;
      const line = `${row.cells.join(',')}\n`;
      for (let i = 0; i < row.repeat; i++) csv += line;
      if (state === 'looking') {
        heldRows += row.repeat;
        if (heldRows > MAX_BANNER_ROWS) decide();
      }
      if (state === 'passing' && csv.length >= FLUSH_CHARS) flush();
    }
    row = null;
  };
  const repeat = (value) => {
    const n = Number(value ?? 1);
    return Number.isSafeInteger(n) && n >= 1 ? n : 1;
  };

  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (inNote) {
      if (name === 'office:annotation') inNote++;
      return;
    }
    switch (name) {
      case 'table:table':
        if (table !== null) return; // a table inside a cell: its text is not this sheet's rows
        table = String(tag.attributes['table:name'] ?? '');
        blankRows = 0;
        heldRows = 0;
        csv = '';
        state = 'looking';
        return;
      case 'table:table-row':
        if (table !== null && !row) {
          row = { cells: [], texts: [], emptyCells: 0, repeat: repeat(tag.attributes['table:number-rows-repeated']) };
        }
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (!row || cell) return;
        const a = tag.attributes;
        const date = a['office:value-type'] === 'date' && typeof a['office:date-value'] === 'string'
          ? a['office:date-value'].slice(0, 10) : null;
        cell = { parts: [], paragraph: '', repeat: repeat(a['table:number-columns-repeated']), date };
        return;
      }
      case 'office:annotation':
        if (cell) inNote = 1;
        return;
      case 'text:p':
      case 'text:h':
        if (cell && inParagraph++ === 0) cell.paragraph = '';
        return;
      case 'text:s':
        if (cell && inParagraph) cell.paragraph += ' '.repeat(Math.min(repeat(tag.attributes['text:c']), 1000));
        return;
      case 'text:tab':
      case 'text:line-break':
        if (cell && inParagraph) cell.paragraph += ' ';
        return;
      default:
    }
  });
  parser.on('text', (text) => {
    if (cell && inParagraph && !inNote) cell.paragraph += text;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (inNote) {
      if (name === 'office:annotation') inNote--;
      return;
    }
    switch (name) {
      case 'text:p':
      case 'text:h':
        if (cell && inParagraph && --inParagraph === 0) cell.parts.push(cell.paragraph);
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (!cell) return;
        addCell(cell.date ?? cell.parts.join(' ').replace(/[\r\n\t]/g, ' '), cell.repeat);
        cell = null;
        inParagraph = 0;
        return;
      case 'table:table-row':
        if (row && !cell) endRow();
        return;
      case 'table:table':
        if (table === null || row || cell) return;
        if (state === 'looking') decide();
        if (state === 'passing') {
          flush();
          sink.end();
        }
        table = null;
        return;
      default:
    }
  });
  let failure = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  const check = () => {
    if (failure) throw new OdsError(`its content.xml is not well-formed XML (${failure.message.split('\n')[0]})`);
  };
  return {
    write(text) {
      parser.write(text);
      check();
    },
    close() {
      parser.close();
      check();
      if (table !== null) throw new OdsError(`its sheet "${table}" ends early`);
      if (read.length === 0) {
        throw new OdsError('it has no sheet of CQC\'s Latest ratings export (one named Locations or Providers, or with a '
          + `header row holding Location ID or Provider ID); ${skipped.length ? `its sheets: ${skipped.map((n) => `"${n}"`).join(', ')}` : 'it has no sheets'}`);
      }
    },
  };
}

/**
 * Reads an .ods file pushed in pieces; `sink` gets begin(sheetName),
 * text(csv) any number of times, end() for each sheet, in order.
 */
export function odsSheets(sink) {
  const decoder = new TextDecoder('utf-8');
  const xml = contentReader(sink);
  let found = false;   // content.xml seen
  let done = false;    // and read to its end
  let failure = null;
  const unzip = new Unzip((file) => {
    if (file.name !== 'content.xml' || found) return;
    found = true;
    file.ondata = (error, data, final) => {
      if (failure) return;
      try {
        if (error) throw new OdsError(`its content.xml cannot be unpacked (${error.message})`);
        xml.write(decoder.decode(data, { stream: !final }));
        if (final) {
          xml.close();
          done = true;
        }
      } catch (e) {
        failure = e;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  return {
    push(bytes, final = false) {
      if (failure) throw failure;
      try {
        unzip.push(bytes, final);
      } catch (e) {
        failure ??= e instanceof OdsError ? e
          : new OdsError(e?.code === 13 || e?.code === 0
            ? 'it ends early: the .ods file is cut short (was it copied or downloaded completely?)'
            : `it cannot be unpacked as a zip file (${e?.message ?? e})`);
      }
      if (failure) throw failure;
      if (final && !found) throw new OdsError('it is a zip file but not an OpenDocument spreadsheet: it has no content.xml');
      if (final && !done) throw new OdsError('it ends early: the .ods file is cut short (was it copied or downloaded completely?)');
    },
  };
}
