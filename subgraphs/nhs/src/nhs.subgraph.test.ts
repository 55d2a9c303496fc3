import { pendingSchemaChanges, personRepresentations, statementsForEntities, useSeededSubgraph } from '@hub/shared/testing';
import { nhsSubgraph } from './index';
import { isValidNhsNumber } from './nhs-number';

const HEALTH_FIELDS = `health { nhsNumber names { fullName kind } dateOfBirth isChild
  safeguardingFlags { kind raisedOn active raisedBy }
  attendances { attendedOn site kind exploitationIndicators clinicalNotes } }`;

describe('nhs subgraph', () => {
  const fixture = useSeededSubgraph(nhsSubgraph);

  const healthOf = async (id: string) => {
    const { body } = await fixture.query(`{ person(id: "${id}") { id ${HEALTH_FIELDS} } }`);
    expect(body.errors).toBeUndefined();
    return body.data.person.health;
  };

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(nhsSubgraph, fixture.db.url)).toEqual([]);
  });

  it('seeds attendances and flags for the population, not only the fixed subjects', () => {
    expect(fixture.seeded.patients).toBeGreaterThan(10);
    expect(fixture.seeded.attendances).toBeGreaterThanOrEqual(fixture.seeded.patients!);
    expect(fixture.seeded.attendances).toBeLessThanOrEqual(3 * fixture.seeded.patients!);
    expect(fixture.seeded.safeguarding_flags).toBeGreaterThan(3);
    expect(fixture.seeded.health_services).toBe(1);
  });

  it("serves the adult man's A&E attendance at the car wash injury, with clinical notes", async () => {
    const health = await healthOf('SUBJ-000001');
    expect(isValidNhsNumber(health.nhsNumber)).toBe(true);
    expect(health).toMatchObject({ dateOfBirth: '1992-03-14', isChild: false });
    expect(health.names).toEqual([
      { fullName: 'Tomasz Nowak', kind: 'BIRTH' },
      { fullName: 'Tomek Nowak', kind: 'KNOWN_AS' },
    ]);
    const aAndE = health.attendances.find((a: { kind: string }) => a.kind === 'A_AND_E');
    expect(aAndE).toMatchObject({ attendedOn: '2026-05-11', site: expect.stringMatching(/Emergency Department/) });
    expect(aAndE.exploitationIndicators).toContain('accompanied by controlling third party');
    expect(aAndE.clinicalNotes).toMatch(/car wash/);
    expect(health.safeguardingFlags).toEqual([
      { kind: 'MODERN_SLAVERY_CONCERN', raisedOn: '2026-05-11', active: true, raisedBy: 'Emergency department safeguarding nurse' },
    ]);
  });

  it("serves the child's grow-lamp burns and child protection flag", async () => {
    const health = await healthOf('SUBJ-000002');
    expect(health.isChild).toBe(true);
    expect(health.attendances).toHaveLength(1);
    expect(health.attendances[0]).toMatchObject({ kind: 'A_AND_E', attendedOn: '2026-09-09' });
    expect(health.attendances[0].exploitationIndicators).toContain('burns consistent with grow-lamp exposure');
    expect(health.attendances[0].clinicalNotes).toMatch(/grow lamps/);
    expect(health.safeguardingFlags).toContainEqual(expect.objectContaining({ kind: 'CHILD_PROTECTION', active: true }));
  });

  it("serves the woman's sexual health attendance", async () => {
    const health = await healthOf('SUBJ-000003');
    expect(health.attendances.map((a: { kind: string }) => a.kind)).toEqual(['SEXUAL_HEALTH']);
  });

  it('holds nothing on the suspected controller, nor on an unknown subject', async () => {
    expect(await healthOf('SUBJ-000004')).toBeNull();
    const { body } = await fixture.query(`{ person(id: "SUBJ-999999") { id health { nhsNumber } } }`);
    expect(body.data.person).toEqual({ id: 'SUBJ-999999', health: null });
  });

  it('adds clinic details to the NHS directory service only', async () => {
    const { body } = await fixture.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportService { id healthService {
        clinicType acceptsUnregisteredPatients interpreterAvailable weeklySlots slotsAvailable } } } }`,
      {
        r: [
          { __typename: 'SupportService', id: 'bsol-safeguarding-clinic' },
          { __typename: 'SupportService', id: 'barnardos-icta' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    const [clinic, icta] = body.data._entities;
    expect(clinic.healthService).toMatchObject({ acceptsUnregisteredPatients: true, interpreterAvailable: true, weeklySlots: 10 });
    expect(clinic.healthService.slotsAvailable).toBeGreaterThanOrEqual(1);
    expect(clinic.healthService.slotsAvailable).toBeLessThanOrEqual(10);
    expect(icta).toEqual({ id: 'barnardos-icta', healthService: null });
  });

  it('adds clinic details to the directory services the trust runs, and only to those', async () => {
    const { body } = await fixture.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportService { id healthService { clinicType } } } }`,
      {
        r: [
          { __typename: 'SupportService', id: 'bsol-safeguarding-clinic' },
          { __typename: 'SupportService', id: 'adavu-long-term' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { id: 'bsol-safeguarding-clinic', healthService: { clinicType: 'Safeguarding health assessment' } },
      { id: 'adavu-long-term', healthService: null },
    ]);
  });

  it('resolves entity references in one batch: 5 and 50 references cost the same statements', async () => {
    const selection = `... on Person { ${HEALTH_FIELDS} }`;
    const statementsFor = (count: number) => statementsForEntities(fixture, selection, personRepresentations(count));
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });
});
