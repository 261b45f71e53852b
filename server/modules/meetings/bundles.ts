import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import yazl from "yazl";
import type { Ctx } from "../../platform/context.js";
import type { Download } from "../../platform/files/download.js";
import { openFileStream, readFileBytes } from "../../platform/files/store.js";
import { visibleMeeting } from "./access.js";
import { meetingName } from "./naming.js";
import type { PackInput } from "./pack-pdf.js";
import { agendaNumbers, disclosedAgenda, loadMaterials } from "./present.js";
import { listAgendaRows } from "./repo.js";
import { listVersionRows } from "./repo-files.js";

/** The current files of the materials the actor may see, in agenda order, with their labels. */
async function currentFiles(ctx: Ctx, meetingId: string) {
  const loaded = await visibleMeeting(ctx, meetingId);
  const all = await listAgendaRows(ctx, meetingId);
  const materials = await loadMaterials(ctx, loaded, all);
  // The pack's cover lists only the items the actor may see (委員限り ones for members); numbers stay the agenda's.
  const agenda = disclosedAgenda(ctx.actor, loaded.subject, all);
  const versions = await listVersionRows(
    ctx,
    materials.map((m) => m.id),
  );
  const files = materials.map((m) => {
    const v = versions.find((x) => x.material_id === m.id && x.version === m.version)!;
    return { ...m, sha256: v.sha256 };
  });
  return { loaded, all, agenda, files, name: meetingName(loaded.row, loaded.body.name) };
}

/** Windows-safe file name: no path separators or reserved characters. */
const safe = (s: string) =>
  [...s]
    .map((ch) => (ch < " " || '\\/:*?"<>|'.includes(ch) ? "_" : ch))
    .join("")
    .slice(0, 120);

/** Every material as one ZIP (UTF-8 names), streamed from the blob store. */
export async function materialsZip(ctx: Ctx, meetingId: string) {
  const { files, name } = await currentFiles(ctx, meetingId);
  const zip = new yazl.ZipFile();
  const used = new Set<string>();
  for (const f of files) {
    const ext = path.extname(f.fileName);
    let entry = safe(`${f.label}_${f.title}${ext}`);
    for (let i = 2; used.has(entry); i++) entry = safe(`${f.label}_${f.title}(${i})${ext}`);
    used.add(entry);
    zip.addReadStream(openFileStream(ctx, f), entry, { compress: !/pdf|zip|image|officedocument/.test(f.mime) });
  }
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return { filename: `${safe(name)}_資料一式.zip`, contentType: "application/zip", body: out } satisfies Download;
}

/**
 * The meeting pack PDF: cover (name, date, place, agenda, list of materials) and every PDF material.
 * Cached under DATA_DIR/cache/packs per meeting and set of material versions (and everything else the
 * cover shows), so repeated downloads do not rebuild it; a changed material or agenda builds a new one.
 */
export async function meetingPack(ctx: Ctx, meetingId: string, opts: { inline?: boolean } = {}): Promise<Download> {
  const { loaded, all, agenda, files, name } = await currentFiles(ctx, meetingId);
  const { number } = agendaNumbers(all);
  const accepted = agenda.filter((a) => number.has(a.id)).sort((a, b) => number.get(a.id)! - number.get(b.id)!);
  const inPack = files.filter((f) => f.label !== "提案資料");
  const input: PackInput = {
    name,
    startsAt: loaded.row.starts_at,
    endsAt: loaded.row.ends_at,
    place: loaded.row.place,
    onlineUrl: loaded.row.online_url,
    agenda: accepted.map((a) => ({
      number: number.get(a.id)!,
      title: a.title,
      presenter: a.presenter,
      durationMinutes: a.duration_minutes,
    })),
    // Only numbered materials and references go into the pack; proposals not yet on the agenda stay out.
    materials: inPack.map((f) => ({ label: f.label, title: f.title, mime: f.mime, bytes: () => readFileBytes(ctx, f) })),
  };
  // The PDF builder (pdf-lib, fonts, BudouX) loads on the first pack, not when the server starts.
  const { buildPack, PACK_FORMAT } = await import("./pack-pdf.js");
  const key = createHash("sha256")
    .update(JSON.stringify({ PACK_FORMAT, ...input, materials: inPack.map((f) => [f.label, f.title, f.mime, f.sha256]) }))
    .digest("hex")
    .slice(0, 32);
  const dir = path.join(ctx.config.dataDir, "cache", "packs");
  const file = path.join(dir, `${meetingId}-${key}.pdf`);
  const pdf = (body: Buffer): Download => ({
    filename: `${safe(name)}_会議資料.pdf`,
    contentType: "application/pdf",
    body,
    ...opts,
  });
  if (fs.existsSync(file)) return pdf(fs.readFileSync(file));
  const bytes = Buffer.from(await buildPack(input));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
  // The meeting's older packs are out of date now.
  for (const old of fs.readdirSync(dir))
    if (old.startsWith(`${meetingId}-`) && old !== path.basename(file)) fs.rmSync(path.join(dir, old), { force: true });
  return pdf(bytes);
}
