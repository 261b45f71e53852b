import { z } from "zod";
import { roles } from "./roles.js";

/** What the directory sync did (or, in a dry run, would do): the secretariat's report and the CLI's printout. */
const person = z.object({ email: z.string(), name: z.string() });
const change = z.object({
  before: z.union([z.string(), z.number(), z.null()]),
  after: z.union([z.string(), z.number(), z.null()]),
});

const unmappedReasons = ["no_org", "no_email", "conflict", "duplicate", "disabled"] as const;

export const directoryReport = z.object({
  dryRun: z.boolean(),
  /** Entries read from the directory. */
  read: z.number().int(),
  created: z.array(
    person.extend({
      orgCode: z.string(),
      orgName: z.string(),
      role: z.enum(roles),
      isOrgAdmin: z.boolean(),
      department: z.string(),
      title: z.string(),
    }),
  ),
  updated: z.array(person.extend({ userId: z.string(), linked: z.boolean(), changes: z.record(z.string(), change) })),
  disabled: z.array(person.extend({ userId: z.string() })),
  /** Entries left alone: no organisation maps, no address, an address another account holds, a second entry, an account disabled in Renkei. */
  unmapped: z.array(
    z.object({ dn: z.string(), email: z.string().nullable(), reason: z.enum(unmappedReasons), orgCode: z.string().nullable() }),
  ),
  unchanged: z.number().int(),
});
export type DirectoryReport = z.infer<typeof directoryReport>;

/** GET /directory: whether a directory is configured, for the admin screen. */
export const directoryStatus = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  baseDn: z.string().nullable(),
  intervalMinutes: z.number().int().nullable(),
});
export type DirectoryStatus = z.infer<typeof directoryStatus>;
