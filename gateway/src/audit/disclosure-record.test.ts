import { canonicalRecord, hashRecord, pgArray, SEPARATOR, type DisclosureRecord } from './disclosure-record';

const record: Omit<DisclosureRecord, 'hash'> = {
  writerId: 'w',
  seq: 1,
  occurredAt: '2026-11-01T09:00:00.000Z',
  requestId: 'r',
  operationName: 'ReferToService',
  operationHash: 'h',
  requesterId: 'REF-2026-000001',
  requesterOrg: 'hope-at-home',
  requesterRoles: ['CASEWORKER'],
  purpose: 'SAFEGUARDING_REFERRAL',
  lawfulBases: [],
  caseRef: 'C',
  agreements: [],
  ruleIds: [],
  owner: 'police',
  subjectType: 'Person',
  subjectId: 'SUBJ-000001',
  fieldsDisclosed: [],
  withheldJson: '[]',
  prevHash: 'p'.repeat(64),
  initiatorId: null,
  initiatorOrg: null,
  controllerOrg: null,
};

describe('the hashed text of a record and its initiator', () => {
  it('is the text records had before the initiator existed when there is none, so their hashes still verify', () => {
    const parts = canonicalRecord(record).split(SEPARATOR);
    expect(parts).toHaveLength(21);
    expect(parts.at(-1)).toBe(record.prevHash);
  });

  it('covers the initiator after the previous hash when there is one', () => {
    const parts = canonicalRecord({ ...record, initiatorId: 'ngo.caseworker', initiatorOrg: 'adavu' }).split(SEPARATOR);
    expect(parts.slice(-3)).toEqual([record.prevHash, 'ngo.caseworker', 'adavu']);
  });

  it('refuses half an initiator', () => {
    expect(() => canonicalRecord({ ...record, initiatorId: 'ngo.caseworker' })).toThrow(/initiator/);
    expect(() => canonicalRecord({ ...record, initiatorOrg: 'adavu' })).toThrow(/initiator/);
  });
});

describe('the hashed text of a record and its data controller', () => {
  it('covers the controller after the previous hash when there is one, and is unchanged without one', () => {
    const parts = canonicalRecord({ ...record, controllerOrg: 'adavu' }).split(SEPARATOR);
    expect(parts).toHaveLength(22);
    expect(parts.slice(-2)).toEqual([record.prevHash, 'adavu']);
    expect(canonicalRecord(record)).toBe(canonicalRecord({ ...record, controllerOrg: null }));
  });

  it('follows the initiator when both are present, so the count of parts tells which are there', () => {
    const both = { ...record, initiatorId: 'ngo.caseworker', initiatorOrg: 'adavu', controllerOrg: 'hope-at-home' };
    expect(canonicalRecord(both).split(SEPARATOR).slice(-4)).toEqual([record.prevHash, 'ngo.caseworker', 'adavu', 'hope-at-home']);
  });

  it('gives each controller, and none, a different hash', () => {
    const hashes = [null, 'adavu', 'hope-at-home'].map((controllerOrg) => hashRecord({ ...record, controllerOrg }));
    expect(new Set(hashes).size).toBe(3);
  });
});

describe('pgArray: a text[] as PostgreSQL prints it, a frozen list worked out once', () => {
  it('quotes what array_out quotes, frozen or not', () => {
    const values = ['Person.id', '', 'NULL', 'a b', 'say "hi"', 'back\\slash', '{x}'];
    const expected = '{Person.id,"","NULL","a b","say \\"hi\\"","back\\\\slash","{x}"}';
    expect(pgArray(values)).toBe(expected);
    expect(pgArray(Object.freeze([...values]))).toBe(expected);
  });
  it('prints a list that can change as it is now', () => {
    const values = ['A.b'];
    expect(pgArray(values)).toBe('{A.b}');
    values.push('C.d');
    expect(pgArray(values)).toBe('{A.b,C.d}');
  });
});
