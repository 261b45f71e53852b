import { z } from "zod";
import { looseNumber } from "../numbers.js";

const threshold = z.number({ error: "数値で入力してください" }).int().min(0).max(10_000_000);
export const settingsSchema = z.object({
  smallMunicipalityThreshold: threshold,
  requireTwoFactorForStaff: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
/** What an admin sends: the threshold may come as typed text (「５万」 is refused, 「50,000」 is read). */
export const settingsPatch = z.object({
  smallMunicipalityThreshold: looseNumber(threshold).optional(),
  requireTwoFactorForStaff: z.boolean().optional(),
});

export const defaultSettings: Settings = {
  smallMunicipalityThreshold: 10_000,
  requireTwoFactorForStaff: false,
};
