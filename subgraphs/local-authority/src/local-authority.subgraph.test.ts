import { pendingSchemaChanges, personRepresentations, statementsForEntities, useSeededSubgraph } from '@hub/shared/testing';
import { localAuthoritySubgraph } from './index';

describe('local-authority subgraph', () => {
  const fixture = useSeededSubgraph(localAuthoritySubgraph);

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(localAuthoritySubgraph, fixture.db.url)).toEqual([]);
  });

  it("serves the fixed adult victim's housing record at the unlicensed HMO", async () => {
    const { body } =
      await fixture.query(`{ person(id: "SUBJ-000001") { localAuthority { caseRef names { fullName kind } dateOfBirth adultSocialCare { status }
         childrenSocialCare { status } housing { address { uprn line1 postcode } tenure homelessness } landlordOf { uprn } } } }`);
    expect(body.errors).toBeUndefined();
    const record = body.data.person.localAuthority;
    expect(record).toMatchObject({
      caseRef: 'BCC-HOU-000001',
      dateOfBirth: '1992-03-14',
      adultSocialCare: null,
      childrenSocialCare: null,
      landlordOf: [],
    });
    expect(record.names).toContainEqual({ fullName: 'Tomasz Nowak', kind: 'BIRTH' });
    expect(record.housing).toEqual({
      address: { uprn: '100070000001', line1: '14 Lozells Road', postcode: 'B19 2TJ' },
      tenure: 'PRIVATE_RENTED',
      homelessness: false,
    });
  });

  it("serves the fixed child's children's social care case with an open s47 enquiry", async () => {
    const { body } = await fixture.query(`{ person(id: "SUBJ-000002") { localAuthority { caseRef dateOfBirth housing { tenure }
         childrenSocialCare { section47Enquiry status openedOn childProtectionPlan } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.localAuthority).toEqual({
      caseRef: 'BCC-CSC-000002',
      dateOfBirth: '2011-05-20',
      housing: null,
      childrenSocialCare: { section47Enquiry: true, status: 'OPEN', openedOn: '2026-09-10', childProtectionPlan: false },
    });
  });

  it('answers null for a subject the council holds nothing about', async () => {
    for (const id of ['SUBJ-000003', 'SUBJ-999999']) {
      const { body } = await fixture.query(`{ person(id: "${id}") { id localAuthority { caseRef } } }`);
      expect(body).toEqual({ data: { person: { id, localAuthority: null } } });
    }
  });

  it('knows the suspected controller only as the landlord on the licensing record', async () => {
    const { body } =
      await fixture.query(`{ person(id: "SUBJ-000004") { localAuthority { caseRef names { fullName kind } dateOfBirth adultSocialCare { status }
         childrenSocialCare { status } housing { tenure } landlordOf { uprn } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.person.localAuthority).toEqual({
      caseRef: null,
      names: [{ fullName: 'Marek Kowalski', kind: 'BIRTH' }],
      dateOfBirth: null,
      adultSocialCare: null,
      childrenSocialCare: null,
      housing: null,
      landlordOf: [{ uprn: '100070000001' }],
    });
  });

  it('serves the unlicensed HMO, its landlord and the occupants counted at the last inspection', async () => {
    const { body } =
      await fixture.query(`{ location(uprn: "100070000001") { hmoLicence { licensed licenceNumber expiresOn } premisesLicences { kind }
         reportedOccupants lastInspectedOn landlord { id } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.location).toEqual({
      hmoLicence: { licensed: false, licenceNumber: null, expiresOn: null },
      premisesLicences: [],
      reportedOccupants: 9,
      lastInspectedOn: '2026-05-12',
      landlord: { id: 'SUBJ-000004' },
    });
  });

  it('serves premises licences of the fixed nail bar and car wash, and no HMO licence there', async () => {
    const { body } =
      await fixture.query(`{ nailBar: location(uprn: "100070000005") { hmoLicence { licensed } landlord { id } premisesLicences { kind licensee validUntil } }
         carWash: location(uprn: "100070000006") { premisesLicences { kind licensee validUntil } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.nailBar).toEqual({
      hmoLicence: null,
      landlord: null,
      premisesLicences: [{ kind: 'NAIL_BAR', licensee: 'Soho Nails Ltd', validUntil: '2027-03-31' }],
    });
    expect(body.data.carWash.premisesLicences).toEqual([
      { kind: 'CAR_WASH', licensee: 'Dudley Road Hand Car Wash Ltd', validUntil: '2026-06-30' },
    ]);
  });

  it('adds reception centre beds only to the directory entries the council operates', async () => {
    const { body } = await fixture.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportService { id receptionCentre {
         localAuthorityArea bedsTotal bedsAvailable acceptsChildren } } } }`,
      {
        r: [
          { __typename: 'SupportService', id: 'bcc-reception-centre' },
          { __typename: 'SupportService', id: 'barnardos-icta' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    const [council, charity] = body.data._entities;
    expect(council.receptionCentre).toMatchObject({ localAuthorityArea: 'Birmingham', bedsTotal: 20, acceptsChildren: false });
    expect(council.receptionCentre.bedsAvailable).toBeGreaterThanOrEqual(0);
    expect(council.receptionCentre.bedsAvailable).toBeLessThanOrEqual(20);
    expect(charity).toEqual({ id: 'barnardos-icta', receptionCentre: null });
  });

  it('adds live bed counts to the reception centres the council runs, and only to those', async () => {
    const { body } = await fixture.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportService { id receptionCentre { bedsTotal } } } }`,
      {
        r: [
          { __typename: 'SupportService', id: 'bcc-reception-centre' },
          { __typename: 'SupportService', id: 'adavu-long-term' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { id: 'bcc-reception-centre', receptionCentre: { bedsTotal: 20 } },
      { id: 'adavu-long-term', receptionCentre: null },
    ]);
  });

  it('resolves entity references in one batch: 5 and 50 references cost the same statements', async () => {
    const selection = `... on Person { localAuthority { caseRef names { fullName }
      adultSocialCare { status } childrenSocialCare { status } housing { tenure address { uprn } } landlordOf { uprn } } }`;
    const statementsFor = (count: number) => statementsForEntities(fixture, selection, personRepresentations(count));
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('resolves location references in one batch too', async () => {
    const selection = `... on Location { hmoLicence { licensed }
      premisesLicences { kind } reportedOccupants lastInspectedOn landlord { id } }`;
    const statementsFor = (count: number) =>
      statementsForEntities(
        fixture,
        selection,
        Array.from({ length: count }, (_, i) => ({ __typename: 'Location', uprn: String(100070000001 + i) })),
      );
    const five = await statementsFor(5);
    expect(five).toBeGreaterThan(0);
    expect(await statementsFor(40)).toBe(five);
  });
});
