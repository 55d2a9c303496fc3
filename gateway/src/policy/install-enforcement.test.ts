import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { AGREEMENTS_DIR } from '../agreements/agreements-dir';
import { demoHubRequest } from '../testing/demo-hub-request';
import { loadAgreements } from '../agreements/load-agreements';
import { buildGatewaySchema, OFFLINE_ENDPOINTS } from '../gateway-schema';
import { ownershipFromSupergraph } from '../supergraph/ownership';
import { SUPERGRAPH_PATH } from '../supergraph/paths';
import { CompiledPolicy } from './compiled-policy';
import { installRecordEnforcement, isRecordEnforced } from './install-enforcement';
import { planOperation, type PlanNode } from './plan-operation';

const ownership = ownershipFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

function compiled() {
  const schema = buildGatewaySchema(OFFLINE_ENDPOINTS);
  const policy = new CompiledPolicy(loadAgreements(AGREEMENTS_DIR, schema), schema);
  return { schema, policy };
}

const safeguardingLead = demoHubRequest('la.safeguarding');

function decisionAt(nodes: PlanNode[], coordinate: string): PlanNode | undefined {
  for (const node of nodes) {
    if (node.coordinate === coordinate) return node;
    const found = decisionAt(node.children, coordinate);
    if (found) return found;
  }
  return undefined;
}

const INTELLIGENCE = parse(`{ person(id: "SUBJ-000001") { police { intelligence { summary } } } }`);

describe('record enforcement is installed where record rules can apply, and nowhere else is trusted', () => {
  it('wraps every field a rule with record conditions names, and every field of a person’s record (disclosures on request)', () => {
    const { schema, policy } = compiled();
    installRecordEnforcement(schema, policy);
    expect(policy.conditionalCoordinates.size).toBeGreaterThan(5);
    for (const coordinate of policy.conditionalCoordinates) expect(isRecordEnforced(schema, coordinate)).toBe(true);
    for (const coordinate of ['Person.health', 'Attendance.site', 'PoliceRecord.names', 'SupportEpisode.providerOrg']) {
      expect(isRecordEnforced(schema, coordinate)).toBe(true);
    }
    // Root fields and subjects' keys are not record data.
    for (const coordinate of ['Query.person', 'Query.stats', 'Person.id', 'Location.uprn']) {
      expect(schema.getType(coordinate.split('.')[0]!)).toBeDefined();
      expect(isRecordEnforced(schema, coordinate)).toBe(false);
    }
  });

  it('a planner facing a record rule on a field phase 2 would not see denies it instead of trusting it', () => {
    const plan = (installed: boolean) => {
      const { schema, policy } = compiled();
      if (installed) installRecordEnforcement(schema, policy);
      const nodes = planOperation({
        schema,
        policy,
        ownership,
        document: INTELLIGENCE,
        operationName: undefined,
        variables: {},
        request: safeguardingLead,
      }).nodes;
      return decisionAt(nodes, 'PoliceRecord.intelligence');
    };
    expect(plan(true)?.decision?.kind).toBe('conditional');
    const unenforced = plan(false);
    expect(unenforced?.withheld ?? (unenforced?.decision?.kind === 'deny' ? unenforced.decision.withheld : undefined)).toMatchObject({
      rule: 'policy-error',
    });
  });
});
