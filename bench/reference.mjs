// A plain, hand-written JavaScript version of the rating rules, written only
// as a comparison point for the benchmarks (how fast would the simplest JS
// be?). It is NOT used by the calculator: the C++ core is the one source of
// truth, and reference.test.mjs checks this file against it.
// Rules: ../shared/spec/ratings-principles.md sections 2 and 3.

const QUALITY_QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'];

// Thresholds ("X") by the number of rated ratings N: 1-3, 4-8, 9 or more.
const STANDARD = [
  { minRated: 1, inadequate: 1, requiresImprovement: 1, outstanding: 1 },
  { minRated: 4, inadequate: 2, requiresImprovement: 2, outstanding: 2 }, // the rule of two
  { minRated: 9, inadequate: 3, requiresImprovement: 3, outstanding: 3 },
];
// 2018 combined rating: three (not two) requires improvement ratings limit it.
const COMBINED_2018 = [
  { minRated: 1, inadequate: 1, requiresImprovement: 1, outstanding: 1 },
  { minRated: 4, inadequate: 2, requiresImprovement: 3, outstanding: 2 },
  { minRated: 9, inadequate: 3, requiresImprovement: 3, outstanding: 3 },
];

// The principles, in order; the first that applies decides. Ratings are
// tokens: outstanding, good, requires_improvement, inadequate, not_rated.
export function aggregate(ratings, bands) {
  let outstanding = 0, good = 0, requiresImprovement = 0, inadequate = 0;
  for (const rating of ratings) {
    if (rating === 'outstanding') outstanding++;
    else if (rating === 'good') good++;
    else if (rating === 'requires_improvement') requiresImprovement++;
    else if (rating === 'inadequate') inadequate++;
    // not_rated is left out of every count
  }
  const rated = outstanding + good + requiresImprovement + inadequate;
  if (rated === 0) return 'not_rated';
  let band = bands[0];
  for (const b of bands) if (b.minRated <= rated) band = b;

  if (inadequate >= band.inadequate) return 'inadequate';
  if (inadequate >= 1) return 'requires_improvement'; // limiter: any inadequate
  if (requiresImprovement >= band.requiresImprovement) return 'requires_improvement';
  if (outstanding >= band.outstanding && inadequate + requiresImprovement === 0) return 'outstanding';
  return 'good';
}

// {safe, effective, caring, responsive, well_led, use_of_resources} -> the
// quality rating and the combined rating (null when none is awarded: UoR not
// rated, or nothing rated for quality). No dates, judgements or rule variants.
export function rate(request) {
  const qualityRatings = QUALITY_QUESTIONS.map((q) => request[q]);
  const quality = aggregate(qualityRatings, STANDARD);
  let combined = null;
  if (request.use_of_resources !== 'not_rated' && quality !== 'not_rated') {
    combined = aggregate([...qualityRatings, request.use_of_resources], COMBINED_2018);
  }
  return { quality, combined };
}
