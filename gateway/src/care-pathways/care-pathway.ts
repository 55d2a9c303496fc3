import { execute, GraphQLError, parse, type GraphQLResolveInfo } from 'graphql';
import type { HubContext } from '../pipeline/hub-context';
import { recordRules } from '../policy/field-decision';
import type { OperationPlan, PlanNode } from '../policy/plan-operation';
import { planOperation } from '../policy/plan-operation';
import { forbidden, RequestPolicy, ShieldRulesForAgreements } from '../policy/request-policy';
import { parseCareNeed } from './care-need';
import { matchService, type CareOption, type DirectoryService } from './match-service';

/**
 * Every field of every directory entry, from the three partners that keep it: the charities'
 * directory and places, the council's reception-centre beds, the NHS clinic slots. Asked in
 * full so that a client may select any `SupportService` field under `CareOption.service`.
 */
const DIRECTORY = parse(/* GraphQL */ `
  query CarePathwayDirectory {
    supportServices {
      id
      name
      provider
      providerOrg
      serviceType
      coverage
      referralRoute
      eligibility {
        minAge
        maxAge
        genders
        nrmStages
        languages
        requirements
      }
      capacity {
        total
        available
      }
      receptionCentre {
        localAuthorityArea
        bedsTotal
        bedsAvailable
        acceptsChildren
      }
      healthService {
        clinicType
        acceptsUnregisteredPatients
        interpreterAvailable
        weeklySlots
        slotsAvailable
      }
    }
  }
`);

interface PathwayOption extends CareOption {
  service: DirectoryService;
}

/**
 * `carePathway(need)`: which services across the charities, the council and the NHS can take
 * this person now, and why the others cannot (README: care pathways). The directory is read
 * through the federated graph with the caller's own context, so each partner sees a signed call
 * from this requester, as for any query. A partner that does not answer leaves its services
 * listed with "capacity not available", never offered as free.
 */
export async function carePathway(args: { need: Record<string, unknown> }, context: HubContext, info: GraphQLResolveInfo) {
  const need = parseCareNeed(args.need);
  const plan = assertDirectoryOpen(context, info);
  const checkedAt = new Date().toISOString();
  // The directory read is executed under its own plan: the request's policy holds the client's
  // plan, in which none of these fields is planned, and a requester holding a disclosure on request
  // (whose wrapped fields are then decided) had every directory field refused as "not planned".
  const result = await execute({
    schema: info.schema,
    document: plan.document,
    contextValue: { ...context, hubPolicy: new RequestPolicy(plan, context.hubRequest, DIRECTORY_RULES) },
  });
  const services = (result.data?.supportServices ?? null) as DirectoryService[] | null;
  if (!services) {
    throw new GraphQLError('The support-service directory is not answering; try again shortly.', {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    });
  }
  const options: PathwayOption[] = services
    .filter((service) => need.serviceTypes.length === 0 || need.serviceTypes.includes(service.serviceType ?? ''))
    .map((service) => ({ service, ...matchService(service, need) }));
  // Those that can take the person now first, then eligible but full, then the rest; by name within.
  const rank = (o: PathwayOption) => (o.canTakeNow ? 0 : o.eligible ? 1 : 2);
  options.sort((a, b) => rank(a) - rank(b) || (a.service.name ?? '').localeCompare(b.service.name ?? ''));
  return { checkedAt, options };
}

/**
 * The directory read is the gateway's own, so it is put through phase 1 like any client query:
 * if the agreements in force withhold any part of it from this requester, or make any part
 * depend on the record, the pathway is refused rather than built on what they may not see.
 * Today the whole directory is public (rule 10); this keeps it so if an agreement changes.
 */
function assertDirectoryOpen(context: HubContext, info: GraphQLResolveInfo): OperationPlan {
  const plan = planOperation({
    schema: info.schema,
    document: DIRECTORY,
    operationName: undefined,
    variables: {},
    request: context.hubRequest,
    policy: context.policy,
    ownership: context.ownership,
  });
  const closed = firstClosed(plan.nodes);
  if (closed)
    throw forbidden(closed.withheld ?? { rule: 'policy-error', agreement: null, reason: `${closed.coordinate} depends on the record` });
  return plan;
}

/** The directory's fields have no record rules (assertDirectoryOpen): these are never consulted, but the policy needs a set. */
const DIRECTORY_RULES = new ShieldRulesForAgreements();

function firstClosed(nodes: PlanNode[]): PlanNode | undefined {
  for (const node of nodes) {
    const open = !node.withheld && node.decision !== undefined && recordRules(node.decision).length === 0;
    if (!open) return node;
    const below = firstClosed(node.children);
    if (below) return below;
  }
  return undefined;
}
