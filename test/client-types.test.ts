// The client's resource types are the server's schemas: if one drifts, this file stops compiling
// (npm test type-checks before it runs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Static } from 'typebox';
import type * as S from '../src/adapters/http/native/schemas.ts';
import type * as C from '../packages/client/src/native-types.ts';
import { errorCodes } from '../packages/client/src/wire.ts';
import { fail } from '../src/domain/errors.ts';

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
  Same<Static<typeof S.RecordsLoaded>, C.RecordsLoaded>,
  Same<Static<typeof S.ErrorBody>['error']['status'], C.ErrorBody['error']['status']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

// Requests: whatever the client may send, the server's schema accepts.
const accepted: [
  [C.NewCallbackRequest] extends [Static<typeof S.NewCallback>] ? true : false,
  [C.NewCampaignRequest] extends [Static<typeof S.NewCampaignBody>] ? true : false,
  [C.CampaignChange] extends [Static<typeof S.CampaignChangeBody>] ? true : false,
  [{ records: C.RecordRow[] }] extends [Static<typeof S.RecordsBody>] ? true : false,
  [C.RecordFilter] extends [Static<typeof S.RecordQuery>] ? true : false,
  [C.NewOperationRequest] extends [Static<typeof S.NewOperationBody>] ? true : false,
  [C.OperationChange] extends [Static<typeof S.OperationChangeBody>] ? true : false,
] = [true, true, true, true, true, true, true];

test('client resource types equal the server schemas', () => {
  assert.ok(same.every(Boolean));
  assert.ok(accepted.every(Boolean));
});

test('every error the catalogue builds has a code the client knows', () => {
  const built = Object.values(fail).map((make) => (make as (...a: string[]) => { code: string })('x', 'y').code);
  for (const code of built) assert.ok((errorCodes as readonly string[]).includes(code), code);
});
