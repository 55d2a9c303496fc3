import { buildGatewaySchema } from '../../gateway-schema';
import { ageBand, readSharedFields, referralQuery, valueOf } from './referral-fields';

describe('referral fields', () => {
  const schema = buildGatewaySchema();

  it('resolves the form names and coordinates to subject fields, with their selection from Person', () => {
    const fields = readSharedFields(schema, ['name', 'ageBand', 'PoliceRecord.nationality', 'support', 'name']);
    expect(fields.map((f) => [f.name, f.coordinate, f.path])).toEqual([
      ['name', 'PoliceRecord.names', ['police']],
      ['ageBand', 'PoliceRecord.dateOfBirth', ['police']],
      ['PoliceRecord.nationality', 'PoliceRecord.nationality', ['police']],
      ['support', 'Person.support', []],
    ]);
    const query = referralQuery(fields);
    expect(query).toContain('police { names { ');
    // A directory entry under an episode is read as which service, not its live details.
    expect(query).toContain('service { id name }');
    expect(query).not.toContain('capacity');
  });

  it.each([[[]], [['Person.id']], [['Location.hmoLicence']], [['nonsense']], [['SupportService.name']]])('refuses %j', (names) => {
    expect(() => readSharedFields(schema, names)).toThrow(/field|share/);
  });

  it.each([['NrmReferral.exploitationTypes'], ['NrmReferral.referredOn'], ['NrmReferral.conclusiveGrounds']])(
    'shares an NRM referral as its stage only: refuses %s (red team, workflows round)',
    (name) => {
      expect(() => readSharedFields(schema, [name])).toThrow(/stage only; use nrmStage/);
    },
  );

  it('reads values along the path, lists kept as lists, the age as a band', () => {
    const [name, band] = readSharedFields(schema, ['name', 'ageBand']);
    const person = { police: { names: [{ fullName: 'Elena Popescu' }], dateOfBirth: '1999-08-02' } };
    expect(valueOf(person, name!)).toEqual([{ fullName: 'Elena Popescu' }]);
    expect(typeof valueOf(person, band!)).toBe('string');
    expect(valueOf({ police: null }, name!)).toBeNull();
  });

  it("shares NRM referrals as the latest one's stage, never their exploitation types, by either name", () => {
    for (const name of ['nrmStage', 'PoliceRecord.nrmReferrals']) {
      const [field] = readSharedFields(schema, [name]);
      expect(field!.selection).toBe('police { nrmReferrals { referredOn reasonableGrounds conclusiveGrounds } }');
      const person = {
        police: {
          nrmReferrals: [
            { referredOn: '2026-08-19', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING', exploitationTypes: ['SEXUAL'] },
            { referredOn: '2024-01-02', reasonableGrounds: 'NEGATIVE', conclusiveGrounds: null },
          ],
        },
      };
      expect(valueOf(person, field!)).toEqual({ referredOn: '2026-08-19', reasonableGrounds: 'POSITIVE', conclusiveGrounds: 'PENDING' });
      expect(valueOf({ police: { nrmReferrals: [] } }, field!)).toBeNull();
    }
  });

  it.each([
    ['2011-05-20', '2026-11-30', 'under 18 (15)'],
    ['2008-12-01', '2026-11-30', 'under 18 (17)'],
    ['2008-11-30', '2026-11-30', '18-24'],
    ['1999-08-02', '2026-11-30', '25-34'],
    ['1981-01-09', '2026-11-30', '45-54'],
    ['1950-01-01', '2026-11-30', '65+'],
  ])('born %s, on %s: %s', (born, today, band) => {
    expect(ageBand(born, new Date(`${today}T12:00:00Z`))).toBe(band);
  });
});
