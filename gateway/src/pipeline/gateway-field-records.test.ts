import type { DraftDisclosure } from '../audit/disclosure-record';
import { addGatewayFieldRecords } from './gateway-field-records';

const draft = (over: Partial<DraftDisclosure>): DraftDisclosure => ({
  occurredAt: '2026-12-02T17:00:00.000Z',
  requestId: 'r-1',
  operationName: null,
  operationHash: 'h',
  requesterId: 'hopeathome.caseworker',
  requesterOrg: 'hope-at-home',
  requesterRoles: ['CASEWORKER'],
  purpose: 'SAFEGUARDING_REFERRAL',
  lawfulBases: ['CONSENT'],
  caseRef: 'HOPE/2026/1',
  agreements: [],
  ruleIds: ['REF-2026-AAAAAAAAAA'],
  owner: 'police',
  subjectType: 'Person',
  subjectId: 'SUBJ-000003',
  fieldsDisclosed: ['PoliceRecord.names'],
  withheldJson: '[]',
  initiatorId: null,
  initiatorOrg: null,
  controllerOrg: 'west-midlands-police',
  ...over,
});

describe('a gateway field’s records in one response', () => {
  it('merges the same disclosure asked twice (aliased roots) into one record, fields and bases as the union', () => {
    const recorded: DraftDisclosure[] = [];
    addGatewayFieldRecords(recorded, [draft({})]);
    addGatewayFieldRecords(recorded, [draft({ fieldsDisclosed: ['PersonName.fullName', 'PoliceRecord.names'] })]);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.fieldsDisclosed).toEqual(['PersonName.fullName', 'PoliceRecord.names']);
  });

  it.each([
    ['another owner', { owner: 'ngo' }],
    ['another data controller', { controllerOrg: 'refuge' }],
    ['another subject', { subjectId: 'SUBJ-000001' }],
    ['another referral (rule)', { ruleIds: ['REF-2026-BBBBBBBBBB'] }],
  ])('keeps %s apart', (_name, over) => {
    const recorded: DraftDisclosure[] = [];
    addGatewayFieldRecords(recorded, [draft({}), draft(over as Partial<DraftDisclosure>)]);
    expect(recorded).toHaveLength(2);
  });
});
