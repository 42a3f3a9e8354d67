// Reads the rows of tests/bad-inputs.md, so the catalogue and its tests are one table.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const table = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bad-inputs.md');

/** [{surface, kind, input, expect}] for every row of the table (expect 'OK' = accepted). */
export function badInputRows() {
  return fs.readFileSync(table, 'utf8').split('\n')
    .filter((line) => /^\| [a-z-]+ \|/.test(line) && !line.startsWith('| surface'))
    .map((line) => {
      // Cells are split on " | ", which never occurs inside an input.
      const [surface, kind, input, expect] = line.slice(2, -2).split(' | ');
      return { surface, kind, input: input.replace(/^`|`$/g, ''), expect };
    });
}
