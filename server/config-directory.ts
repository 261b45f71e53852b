import { z } from "zod";
import { roles } from "../shared/api/roles.js";
import { parseRules, type SsoMapping } from "./config-sso.js";

/** An LDAP / Active Directory directory read with a read-only bind (LDAP_* variables), see modules/directory. */
export interface DirectoryConfig extends SsoMapping {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** Which entries are people, e.g. (&(objectClass=inetOrgPerson)(mail=*)). */
  userFilter: string;
  /** A stable id of each entry (entryUUID in OpenLDAP, objectGUID in Active Directory). */
  idAttribute: string;
  mailAttribute: string;
  nameAttribute: string;
  departmentAttribute: string;
  titleAttribute: string;
  /** Groups: entries matching groupFilter whose memberAttribute lists a person's DN; named by groupNameAttribute. */
  groupFilter: string;
  groupMemberAttribute: string;
  groupNameAttribute: string;
  /** Minutes between scheduled syncs; undefined: only on demand (admin screen, `renkei directory sync`). */
  intervalMinutes?: number;
  /** Accept ldap:// (a directory on a closed network, tests) instead of ldaps://. */
  allowPlain: boolean;
  /** Seconds for connecting and for each operation. */
  timeoutSeconds: number;
}

const schema = z.object({
  URL: z.string().regex(/^ldaps?:\/\/[^/\s]+\/?$/, "must be ldaps://host[:port] (or ldap:// with LDAP_ALLOW_PLAIN=true)"),
  BIND_DN: z.string({ error: "is required: the read-only account's DN" }).min(1),
  BIND_PASSWORD: z.string({ error: "is required: the read-only account's password" }).min(1),
  BASE_DN: z.string({ error: "is required: where people and groups are searched" }).min(1),
  USER_FILTER: z.string().min(3).default("(&(objectClass=person)(mail=*))"),
  ID_ATTRIBUTE: z.string().min(1).default("entryUUID"),
  MAIL_ATTRIBUTE: z.string().min(1).default("mail"),
  NAME_ATTRIBUTE: z.string().min(1).default("displayName"),
  DEPARTMENT_ATTRIBUTE: z.string().min(1).default("department"),
  TITLE_ATTRIBUTE: z.string().min(1).default("title"),
  ORG_ATTRIBUTE: z.string().min(1).optional(),
  GROUP_FILTER: z.string().min(3).default("(|(objectClass=groupOfNames)(objectClass=group))"),
  GROUP_MEMBER_ATTRIBUTE: z.string().min(1).default("member"),
  GROUP_NAME_ATTRIBUTE: z.string().min(1).default("cn"),
  RULES: z.string().optional(),
  DEFAULT_ORG: z
    .string()
    .regex(/^\d{6}$/, "must be a 6-digit organisation code (全国地方公共団体コード)")
    .optional(),
  DEFAULT_ROLE: z.enum(roles).default("municipal"),
  SYNC_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(10080).optional(),
  ALLOW_PLAIN: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
});

/** The directory from LDAP_URL and the other LDAP_* variables; none when LDAP_URL is unset. */
export function parseDirectory(source: Record<string, string | undefined>): {
  directory?: DirectoryConfig;
  problems: string[];
} {
  if (!source.LDAP_URL) return { problems: [] };
  const vars: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) vars[key] = source[`LDAP_${key}`] || undefined;
  const parsed = schema.safeParse(vars);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `LDAP_${i.path.join(".")}: ${i.message}`) };
  const e = parsed.data;
  const { rules, problems: ruleProblems } = parseRules(e.RULES ?? "");
  const problems = ruleProblems.map((p) => `LDAP_RULES: ${p}`);
  if (e.URL.startsWith("ldap://") && !e.ALLOW_PLAIN)
    problems.push("LDAP_URL: must be ldaps:// (set LDAP_ALLOW_PLAIN=true only for a directory on a closed network)");
  return {
    problems,
    directory: {
      url: e.URL,
      bindDn: e.BIND_DN,
      bindPassword: e.BIND_PASSWORD,
      baseDn: e.BASE_DN,
      userFilter: e.USER_FILTER,
      idAttribute: e.ID_ATTRIBUTE,
      mailAttribute: e.MAIL_ATTRIBUTE,
      nameAttribute: e.NAME_ATTRIBUTE,
      departmentAttribute: e.DEPARTMENT_ATTRIBUTE,
      titleAttribute: e.TITLE_ATTRIBUTE,
      orgClaim: e.ORG_ATTRIBUTE,
      groupFilter: e.GROUP_FILTER,
      groupMemberAttribute: e.GROUP_MEMBER_ATTRIBUTE,
      groupNameAttribute: e.GROUP_NAME_ATTRIBUTE,
      rules,
      defaultOrg: e.DEFAULT_ORG,
      defaultRole: e.DEFAULT_ROLE,
      intervalMinutes: e.SYNC_INTERVAL_MINUTES,
      allowPlain: e.ALLOW_PLAIN,
      timeoutSeconds: e.TIMEOUT_SECONDS,
    },
  };
}
