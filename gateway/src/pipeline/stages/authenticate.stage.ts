import { authenticate, CLOCK_TOLERANCE_SECONDS } from '../../identity/authenticate';
import { VerifiedTokens } from '../../identity/verified-tokens';
import type { TrustedIssuer } from '../../identity/trusted-issuers';
import { parseHubHeaders } from '../../request/hub-headers';
import type { Stage } from '../stage';

/** Who the token says is asking, and the request's purpose, basis and case reference. */
export function authenticateStage(issuers: readonly TrustedIssuer[]): Stage {
  const verified = new VerifiedTokens(CLOCK_TOLERANCE_SECONDS);
  return {
    name: 'authenticate',
    async run(run) {
      run.claimed = await authenticate(run.header('authorization'), issuers as TrustedIssuer[], verified);
      run.headers = parseHubHeaders(run.header);
    },
  };
}
