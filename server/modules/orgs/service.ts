import type { z } from "zod";
import { type Org, type OrgInput, orgInput, type orgPatch } from "../../../shared/api/orgs.js";
import { parseCsvLines } from "../../../shared/csv.js";
import type { FieldIssue } from "../../../shared/errors.js";
import { restoreLgCode } from "../../../shared/lg-code.js";
import { halfWidth } from "../../../shared/normalise.js";
import { diff, recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, newId, nowIso } from "../../platform/context.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { decodeText } from "../../platform/files/text.js";
import type { Upload } from "../../platform/files/upload.js";
import { abilities, authorize } from "../../platform/policy/authorize.js";
import { getSettings } from "../settings/service.js";
import "./policy.js";
import { type Page, type PageQuery, pageArray } from "../../../shared/api/paging.js";
import { findOrgByCode, findOrgRow, insertOrg, listOrgRows, type OrgRow, updateOrgRow } from "./repo.js";

/** A municipality is "small" when its population is under the settable threshold; prefectures never are. */
export const isSmallOrg = (row: Pick<OrgRow, "kind" | "population">, threshold: number) =>
  row.kind !== "prefecture" && row.kind !== "other" && row.population != null && row.population < threshold;

function present(ctx: Ctx, row: OrgRow, threshold: number): Org {
  return {
    id: row.id,
    kind: row.kind,
    lgCode: row.lg_code,
    name: row.name,
    kana: row.kana,
    nameEn: row.name_en,
    population: row.population,
    isSmall: isSmallOrg(row, threshold),
    abilities: abilities(ctx.actor, row, { canEdit: "org.update" }),
  };
}

export async function listOrgs(
  ctx: Ctx,
  filter: { kind?: OrgRow["kind"]; small?: "true" | "false"; q?: string } & PageQuery,
): Promise<Page<Org>> {
  authorize(ctx.actor, "org.read");
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  let items = (await listOrgRows(ctx, filter)).map((r) => present(ctx, r, t));
  if (filter.small) items = items.filter((o) => o.isSmall === (filter.small === "true"));
  return pageArray(items, filter);
}

export async function getOrg(ctx: Ctx, id: string): Promise<Org> {
  authorize(ctx.actor, "org.read");
  const row = await findOrgRow(ctx, id);
  if (!row) throw notFound("団体");
  const { smallMunicipalityThreshold: t } = await getSettings(ctx);
  return present(ctx, row, t);
}

async function assertCodeFree(ctx: Ctx, lgCode: string | null | undefined, exceptId?: string) {
  if (!lgCode) return;
  const other = await findOrgByCode(ctx, lgCode);
  if (other && other.id !== exceptId) throw conflict(`団体コード ${lgCode} は「${other.name}」で使われています。`);
}

export async function createOrg(ctx: Ctx, input: OrgInput): Promise<Org> {
  authorize(ctx.actor, "org.create");
  return inTx(ctx, async (tx) => {
    await assertCodeFree(tx, input.lgCode);
    const now = nowIso();
    const row: OrgRow = {
      id: newId(),
      kind: input.kind,
      lg_code: input.lgCode ?? null,
      name: input.name,
      kana: input.kana,
      name_en: input.nameEn ?? null,
      population: input.population ?? null,
      created_at: now,
      updated_at: now,
    };
    await insertOrg(tx, row);
    await recordAudit(tx, "org.create", { type: "org", id: row.id }, { after: input });
    return getOrg(tx, row.id);
  });
}

export async function updateOrg(ctx: Ctx, id: string, patch: z.infer<typeof orgPatch>): Promise<Org> {
  authorize(ctx.actor, "org.update");
  return inTx(ctx, async (tx) => {
    const before = await findOrgRow(tx, id);
    if (!before) throw notFound("団体");
    await assertCodeFree(tx, patch.lgCode, id);
    const next: Partial<OrgRow> = {
      kind: patch.kind,
      lg_code: patch.lgCode,
      name: patch.name,
      kana: patch.kana,
      name_en: patch.nameEn,
      population: patch.population,
    };
    const changes = diff(before, next);
    if ((next.kind ?? before.kind) !== "other" && !(next.lg_code !== undefined ? next.lg_code : before.lg_code))
      throw invalid("自治体には全国地方公共団体コードが必要です。", [{ path: "lgCode", message: "入力してください" }]);
    await updateOrgRow(tx, id, { ...next, updated_at: nowIso() });
    await recordAudit(tx, "org.update", { type: "org", id }, changes);
    return getOrg(tx, id);
  });
}

const columns = ["lg_code", "kind", "name", "kana", "name_en", "population"] as const;

/** Parses an organisation CSV; every bad row is reported with its line number. */
export function parseOrgCsv(text: string): { rows: OrgInput[]; issues: FieldIssue[] } {
  const [head, ...table] = parseCsvLines(text);
  const header = (head?.cells ?? []).map((h) => h.trim().replace(/^population.*/, "population"));
  const missing = columns.filter((c) => c !== "name_en" && !header.includes(c));
  if (missing.length) {
    return { rows: [], issues: [{ path: "line 1", message: `見出し行に列がありません：${missing.join(", ")}` }] };
  }
  const rows: OrgInput[] = [];
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table) {
    const get = (c: string) => cells[header.indexOf(c)]?.trim() ?? "";
    const pop = halfWidth(get("population"));
    const parsed = orgInput.safeParse({
      lgCode: restoreLgCode(get("lg_code")) || null,
      kind: get("kind"),
      name: get("name"),
      kana: get("kana"),
      nameEn: get("name_en") || null,
      population: pop === "" ? null : /^\d+$/.test(pop.replaceAll(",", "")) ? Number(pop.replaceAll(",", "")) : -1,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ path: `line ${line}`, message: `${issue.path.join(".") || "行"}: ${issue.message}` });
      continue;
    }
    const code = parsed.data.lgCode;
    if (code && seen.has(code)) {
      issues.push({ path: `line ${line}`, message: `団体コード ${code} が ${seen.get(code)} 行目と重複しています` });
      continue;
    }
    if (code) seen.set(code, line);
    rows.push(parsed.data);
  }
  if (!rows.length && !issues.length) issues.push({ path: "line 2", message: "データ行がありません" });
  return { rows, issues };
}

/**
 * Imports organisations from a CSV file (the web page and `renkei org import` send the same bytes
 * through the one decoder): upserts by code, all or nothing.
 */
export async function importOrgs(ctx: Ctx, upload: Upload): Promise<{ created: number; updated: number; encoding: string }> {
  authorize(ctx.actor, "org.import");
  const { file } = await upload.read();
  const { text, encoding } = decodeText(file.bytes, file.name);
  const { rows, issues } = parseOrgCsv(text);
  if (issues.length) throw invalid(`CSVに${issues.length}件の誤りがあります。何も取り込んでいません。`, issues);
  return inTx(ctx, async (tx) => {
    let created = 0;
    let updated = 0;
    const now = nowIso();
    for (const r of rows) {
      const existing = r.lgCode ? await findOrgByCode(tx, r.lgCode) : undefined;
      const values = { kind: r.kind, name: r.name, kana: r.kana, name_en: r.nameEn ?? null, population: r.population ?? null };
      if (existing) {
        await updateOrgRow(tx, existing.id, { ...values, updated_at: now });
        updated++;
      } else {
        await insertOrg(tx, { id: newId(), lg_code: r.lgCode ?? null, ...values, created_at: now, updated_at: now });
        created++;
      }
    }
    await recordAudit(tx, "org.import", { type: "org", id: null }, { created, updated, file: file.name, encoding });
    return { created, updated, encoding };
  });
}

/** The organisation's row without an actor check, for other modules' rules (the desk's intake on a town's behalf). */
export const orgRowById = (ctx: Ctx, id: string) => findOrgRow(ctx, id);
