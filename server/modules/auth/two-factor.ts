import * as OTPAuth from "otpauth";

export const newTotpSecret = () => new OTPAuth.Secret({ size: 20 }).base32;

function totp(secret: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: "Renkei",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export const totpUri = (secret: string, label: string) => totp(secret, label).toString();

/**
 * The time step of a valid code (the current one or one either side, for clock drift), or null.
 * Callers accept it only when it is later than the last accepted step (acceptTotpStep), so a code is used once.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret, "").validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** The code now, or `steps` periods later (a spent step's code is refused); used by tests only. */
export const currentTotp = (secret: string, steps = 0) => totp(secret, "").generate({ timestamp: Date.now() + steps * 30_000 });
