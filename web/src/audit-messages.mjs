// The audit page's words for what the core says about CQC's data files: the
// core names a problem's place by the record's field path
// ("currentRatings.serviceRatings[2].keyQuestionRatings[0].rating") or the
// export's column, and writes for developers; this turns them into words for
// people. Beside messages.mjs (the calculator's), not in it, so the
// calculator page does not download the audit's words.

const API_FIELD_WORDS = {
  currentRatings: 'the current ratings',
  historicRatings: 'the earlier reports',
  overall: 'the overall rating',
  serviceRatings: 'the service ratings',
  keyQuestionRatings: 'the key question ratings',
  rating: 'the rating',
  reportDate: 'the report date',
  name: 'the name',
  locationId: 'the location ID',
  providerId: 'the provider ID',
  type: 'the type',
  inspectionCategories: 'the inspection categories',
  inspectionAreas: 'the inspection areas',
  inspectionAreaId: 'the inspection area ID',
  inspectionAreaName: 'the inspection area name',
};
const API_ITEM_WORDS = {
  historicRatings: 'earlier report',
  serviceRatings: 'service',
  keyQuestionRatings: 'key question',
  inspectionCategories: 'inspection category',
  inspectionAreas: 'inspection area',
};

/**
 * A field of a CQC API record, as the core names it
 * ("currentRatings.serviceRatings[2].keyQuestionRatings[0].rating"), in words:
 * "the rating of key question 1 of service 3 of the current ratings". A
 * column of the export ("Latest Rating") is named as CQC names it.
 */
export function dataFieldWords(field) {
  const parts = String(field).split('.');
  const steps = parts.map((part) => /^(\w+)(?:\[(\d+)\])?$/.exec(part));
  if (!field || steps.some((m) => !m || !(m[1] in API_FIELD_WORDS))) return `the column "${field}"`;
  return steps.reverse().map(([, name, index]) => (index === undefined
    ? API_FIELD_WORDS[name] : `${API_ITEM_WORDS[name] ?? name} ${Number(index) + 1}`)).join(' of ');
}

/**
 * A problem the core found in a data file ({source, line, column, record,
 * location_id, field, message}) as {where, text}: where it is, in words a
 * person can find it by, and the core's sentence with its field path put into
 * words and its own "where" prefix dropped (the page shows `where` instead).
 */
export function auditProblemText(problem) {
  const where = [problem.source || 'The files'];
  if (problem.line) where.push(`line ${problem.line.toLocaleString('en-GB')}`);
  else if (problem.record !== null && problem.record !== undefined) where.push(`record ${(problem.record + 1).toLocaleString('en-GB')}`);
  if (problem.column) where.push(problem.field ? `column "${problem.field}"` : `column ${problem.column}`);
  if (problem.location_id) where.push(`location ${problem.location_id}`);
  let text = String(problem.message ?? '');
  if (problem.source && text.startsWith(`${problem.source}: `)) text = text.slice(problem.source.length + 2);
  text = text.replace(/^(?:line|record) \d+(?: \(locationId "[^"]*"\))?: /, '');
  if (problem.field) {
    const quoted = `field "${problem.field}"`;
    if (text.includes(quoted)) text = text.replace(quoted, dataFieldWords(problem.field));
  }
  text = text.replace(/^the record /, 'The record ');
  return { where: where.join(', '), text: text.charAt(0).toUpperCase() + text.slice(1) };
}

/** A file over the page's limit, or the audit's other failures, come as the worker's own sentences. */
export const AUDIT_WORKER_FAILED = 'Part of this page did not arrive, so the files could not be read. '
  + 'This can happen when the connection drops, or in a browser too old to run it. Choose the files again to try again.';
