import { Client, type Entry, InvalidCredentialsError } from "ldapts";
import type { DirectoryConfig } from "../../config-directory.js";

/** A person as the directory describes them, with the names of the groups that list them. */
export interface DirectoryPerson {
  dn: string;
  /** The entry's stable id (entryUUID / objectGUID as hex). */
  id: string;
  email: string | null;
  name: string | null;
  department: string;
  title: string;
  /** Every attribute read, plus `groups`: what the mapping rules look at. */
  claims: Record<string, unknown>;
}

/** The directory could not be read: the message says what to check, in Japanese. */
export class DirectoryError extends Error {}

const first = (v: Entry[string] | undefined): string | null => {
  const one = Array.isArray(v) ? v[0] : v;
  if (one === undefined) return null;
  const s = Buffer.isBuffer(one) ? one.toString("hex") : String(one).trim();
  return s || null;
};
const all = (v: Entry[string] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString("hex") : String(x)));

/** DNs compare without case and without spaces around separators (uid=a, ou=b equals UID=a,ou=b). */
const normaliseDn = (dn: string) =>
  dn
    .split(",")
    .map((rdn) =>
      rdn
        .trim()
        .toLowerCase()
        .replace(/\s*=\s*/, "="),
    )
    .join(",");

function explain(e: unknown, c: DirectoryConfig): DirectoryError {
  if (e instanceof InvalidCredentialsError)
    return new DirectoryError(
      `ディレクトリ（${c.url}）に接続できましたが、${c.bindDn} でのバインドが拒否されました。LDAP_BIND_DN と LDAP_BIND_PASSWORD を確認してください。`,
    );
  const err = e as { code?: string; message?: string };
  if (err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "ETIMEDOUT" || /timeout/i.test(String(err.message)))
    return new DirectoryError(
      `ディレクトリ（${c.url}）に接続できません（${err.code ?? err.message}）。LDAP_URL と通信経路を確認してください。`,
    );
  return new DirectoryError(`ディレクトリの読み取りに失敗しました: ${String(err.message ?? e).slice(0, 200)}`);
}

/**
 * Reads the people (LDAP_USER_FILTER) and groups (LDAP_GROUP_FILTER) under the base DN with a simple
 * bind as the read-only account, paged, and answers each person with their groups' names. Nothing is
 * written to the directory.
 */
export async function readDirectory(c: DirectoryConfig): Promise<DirectoryPerson[]> {
  const client = new Client({ url: c.url, timeout: c.timeoutSeconds * 1000, connectTimeout: c.timeoutSeconds * 1000 });
  try {
    await client.bind(c.bindDn, c.bindPassword);
    const people = await client.search(c.baseDn, {
      scope: "sub",
      filter: c.userFilter,
      paged: true,
      attributes: ["*", c.idAttribute],
      explicitBufferAttributes: c.idAttribute.toLowerCase() === "objectguid" ? [c.idAttribute] : [],
    });
    const groups = await client.search(c.baseDn, {
      scope: "sub",
      filter: c.groupFilter,
      paged: true,
      attributes: [c.groupNameAttribute, c.groupMemberAttribute],
    });
    const groupsOf = new Map<string, string[]>();
    for (const g of groups.searchEntries) {
      const name = first(g[c.groupNameAttribute]);
      if (!name) continue;
      for (const member of all(g[c.groupMemberAttribute])) {
        const key = normaliseDn(member);
        groupsOf.set(key, [...(groupsOf.get(key) ?? []), name]);
      }
    }
    return people.searchEntries.map((e) => {
      const claims: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e)) {
        const value = Array.isArray(v) && v.length > 1 ? all(v) : first(v);
        if (k !== "dn" && value !== null) claims[k] = value;
      }
      claims.groups = groupsOf.get(normaliseDn(e.dn)) ?? [];
      return {
        dn: e.dn,
        id: first(e[c.idAttribute]) ?? normaliseDn(e.dn),
        email: first(e[c.mailAttribute])?.toLowerCase() ?? null,
        name: first(e[c.nameAttribute]) ?? first(e.cn),
        department: first(e[c.departmentAttribute]) ?? "",
        title: first(e[c.titleAttribute]) ?? "",
        claims,
      };
    });
  } catch (e) {
    throw explain(e, c);
  } finally {
    await client.unbind().catch(() => {});
  }
}
