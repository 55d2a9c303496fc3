import { LAWFUL_BASES, PURPOSES } from '@hub/shared';
import { parse } from 'graphql';
import { APPROVALS_SDL } from '../workflows/approvals/approvals.graphql';
import { REQUESTS_SDL } from '../workflows/requests/requests.graphql';
import { REFERRALS_SDL } from '../workflows/referrals/referrals.graphql';

/**
 * Fields the gateway answers itself: what a user may see and why (ISA 6.4, 9.4), the agreements
 * in force, and a party's suspension of an agreement (ISA 13.2). None of them carries personal data.
 */
const CORE_SDL = /* GraphQL */ `
  enum Purpose { ${PURPOSES.join(' ')} }
  enum LawfulBasis { ${LAWFUL_BASES.join(' ')} }

  type AgreementInfo {
    id: ID!
    version: Int!
    title: String!
    parties: [String!]!
    signedOn: String!
    reviewBy: String!
    "ACTIVE, SUSPENDED, EXPIRED, NOT_YET_EFFECTIVE or TERMINATED, right now"
    status: String!
    statusReason: String
    "The parties whose suspension stands (ISA 13.2). Each lifts its own; the agreement is in force again when none stands."
    suspendedBy: [String!]!
    rules: [AgreementRuleInfo!]!
  }

  type AgreementRuleInfo {
    id: ID!
    description: String!
    clause: String
    effect: String!
    owner: String
    fields: [String!]!
    purposes: [Purpose!]!
    lawfulBases: [LawfulBasis!]!
    conditions: [String!]!
  }

  "What the signed-in user may see, for which purposes, until when."
  type MyAccess {
    userId: String!
    org: String!
    roles: [String!]!
    approved: Boolean!
    approvedBy: String
    approvedOn: String
    approvalExpiresOn: String
    approvedPurposes: [Purpose!]!
    grants: [AccessGrant!]!
    "Where the approval came from: every change to it, oldest first"
    approvalHistory: [ApprovalEvent!]!
  }

  type AccessGrant {
    agreement: String!
    rule: ID!
    description: String!
    fields: [String!]!
    purposes: [Purpose!]!
    lawfulBases: [LawfulBasis!]!
    "Record conditions decided on each record (a child subject, consent naming you ...)"
    conditions: [String!]!
    "The earlier of the approval's expiry and the agreement's review-by date"
    until: String!
  }

  type AccessExplanation {
    field: String!
    purpose: Purpose!
    subjectId: ID
    "ALLOW, DENY, or ALLOW_IF_CONDITIONS_HOLD when it depends on each record"
    decision: String!
    rule: String
    agreement: String
    lawfulBasis: LawfulBasis
    reason: String!
    needed: String
    "The lawful next step, where there is one: ask the owner (an information request)"
    remedy: Remedy
  }

  type Remedy {
    "REQUEST_FROM_OWNER"
    kind: String!
    owner: String!
  }

  "One disclosure: what one response carried of one owner's data about one subject. Never the values."
  type DisclosureRecordInfo {
    "writer:seq, the record's place in its writer's hash chain"
    id: ID!
    occurredAt: String!
    requestId: String!
    operationName: String
    operationHash: String!
    requesterId: String!
    requesterOrg: String!
    requesterRoles: [String!]!
    purpose: String
    lawfulBases: [String!]!
    caseRef: String
    agreements: [String!]!
    rules: [String!]!
    owner: String!
    subjectType: String
    subjectId: String
    fieldsDisclosed: [String!]!
    fieldsWithheld: [WithheldFieldInfo!]!
    hash: String!
    "Who made the disclosure happen when the recipient did not ask: a referral's referring user (the requester is the provider)"
    initiatorId: String
    "The referring user's organisation"
    initiatorOrg: String
    "The organisation whose data the fields are (their data controller): the partner's one organisation, or the charity whose support episodes carried them; null when the hub could not establish it (then only the audit panel sees the record)"
    controllerOrg: String
  }

  type WithheldFieldInfo {
    field: String!
    rule: String!
    reason: String!
    "The requester was told that this rule withheld it: the agreement signposts the rule (docs/policy.md §5)."
    signposted: Boolean!
  }

  type DisclosureEdge {
    cursor: String!
    node: DisclosureRecordInfo!
  }

  type DisclosurePageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type DisclosurePage {
    edges: [DisclosureEdge!]!
    pageInfo: DisclosurePageInfo!
  }

  input DisclosureFilter {
    subjectId: ID
    requesterId: String
    requesterOrg: String
    "Referrals (and their refused attempts) made by this user"
    initiatorId: String
    "Referrals (and their refused attempts) made by this organisation's users"
    initiatorOrg: String
    owner: String
    "Records of this organisation's data (a data protection officer's scope is always their own organisation)"
    controllerOrg: String
    agreement: String
    purpose: Purpose
    lawfulBasis: LawfulBasis
    "ISO date-time, inclusive"
    from: String
    "ISO date-time, exclusive"
    to: String
  }

  type Recipient {
    userId: String!
    org: String!
    times: Int!
    lastReceivedAt: String!
    requestIds: [String!]!
  }

  type LogVerification {
    ok: Boolean!
    records: Int!
    "Requests, decisions and approvals in the workflow history, checked like the records"
    workflowEvents: Int!
    writers: Int!
    checkpoints: Int!
    recordsPerSecond: Float!
    "The first record found modified, deleted or inserted, or the checkpoint that failed"
    firstProblem: String
  }

  type DisclosureAnomaly {
    kind: String!
    "The user whose action caused the records: the requester, or for a referral the referring user (its initiator)."
    requesterId: String!
    requesterOrg: String!
    count: Int!
    detail: String!
  }

  enum NrmStage { NONE REFERRED POSITIVE_RG POSITIVE_CG NEGATIVE_CG }
  enum CareGender { MALE FEMALE }

  "What is known of a victim's needs: no name, no subject reference."
  input CareNeedInput {
    age: Int!
    gender: CareGender!
    nrmStage: NrmStage!
    "Languages the person speaks"
    languages: [String!]
    "Where the person is, e.g. Birmingham"
    area: String!
    "Only these kinds of service; all when omitted"
    serviceTypes: [SupportServiceType!]
  }

  "One service of the directory judged for one need."
  type CareOption {
    service: SupportService!
    "Every eligibility criterion is met"
    eligible: Boolean!
    "Places free now, as the partner running the service reports them; null when it could not say"
    placesAvailable: Int
    canTakeNow: Boolean!
    "Why it cannot take the person (every reason, not the first), or why its capacity is unknown"
    reasons: [String!]!
  }

  type CarePathway {
    "When the capacities were read"
    checkedAt: String!
    "Those that can take the person now first, then eligible but full, then the rest"
    options: [CareOption!]!
  }

  "One read of the disclosure log: who asked what, when, about which subjects."
  type LogReadInfo {
    id: ID!
    occurredAt: String!
    requestId: String!
    readerId: String!
    readerOrg: String!
    readerRoles: [String!]!
    query: String!
    "The arguments of the read, as JSON"
    arguments: String!
    recordsReturned: Int!
    subjectIds: [String!]!
  }

  extend type Query {
    "The joint audit panel (purpose AUDIT): who read the disclosure log, newest first, optionally about one subject."
    logReads(subjectId: ID, first: Int = 50): [LogReadInfo!]!
    "Which services across charities, council and NHS can take this person now, and why others cannot (rule 10)."
    carePathway(need: CareNeedInput!): CarePathway!

    "Auditors (purpose AUDIT): the disclosure log, newest first. A partner's DPO sees records of its own data."
    disclosures(filter: DisclosureFilter, first: Int = 50, after: String): DisclosurePage!
    "Everyone who received a field about a subject (ISA 7.2 corrections)."
    recipientsOf(subjectId: ID!, field: String!, since: String): [Recipient!]!
    "Checks the hash chains and the signed checkpoints."
    verifyDisclosureLog(from: String, to: String): LogVerification!
    "Unusual volume, case references outside the scheme, repeated out-of-purpose requests (last 24 h)."
    disclosureAnomalies: [DisclosureAnomaly!]!
    myAccess: MyAccess!
    "Why a field (Type.field) would or would not reach you for a purpose, optionally for one subject."
    explainAccess(field: String!, purpose: Purpose!, subjectId: ID): AccessExplanation!
    agreements: [AgreementInfo!]!
  }

  "One line of a subject access answer (ISA 12). Exempt lines are listed, not left out."
  type SubjectAccessEntry {
    "DISCLOSURE or INFORMATION_REQUEST"
    kind: String!
    occurredAt: String!
    ref: String!
    exempt: Boolean!
    "For an exempt line: the exemption and the reason the requester gave (the subject's copy says only that it is withheld)"
    exemption: String
    requesterOrg: String
    owner: String
    purpose: String
    lawfulBases: [String!]!
    rules: [String!]!
    fieldsDisclosed: [String!]!
  }

  extend type Query {
    "Auditors (purpose AUDIT): everything disclosed and requested about a subject, for a subject access request (ISA 12)."
    subjectAccessExport(subjectId: ID!): [SubjectAccessEntry!]!
  }

  type Mutation {
    "A party's nominated representative suspends an agreement to investigate a serious breach (ISA 13.2)."
    suspendAgreement(id: ID!, reason: String!): AgreementInfo
    liftAgreementSuspension(id: ID!): AgreementInfo
  }
`;

/** The gateway's own schema: its core fields and each workflow's, declared once each. */
export const GATEWAY_TYPE_DEFS = parse([CORE_SDL, REQUESTS_SDL, APPROVALS_SDL, REFERRALS_SDL].join('\n'));
