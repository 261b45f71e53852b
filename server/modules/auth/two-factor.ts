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

/** Accepts the current code and one step either side (clock drift). */
export const checkTotp = (secret: string, code: string) => totp(secret, "").validate({ token: code, window: 1 }) !== null;

/** The current code; used by tests and the CLI only. */
export const currentTotp = (secret: string) => totp(secret, "").generate();
