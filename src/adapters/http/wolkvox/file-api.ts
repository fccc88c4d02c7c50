// One api of a wolkvox file (agentbox.php, campaign.php, information.php, configuration.php…) as
// the router, the OpenAPI document and the Postman collection read it. Each file's table of apis
// lives in its own module; files.ts lists the files.
import type { Access, Engine } from '../../../engine/api.ts';
import type { Answer } from './answers.ts';
import type { ParamList, Parsed } from './params.ts';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiResult {
  msg: string;
  data?: unknown;
  /** The success answered when it is not the api's `success`. */
  as?: Answer;
  /** A whole body that is not the envelope (campaign_15). */
  bare?: Record<string, unknown>;
}

export interface WolkvoxApi<Q extends ParamList = ParamList, B = unknown> {
  method: ApiMethod;
  /** One line for the documents. */
  summary: string;
  /** The success: its status, the JSON type of its code, its message and data. */
  success: Answer;
  /** Another success the api may answer instead (delete_campaign's body form). */
  alsoAnswers?: Answer;
  query: Q;
  /** Reads the JSON body; absent when the api takes none (a body sent anyway is ignored). */
  body?: (raw: unknown) => B;
  run(engine: Engine, access: Access, query: Parsed<Q>, body: B): Promise<ApiResult>;
}

/** An api with its own parameter and body types, kept in a table of apis. */
export const wolkvoxApi = <Q extends ParamList, B>(def: WolkvoxApi<Q, B>) => def as unknown as WolkvoxApi;

export type FileName = 'agentbox' | 'campaign' | 'information' | 'configuration' | 'real_time' | 'reports_manager' | 'customer';

export interface WolkvoxFile {
  name: FileName;
  /** The tag's text in the documents. */
  description: string;
  apis: Readonly<Record<string, WolkvoxApi>>;
  /** The largest body its apis take. */
  bodyLimit: number;
}
