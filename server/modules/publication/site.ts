import type { Ctx } from "../../platform/context.js";
import { dataFiles, meetingsCsv, progressCsv } from "./open-data.js";
import { siteCss } from "./site-css.js";
import {
  allPublicMeetings,
  bodyMeetings,
  memberOrgs,
  memoMeeting,
  memoTitle,
  newMemo,
  recentMeetings,
  type SiteMemo,
} from "./site-data.js";
import { bodyPage, indexPage, meetingPage, meetingsPage, openDataPage } from "./site-pages.js";

/**
 * The public site as files: every page has one path relative to the site's root ("index.html",
 * "meetings/<id>.html"), the same under /public and inside the static export.
 */
export interface SiteFile {
  type: string;
  body: string | Buffer;
}

const htmlType = "text/html; charset=utf-8";
const idPage = /^(bodies|meetings)\/([0-9a-f-]{36})\.html$/;

/** One page or data file by its path, or null (not public, or no such thing). Materials are served by the caller. */
export async function sitePage(ctx: Ctx, path: string, memo: SiteMemo = newMemo()): Promise<SiteFile | null> {
  if (path === "site.css") return { type: "text/css; charset=utf-8", body: siteCss };
  if (path === "opendata/meetings.csv") return { type: "text/csv; charset=utf-8", body: await meetingsCsv(ctx, memo) };
  if (path === "opendata/progress.csv") return { type: "text/csv; charset=utf-8", body: await progressCsv(ctx) };
  const t = await memoTitle(ctx, memo);
  const site = { prefecture: t.prefecture, council: t.council };
  if (path === "" || path === "index.html")
    return { type: htmlType, body: indexPage(site, t.roots, await recentMeetings(ctx, 10)) };
  if (path === "meetings.html") return { type: htmlType, body: meetingsPage(site, await allPublicMeetings(ctx)) };
  if (path === "opendata.html") return { type: htmlType, body: openDataPage(site, dataFiles) };
  const m = idPage.exec(path);
  if (!m) return null;
  if (m[1] === "bodies") {
    const b = t.byId.get(m[2]!);
    if (!b) return null;
    const parent = b.parentId ? t.byId.get(b.parentId) : undefined;
    return { type: htmlType, body: bodyPage(site, b, parent, await memberOrgs(ctx, b.id), await bodyMeetings(ctx, b.id)) };
  }
  const meeting = await memoMeeting(ctx, memo, m[2]!);
  return meeting ? { type: htmlType, body: meetingPage(site, meeting) } : null;
}

/** Every path of the site (for the static export): pages, data files, and the materials with their blobs. */
export async function sitePaths(ctx: Ctx, memo: SiteMemo) {
  const t = await memoTitle(ctx, memo);
  const meetings = await allPublicMeetings(ctx);
  const pages = [
    "index.html",
    "meetings.html",
    "opendata.html",
    "site.css",
    "opendata/meetings.csv",
    "opendata/progress.csv",
    ...[...t.byId.keys()].map((id) => `bodies/${id}.html`),
    ...meetings.map((m) => `meetings/${m.id}.html`),
  ];
  const materials: { path: string; sha256: string; mime: string }[] = [];
  for (const m of meetings) {
    const detail = await memoMeeting(ctx, memo, m.id);
    for (const f of detail?.materials ?? []) materials.push({ path: f.path, sha256: f.sha256, mime: f.mime });
  }
  return { pages, materials };
}
