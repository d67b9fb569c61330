import jwt from "jsonwebtoken";
import { config } from "../config";

/**
 * Tokens for the legacy download edge (edge-dl.fernway.net). The edge worker
 * verifies them with the public key baked into its bundle, so the key pair can
 * only be rotated together with an edge release.
 */
export interface EdgeClaims {
  doc: string;
  tenant: string;
  disposition: "inline" | "attachment";
}

export function issueEdgeToken(claims: EdgeClaims, ttlSeconds = 300): string {
  return jwt.sign(claims, config.edge.signingKeyPem, {
    algorithm: "RS256",
    expiresIn: ttlSeconds,
    issuer: "documents-api",
    audience: "edge-dl",
    keyid: config.edge.keyId,
  });
}
