import type { ActualBody } from './compare';
import type { CaseHeaders } from './personas';

/** One operation over HTTP, as a client sends it: a bearer token and the hub's three headers. */
export async function send(
  url: string,
  token: string,
  headers: CaseHeaders,
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
): Promise<{ status: number; body: ActualBody }> {
  const h: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
  if (headers.purpose) h['x-hub-purpose'] = headers.purpose;
  if (headers.lawfulBasis) h['x-hub-lawful-basis'] = headers.lawfulBasis;
  if (headers.caseRef) h['x-hub-case-ref'] = headers.caseRef;
  const init = {
    method: 'POST',
    headers: h,
    body: JSON.stringify({ query: operation.query, variables: operation.variables ?? {}, operationName: operation.operationName }),
  };
  // A kept-alive connection the server closed as the request went out (its idle timeout racing the
  // client's, likelier on a loaded machine: CI saw "other side closed") never reached the hub:
  // send it once more on a new connection. Any answer, of any status, is compared as it is.
  const response = await fetch(url, init).catch((error: unknown) => {
    if (!isClosedConnection(error)) throw error;
    return fetch(url, init);
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return {
      status: response.status,
      body: { errors: [{ message: `non-JSON response: ${text.slice(0, 200)}`, extensions: { code: 'NON_JSON' } }] },
    };
  }
}

function isClosedConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || /other side closed/.test(cause?.message ?? '');
}

/** Runs `work` over `items` with at most `concurrency` in flight, keeping the input order in the results. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
