// Types of the assessment module's API (assessment-api.mjs). The JSON shape
// is pinned by core/contract/schema/assessment-v2.schema.json and
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
/** CQC's published rating of one node, kept beside the rules-based one (node id -> this, in `published`). */
export interface PublishedInput { rating: string; date?: string | null; as_published?: string | null }
export interface AssessmentDocument {
  /** `id`: the provider's ID (CQC's, e.g. "RA4"), written as the Provider ID of CQC's sheets. */
  trust?: { id?: string | null; name?: string; type?: TrustType };
  as_at?: string | null;
  locations?: LocationInput[];
  services?: ServiceInput[];
  well_led?: KeyQuestionInput | null;
  use_of_resources?: KeyQuestionInput | null;
  judgement?: Five<JudgementInput | null> & { quality?: JudgementInput | null; combined?: JudgementInput | null };
  rules?: { quality?: RuleSet | string | null; combined?: RuleSet | string | null } | null;
  options?: { trust_key_questions_from_services?: boolean | null; joined_exclusion_months?: number } | null;
  /** CQC's published ratings by node id (as importPublished writes them); never used by the rules. */
  published?: Record<string, PublishedInput> | null;
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
  /** The document's published rating of this node, beside the rules-based `rating`; `departs` null when either is not rated. */
  published: { rating: RatingToken; label: string; date: string | null; as_published: string | null;
    departs: boolean | null } | null;
}
export interface Assessment {
  version: 2;
  trust: { name: string; type: TrustType; id: string | null };
  as_at: string | null;
  nodes: AssessedNode[];
  notes: { node: string; code: string; text: string }[];
}
/** A node as the workbench's grids show it: its ratings, without its sentences. */
export interface RatedNode {
  id: string;
  rating: RatingToken;
  final: RatingToken;
  limit: { reason: Enforcement; before: RatingToken } | null;
  not_awarded: AssessedNode['not_awarded'];
  judgement: { rating: RatingToken; rationale: string; departs: boolean } | null;
  published: { rating: RatingToken; departs: boolean | null } | null;
}
/** The live view: every node's ratings, and the nodes asked for in full. */
export interface AssessmentRatings {
  version: 2;
  view: 'ratings';
  trust: Assessment['trust'];
  as_at: string | null;
  nodes: RatedNode[];
  notes: Assessment['notes'];
  explained: AssessedNode[];
}
/** A live assessment's answer: the nodes whose ratings changed since its last answer. */
export interface LiveAnswer {
  version: 2;
  view: 'ratings';
  trust: Assessment['trust'];
  as_at: string | null;
  /** Every node id in order, or null when they are the last answer's. */
  ids: string[] | null;
  changed: RatedNode[];
  /** The notes, or null when they are the last answer's. */
  notes: Assessment['notes'] | null;
  explained: AssessedNode[];
}
/** The workbench's live assessment: a document loaded once, then changed one entered rating at a time. */
export interface LiveAssessment {
  load(document: AssessmentDocument | string, options?: { asAt?: string; explain?: string[] }): LiveAnswer | AssessmentError;
  /** Replaces the entered object of an input node (a service's key question, trust.well_led, trust.use_of_resources). */
  setEntry(nodeId: string, entry: object | null, options?: { explain?: string[] }): LiveAnswer | AssessmentError;
  readonly loaded: boolean;
  close(): void;
}
export interface AssessmentError {
  error: string;
  errors: { field: string; message: string }[];
}

/** One lowest-level change: a service's key question at a location, or a trust-level input (location and service null). */
export interface WhatMattersChange {
  node: string;
  location: string | null;
  location_name: string | null;
  service: string | null;
  service_name: string | null;
  /** A key question token, or for a trust-level input its own ("use_of_resources"). */
  key_question: string;
  key_question_label: string;
  from: RatingToken;
  from_label: string;
  to: RatingToken;
  to_label: string;
}
export interface WhatMattersSet { changes: WhatMattersChange[]; rating: RatingToken; label: string; text: string }
export interface WhatMattersDirection {
  /** 1 or 2 changes in each set; null when no set of one or two moves it. */
  size: 1 | 2 | null;
  total: number;
  /** At most 20, fewest rating steps first. */
  shown: WhatMattersSet[];
  more: number;
}
export interface WhatMattersTarget {
  node: string;
  subject: string;
  /** The rules-based rating; null when not awarded. */
  rating: RatingToken | null;
  label: string | null;
  up: WhatMattersDirection;
  down: WhatMattersDirection;
}
export interface WhatMatters { version: 2; as_at: string | null; targets: WhatMattersTarget[] }

export interface ReadProblem {
  source: string; line: number; column: number; record: number | null; location_id: string; field: string; message: string;
}
export interface PublishedProvider {
  provider_id: string;
  name: string;
  trust_type: TrustType;
  /** The inspection category the trust type came from; null when none named one (acute non-specialist assumed). */
  trust_type_from: string | null;
  locations: number;
  services: number;
  own_ratings: boolean;
}
export interface PublishedImport {
  providers: PublishedProvider[];
  locations: number;
  rows_read: number;
  problems: { total: number; shown: ReadProblem[] };
  /** Set when the data could not be read at all. */
  error?: string;
  /** That provider's assessment document, with the published ratings in `published`. */
  document(providerId: string): AssessmentDocument | AssessmentError;
  /** Frees the data read; document() answers an error after. */
  close(): void;
}

export interface AssessmentApi {
  /** The core's limit for a document, in bytes (4 MiB). */
  inputLimit: number;
  /** The document (an object or JSON text), as at a date (YYYY-MM-DD) or its own. Never throws. */
  assess(document: AssessmentDocument | string, asAt?: string): Assessment | AssessmentError;
  /** Every node's ratings without sentences, and the nodes named in `explain` in full (a grid's live view). Never throws. */
  assessRatings(document: AssessmentDocument | string, options?: { asAt?: string; explain?: string[] }): AssessmentRatings | AssessmentError;
  /** A live assessment for the workbench: load a document, then change one entered rating at a time. */
  liveAssessment(): LiveAssessment;
  /** The smallest sets of lowest-level changes that move the trust's quality and combined ratings (or `targets`). */
  whatMatters(document: AssessmentDocument | string, options?: { asAt?: string; targets?: string[] }): WhatMatters | AssessmentError;
  /**
   * The assessment as a sheet of CQC's Latest ratings export (CSV): 'locations' (the default: each location's
   * ratings; an error for a trust type without locations) or 'providers' (the trust's own ratings, and a trust
   * without locations its core services; an error without the trust's provider ID).
   */
  toExportSheet(document: AssessmentDocument | string, sheet?: 'locations' | 'providers', asAt?: string): { csv: string } | AssessmentError;
  /**
   * CQC's published data in (API records as JSON, export sheets as CSV, the export's .ods): the providers, then a
   * provider's document. An .ods needs DecompressionStream('deflate-raw') (browsers; Node 20).
   */
  importPublished(files: { name: string; data: string | Uint8Array | Blob }[]): Promise<PublishedImport>;
}
export declare function loadAssessment(options?: { wasmBinary?: ArrayBuffer | Uint8Array }): Promise<AssessmentApi>;
