import { startTestHub, userHeaders, type TestHub } from '../helpers/test-hub';

/** What reaches the gateway that no dashboard sends: every one gets a clear refusal and costs the partners nothing. */
describe('the gateway refuses abusive or malformed requests (README: request limits and hardening)', () => {
  let hub: TestHub;
  let headers: Record<string, string>;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 20 });
    headers = { 'content-type': 'application/json', ...(await userHeaders(hub.keys)) };
  });
  afterAll(() => hub?.stop());

  const post = async (body: string, extra: Record<string, string> = {}) => {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { ...headers, ...extra }, body });
    return { status: response.status, text: await response.text() };
  };
  const subgraphRequests = () => Object.values(hub.subgraphs).reduce((sum, subgraph) => sum + subgraph.received.length, 0);
  const clearSubgraphRequests = () => Object.values(hub.subgraphs).forEach((subgraph) => (subgraph.received.length = 0));

  it('refuses a query nested through the Person ↔ Location cycle before asking any partner', async () => {
    let selection = '{ id }';
    for (let i = 0; i < 5; i += 1) selection = `{ id localAuthority { landlordOf { linkedPersons ${selection} } } }`;
    clearSubgraphRequests();
    const { status, body } = await hub.query(`{ person(id: "SUBJ-000004") ${selection} }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The operation is nested too deeply for the hub.',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' }),
      }),
    ]);
    expect(subgraphRequests()).toBe(0);
  });

  it('refuses one field fanned out under many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `p${i}: person(id: "SUBJ-000001") { id }`).join(' ');
    const { status, body } = await hub.query(`{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' });
  });

  it('refuses an operation too long to parse, without parsing all of it', async () => {
    const { status, body } = await hub.query(`{ person(id: "SUBJ-000001") { ${'id '.repeat(3_000)} } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/too long for the hub/);
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\.js:\d+/); // no stack trace
  });

  it('answers a batch of operations in one HTTP request with a refusal, not a bypass of per-request limits', async () => {
    const one = { query: '{ supportServices { id } }' };
    const { status, text } = await post(JSON.stringify([one, one]));
    expect(status).toBe(400);
    expect(text).toMatch(/batch/i);
  });

  it('refuses a simple GET without a preflight header (CSRF prevention)', async () => {
    const url = `${hub.gateway.url}?query=${encodeURIComponent('{ supportServices { id } }')}`;
    const response = await fetch(url, { headers: { authorization: headers.authorization! } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });

  it('refuses a body over the limit and malformed JSON with a clear status and no internals', async () => {
    const huge = await post(JSON.stringify({ query: `{ supportServices { id } }`, variables: { padding: 'x'.repeat(300_000) } }));
    expect(huge.status).toBe(413);
    expect(huge.text).not.toMatch(/node_modules|\.js:\d+/);
    const malformed = await post('{"query": "{ supportServices { id } }"');
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/node_modules|\.js:\d+/);
  });

  it('marks every answer no-store, an ordinary one and a refusal (no cache keeps personal data)', async () => {
    const ok = await fetch(hub.gateway.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: '{ person(id: "SUBJ-000001") { police { pvotMarker } } }' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const refused = await fetch(hub.gateway.url, { method: 'POST', headers, body: JSON.stringify({ query: '{ nosuchfield }' }) });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('still serves an ordinary request after all of that', async () => {
    const { status, body } = await hub.query(`{ person(id: "SUBJ-000001") { police { pvotMarker } } }`);
    expect(status).toBe(200);
    expect(body.data.person.police).toEqual({ pvotMarker: true });
  });
});
