/** User approvals by a partner's nominated representative (ISA 6.4, 9.4), audited. */
export const APPROVALS_SDL = /* GraphQL */ `
  input UserApprovalInput {
    userId: ID!
    "The identity provider that vouches for the user; yours when omitted"
    issuer: String
    name: String
    roles: [String!]!
    purposes: [Purpose!]!
    "ISO date, at most 12 months ahead"
    expiresOn: String!
  }

  type ApprovalEvent {
    occurredAt: String!
    "APPROVED or REVOKED"
    action: String!
    byUserId: String!
    byOrg: String!
    roles: [String!]
    purposes: [Purpose!]
    expiresOn: String
    reason: String
  }

  type UserApprovalInfo {
    issuer: String!
    userId: ID!
    name: String
    org: String!
    roles: [String!]!
    purposes: [Purpose!]!
    approvedBy: String!
    approvedOn: String!
    expiresOn: String!
    "ACTIVE, EXPIRED, REVOKED or NOT_YET_STARTED, today"
    status: String!
    revokedBy: String
    revokeReason: String
    history: [ApprovalEvent!]!
  }

  extend type Query {
    "The approvals of an organisation's users: its representative and DPO see their own; auditors any."
    approvals(organisation: ID): [UserApprovalInfo!]!
  }

  extend type Mutation {
    "A representative approves (or changes the approval of) a user of their own organisation."
    approveUser(input: UserApprovalInput!): UserApprovalInfo
    "A representative revokes the approval of a user of their own organisation: effective on the next request."
    revokeApproval(userId: ID!, reason: String!, issuer: String): UserApprovalInfo
  }
`;
