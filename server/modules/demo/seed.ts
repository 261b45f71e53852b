import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { hashPassword } from "../../platform/auth/passwords.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { parseOrgCsv } from "../orgs/service.js";
import { seedProgressDemo } from "../progress/seed.js";
import { makeBody, makeMember, makeOrg, makeUser } from "./factories.js";

export interface DemoLogin {
  email: string;
  role: string;
  org: string;
  note?: string;
}

export interface DemoCouncil {
  password: string;
  logins: DemoLogin[];
  orgs: Record<string, string>; // name → id
  users: Record<string, string>; // email → id
  bodies: Record<"hq" | "council" | "wgStandard" | "wgOnline" | "wgRpa" | "divide", string>;
}

const municipalitiesCsv = () => fs.readFileSync(new URL("./data/municipalities-yamaguchi.csv", import.meta.url), "utf8");

/** A password that meets the rules: letters, digits and a symbol. */
export const generatePassword = () => `Renkei-${randomBytes(9).toString("base64url")}7`;

/** Named municipal users of the demo (the rest of the municipalities get one clerk each). */
const namedClerks: { email: string; org: string; name: string; orgAdmin?: boolean }[] = [
  { email: "yamaguchi@example.jp", org: "山口市", name: "山口 花子", orgAdmin: true },
  { email: "yamaguchi2@example.jp", org: "山口市", name: "大内 健一" },
  { email: "shunan@example.jp", org: "周南市", name: "周南 太郎", orgAdmin: true },
  { email: "abu@example.jp", org: "阿武町", name: "阿武 由美", orgAdmin: true },
  { email: "abu2@example.jp", org: "阿武町", name: "奈古 誠" },
  { email: "kaminoseki@example.jp", org: "上関町", name: "上関 さくら", orgAdmin: true },
  { email: "mine@example.jp", org: "美祢市", name: "秋芳 美穂", orgAdmin: true },
];

/**
 * The Yamaguchi council as it really is: the prefecture and its 19 cities and towns, the HQ,
 * the council, its three working groups and the digital-divide subcommittee, with users for every role.
 * Tests call the same function (test factories and the demo seed are one code).
 */
export async function seedDemo(ctx: Ctx, opts: { password?: string } = {}): Promise<DemoCouncil> {
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password, ctx.config.argon2MemoryKiB);
  return inTx(ctx, async (tx) => {
    const { rows, issues } = parseOrgCsv(municipalitiesCsv());
    if (issues.length) throw new Error(`demo municipalities CSV is invalid: ${JSON.stringify(issues)}`);
    const orgs: Record<string, string> = {};
    for (const r of rows) {
      orgs[r.name] = await makeOrg(tx, {
        lg_code: r.lgCode ?? null,
        kind: r.kind,
        name: r.name,
        kana: r.kana,
        name_en: r.nameEn ?? null,
        population: r.population ?? null,
      });
    }
    orgs["総務省"] = await makeOrg(tx, {
      kind: "other",
      name: "総務省 自治行政局（連絡調整）",
      kana: "そうむしょう",
      name_en: "MIC liaison",
    });
    const pref = orgs["山口県"]!;
    // The secretariat's contact, printed as 問合せ先 under every official mail (example.jp: the demo sends nowhere).
    await tx.db
      .insertInto("org_contacts")
      .values({
        org_id: pref,
        department: "総合企画部 デジタル推進局 デジタル政策課",
        person: "連携会議 事務局",
        phone: "083-933-2550",
        email: "renkei-jimukyoku@example.jp",
        address: "〒753-8501 山口市滝町1番1号",
        updated_at: nowIso(),
      })
      .execute();
    const municipalities = rows.filter((r) => r.kind !== "prefecture");

    const users: Record<string, string> = {};
    const logins: DemoLogin[] = [];
    const addUser = async (
      email: string,
      name: string,
      role: "admin" | "secretariat" | "specialist" | "municipal" | "observer",
      org: string,
      orgAdmin = false,
    ) => {
      users[email] = await makeUser(tx, { email, name, role, orgId: orgs[org]!, isOrgAdmin: orgAdmin, passwordHash });
    };
    await addUser("admin@example.jp", "県 システム管理者", "admin", "山口県");
    await addUser("secretariat@example.jp", "県 事務局 担当", "secretariat", "山口県");
    await addUser("specialist@example.jp", "県 専門人材 伴走支援", "specialist", "山口県");
    await addUser("observer@example.jp", "総務省 連絡調整官", "observer", "総務省");
    logins.push(
      { email: "admin@example.jp", role: "admin", org: "山口県" },
      { email: "secretariat@example.jp", role: "secretariat", org: "山口県" },
      { email: "specialist@example.jp", role: "specialist", org: "山口県" },
      { email: "observer@example.jp", role: "observer", org: "総務省" },
    );
    for (const c of namedClerks) {
      await addUser(c.email, c.name, "municipal", c.org, c.orgAdmin);
      logins.push({ email: c.email, role: "municipal", org: c.org, note: c.orgAdmin ? "団体管理者" : undefined });
    }
    for (const m of municipalities) {
      if (namedClerks.some((c) => c.org === m.name)) continue;
      const email = `${m.nameEn!.toLowerCase().replace(/[^a-z]/g, "")}@example.jp`;
      await addUser(email, `${m.name} 担当`, "municipal", m.name, true);
    }

    const hq = await makeBody(tx, {
      kind: "hq",
      name: "山口県デジタル推進本部",
      nameEn: "Yamaguchi Digital Promotion Headquarters",
      theme: "県全体のDX推進",
      description: "知事を本部長とし、県のデジタル化施策を総合的に推進する本部。",
      visibility: "members",
    });
    await makeMember(tx, hq, { orgId: pref, position: "chair" });
    await makeMember(tx, hq, { userId: users["secretariat@example.jp"], position: "secretariat" });

    const council = await makeBody(tx, {
      kind: "council",
      parentId: hq,
      name: "山口県デジタル・ガバメント構築連携会議",
      nameEn: "Yamaguchi Digital Government Council",
      theme: "県・市町のデジタル・ガバメント構築",
      description: "県と19市町が、国の動向や各市町の取組状況、課題を共有し、デジタル・ガバメントの構築に連携して取り組む会議。",
      visibility: "all",
    });
    const wg = async (
      name: string,
      nameEn: string,
      theme: string,
      description: string,
      orgNames: string[],
      visibility: "all" | "members" = "all",
    ) => {
      const id = await makeBody(tx, { kind: "working_group", parentId: council, name, nameEn, theme, description, visibility });
      await makeMember(tx, id, { orgId: pref, position: "chair" });
      for (const n of orgNames) await makeMember(tx, id, { orgId: orgs[n]!, position: "member" });
      await makeMember(tx, id, { userId: users["secretariat@example.jp"], position: "secretariat" });
      return id;
    };
    await makeMember(tx, council, { orgId: pref, position: "chair" });
    await makeMember(tx, council, { orgId: orgs["山口市"]!, position: "vice_chair" });
    for (const m of municipalities.filter((m) => m.name !== "山口市"))
      await makeMember(tx, council, { orgId: orgs[m.name]!, position: "member" });
    await makeMember(tx, council, { userId: users["secretariat@example.jp"], position: "secretariat" });
    await makeMember(tx, council, { orgId: orgs["総務省"]!, position: "observer" });

    const all = municipalities.map((m) => m.name);
    const wgStandard = await wg(
      "情報システムの標準化・共通化WG",
      "WG on standardising information systems",
      "基幹業務システムの標準化・ガバメントクラウド移行",
      "標準化対象20業務の移行計画・進捗の共有、共同調達の検討を行う。",
      all,
    );
    const wgOnline = await wg(
      "行政手続オンライン化WG",
      "WG on online administrative procedures",
      "マイナポータルを活用した行政手続のオンライン化",
      "子育て・介護等の手続のオンライン化の推進と事例の共有を行う。",
      all,
    );
    const wgRpa = await wg(
      "RPA等共同利用WG",
      "WG on shared RPA",
      "RPA・AI-OCRの共同利用",
      "RPA・AI-OCRの共同利用による業務効率化を進める参加団体のWG。",
      ["下関市", "宇部市", "山口市", "防府市", "周南市", "長門市", "美祢市", "和木町", "田布施町", "阿武町"],
      "members",
    );
    const divide = await makeBody(tx, {
      kind: "subcommittee",
      parentId: council,
      name: "デジタルデバイド対策専門部会",
      nameEn: "Digital divide subcommittee",
      theme: "スマートフォン教室等による情報格差の解消",
      description: "高齢者等のデジタルデバイド対策として、スマホ教室の開催状況の共有と支援策を検討する。",
      visibility: "all",
    });
    await makeMember(tx, divide, { orgId: pref, position: "chair" });
    for (const n of ["萩市", "長門市", "美祢市", "周防大島町", "上関町", "阿武町", "平生町"])
      await makeMember(tx, divide, { orgId: orgs[n]!, position: "member" });
    await makeMember(tx, divide, { userId: users["specialist@example.jp"], position: "secretariat" });

    return seedProgressDemo(tx, { password, logins, orgs, users, bodies: { hq, council, wgStandard, wgOnline, wgRpa, divide } });
  });
}

/** True when the database has no organisation yet (first start). */
export async function isEmpty(ctx: Ctx): Promise<boolean> {
  const row = await ctx.db.selectFrom("orgs").select("id").limit(1).executeTakeFirst();
  return !row;
}
