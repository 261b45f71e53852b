import type { Disclosure } from "../../../shared/api/publication.js";
import { recordAudit } from "../../platform/audit/record.js";
import { type Ctx, inTx, nowIso } from "../../platform/context.js";
import { invalid, notFound } from "../../platform/errors.js";
import { authorize } from "../../platform/policy/authorize.js";
import { findProgramme, listProgrammeRows, updateProgrammeRow } from "../progress/index.js";
import "./policy.js";

/** Which programmes' aggregate progress is in the open data (公開), set by the council secretariat. */
export async function listProgrammeDisclosure(ctx: Ctx) {
  authorize(ctx.actor, "publication.manage");
  return {
    items: (await listProgrammeRows(ctx)).map((p) => ({ id: p.id, code: p.code, name: p.name, level: p.disclosure ?? "closed" })),
  };
}

export async function setProgrammeDisclosure(ctx: Ctx, id: string, level: Disclosure) {
  authorize(ctx.actor, "publication.manage");
  return inTx(ctx, async (tx) => {
    const p = await findProgramme(tx, id);
    if (!p) throw notFound("取組");
    const from = p.disclosure ?? "closed";
    if (from === level) throw invalid("公開区分は変わっていません。");
    await updateProgrammeRow(tx, id, { disclosure: level, updated_at: nowIso() });
    await recordAudit(tx, "programme.disclosure.update", { type: "programme", id }, { disclosure: { from, to: level } });
    return { id: p.id, code: p.code, name: p.name, level };
  });
}
