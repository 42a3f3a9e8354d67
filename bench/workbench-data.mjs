// A synthetic trust for the workbench's benchmark and tests: `locations`
// hospitals of `services` core services each, every key question rated and
// dated, as an assessment document (contract version 2). Seeded, so every run
// builds the same trust. Ratings mostly good, some requires improvement, a few
// outstanding and inadequate, as CQC's reports look.
//
//   import { syntheticTrust } from './workbench-data.mjs';
//   const doc = syntheticTrust({ locations: 10, services: 12 });
import { CORE_SERVICES } from '../web/src/core-services.mjs';

const QUESTIONS = ['safe', 'effective', 'caring', 'responsive', 'well_led'];

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rating(next) {
  const x = next();
  if (x < 0.08) return 'outstanding';
  if (x < 0.72) return 'good';
  if (x < 0.95) return 'requires_improvement';
  return 'inadequate';
}

export function syntheticTrust({ locations = 10, services = 12, seed = 1, dates = true } = {}) {
  const next = random(seed);
  const core = CORE_SERVICES.acute_non_specialist;
  const date = (i) => (dates ? `20${19 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}` : undefined);
  const withDate = (r, i) => (dates ? { rating: r, date: date(i) } : { rating: r });
  return {
    trust: { name: `Synthetic NHS Trust (${locations} × ${services})`, type: 'acute_non_specialist' },
    locations: Array.from({ length: locations }, (_, l) => ({
      id: `L${l + 1}`,
      name: `Hospital ${l + 1}`,
      services: Array.from({ length: services }, (_, s) => {
        const known = core[s];
        return {
          id: known ? known.id : `extra-${s + 1}`,
          name: known ? known.name : `Additional service ${s + 1}`,
          key_questions: Object.fromEntries(QUESTIONS.map((q) => [q, withDate(rating(next), l)])),
        };
      }),
    })),
    well_led: withDate('good', 0),
    use_of_resources: withDate('good', 1),
  };
}
