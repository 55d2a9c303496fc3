import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';

/**
 * What the stitched executor (`@graphql-tools/executor-http`) reads of a subgraph's answer: the
 * status, the content type, and the body as text. Nothing else is built.
 */
export interface LeanResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; entries(): IterableIterator<[string, string]> };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface LeanRequestInit {
  method?: string;
  headers: Record<string, string>;
  body?: string | null;
  signal?: AbortSignal;
}

/**
 * How long a kept-alive socket to a partner may sit idle before the gateway closes it: 4 s, as
 * undici (Node's fetch) and agentkeepalive do. Without it Node's agent keeps idle sockets for ever
 * and ignores the partner's `Keep-Alive: timeout` hint (it only ever shortens the agent's own
 * timeout), so the partner's idle close (65 s here, often 60 s behind a load balancer) races the
 * next call made on that socket. The peers bench hit it at the start of a round, 70 s after the
 * last: three dashboards answered SUBGRAPH_UNAVAILABLE. Only idle sockets are closed: a call
 * waiting on its answer is bounded by the request's deadline, not by this.
 */
export const PARTNER_SOCKET_IDLE_MS = 4_000;

/**
 * Keep-alive agents shared by every call to the partners: a dashboard's calls reuse a handful of
 * sockets instead of opening one each. Unbounded, like Node's fetch (the request deadline and the
 * breaker bound the waiting, not the pool).
 */
const AGENTS = {
  'http:': new Agent({ keepAlive: true, timeout: PARTNER_SOCKET_IDLE_MS }),
  'https:': new HttpsAgent({ keepAlive: true, timeout: PARTNER_SOCKET_IDLE_MS }),
};

/**
 * A POST to a partner over Node's own HTTP client, in place of the global `fetch` (undici): the
 * profile of the hub under the dashboard load spent a quarter of its time in fetch's web streams,
 * Headers and body machinery, and wrote each request in several system calls. Here the headers and
 * the body go out in one write, the answer is read into one string, and the request's one deadline
 * (`signal`) aborts it. Answers are not compressed (no `accept-encoding` is sent), as between the
 * gateway and partners on the same network nothing is gained by it.
 */
export function leanFetch(url: string, init: LeanRequestInit): Promise<LeanResponse> {
  return attempt(url, init);
}

/** `retry`: the one call made again after a kept-alive socket was closed under it (see the error handler). */
function attempt(url: string, init: LeanRequestInit, retry = false): Promise<LeanResponse> {
  const signal = init.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const target = targetOf(url);
    const body = init.body ?? undefined;
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    // The retry opens a connection of its own: the pool's other idle sockets may have been closed by
    // the same idle timeout, and taking the next of them would fail the same way.
    const agent = retry ? false : AGENTS[target.protocol];
    const req = send({ ...target, method: init.method ?? 'GET', headers, agent });
    const onAbort = () => req.destroy(abortError(signal!));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.on('error', (error: NodeJS.ErrnoException) => {
      done();
      // A kept-alive socket the partner closed as it was reused (its idle timeout and our request
      // crossed): nothing reached the partner's handler, so the call is made once more on a new
      // connection, as Node's documentation advises (`request.reusedSocket`). Any other error is final.
      if (!retry && !answered && req.reusedSocket && error.code === 'ECONNRESET' && !signal?.aborted) {
        attempt(url, init, true).then(resolve, reject);
        return;
      }
      reject(error);
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        done();
        reject(error);
      });
      // An answer cut off (the deadline, or the partner closing the socket) settles too.
      res.on('close', () => {
        if (res.complete) return;
        done();
        reject(signal?.aborted ? abortError(signal) : new Error('the partner closed the connection before its answer ended'));
      });
      res.on('end', () => {
        done();
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        resolve(leanResponse(res.statusCode ?? 0, res.statusMessage ?? '', res.headers, text));
      });
    });
    req.end(body);
  });
}

/** Where a call goes, as http.request's options: the partners' few endpoints, parsed once each rather than on every call. */
interface Target {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: string;
  path: string;
}
const targets = new Map<string, Target>();
function targetOf(url: string): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new TypeError(`a partner is called over http or https, not ${parsed.protocol}`);
    // An IPv6 literal is bracketed in a URL, not in a host name.
    target = {
      protocol: parsed.protocol,
      hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: parsed.port,
      path: `${parsed.pathname}${parsed.search}`,
    };
    if (targets.size < 64) targets.set(url, target);
  }
  return target;
}

function leanResponse(status: number, statusText: string, raw: IncomingHttpHeaders, text: string): LeanResponse {
  const header = (name: string): string | null => {
    const value = raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    status,
    statusText,
    ok: status >= 200 && status < 300,
    headers: {
      get: header,
      *entries() {
        for (const name of Object.keys(raw)) yield [name, header(name)!];
      },
    },
    text: () => Promise.resolve(text),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}
