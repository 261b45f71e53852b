import { z } from "zod";
import { looseNumber } from "../numbers.js";

export const settingsSchema = z.object({
  smallMunicipalityThreshold: looseNumber(z.number({ error: "数値で入力してください" }).int().min(0).max(10_000_000)),
  requireTwoFactorForStaff: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsPatch = settingsSchema.partial();

export const defaultSettings: Settings = {
  smallMunicipalityThreshold: 10_000,
  requireTwoFactorForStaff: false,
};
