import { auditServer } from 'graphql-http';
import { startTestHub, userHeaders, type TestHub } from '../helpers/test-hub';

/** graphql-http's audit of the GraphQL-over-HTTP spec against the (non-production) gateway (README: request limits and hardening). */
describe('GraphQL over HTTP conformance', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 10 });
  });
  afterAll(() => hub?.stop());

  it('passes every MUST of the audit, as a signed-in partner user', async () => {
    const headers = await userHeaders(hub.keys, { as: 'la.safeguarding', purpose: 'SERVICE_MAPPING', caseRef: null });
    const results = await auditServer({
      url: hub.gateway.url,
      // What a non-browser client sends: its token, its purpose, and Apollo's CSRF preflight header.
      fetchFn: (input: string | URL | Request, init: RequestInit = {}) =>
        fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers, 'apollo-require-preflight': 'true' } }),
    });
    const failed = results.filter((r) => r.status === 'error').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    const warned = results.filter((r) => r.status === 'warn').map((r) => `${r.id} ${r.name}`);
    console.log(
      `graphql-http audit: ${results.length - failed.length - warned.length} ok, ${warned.length} warnings, ${failed.length} errors\n${warned.join('\n')}`,
    );
    expect(failed).toEqual([]);
  });
});
