import { pendingSchemaChanges, personRepresentations, statementsForEntities, useSeededSubgraph } from '@hub/shared/testing';
import { policeSubgraph } from './index';

describe('police subgraph', () => {
  const fixture = useSeededSubgraph(policeSubgraph);

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(policeSubgraph, fixture.db.url)).toEqual([]);
  });

  it("serves the fixed adult victim's record", async () => {
    const { body } =
      await fixture.query(`{ person(id: "SUBJ-000001") { id police { pncId names { fullName kind } dateOfBirth nationality isChild pvotMarker
         roles { role } nrmReferrals { reasonableGrounds exploitationTypes } currentAddress { uprn line1 } } } }`);
    expect(body.errors).toBeUndefined();
    const police = body.data.person.police;
    expect(police.names).toContainEqual({ fullName: 'Tomasz Nowak', kind: 'BIRTH' });
    expect(police).toMatchObject({ nationality: 'Polish', isChild: false, pvotMarker: true, dateOfBirth: '1992-03-14' });
    expect(police.roles).toEqual([{ role: 'VICTIM' }]);
    expect(police.nrmReferrals).toEqual([{ reasonableGrounds: 'POSITIVE', exploitationTypes: ['LABOUR'] }]);
    expect(police.currentAddress).toEqual({ uprn: '100070000001', line1: '14 Lozells Road' });
  });

  it('answers null for a subject it does not hold, without revealing anything else', async () => {
    const { body } = await fixture.query(`{ person(id: "SUBJ-999999") { id police { pncId } } }`);
    expect(body.data.person).toEqual({ id: 'SUBJ-999999', police: null });
  });

  it('rejects a malformed subject reference with a clear error', async () => {
    const { body } = await fixture.query(`{ person(id: "1 OR 1=1") { id } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the intelligence and linked persons of a location', async () => {
    const { body } = await fixture.query(
      `{ location(uprn: "100070000001") { uprn policeConcern { reason } intelligence { handlingCode } linkedPersons { id } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.location.policeConcern.reason).toMatch(/multi-occupancy/);
    expect(body.data.location.intelligence.length).toBeGreaterThanOrEqual(2);
    expect(body.data.location.linkedPersons).toContainEqual({ id: 'SUBJ-000001' });
  });

  it('resolves entity references in one batch: 5 and 50 references cost the same statements', async () => {
    const selection = `... on Person { police { names { fullName }
      roles { role } nrmReferrals { referredOn } intelligence { summary } orders { type } } }`;
    const statementsFor = (count: number) => statementsForEntities(fixture, selection, personRepresentations(count));
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });
});
