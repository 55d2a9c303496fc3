import { readFileSync } from 'node:fs';
import { execute, parse, type ExecutionResult } from 'graphql';
import { AGREEMENTS_DIR } from '../agreements/agreements-dir';
import { loadAgreements } from '../agreements/load-agreements';
import { dataSchemaOf } from '../execution/data-schema';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { ownershipFromSupergraph } from '../supergraph/ownership';
import { SUPERGRAPH_PATH } from '../supergraph/paths';
import { demoHubRequest } from '../testing/demo-hub-request';
import { CompiledPolicy } from './compiled-policy';
import { decideAhead } from './decide-ahead';
import type { HubRequest } from './hub-request';
import { installRecordEnforcement } from './install-enforcement';
import { planOperation } from './plan-operation';
import { RequestPolicy, ShieldRulesForAgreements } from './request-policy';

/**
 * The record rules decided before execution (decide-ahead.ts) must decide exactly what deciding
 * during execution decides — values, withholdings, notes — and execution must then not decide
 * again. The executor differential (test/src/oracle) compares the whole planned core with the
 * stitched executor over the partners; this compares the two ways of the planned core directly,
 * on merged answers written to make the rules decide both ways.
 */
const gatewaySchema = buildGatewaySchema(OFFLINE_ENDPOINTS);
const compiled = new CompiledPolicy(loadAgreements(AGREEMENTS_DIR, gatewaySchema), gatewaySchema);
installRecordEnforcement(gatewaySchema, compiled);
const dataSchema = dataSchemaOf(gatewaySchema);
installRecordEnforcement(dataSchema, compiled);
const ownership = ownershipFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const shieldRules = new ShieldRulesForAgreements();

const requestOf = (userId: string) => demoHubRequest(userId);

function planFor(request: HubRequest) {
  const plan = planOperation({
    schema: gatewaySchema,
    policy: compiled,
    ownership,
    document: parse(QUERY),
    operationName: undefined,
    variables: {},
    request,
  });
  return new RequestPolicy(plan, request, shieldRules);
}

const QUERY = `{ people(filter: { ids: ["SUBJ-000001", "SUBJ-000002"] }) { id
  police { intelligence { handlingCode summary } }
  support { provider status consent { recipients } }
  first: support { status } } }`;

/** Merged answers as the fetch plan leaves them: the client's keys and the gateway's hidden ones. */
function answers(): Record<string, unknown> {
  const intelligence = (codes: string[]) =>
    codes.map((code, i) => ({ handlingCode: code, summary: `entry ${i}`, __hub_handlingCode: code }));
  const support = (consents: (string[] | null)[]) =>
    consents.map((recipients, i) => {
      const consent = recipients === null ? null : { recipients };
      return { provider: `Provider ${i}`, status: 'ACTIVE', consent, __hub_consent: consent, __hub_providerOrg: 'adavu' };
    });
  return {
    people: [
      {
        id: 'SUBJ-000001',
        __hub_id: 'SUBJ-000001',
        police: { intelligence: intelligence(['H1', 'H3', 'H2', 'H5']) },
        support: support([['POLICE', 'LOCAL_AUTHORITY'], null, []]),
        first: [{ status: 'ACTIVE' }],
      },
      { id: 'SUBJ-000002', __hub_id: 'SUBJ-000002', police: { intelligence: intelligence(['H3']) }, support: [], first: [] },
    ],
  };
}

async function run(userId: string, ahead: boolean) {
  const policy = planFor(requestOf(userId));
  const context = { hubPolicy: policy };
  const data = answers();
  let decidedDuringExecution = 0;
  if (ahead) policy.useDecidedAhead(await decideAhead(policy, data, dataSchema, context));
  const decide = policy.decide.bind(policy);
  policy.decide = (...args) => {
    decidedDuringExecution += 1;
    return decide(...args);
  };
  const result = (await execute({
    schema: dataSchema,
    document: policy.plan.document,
    rootValue: data,
    contextValue: context,
  })) as ExecutionResult;
  const withheld = policy.withheldOnRecords.map((w) => ({ ...w, signpost: w.signpost?.path }));
  return { result, withheld, notes: [...policy.conditionNotes], decidedDuringExecution, policy };
}

describe('record rules decided before execution decide what deciding during execution decides', () => {
  it.each(['la.safeguarding', 'police.analyst', 'nhs.safeguarding', 'ngo.caseworker'])('as %s', async (userId) => {
    const during = await run(userId, false);
    const before = await run(userId, true);
    expect(before.result).toEqual(during.result);
    expect(before.withheld).toEqual(during.withheld);
    expect(before.notes).toEqual(during.notes);
    // Execution read what was decided: it decided nothing again.
    expect(before.decidedDuringExecution).toBe(0);
  });

  it('withholds something here, so the comparison above is not of two empty answers', async () => {
    const { withheld, result } = await run('la.safeguarding', true);
    expect(result.errors).toBeUndefined();
    expect(withheld.length).toBeGreaterThan(0);
    // And deciding during execution is counted where it happens.
    expect((await run('la.safeguarding', false)).decidedDuringExecution).toBeGreaterThan(0);
  });

  it('a checkpoint undoes what deciding ahead recorded, so execution can decide again as it goes', async () => {
    const policy = planFor(requestOf('la.safeguarding'));
    const undo = policy.checkpoint();
    policy.useDecidedAhead(await decideAhead(policy, answers(), dataSchema, { hubPolicy: policy }));
    expect(policy.withheldOnRecords.length).toBeGreaterThan(0);
    undo();
    expect(policy.withheldOnRecords).toEqual([]);
    expect([...policy.conditionNotes]).toEqual([]);
  });
});
