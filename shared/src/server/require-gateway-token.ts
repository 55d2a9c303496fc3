import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CryptoKey } from 'jose';
import { GatewayTokenError, verifyGatewayToken, type GatewayClaims } from '../security/gateway-token';

export interface GatewayRequest extends Request {
  gatewayClaims: GatewayClaims;
}

/**
 * A subgraph trusts only the gateway (docs/architecture.md#how-subgraphs-trust-the-gateway): every GraphQL request, `_entities` included,
 * must carry a short-lived token the gateway signed for this subgraph. Anything else is refused
 * before any resolver, or any SQL, runs.
 */
export function requireGatewayToken(audience: string, publicKey: CryptoKey): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    verifyGatewayToken(publicKey, token, audience).then(
      (claims) => {
        (req as GatewayRequest).gatewayClaims = claims;
        next();
      },
      (error: unknown) => {
        const reason = error instanceof GatewayTokenError ? error.message : 'the gateway token could not be verified';
        res.status(401).json({ errors: [{ message: `Refused: ${reason}`, extensions: { code: 'UNAUTHENTICATED' } }] });
      },
    );
  };
}
