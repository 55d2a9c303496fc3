import type { IResolvers } from '@graphql-tools/utils';
import type { HubContext } from '../pipeline/hub-context';
import { carePathway } from '../care-pathways/care-pathway';
import { agreementInfo } from './agreement-info';
import { anomalies, disclosures, logReads, recipients, subjectAccess, verify } from './auditor-api';
import { explainAccess } from './explain-access';
import { myAccess } from './my-access';
import { liftAgreementSuspension, suspendAgreement } from './suspension';
import { approvalResolvers } from '../workflows/approvals/approvals.resolvers';
import { requestResolvers } from '../workflows/requests/requests.resolvers';
import { referralResolvers } from '../workflows/referrals/referrals.resolvers';

export const GATEWAY_RESOLVERS: IResolvers<unknown, HubContext> = {
  Query: {
    ...requestResolvers.Query,
    ...approvalResolvers.Query,
    ...referralResolvers.Query,
    myAccess: (_root, _args, context) => myAccess(context),
    carePathway: (_root, args, context, info) => carePathway(args, context, info),
    explainAccess: (_root, args, context, info) => explainAccess(args, context, info),
    disclosures: (_root, args, context) => disclosures(args, context),
    recipientsOf: (_root, args, context) => recipients(args, context),
    disclosureAnomalies: (_root, _args, context) => anomalies(context),
    verifyDisclosureLog: (_root, args, context) => verify(args, context),
    logReads: (_root, args, context) => logReads(args, context),
    subjectAccessExport: (_root, args, context) => subjectAccess(args, context),
    agreements: (_root, _args, context) =>
      context.policy.agreements.map((a) => agreementInfo(a, context.hubRequest.agreementStates.get(a.id), context.now)),
  },
  Mutation: {
    ...requestResolvers.Mutation,
    ...approvalResolvers.Mutation,
    ...referralResolvers.Mutation,
    suspendAgreement: (_root, args, context) => suspendAgreement(args, context),
    liftAgreementSuspension: (_root, args, context) => liftAgreementSuspension(args, context),
  },
};
