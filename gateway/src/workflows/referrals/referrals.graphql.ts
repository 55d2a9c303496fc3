/**
 * Referrals (docs/sources.md, the service-mapping brief): from the care pathway to a service, a place held in the partner
 * that runs it, only the fields the agreement and the survivor's consent allow shared with the
 * provider (a disclosure, logged), the provider accepting or declining, holds expiring.
 */
export const REFERRALS_SDL = /* GraphQL */ `
  enum ReferralStatus {
    "A place is held for the person while the provider decides"
    PENDING
    "The provider took the person on: the place is taken"
    ACCEPTED
    "The provider declined, with a reason: the place is released"
    DECLINED
    "The provider did not answer before the hold ended: the place is released"
    EXPIRED
  }

  input ReferralInput {
    "A service of the directory (SupportService.id)"
    serviceId: ID!
    subjectId: ID!
    "What to tell the provider: name, ageBand, dateOfBirth, nationality, nrmStage, support, or a field coordinate (PoliceRecord.names); each must be one the agreement and the person's consent let the provider receive"
    sharedFields: [String!]!
    "Chosen by the client, one per referral: a retried request with the same key returns the same referral and holds no second place"
    idempotencyKey: String!
    "What the person needs, in the referrer's words (e.g. accommodation, employability)"
    needs: [String!]
  }

  type ReferralService {
    id: ID!
    name: String!
    "Organisation id of the provider that decides"
    providerOrg: String!
  }

  "A field shared with the provider, as JSON (the provider's view only)."
  type ReferralSharedValue {
    field: String!
    value: String
  }

  type Referral {
    "REF-<year>-<ten random base-32 digits>: random, so an id says nothing about how many referrals were attempted"
    id: ID!
    status: ReferralStatus!
    service: ReferralService!
    createdAt: String!
    referrerOrg: String!
    "The subject referred: shown to the referrer; the provider knows the person by what was shared"
    subjectId: ID
    "Until when the place is held (ISO date-time)"
    holdExpiresAt: String
    sharedFields: [String!]!
    "The shared values: for the provider's staff only"
    sharedValues: [ReferralSharedValue!]
    needs: [String!]!
    decidedReason: String
    decidedAt: String
  }

  type ReferralEdge {
    cursor: String!
    node: Referral!
  }

  type ReferralPage {
    edges: [ReferralEdge!]!
    pageInfo: DisclosurePageInfo!
  }

  "A service's places as its provider set them, with what pending referrals hold."
  type ServiceCapacity {
    serviceId: ID!
    total: Int!
    "Places free as the provider set them (not taken), before holds"
    free: Int!
    "Places available to a new referral: free less those held for pending referrals, never below 0 (the figure the care pathway shows)"
    available: Int!
    "Places held for pending referrals"
    held: Int!
    "Holds beyond the places free: pending referrals that cannot all be accepted unless places are freed"
    overHeld: Int!
    "The outcome in words, for the provider"
    message: String!
  }

  extend type Query {
    "Referrals you sent (SENT), or referrals to your organisation's services (INBOX), newest first."
    referrals(box: RequestBox!, first: Int = 20, after: String): ReferralPage!
  }

  extend type Mutation {
    "Refers a subject to a service of the directory: holds a place in the partner that runs it and shares the chosen fields with the provider."
    referToService(input: ReferralInput!): Referral
    "The provider's staff accept (the place is taken) or decline with a reason (the place is released)."
    decideReferral(id: ID!, accept: Boolean!, reason: String): Referral
    "The provider's staff say how many places a service of theirs has, and how many are free."
    updateServiceCapacity(serviceId: ID!, total: Int!, available: Int!): ServiceCapacity
  }
`;
