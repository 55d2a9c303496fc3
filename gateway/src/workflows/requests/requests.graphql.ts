/**
 * Information requests (ISA 2.5–2.6, Appendix 2): a requester asks owners for named fields about a
 * subject; each owner's disclosure officer discloses (a time-bound grant) or declines.
 */
export const REQUESTS_SDL = /* GraphQL */ `
  enum RequestBox {
    "Requests addressed to your organisation (disclosure officers)"
    INBOX
    "Requests you made"
    SENT
  }

  enum RequestStatus {
    PENDING
    PARTLY_ANSWERED
    ANSWERED
    WITHDRAWN
  }
  enum RequestPartStatus {
    PENDING
    DISCLOSED
    DECLINED
    NOTHING_HELD
    EXPIRED
    WITHDRAWN
  }
  enum RequestOutcome {
    DISCLOSE
    DECLINE
    NOTHING_HELD
  }

  "Appendix 2: the requester declares the request is necessary and proportionate, and who makes it."
  input RequestDeclarationInput {
    accepted: Boolean!
    name: String!
    role: String!
  }

  "The Modern Slavery Personal Data Request (Appendix 2)."
  input InformationRequestInput {
    subjectId: ID!
    "Partners asked: police, local-authority, nhs, ngo"
    owners: [String!]!
    "Field coordinates or groups, e.g. HealthRecord.attendances; each owner is asked for its own"
    fields: [String!]!
    purpose: Purpose!
    lawfulBasis: LawfulBasis!
    caseRef: String!
    reason: String!
    declaration: RequestDeclarationInput!
    "The subject must not learn of the request (DPA 2018 Sch 2 para 2): subject access answers list it as exempt"
    tippingOffRisk: Boolean = false
    tippingOffReason: String
  }

  input RequestDecisionInput {
    "The part decided: your organisation's partner"
    owner: String!
    outcome: RequestOutcome!
    "For DISCLOSE: the fields disclosed, at most those asked for (narrower is fine); all asked for when omitted"
    fields: [String!]
    "For DISCLOSE: until when (ISO date, default 28 days from today)"
    expiresOn: String
    "Required for DECLINE"
    reason: String
  }

  type RequestDeclaration {
    name: String!
    role: String!
  }

  type InformationRequestPart {
    owner: String!
    fields: [String!]!
    status: RequestPartStatus!
    disclosedFields: [String!]
    "Until when the disclosure holds (ISO date-time)"
    expiresAt: String
    reason: String
    decidedBy: String
    decidedAt: String
  }

  type InformationRequest {
    "REQ-<year>-<ten random base-32 digits> (random, so an id says nothing about how many requests the hub has handled): also the rule the log names for what it allowed, and a valid X-Hub-Case-Ref"
    id: ID!
    createdAt: String!
    requesterId: String!
    requesterOrg: String!
    declaration: RequestDeclaration!
    subjectId: ID!
    purpose: Purpose!
    lawfulBasis: LawfulBasis!
    caseRef: String!
    reason: String!
    tippingOffRisk: Boolean!
    tippingOffReason: String
    status: RequestStatus!
    "Your parts: all of them for the requester, your organisation's for an owner"
    parts: [InformationRequestPart!]!
  }

  type InformationRequestEdge {
    cursor: String!
    node: InformationRequest!
  }

  type InformationRequestPage {
    edges: [InformationRequestEdge!]!
    pageInfo: DisclosurePageInfo!
  }

  extend type Query {
    "Requests you sent, or requests addressed to your organisation (disclosure officers), newest first."
    informationRequests(box: RequestBox!, first: Int = 20, after: String): InformationRequestPage!
    "One request, as far as it is yours to see."
    informationRequest(id: ID!): InformationRequest
  }

  extend type Mutation {
    "Asks owners for information about a subject (ISA 2.5, Appendix 2)."
    requestInformation(input: InformationRequestInput!): InformationRequest
    "An owner's disclosure officer answers its parts: disclose (a time-bound grant) or decline with a reason (ISA 2.6)."
    decideInformationRequest(id: ID!, decisions: [RequestDecisionInput!]!): InformationRequest
    "The requester withdraws the request; any disclosure on it ends."
    withdrawInformationRequest(id: ID!): InformationRequest
  }
`;
