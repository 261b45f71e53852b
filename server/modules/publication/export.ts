import { jstDate } from "../../../shared/dates/jst.js";
import type { Ctx } from "../../platform/context.js";
import { type ZipEntry, zipStream } from "../../platform/files/archive.js";
import type { Download } from "../../platform/files/download.js";
import { openFileStream } from "../../platform/files/store.js";
import { authorize } from "../../platform/policy/authorize.js";
import "./policy.js";
import { sitePage, sitePaths } from "./site.js";
import { newMemo } from "./site-data.js";

/**
 * The static export: the public site as a ZIP of the same HTML, style sheet, open data and material
 * files, under one folder, for a prefecture that publishes through its own CMS. Built from the same
 * pages the live site serves, so the two cannot differ.
 */
export async function buildSiteExport(ctx: Ctx): Promise<Download> {
  authorize(ctx.actor, "publication.manage");
  const { stream, fileName } = await siteExport(ctx);
  return { filename: fileName, contentType: "application/zip", body: stream };
}

/** The export without the permission check (the benchmark and the leak test call it too). */
export async function siteExport(ctx: Ctx) {
  const folder = `public-site-${jstDate()}`;
  const memo = newMemo();
  const { pages, materials } = await sitePaths(ctx, memo);
  const entries: ZipEntry[] = [];
  for (const path of pages) {
    const page = await sitePage(ctx, path, memo);
    if (page) entries.push({ name: `${folder}/${path}`, data: page.body });
  }
  for (const m of materials)
    entries.push({
      name: `${folder}/${m.path}`,
      stream: openFileStream(ctx, m),
      compress: !/pdf|zip|image|officedocument/.test(m.mime),
    });
  return { stream: zipStream(entries), fileName: `${folder}.zip`, entries: entries.length };
}
