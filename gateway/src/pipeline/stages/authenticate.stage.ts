import { authenticate } from '../../identity/authenticate';
import type { TrustedIssuer } from '../../identity/trusted-issuers';
import { parseHubHeaders } from '../../request/hub-headers';
import type { Stage } from '../stage';

/** Who the token says is asking, and the request's purpose, basis and case reference. */
export function authenticateStage(issuers: readonly TrustedIssuer[]): Stage {
  return {
    name: 'authenticate',
    async run(run) {
      run.claimed = await authenticate(run.header('authorization'), issuers as TrustedIssuer[]);
      run.headers = parseHubHeaders(run.header);
    },
  };
}
