import { expect, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";

/**
 * The 6-digit code for a base32 secret, as an authenticator app shows it now, or `steps` periods
 * later (the server accepts one step of drift, and each step's code once only).
 */
export const totpCode = (secret: string, steps = 0) =>
  new OTPAuth.TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

/**
 * On a screen with the 2FA setup (account page or forced enrolment): start, read the key, confirm a code.
 * `whileKeyShown` runs while the key is on screen (e.g. an accessibility check). Returns the secret.
 */
export async function enrollTwoFactor(page: Page, whileKeyShown?: () => Promise<void>): Promise<string> {
  await page.getByRole("button", { name: /^(設定を始める|Start setup)$/ }).click();
  const key = page.getByTestId("totp-secret");
  await expect(key).toBeVisible();
  const secret = ((await key.textContent()) ?? "").replaceAll(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await whileKeyShown?.();
  await page.getByLabel(/確認コード|Code/).fill(totpCode(secret));
  await page.getByRole("button", { name: /^(有効にする|Turn on)$/ }).click();
  return secret;
}
