export interface GraphqlResponse<T = any> {
  status: number;
  body: {
    data?: T;
    errors?: { message: string; path?: (string | number)[]; extensions: Record<string, any> }[];
    extensions?: Record<string, unknown>;
  };
}

/** Posts a GraphQL operation over real HTTP, as a client or the gateway would. */
export async function postGraphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 300)}`);
  }
}
