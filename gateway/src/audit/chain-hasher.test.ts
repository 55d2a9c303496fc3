import { ChainHasher } from './chain-hasher';
import { canonicalRecord, GENESIS_HASH, hashRecord, SEPARATOR, type DraftDisclosure } from './disclosure-record';

function draft(i: number, overrides: Partial<DraftDisclosure> = {}): DraftDisclosure {
  return {
    occurredAt: '2026-01-05T10:11:12.340Z',
    requestId: 'req-1',
    operationName: 'Dashboard',
    operationHash: 'ab'.repeat(32),
    requesterId: 'la.safeguarding',
    requesterOrg: 'birmingham-city-council',
    requesterRoles: ['SAFEGUARDING_LEAD'],
    purpose: 'IDENTIFY_VICTIMS',
    lawfulBases: ['UK_GDPR_6_1_E'],
    caseRef: 'CASE-2026-0042',
    agreements: ['isa-msht-wm@3'],
    ruleIds: ['R1-core', 'R4-detail'],
    owner: i % 2 ? 'police' : 'nhs',
    subjectType: 'Person',
    subjectId: `SUBJ-${String(i).padStart(6, '0')}`,
    fieldsDisclosed: ['Person.name', `Person.f${i}`],
    withheldJson: '[]',
    initiatorId: null,
    initiatorOrg: null,
    controllerOrg: i % 2 ? 'west-midlands-police' : 'birmingham-solihull-nhs',
    ...overrides,
  };
}

describe('ChainHasher', () => {
  it('hashes exactly as hashRecord, record after record, whatever is shared or not', () => {
    const drafts: DraftDisclosure[] = [
      draft(1),
      draft(2),
      draft(3, { operationName: null, purpose: null, caseRef: null }),
      draft(4, { subjectType: null, subjectId: null, fieldsDisclosed: [] }),
      draft(5, { requesterRoles: ['A', 'B C', 'null', ''], lawfulBases: [], agreements: ['x"y', 'a\\b'] }),
      draft(6, { requestId: 'req-2', occurredAt: '2026-01-05T10:11:13.000Z' }),
      draft(7, { requestId: 'req-2', occurredAt: '2026-01-05T10:11:13.000Z', requesterRoles: ['OTHER'] }),
      draft(8, { withheldJson: '[{"field":"Person.x","rule":"R3","reason":"no"}]', ruleIds: ['{braces}'] }),
      draft(9, { initiatorId: 'adavu.caseworker', initiatorOrg: 'adavu' }),
      draft(10, { controllerOrg: null }),
      draft(11, { initiatorId: 'adavu.caseworker', initiatorOrg: 'adavu', controllerOrg: null }),
    ];
    const hasher = new ChainHasher();
    const records = hasher.chain(drafts, 'host-1-abc', 41, 'f'.repeat(64));
    let prev = 'f'.repeat(64);
    records.forEach((record, i) => {
      expect(record.seq).toBe(42 + i);
      expect(record.prevHash).toBe(prev);
      const { hash, ...unhashed } = record;
      expect(hasher.canonical(unhashed)).toBe(canonicalRecord(unhashed));
      expect(hash).toBe(hashRecord(unhashed));
      prev = hash;
    });
  });

  it('compares with what it hashed, not with an array changed since', () => {
    const roles = ['SAFEGUARDING_LEAD'];
    const hasher = new ChainHasher();
    hasher.chain([draft(1, { requesterRoles: roles })], 'w', 0, GENESIS_HASH);
    roles[0] = 'CHANGED';
    const [record] = hasher.chain([draft(2, { requesterRoles: roles })], 'w', 1, GENESIS_HASH);
    const { hash, ...unhashed } = record!;
    expect(hash).toBe(hashRecord(unhashed));
  });

  it('refuses a value holding the column separator, shared or not, as canonicalRecord does', () => {
    const hasher = new ChainHasher();
    expect(() => hasher.chain([draft(1, { requesterOrg: `a${SEPARATOR}b` })], 'w', 0, GENESIS_HASH)).toThrow(/separator/);
    expect(() => hasher.chain([draft(1, { fieldsDisclosed: [`a${SEPARATOR}`] })], 'w', 0, GENESIS_HASH)).toThrow(/separator/);
    expect(() => hasher.chain([draft(1, { ruleIds: [`a${SEPARATOR}`] })], 'w', 0, GENESIS_HASH)).toThrow(/separator/);
    expect(() => canonicalRecord({ ...draft(1, { ruleIds: [`a${SEPARATOR}`] }), writerId: 'w', seq: 1, prevHash: GENESIS_HASH })).toThrow(
      /separator/,
    );
  });
});
