import { generatePopulation, SUPPORT_DIRECTORY } from '@hub/shared';
import { pendingSchemaChanges, personRepresentations, statementsForEntities, useSeededSubgraph } from '@hub/shared/testing';
import { ngoSubgraph } from './index';

const EPISODE_FIELDS = 'provider providerOrg service { id name } startedOn endedOn status consent { recipients recordedOn scope }';

describe('ngo subgraph', () => {
  const fixture = useSeededSubgraph(ngoSubgraph);

  const supportOf = async (id: string) => {
    const { body } = await fixture.query(`{ person(id: "${id}") { id support { ${EPISODE_FIELDS} } } }`);
    expect(body.errors).toBeUndefined();
    return body.data.person.support;
  };

  it('has migrations that create exactly what the entities describe', async () => {
    expect(await pendingSchemaChanges(ngoSubgraph, fixture.db.url)).toEqual([]);
  });

  it('serves the Adavu support of the fixed adult victim, with consent naming only the council', async () => {
    expect(await supportOf('SUBJ-000001')).toEqual([
      {
        provider: 'The Adavu Project',
        providerOrg: 'adavu',
        service: { id: 'adavu-long-term', name: 'Long-term survivor support' },
        startedOn: '2026-06-20',
        endedOn: null,
        status: 'ACTIVE',
        consent: { recipients: ['birmingham-city-council'], recordedOn: '2026-06-20', scope: expect.any(String) },
      },
    ]);
  });

  it("serves the fixed child's Barnardo's ICTA advocacy", async () => {
    const [episode, ...others] = await supportOf('SUBJ-000002');
    expect(others).toEqual([]);
    expect(episode).toMatchObject({
      provider: "Barnardo's",
      providerOrg: 'barnardos',
      service: { id: 'barnardos-icta' },
      status: 'ACTIVE',
    });
  });

  it('serves Refuge support with no consent recorded as a null consent', async () => {
    const [episode, ...others] = await supportOf('SUBJ-000003');
    expect(others).toEqual([]);
    expect(episode).toMatchObject({ provider: 'Refuge', providerOrg: 'refuge', service: { id: 'refuge-modern-slavery' }, consent: null });
  });

  it('answers null for the suspect without support and for a subject it does not hold', async () => {
    expect(await supportOf('SUBJ-000004')).toBeNull();
    expect(await supportOf('SUBJ-999999')).toBeNull();
  });

  it('rejects a malformed subject reference with a clear error', async () => {
    const { body } = await fixture.query(`{ person(id: "1 OR 1=1") { id } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the whole directory with the published criteria', async () => {
    const { body } = await fixture.query(`{ supportServices { id name provider providerOrg serviceType coverage referralRoute
         eligibility { minAge maxAge genders nrmStages languages requirements } capacity { total } } }`);
    expect(body.errors).toBeUndefined();
    const services = body.data.supportServices;
    expect(services.map((s: { id: string }) => s.id).sort()).toEqual(SUPPORT_DIRECTORY.map((s) => s.id).sort());
    const hope = services.find((s: { id: string }) => s.id === 'hope-at-home-hosting');
    expect(hope).toMatchObject({
      provider: 'Hope at Home',
      providerOrg: 'hope-at-home',
      serviceType: 'ACCOMMODATION',
      coverage: ['UK-wide'],
      capacity: { total: 12 },
      eligibility: { minAge: 18, maxAge: null, nrmStages: ['POSITIVE_CG', 'NEGATIVE_CG'] },
    });
    expect(services.find((s: { id: string }) => s.id === 'sophie-hayes-day-46').eligibility.genders).toEqual(['FEMALE']);
    expect(services.find((s: { id: string }) => s.id === 'barnardos-icta').eligibility).toMatchObject({ minAge: 0, maxAge: 17 });
  });

  it('filters the directory by age, language, coverage area and type', async () => {
    const ids = async (filter: string) => {
      const { body } = await fixture.query(`{ supportServices(filter: ${filter}) { id } }`);
      expect(body.errors).toBeUndefined();
      return body.data.supportServices.map((s: { id: string }) => s.id).sort();
    };
    expect(await ids('{ acceptsAge: 15 }')).toEqual(['barnardos-icta', 'bsol-safeguarding-clinic']);
    expect(await ids('{ language: "vietnamese" }')).toEqual(['barnardos-icta', 'refuge-modern-slavery']);
    // Coventry is covered by its own hub, by West Midlands services and by UK-wide ones.
    expect(await ids('{ coverage: "Coventry" }')).toEqual([
      'adavu-long-term',
      'barnardos-icta',
      'hope-at-home-hosting',
      'refuge-modern-slavery',
      'salvation-army-connect-coventry',
    ]);
    expect(await ids('{ serviceType: CASEWORK, acceptsAge: 30, language: "Polish" }')).toEqual([
      'adavu-long-term',
      'refuge-modern-slavery',
    ]);
  });

  it('rejects an impossible age with a clear error', async () => {
    const { body } = await fixture.query(`{ supportServices(filter: { acceptsAge: -1 }) { id } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers null for an unknown service', async () => {
    const { body } = await fixture.query(`{ supportService(id: "no-such-service") { id name } }`);
    expect(body).toEqual({ data: { supportService: null } });
  });

  it('reports available places as total minus active episodes, from one grouped count', async () => {
    const active: { service_id: string; active: number }[] = await fixture.service.dataSource.query(
      `SELECT service_id, COUNT(*)::int AS active FROM support_episodes WHERE status = 'ACTIVE' GROUP BY service_id`,
    );
    const activeAt = new Map(active.map((r) => [r.service_id, r.active]));
    fixture.service.statements.reset();
    const { body } = await fixture.query(`{ supportServices { id capacity { total available } } }`);
    expect(body.errors).toBeUndefined();
    // One statement for the directory, one for all the fixture.seeded.
    expect(fixture.service.statements.statements).toBe(2);
    for (const s of body.data.supportServices) {
      // A service another partner runs has its places there (beds, slots): the directory gives no second figure.
      if (SUPPORT_DIRECTORY.find((e) => e.id === s.id)!.operator !== 'ngo') {
        expect(s.capacity).toBeNull();
        continue;
      }
      expect(s.capacity.available).toBe(s.capacity.total - (activeAt.get(s.id) ?? 0));
      expect(s.capacity.available).toBeGreaterThan(0);
    }
    expect(activeAt.get('adavu-long-term')).toBeGreaterThanOrEqual(1);
  });

  it('resolves entity references in one batch: 5 and 50 references cost the same statements', async () => {
    const selection = `... on Person { support { provider status
      consent { recipients } service { name capacity { available } } } }`;
    const statementsFor = (count: number) => statementsForEntities(fixture, selection, personRepresentations(count));
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('resolves SupportService references through the directory', async () => {
    const { body } = await fixture.query(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportService { id name capacity { total } } } }`,
      {
        r: [
          { __typename: 'SupportService', id: 'refuge-modern-slavery' },
          { __typename: 'SupportService', id: 'no-such-service' },
        ],
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { id: 'refuge-modern-slavery', name: 'Modern Slavery Service', capacity: { total: 30 } },
      { id: 'no-such-service', name: null, capacity: null },
    ]);
  });

  // Reseeds at a larger scale, so it runs last.
  it('fills NGO services at large scale without ever going below zero places', async () => {
    const started = Date.now();
    const counts = await ngoSubgraph.seed(fixture.service.dataSource, generatePopulation({ scale: 5000 }));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(counts.support_services).toBe(SUPPORT_DIRECTORY.length);
    const { body } = await fixture.query(`{ supportServices { id capacity { total available } } }`);
    expect(body.errors).toBeUndefined();
    const available = Object.fromEntries(
      body.data.supportServices.map((s: { id: string; capacity: { available: number } | null }) => [s.id, s.capacity?.available ?? null]),
    );
    for (const entry of SUPPORT_DIRECTORY.filter((s) => s.operator === 'ngo')) expect(available[entry.id]).toBe(0);
    // The council's and the NHS's services take no NGO episodes, and their places are the council's and the NHS's to say.
    expect(available['bcc-reception-centre']).toBeNull();
  });
});
