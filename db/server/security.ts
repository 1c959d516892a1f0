// The loopback server's secret: token creation and constant-time checks.
import crypto from 'node:crypto';

/** 32 random bytes, base64url: unguessable and safe inside a URL fragment or query. */
export function createToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time comparison; hashing first makes both sides the same length whatever is sent. */
export function tokensMatch(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}
