// Types of the assessment module's API (assessment-api.mjs). The JSON shape
// is pinned by core/schema/assessment-v2.schema.json and
// assessment-result-v2.schema.json; tests/wasm/assessment.test.mjs checks
// these types against the module's real outputs with TypeScript.
import type { RatingToken, RuleSet } from './ratings-api.d.mts';

export type TrustType = 'acute_non_specialist' | 'acute_specialist' | 'mental_health' | 'community' | 'ambulance';
export type Enforcement = 'requirement_notice' | 'warning_notice' | 'condition_of_registration';
export type Level = 'service_key_question' | 'service' | 'location_key_question' | 'location' | 'trust_key_question'
  | 'quality' | 'use_of_resources' | 'combined';
type Five<T> = Partial<Record<'safe' | 'effective' | 'caring' | 'responsive' | 'well_led', T>>;

export interface JudgementInput { rating: string; rationale: string }
export interface DatedRating { rating: string; date?: string | null; as_published?: string | null }
export interface KeyQuestionInput extends Partial<DatedRating> {
  enforcement?: Enforcement | '' | null;
  judgement?: JudgementInput | null;
  history?: DatedRating[] | null;
}
export interface ServiceInput {
  id: string;
  name?: string | null;
  significantly_small?: boolean | null;
  rationale?: string | null;
  joined_on?: string | null;
  key_questions?: Five<KeyQuestionInput | null>;
  judgement?: JudgementInput | null;
}
export interface LocationInput {
  id: string;
  name?: string | null;
  joined_on?: string | null;
  services?: ServiceInput[];
  judgement?: (Five<JudgementInput | null> & { overall?: JudgementInput | null }) | null;
}
export interface AssessmentDocument {
  trust?: { name?: string; type?: TrustType };
  as_at?: string | null;
  locations?: LocationInput[];
  services?: ServiceInput[];
  well_led?: KeyQuestionInput | null;
  use_of_resources?: KeyQuestionInput | null;
  judgement?: Five<JudgementInput | null> & { quality?: JudgementInput | null; combined?: JudgementInput | null };
  rules?: { quality?: RuleSet | string | null; combined?: RuleSet | string | null } | null;
  options?: { trust_key_questions_from_services?: boolean | null; joined_exclusion_months?: number } | null;
}

export interface AssessedNode {
  id: string;
  level: Level;
  subject: string;
  rating: RatingToken;
  label: string;
  final: RatingToken;
  inputs: string[];
  date: string | null;
  limit: { reason: Enforcement; before: RatingToken } | null;
  not_awarded: 'use_of_resources_not_rated' | 'shadow_assessment' | 'quality_not_rated' | null;
  judgement: { rating: RatingToken; rationale: string; departs: boolean; text: string } | null;
  summary: string | null;
  explanation: {
    rule_set: string;
    rated: number;
    decided_by: string;
    principles: { principle: string; applies: boolean; decided: boolean; count: number; threshold: number; text: string }[];
  } | null;
}
export interface Assessment {
  version: 2;
  trust: { name: string; type: TrustType };
  as_at: string | null;
  nodes: AssessedNode[];
  notes: { node: string; code: string; text: string }[];
}
export interface AssessmentError {
  error: string;
  errors: { field: string; message: string }[];
}

export interface AssessmentApi {
  /** The document (an object or JSON text), as at a date (YYYY-MM-DD) or its own. Never throws. */
  assess(document: AssessmentDocument | string, asAt?: string): Assessment | AssessmentError;
}
export declare function loadAssessment(options?: { wasmBinary?: ArrayBuffer | Uint8Array }): Promise<AssessmentApi>;
