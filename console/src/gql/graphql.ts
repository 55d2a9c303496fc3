/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AdultCarePrimaryNeed =
  | 'LEARNING_DISABILITY'
  | 'MEMORY_AND_COGNITION'
  | 'MENTAL_HEALTH'
  | 'PHYSICAL_SUPPORT'
  | 'SENSORY_SUPPORT'
  | 'SOCIAL_SUPPORT';

export type AttendanceKind =
  | 'A_AND_E'
  | 'GP_REGISTRATION'
  | 'MATERNITY'
  | 'SEXUAL_HEALTH'
  | 'WALK_IN';

export type CareGender =
  | 'FEMALE'
  | 'MALE';

/** What is known of a victim's needs: no name, no subject reference. */
export type CareNeedInput = {
  age: number;
  /** Where the person is, e.g. Birmingham */
  area: string;
  gender: CareGender;
  /** Languages the person speaks */
  languages?: Array<string> | null | undefined;
  nrmStage: NrmStage;
  /** Only these kinds of service; all when omitted */
  serviceTypes?: Array<SupportServiceType> | null | undefined;
};

export type DisclosureFilter = {
  agreement?: string | null | undefined;
  /** ISO date-time, inclusive */
  from?: string | null | undefined;
  lawfulBasis?: LawfulBasis | null | undefined;
  owner?: string | null | undefined;
  purpose?: Purpose | null | undefined;
  requesterId?: string | null | undefined;
  requesterOrg?: string | null | undefined;
  subjectId?: string | null | undefined;
  /** ISO date-time, exclusive */
  to?: string | null | undefined;
};

export type ExploitationType =
  | 'CRIMINAL'
  | 'DOMESTIC_SERVITUDE'
  | 'LABOUR'
  | 'SEXUAL';

export type HandlingCode =
  | 'C'
  | 'P';

export type HousingTenure =
  | 'NONE'
  | 'PRIVATE_RENTED'
  | 'SOCIAL'
  | 'TEMPORARY';

export type IntelligenceGrade =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E';

export type LawfulBasis =
  | 'CDA_1998_S115'
  | 'CHILDREN_ACT_1989_S47'
  | 'CHILDREN_ACT_2004_S11'
  | 'CONSENT'
  | 'DPA_2018_SCH1_PARA18'
  | 'DPA_2018_SCH2_PARA2'
  | 'DPA_2018_SCH2_PARA5'
  | 'MSA_2015_S54A';

export type NameKind =
  | 'ALIAS'
  | 'BIRTH'
  | 'KNOWN_AS';

export type NrmDecision =
  | 'NEGATIVE'
  | 'PENDING'
  | 'POSITIVE';

export type NrmStage =
  | 'NEGATIVE_CG'
  | 'NONE'
  | 'POSITIVE_CG'
  | 'POSITIVE_RG'
  | 'REFERRED';

export type OrderType =
  | 'STPO'
  | 'STRO';

export type PoliceRole =
  | 'ASSOCIATE'
  | 'SUSPECT'
  | 'VICTIM'
  | 'WITNESS';

export type PremisesLicenceKind =
  | 'CAR_WASH'
  | 'NAIL_BAR';

export type Purpose =
  | 'ACTION_PLANNING'
  | 'AUDIT'
  | 'COORDINATED_RESPONSE'
  | 'CRIMINAL_ACTIVITY'
  | 'IDENTIFY_RISK_OF_HARM'
  | 'IDENTIFY_VICTIMS'
  | 'RISK_ASSESSMENT'
  | 'SAFEGUARDING_REFERRAL'
  | 'SERVICE_MAPPING'
  | 'STATISTICS'
  | 'VULNERABILITY_MAPPING';

export type SafeguardingFlagKind =
  | 'ADULT_AT_RISK'
  | 'CHILD_PROTECTION'
  | 'DOMESTIC_ABUSE'
  | 'MODERN_SLAVERY_CONCERN';

export type SocialCareStatus =
  | 'ASSESSMENT'
  | 'CLOSED'
  | 'OPEN'
  | 'REFERRED';

export type SupportEpisodeStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'WAITING';

export type SupportServiceType =
  | 'ACCOMMODATION'
  | 'CASEWORK'
  | 'CHILD_ADVOCACY'
  | 'COMMUNITY_SUPPORT'
  | 'EMPLOYABILITY'
  | 'HEALTH'
  | 'HELPLINE'
  | 'RECEPTION_CENTRE';

export type AgreementFieldsFragment = { id: string, version: number, title: string, parties: Array<string>, signedOn: string, reviewBy: string, status: string, statusReason: string | null };

export type AgreementsQueryVariables = Exact<{ [key: string]: never; }>;


export type AgreementsQuery = { agreements: Array<{ id: string, version: number, title: string, parties: Array<string>, signedOn: string, reviewBy: string, status: string, statusReason: string | null, rules: Array<{ id: string, description: string, clause: string | null, effect: string, owner: string | null, fields: Array<string>, purposes: Array<Purpose>, lawfulBases: Array<LawfulBasis>, conditions: Array<string> }> }> };

export type SuspendAgreementMutationVariables = Exact<{
  id: string;
  reason: string;
}>;


export type SuspendAgreementMutation = { suspendAgreement: { id: string, version: number, title: string, parties: Array<string>, signedOn: string, reviewBy: string, status: string, statusReason: string | null } | null };

export type LiftAgreementSuspensionMutationVariables = Exact<{
  id: string;
}>;


export type LiftAgreementSuspensionMutation = { liftAgreementSuspension: { id: string, version: number, title: string, parties: Array<string>, signedOn: string, reviewBy: string, status: string, statusReason: string | null } | null };

export type DisclosureFieldsFragment = { id: string, occurredAt: string, requestId: string, operationName: string | null, operationHash: string, requesterId: string, requesterOrg: string, requesterRoles: Array<string>, purpose: string | null, lawfulBases: Array<string>, caseRef: string | null, agreements: Array<string>, rules: Array<string>, owner: string, subjectType: string | null, subjectId: string | null, fieldsDisclosed: Array<string>, hash: string, fieldsWithheld: Array<{ field: string, rule: string, reason: string }> };

export type DisclosuresQueryVariables = Exact<{
  filter?: DisclosureFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DisclosuresQuery = { disclosures: { edges: Array<{ cursor: string, node: { id: string, occurredAt: string, requestId: string, operationName: string | null, operationHash: string, requesterId: string, requesterOrg: string, requesterRoles: Array<string>, purpose: string | null, lawfulBases: Array<string>, caseRef: string | null, agreements: Array<string>, rules: Array<string>, owner: string, subjectType: string | null, subjectId: string | null, fieldsDisclosed: Array<string>, hash: string, fieldsWithheld: Array<{ field: string, rule: string, reason: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type RecipientsOfQueryVariables = Exact<{
  subjectId: string;
  field: string;
  since?: string | null | undefined;
}>;


export type RecipientsOfQuery = { recipientsOf: Array<{ userId: string, org: string, times: number, lastReceivedAt: string, requestIds: Array<string> }> };

export type DisclosureAnomaliesQueryVariables = Exact<{ [key: string]: never; }>;


export type DisclosureAnomaliesQuery = { disclosureAnomalies: Array<{ kind: string, requesterId: string, requesterOrg: string, count: number, detail: string }> };

export type LogReadsQueryVariables = Exact<{
  subjectId?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type LogReadsQuery = { logReads: Array<{ id: string, occurredAt: string, requestId: string, readerId: string, readerOrg: string, readerRoles: Array<string>, query: string, arguments: string, recordsReturned: number, subjectIds: Array<string> }> };

export type VerifyDisclosureLogQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type VerifyDisclosureLogQuery = { verifyDisclosureLog: { ok: boolean, records: number, writers: number, checkpoints: number, recordsPerSecond: number, firstProblem: string | null } };

export type CarePathwayQueryVariables = Exact<{
  need: CareNeedInput;
}>;


export type CarePathwayQuery = { carePathway: { checkedAt: string, options: Array<{ eligible: boolean, canTakeNow: boolean, placesAvailable: number | null, reasons: Array<string>, service: { id: string, name: string | null, provider: string | null, serviceType: SupportServiceType | null, coverage: Array<string> | null, referralRoute: string | null, eligibility: { minAge: number | null, maxAge: number | null, genders: Array<string> | null, nrmStages: Array<string> | null, languages: Array<string> | null, requirements: Array<string> | null } | null } }> } };

export type LocationViewQueryVariables = Exact<{
  uprn: string;
}>;


export type LocationViewQuery = { location: { uprn: string, reportedOccupants: number | null, lastInspectedOn: string | null, hmoLicence: { licensed: boolean | null, licenceNumber: string | null, maxOccupants: number | null, expiresOn: string | null } | null, premisesLicences: Array<{ kind: PremisesLicenceKind | null, licensee: string | null, validUntil: string | null }> | null, landlord: { id: string, police: { names: Array<{ fullName: string | null }> | null } | null, localAuthority: { names: Array<{ fullName: string | null }> | null } | null } | null, policeConcern: { reason: string | null, flaggedOn: string | null } | null, intelligence: Array<{ reportedOn: string | null, sourceGrade: number | null, intelGrade: IntelligenceGrade | null, handlingCode: HandlingCode | null, summary: string | null }> | null, linkedPersons: Array<{ id: string, police: { names: Array<{ fullName: string | null }> | null } | null }> | null } | null };

export type MyAccessQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAccessQuery = { myAccess: { userId: string, org: string, roles: Array<string>, approved: boolean, approvedBy: string | null, approvalExpiresOn: string | null, approvedPurposes: Array<Purpose>, grants: Array<{ agreement: string, rule: string, description: string, fields: Array<string>, purposes: Array<Purpose>, lawfulBases: Array<LawfulBasis>, conditions: Array<string>, until: string }> } };

export type ExplainAccessQueryVariables = Exact<{
  field: string;
  purpose: Purpose;
  subjectId?: string | null | undefined;
}>;


export type ExplainAccessQuery = { explainAccess: { field: string, purpose: Purpose, subjectId: string | null, decision: string, rule: string | null, agreement: string | null, lawfulBasis: LawfulBasis | null, reason: string, needed: string | null } };

export type StatCountFieldsFragment = { label: string, count: number | null, suppressed: boolean, rounded: boolean };

export type StatisticsQueryVariables = Exact<{
  period: string;
}>;


export type StatisticsQuery = { stats: { period: string, police: { nrmReferrals: { label: string, count: number | null, suppressed: boolean, rounded: boolean }, nrmReferralsByExploitationType: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, nrmReferralsByNationality: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, nrmReasonableGrounds: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, ordersMade: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }> } | null, localAuthority: { section47Enquiries: { label: string, count: number | null, suppressed: boolean, rounded: boolean }, adultSocialCareByNeed: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, hmosInspected: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }> } | null, health: { attendancesWithIndicators: { label: string, count: number | null, suppressed: boolean, rounded: boolean }, exploitationIndicators: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, safeguardingFlagsRaised: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }> } | null, support: { episodesStarted: { label: string, count: number | null, suppressed: boolean, rounded: boolean }, episodesByProvider: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }>, episodesByServiceType: Array<{ label: string, count: number | null, suppressed: boolean, rounded: boolean }> } | null } };

export type SubjectSearchQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type SubjectSearchQuery = { people: Array<{ id: string, police: { names: Array<{ fullName: string | null }> | null } | null, localAuthority: { names: Array<{ fullName: string | null }> | null } | null, health: { names: Array<{ fullName: string | null }> | null } | null }> };

export type SubjectOneViewQueryVariables = Exact<{
  id: string;
}>;


export type SubjectOneViewQuery = { person: { id: string, police: { pncId: string | null, dateOfBirth: string | null, nationality: string | null, pvotMarker: boolean | null, isChild: boolean | null, addressRestricted: boolean | null, names: Array<{ fullName: string | null, kind: NameKind | null }> | null, roles: Array<{ role: PoliceRole | null, recordedOn: string | null, operationName: string | null }> | null, nrmReferrals: Array<{ referredOn: string | null, exploitationTypes: Array<ExploitationType> | null, reasonableGrounds: NrmDecision | null, conclusiveGrounds: NrmDecision | null }> | null, intelligence: Array<{ reportedOn: string | null, sourceGrade: number | null, intelGrade: IntelligenceGrade | null, handlingCode: HandlingCode | null, summary: string | null }> | null, orders: Array<{ type: OrderType | null, madeOn: string | null, expiresOn: string | null }> | null, currentAddress: { uprn: string | null, line1: string | null, postcode: string | null } | null } | null, localAuthority: { caseRef: string | null, dateOfBirth: string | null, names: Array<{ fullName: string | null, kind: NameKind | null }> | null, adultSocialCare: { status: SocialCareStatus | null, openedOn: string | null, primaryNeed: AdultCarePrimaryNeed | null } | null, childrenSocialCare: { section47Enquiry: boolean | null, status: SocialCareStatus | null, openedOn: string | null, childProtectionPlan: boolean | null } | null, housing: { addressRestricted: boolean | null, tenure: HousingTenure | null, homelessness: boolean | null, address: { uprn: string | null, line1: string | null, postcode: string | null } | null } | null, landlordOf: Array<{ uprn: string }> | null } | null, health: { nhsNumber: string | null, dateOfBirth: string | null, isChild: boolean | null, names: Array<{ fullName: string | null, kind: NameKind | null }> | null, safeguardingFlags: Array<{ kind: SafeguardingFlagKind | null, raisedOn: string | null, active: boolean | null, raisedBy: string | null }> | null, attendances: Array<{ attendedOn: string | null, site: string | null, kind: AttendanceKind | null, exploitationIndicators: Array<string> | null, clinicalNotes: string | null }> | null } | null, support: Array<{ provider: string | null, providerOrg: string | null, status: SupportEpisodeStatus | null, startedOn: string | null, endedOn: string | null, service: { id: string, name: string | null, serviceType: SupportServiceType | null } | null, consent: { recipients: Array<string> | null, recordedOn: string | null, scope: string | null } | null }> | null } | null };

export const AgreementFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgreementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"parties"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reviewBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]} as unknown as DocumentNode<AgreementFieldsFragment, unknown>;
export const DisclosureFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DisclosureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DisclosureRecordInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"operationName"}},{"kind":"Field","name":{"kind":"Name","value":"operationHash"}},{"kind":"Field","name":{"kind":"Name","value":"requesterId"}},{"kind":"Field","name":{"kind":"Name","value":"requesterOrg"}},{"kind":"Field","name":{"kind":"Name","value":"requesterRoles"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"lawfulBases"}},{"kind":"Field","name":{"kind":"Name","value":"caseRef"}},{"kind":"Field","name":{"kind":"Name","value":"agreements"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"fieldsDisclosed"}},{"kind":"Field","name":{"kind":"Name","value":"fieldsWithheld"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hash"}}]}}]} as unknown as DocumentNode<DisclosureFieldsFragment, unknown>;
export const StatCountFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatCountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatCount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"rounded"}}]}}]} as unknown as DocumentNode<StatCountFieldsFragment, unknown>;
export const AgreementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Agreements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgreementFields"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"clause"}},{"kind":"Field","name":{"kind":"Name","value":"effect"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"purposes"}},{"kind":"Field","name":{"kind":"Name","value":"lawfulBases"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgreementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"parties"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reviewBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]} as unknown as DocumentNode<AgreementsQuery, AgreementsQueryVariables>;
export const SuspendAgreementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SuspendAgreement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suspendAgreement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgreementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgreementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"parties"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reviewBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]} as unknown as DocumentNode<SuspendAgreementMutation, SuspendAgreementMutationVariables>;
export const LiftAgreementSuspensionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LiftAgreementSuspension"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"liftAgreementSuspension"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AgreementFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AgreementFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AgreementInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"parties"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reviewBy"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"statusReason"}}]}}]} as unknown as DocumentNode<LiftAgreementSuspensionMutation, LiftAgreementSuspensionMutationVariables>;
export const DisclosuresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Disclosures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DisclosureFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disclosures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DisclosureFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DisclosureFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DisclosureRecordInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"operationName"}},{"kind":"Field","name":{"kind":"Name","value":"operationHash"}},{"kind":"Field","name":{"kind":"Name","value":"requesterId"}},{"kind":"Field","name":{"kind":"Name","value":"requesterOrg"}},{"kind":"Field","name":{"kind":"Name","value":"requesterRoles"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"lawfulBases"}},{"kind":"Field","name":{"kind":"Name","value":"caseRef"}},{"kind":"Field","name":{"kind":"Name","value":"agreements"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"fieldsDisclosed"}},{"kind":"Field","name":{"kind":"Name","value":"fieldsWithheld"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hash"}}]}}]} as unknown as DocumentNode<DisclosuresQuery, DisclosuresQueryVariables>;
export const RecipientsOfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RecipientsOf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"field"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"since"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipientsOf"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"Variable","name":{"kind":"Name","value":"field"}}},{"kind":"Argument","name":{"kind":"Name","value":"since"},"value":{"kind":"Variable","name":{"kind":"Name","value":"since"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"org"}},{"kind":"Field","name":{"kind":"Name","value":"times"}},{"kind":"Field","name":{"kind":"Name","value":"lastReceivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestIds"}}]}}]}}]} as unknown as DocumentNode<RecipientsOfQuery, RecipientsOfQueryVariables>;
export const DisclosureAnomaliesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DisclosureAnomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disclosureAnomalies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"requesterId"}},{"kind":"Field","name":{"kind":"Name","value":"requesterOrg"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]} as unknown as DocumentNode<DisclosureAnomaliesQuery, DisclosureAnomaliesQueryVariables>;
export const LogReadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LogReads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logReads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"readerId"}},{"kind":"Field","name":{"kind":"Name","value":"readerOrg"}},{"kind":"Field","name":{"kind":"Name","value":"readerRoles"}},{"kind":"Field","name":{"kind":"Name","value":"query"}},{"kind":"Field","name":{"kind":"Name","value":"arguments"}},{"kind":"Field","name":{"kind":"Name","value":"recordsReturned"}},{"kind":"Field","name":{"kind":"Name","value":"subjectIds"}}]}}]}}]} as unknown as DocumentNode<LogReadsQuery, LogReadsQueryVariables>;
export const VerifyDisclosureLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyDisclosureLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyDisclosureLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"records"}},{"kind":"Field","name":{"kind":"Name","value":"writers"}},{"kind":"Field","name":{"kind":"Name","value":"checkpoints"}},{"kind":"Field","name":{"kind":"Name","value":"recordsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"firstProblem"}}]}}]}}]} as unknown as DocumentNode<VerifyDisclosureLogQuery, VerifyDisclosureLogQueryVariables>;
export const CarePathwayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CarePathway"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"need"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CareNeedInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"carePathway"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"need"},"value":{"kind":"Variable","name":{"kind":"Name","value":"need"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkedAt"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligible"}},{"kind":"Field","name":{"kind":"Name","value":"canTakeNow"}},{"kind":"Field","name":{"kind":"Name","value":"placesAvailable"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"referralRoute"}},{"kind":"Field","name":{"kind":"Name","value":"eligibility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minAge"}},{"kind":"Field","name":{"kind":"Name","value":"maxAge"}},{"kind":"Field","name":{"kind":"Name","value":"genders"}},{"kind":"Field","name":{"kind":"Name","value":"nrmStages"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}},{"kind":"Field","name":{"kind":"Name","value":"requirements"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CarePathwayQuery, CarePathwayQueryVariables>;
export const LocationViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LocationView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uprn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"location"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uprn"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uprn"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uprn"}},{"kind":"Field","name":{"kind":"Name","value":"hmoLicence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"licensed"}},{"kind":"Field","name":{"kind":"Name","value":"licenceNumber"}},{"kind":"Field","name":{"kind":"Name","value":"maxOccupants"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"premisesLicences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"licensee"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportedOccupants"}},{"kind":"Field","name":{"kind":"Name","value":"lastInspectedOn"}},{"kind":"Field","name":{"kind":"Name","value":"landlord"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"police"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"policeConcern"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"flaggedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"intelligence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportedOn"}},{"kind":"Field","name":{"kind":"Name","value":"sourceGrade"}},{"kind":"Field","name":{"kind":"Name","value":"intelGrade"}},{"kind":"Field","name":{"kind":"Name","value":"handlingCode"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"linkedPersons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"police"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<LocationViewQuery, LocationViewQueryVariables>;
export const MyAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myAccess"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"org"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"approved"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"approvedPurposes"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agreement"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"purposes"}},{"kind":"Field","name":{"kind":"Name","value":"lawfulBases"}},{"kind":"Field","name":{"kind":"Name","value":"conditions"}},{"kind":"Field","name":{"kind":"Name","value":"until"}}]}}]}}]}}]} as unknown as DocumentNode<MyAccessQuery, MyAccessQueryVariables>;
export const ExplainAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExplainAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"field"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Purpose"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"explainAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"Variable","name":{"kind":"Name","value":"field"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"}},{"kind":"Field","name":{"kind":"Name","value":"lawfulBasis"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"needed"}}]}}]}}]} as unknown as DocumentNode<ExplainAccessQuery, ExplainAccessQueryVariables>;
export const StatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Statistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"police"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nrmReferrals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nrmReferralsByExploitationType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nrmReferralsByNationality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nrmReasonableGrounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ordersMade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section47Enquiries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"adultSocialCareByNeed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hmosInspected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attendancesWithIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"exploitationIndicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"safeguardingFlagsRaised"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"support"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"episodesStarted"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"episodesByProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"episodesByServiceType"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatCountFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatCountFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StatCount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"rounded"}}]}}]} as unknown as DocumentNode<StatisticsQuery, StatisticsQueryVariables>;
export const SubjectSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubjectSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"police"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubjectSearchQuery, SubjectSearchQueryVariables>;
export const SubjectOneViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubjectOneView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"police"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pncId"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"nationality"}},{"kind":"Field","name":{"kind":"Name","value":"pvotMarker"}},{"kind":"Field","name":{"kind":"Name","value":"isChild"}},{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"recordedOn"}},{"kind":"Field","name":{"kind":"Name","value":"operationName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nrmReferrals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referredOn"}},{"kind":"Field","name":{"kind":"Name","value":"exploitationTypes"}},{"kind":"Field","name":{"kind":"Name","value":"reasonableGrounds"}},{"kind":"Field","name":{"kind":"Name","value":"conclusiveGrounds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"intelligence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportedOn"}},{"kind":"Field","name":{"kind":"Name","value":"sourceGrade"}},{"kind":"Field","name":{"kind":"Name","value":"intelGrade"}},{"kind":"Field","name":{"kind":"Name","value":"handlingCode"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"madeOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"addressRestricted"}},{"kind":"Field","name":{"kind":"Name","value":"currentAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uprn"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"localAuthority"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseRef"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"adultSocialCare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"primaryNeed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"childrenSocialCare"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"section47Enquiry"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"childProtectionPlan"}}]}},{"kind":"Field","name":{"kind":"Name","value":"housing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addressRestricted"}},{"kind":"Field","name":{"kind":"Name","value":"tenure"}},{"kind":"Field","name":{"kind":"Name","value":"homelessness"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uprn"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"postcode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"landlordOf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uprn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nhsNumber"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"isChild"}},{"kind":"Field","name":{"kind":"Name","value":"names"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"safeguardingFlags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"raisedOn"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"raisedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attendedOn"}},{"kind":"Field","name":{"kind":"Name","value":"site"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"exploitationIndicators"}},{"kind":"Field","name":{"kind":"Name","value":"clinicalNotes"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"support"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"providerOrg"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"serviceType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"recordedOn"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubjectOneViewQuery, SubjectOneViewQueryVariables>;