import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from './paths';
import { ownershipFromSupergraph } from './ownership';

describe('ownershipFromSupergraph', () => {
  const ownership = ownershipFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

  it.each([
    ['Person', 'police', 'police'],
    ['Person', 'localAuthority', 'local-authority'],
    ['Person', 'health', 'nhs'],
    ['Person', 'support', 'ngo'],
    ['Attendance', 'clinicalNotes', 'nhs'],
    ['Location', 'intelligence', 'police'],
    ['Location', 'hmoLicence', 'local-authority'],
    ['SupportService', 'receptionCentre', 'local-authority'],
    ['SupportService', 'name', 'ngo'],
  ])('%s.%s belongs to %s', (type, field, owner) => {
    expect(ownership.ownerOf(type, field)).toBe(owner);
  });

  it('leaves shared value types and shared keys to their parent', () => {
    expect(ownership.ownerOf('PersonName', 'fullName')).toBeUndefined();
    expect(ownership.ownerOf('Address', 'uprn')).toBeUndefined();
    expect(ownership.ownerOf('Person', 'id')).toBeUndefined();
  });
});
