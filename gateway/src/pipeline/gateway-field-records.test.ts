import type { DraftDisclosure } from '../audit/disclosure-record';
import { gatewayFieldDisclosures } from './gateway-field-records';

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

const at = ['referrals'];
const data = { referrals: { edges: [] }, again: { edges: [] } };

describe('a gateway field’s records in one response', () => {
  it('merges the same disclosure asked twice (aliased roots) into one record, fields and bases as the union', () => {
    const merged = gatewayFieldDisclosures(
      [
        { at, drafts: [draft({})] },
        { at: ['again'], drafts: [draft({ fieldsDisclosed: ['PersonName.fullName', 'PoliceRecord.names'] })] },
      ],
      data,
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]!.fieldsDisclosed).toEqual(['PersonName.fullName', 'PoliceRecord.names']);
  });

  it.each([
    ['another owner', { owner: 'ngo' }],
    ['another data controller', { controllerOrg: 'refuge' }],
    ['another subject', { subjectId: 'SUBJ-000001' }],
    ['another referral (rule)', { ruleIds: ['REF-2026-BBBBBBBBBB'] }],
  ])('keeps %s apart', (_name, over) => {
    expect(gatewayFieldDisclosures([{ at, drafts: [draft({}), draft(over as Partial<DraftDisclosure>)] }], data)).toHaveLength(2);
  });

  it.each([
    ['data nulled by a failing non-null sibling', null],
    ['the field itself nulled by an error below it', { referrals: null }],
    ['the field not in the response', {}],
  ])('records nothing of a field whose answer did not reach the response: %s', (_name, response) => {
    expect(gatewayFieldDisclosures([{ at, drafts: [draft({})] }], response)).toEqual([]);
  });
});
