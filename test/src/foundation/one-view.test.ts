import { FIRST_QUERY } from '@hub/tools';
import { startTestHub, type TestHub } from '../helpers/test-hub';

describe('one view of a subject across the four partners', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.stop());

  it("answers the README's first query with data from every subgraph", async () => {
    const { status, body } = await hub.query(FIRST_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const person = body.data.person;
    expect(person.police.names).toContainEqual({ fullName: 'Tomasz Nowak' });
    expect(person.police.pvotMarker).toBe(true);
    expect(person.localAuthority.housing.address.uprn).toBe('100070000001');
    expect(person.health.attendances.length).toBeGreaterThan(0);
    expect(person.health.attendances[0]).toEqual({ attendedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), site: expect.any(String) });
    expect(person.support).toEqual([{ provider: 'The Adavu Project' }]);
  });

  it('joins police and council data on a location', async () => {
    const { body } = await hub.query(
      `{ location(uprn: "100070000001") {
      uprn intelligence { handlingCode } linkedPersons { id }
      hmoLicence { licensed } landlord { id police { roles { role } } } } }`,
      {},
      { as: 'police.investigator' },
    );
    expect(body.errors).toBeUndefined();
    const location = body.data.location;
    expect(location.intelligence.length).toBeGreaterThan(0);
    expect(location.linkedPersons).toContainEqual({ id: 'SUBJ-000001' });
    expect(location.hmoLicence.licensed).toBe(false);
    expect(location.landlord).toEqual({ id: 'SUBJ-000004', police: { roles: [{ role: 'SUSPECT' }] } });
  });

  it('gives each partner its own null for what it does not hold', async () => {
    const { body } = await hub.query(
      `{ person(id: "SUBJ-000004") { police { names { fullName } } health { attendances { site } } support { provider } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.person.police).not.toBeNull();
    expect(body.data.person.health).toBeNull();
    expect(body.data.person.support).toBeNull();
  });

  it('rejects malformed input with a clear error and no internals', async () => {
    const { body } = await hub.query(`{ person(id: "'; DROP TABLE nominals; --") { id } }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/stack|at \w+ \(/);
  });
});

describe('health and readiness', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 20 });
  });
  afterAll(() => hub?.stop());

  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, body: await response.json() };
  };

  it('answers /healthz and /readyz on every service', async () => {
    for (const url of [hub.gateway.url, ...Object.values(hub.subgraphs).map((s) => s.url)]) {
      expect((await get(url.replace(/graphql$/, 'healthz'))).status).toBe(200);
      expect((await get(url.replace(/graphql$/, 'readyz'))).status).toBe(200);
    }
  });

  it('reports the gateway degraded, naming the partner, when a subgraph is down — and still serves the others', async () => {
    await hub.subgraphs.nhs.stop();
    const ready = await get(hub.gateway.url.replace(/graphql$/, 'readyz'));
    // Still ready: the store and the log answer, and the others' data, the directory and care
    // pathways still work; a replica taken out of rotation for a partner's outage would help nobody.
    expect(ready).toEqual({ status: 200, body: { status: 'degraded', store: true, log: true, down: ['nhs'] } });
    const { body } = await hub.query(`{ person(id: "SUBJ-000001") { police { pvotMarker } health { attendances { site } } } }`);
    expect(body.data.person.police).toEqual({ pvotMarker: true });
    expect(body.data.person.health).toBeNull();
    expect(body.errors).toContainEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'nhs' }) }),
    );
    expect(JSON.stringify(body.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});
