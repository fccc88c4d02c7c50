// The client's types are the server's schemas: the generated ones are checked against TypeBox's own
// reading of each schema, the hand-written ones against what the schemas accept; if one drifts,
// this file stops compiling (npm test type-checks before it runs). The error catalogue is checked
// end to end: what the server builds from it is what the client's typed errors recognise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Static } from 'typebox';
import type * as S from '../src/adapters/http/native/schemas.ts';
import type * as C from '../packages/client/src/index.ts';
import { errorOf, ParameterError, QuotaExceededError, SimultaneousRequestsError, TokenError, UnknownApiError } from '../packages/client/src/index.ts';
import { errorCatalogue, errorCodes, type ErrorCode } from '../packages/vocabulary/src/index.ts';
import { fail, type PacerError } from '../src/domain/errors.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const same: [
  Same<Static<typeof S.Agent>, C.Agent>,
  Same<Static<typeof S.Call>, C.Call>,
  Same<Static<typeof S.Event>, C.PacerEvent>,
  Same<Static<typeof S.Token>, C.Token>,
  Same<Static<typeof S.NewToken>, C.NewToken>,
  Same<Static<typeof S.Operation>, C.Operation>,
  Same<Static<typeof S.Callback>, C.Callback>,
  Same<Static<typeof S.Skill>, C.Skill>,
  Same<Static<typeof S.Campaign>, C.Campaign>,
  Same<Static<typeof S.CampaignRecord>, C.CampaignRecord>,
  Same<Static<typeof S.CampaignStats>, C.CampaignStats>,
  Same<Static<typeof S.CampaignSeries>, C.CampaignSeries>,
  Same<Static<typeof S.RecordsLoaded>, C.RecordsLoaded>,
  Same<Static<typeof S.CallingSchedule>, C.CallingSchedule>,
  Same<Static<typeof S.RecallBody>, C.RecallRequest>,
  Same<Static<typeof S.NewOperationBody>, C.NewOperationRequest>,
  Same<Static<typeof S.OperationChangeBody>, C.OperationChange>,
  Same<Static<typeof S.CampaignChangeBody>, C.CampaignChange>,
  Same<Static<typeof S.RecordQuery>, C.RecordFilter>,
  Same<Static<typeof S.Trunk>, C.Trunk>,
  Same<Static<typeof S.NewTrunkBody>, C.NewTrunkRequest>,
  Same<Static<typeof S.TrunkChangeBody>, C.TrunkChange>,
  Same<Static<typeof S.AgentPhone>, C.AgentPhone>,
  Same<Static<typeof S.AuxState>, C.AuxState>,
  Same<Static<typeof S.ActivityCode>, C.ActivityCode>,
  Same<Static<typeof S.DncEntry>, C.DncEntry>,
  Same<Static<typeof S.NewDncBody>, C.NewDncRequest>,
  Same<Static<typeof S.DncAdded>, C.DncAdded>,
  Same<Static<typeof S.Preview>, C.Preview>,
  Same<Static<typeof S.PreviewRecordBody>, C.PreviewRecord>,
  Same<Static<ReturnType<typeof S.Page<typeof S.Agent>>>, C.Page<C.Agent>>,
  Same<Static<typeof S.ErrorBody>['error']['status'], C.ErrorBody['error']['status']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

// Requests: whatever the client may send, the server's schema accepts.
const accepted: [
  [C.NewCallbackRequest] extends [Static<typeof S.NewCallback>] ? true : false,
  [C.NewCampaignRequest] extends [Static<typeof S.NewCampaignBody>] ? true : false,
  [C.CampaignChange] extends [Static<typeof S.CampaignChangeBody>] ? true : false,
  [{ records: C.RecordRow[] }] extends [Static<typeof S.RecordsBody>] ? true : false,
  [C.RecordFilter] extends [Static<typeof S.RecordQuery>] ? true : false,
  [C.NewOperationRequest] extends [Static<typeof S.NewOperationBody>] ? true : false,
  [C.OperationChange] extends [Static<typeof S.OperationChangeBody>] ? true : false,
  [{ status: C.StatusRequest }] extends [Static<typeof S.StatusBody>] ? true : false,
  [C.RecallRequest] extends [Static<typeof S.RecallBody>] ? true : false,
  [C.ErrorBody] extends [Static<typeof S.ErrorBody>] ? true : false,
  [C.AgentPhoneRequest] extends [Static<typeof S.AgentPhoneBody>] ? true : false,
  [{ bucket?: C.SeriesBucketMinutes }] extends [Static<typeof S.SeriesQuery>] ? true : false,
  [C.AgentProfileRequest] extends [Static<typeof S.AgentProfileBody>] ? true : false,
  [C.SkillRequest] extends [Static<typeof S.SkillBody>] ? true : false,
  [C.ActivityCodeRequest] extends [Static<typeof S.ActivityCodeBody>] ? true : false,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

test('client resource types equal the server schemas', () => {
  assert.ok(same.every(Boolean));
  assert.ok(accepted.every(Boolean));
});

/** Every refusal the server can build, with arguments that fit any factory. */
const built = (): [string, PacerError][] =>
  Object.entries(fail).map(([name, make]) => [name, (make as (...a: unknown[]) => PacerError)('1001', 'why')]);

test('every error the server builds has the catalogue\'s code, status and fixed text', () => {
  for (const [name, error] of built()) {
    assert.ok(errorCodes.includes(error.code), name);
    const entry: { status: number; text?: string } = errorCatalogue[error.code];
    assert.equal(error.status, entry.status, name);
    if (entry.text !== undefined) assert.ok(error.message.startsWith(entry.text), `${name}: ${error.message}`);
  }
  const usedCodes = new Set(built().map(([, error]) => error.code));
  assert.deepEqual(errorCodes.filter((code) => !usedCodes.has(code)), [], 'every code of the catalogue is built by a factory');
});

test('the client types every wolkvox refusal the server builds from the catalogue', () => {
  const expected: Partial<Record<ErrorCode, new (...a: never[]) => Error>> = {
    API_NOT_FOUND: UnknownApiError, PARAMETER_REQUIRED: ParameterError, TOKEN_MISSING: TokenError, TOKEN_INVALID: TokenError,
    TOKEN_LIMIT_EXCEEDED: QuotaExceededError, TOO_MANY_SIMULTANEOUS: SimultaneousRequestsError,
  };
  for (const [name, error] of built()) {
    const kind = expected[error.code];
    if (!kind) continue;
    const typed = errorOf(error.status, { code: error.status, error: error.reason, msg: error.message });
    assert.ok(typed instanceof kind, `${name} → ${typed.name}`);
  }
  const parameter = errorOf(400, { code: 400, error: 'BAD REQUEST', msg: fail.parameterRequired('agent_id').message });
  assert.equal((parameter as ParameterError).parameter, 'agent_id');
});
