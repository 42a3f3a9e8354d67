// Hand-written types for ratings-api.mjs (Emscripten 3.1.6 cannot emit them).
// Checked by tests/wasm/api-usage.ts with `tsc --noEmit`.

export type RatingToken = 'outstanding' | 'good' | 'requires_improvement' | 'inadequate' | 'not_rated';
export type FinalRatingToken = Exclude<RatingToken, 'not_rated'>;
export type QuestionToken =
  | 'safe' | 'effective' | 'caring' | 'responsive' | 'well_led' | 'use_of_resources';
export type PrincipleToken =
  | 'nothing_rated' | 'inadequate' | 'inadequate_limiter' | 'requires_improvement_limiter'
  | 'outstanding' | 'good';

export interface Band {
  min_rated: number;
  inadequate: number;
  requires_improvement: number;
  outstanding: number;
}
export interface RuleSet {
  name: string;
  title?: string;
  bands: Band[];
  single_inadequate_limits?: boolean;
  outstanding_needs_rest_good?: boolean;
}
export interface RulesConfig {
  quality?: RuleSet | string;
  combined?: RuleSet | string;
}
export interface JudgementInput {
  rating: FinalRatingToken | string;
  rationale: string;
}

/** The six ratings are required; labels such as "Requires improvement" are accepted too. */
export type Request = Record<QuestionToken, RatingToken | string> & {
  uor_assessed_on?: string | null;
  judgement?: { quality?: JudgementInput | null; combined?: JudgementInput | null } | null;
  rules?: RulesConfig | null;
};

export interface PrincipleCheck {
  principle: PrincipleToken;
  label: string;
  enabled: boolean;
  applies: boolean;
  decided: boolean;
  count: number;
  threshold: number;
  text: string;
}
export interface Explanation {
  rule_set: string;
  rated: number;
  counts: Record<RatingToken, number>;
  thresholds: { inadequate: number; requires_improvement: number; outstanding: number };
  decided_by: PrincipleToken;
  principles: PrincipleCheck[];
}
export interface Change {
  question: QuestionToken;
  from: RatingToken;
  to: FinalRatingToken;
}
export interface WhatIf {
  changes: Change[];
  rating: FinalRatingToken;
  text: string;
}
export interface WhatIfs {
  up: WhatIf[];
  down: WhatIf[];
}
export interface Judgement {
  rating: FinalRatingToken;
  label: string;
  rationale: string;
  departs: boolean;
  text: string;
}
export interface AggregateResult {
  rating: RatingToken;
  label: string;
  summary: string;
  explanation: Explanation;
  what_if: WhatIfs;
  judgement: Judgement | null;
}
export type CombinedResult =
  | (Omit<AggregateResult, 'rating'> & {
      rating: FinalRatingToken;
      reason: null;
      reason_code: null;
      rule_of_two: { rule_set: string; rating: RatingToken; differs: boolean; text: string };
    })
  | {
      rating: null;
      label: string;
      summary: string;
      explanation: null;
      what_if: null;
      judgement: null;
      reason: string;
      reason_code: 'use_of_resources_not_rated' | 'shadow_assessment' | 'quality_not_rated';
      rule_of_two: null;
    };
export interface Result {
  ratings: Record<QuestionToken, RatingToken>;
  quality: AggregateResult;
  use_of_resources: { rating: RatingToken; label: string; assessed_on: string | null; shadow: boolean };
  combined: CombinedResult;
  rules: { quality: string; combined: string };
  warnings: string[];
}
export interface FieldError {
  field: string;
  message: string;
}
export interface ErrorResult {
  error: string;
  errors: FieldError[];
}
export interface ParamsResult {
  values: Partial<Record<QuestionToken, RatingToken>> & {
    uor_assessed_on?: string;
    judgement?: { quality?: Partial<JudgementInput>; combined?: Partial<JudgementInput> };
    /** Only the rule sets that decide differently from CQC's (absent when the link's rules are CQC's). */
    rules?: { quality?: RuleSet; combined?: RuleSet };
  };
  ignored: { param: string; message: string }[];
}
export interface Vocabulary {
  questions: { token: QuestionToken; label: string; quality: boolean }[];
  ratings: { token: RatingToken; label: string }[];
  /** Limits a form can show before the core rejects anything. */
  limits: { rationale_chars: number };
}

export declare class RatingsApi {
  evaluate(request: Request | string): Result | ErrorResult;
  evaluateText(request: Request | string): string;
  readParams(search: string | URLSearchParams): ParamsResult;
  defaultRules(): { quality: RuleSet; combined: RuleSet };
  vocabulary(): Vocabulary;
}

export declare function loadRatings(options?: { wasmBinary?: ArrayBuffer | Uint8Array; wasmBytes?: Uint8Array }): Promise<RatingsApi>;
