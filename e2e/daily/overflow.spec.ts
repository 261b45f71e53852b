import type { Page } from "@playwright/test";
import { apiClient, demoBodies, demoUsers, expect, settle, signIn, test } from "../support/fixtures.js";

/**
 * Walks every main route of web/app/router.tsx as the secretariat at 1,280 and 360 px and fails on
 * page-level horizontal overflow (wide content must scroll inside its own labelled region instead).
 */
const staticRoutes = [
  "/",
  "/bodies",
  "/bodies/new",
  "/meetings",
  "/meetings/new",
  "/notices",
  "/notices/new",
  "/documents",
  "/documents/upload",
  "/challenges",
  "/challenges/new",
  "/search?q=%E4%BC%9A%E8%AD%B0",
  "/consultations",
  "/consultations/new",
  "/consultations/reports",
  "/consultations/templates",
  "/faq",
  "/faq/new",
  "/support",
  "/support/new",
  "/support/workload",
  "/progress",
  "/progress/import",
  "/progress/manage",
  "/surveys",
  "/orgs",
  "/orgs/new",
  "/orgs/import",
  "/users",
  "/users/new",
  "/notifications",
  "/account",
  "/no-such-page",
];

type Api = ReturnType<typeof apiClient>;
const first = async (api: Api, path: string) => {
  const body = await api.get(path);
  const items = (Array.isArray(body) ? body : (body?.items ?? [])) as { id: string }[];
  return items[0]?.id;
};

/** Detail routes, with ids found through the API (the demo council has bodies, organisations, users, progress items). */
async function detailRoutes(api: Api) {
  const routes: string[] = [];
  const body = await first(api, "/bodies");
  if (body) routes.push(`/bodies/${body}`, `/bodies/${body}/edit`);
  const org = (await api.get("/orgs?q=%E9%98%BF%E6%AD%A6")).items[0]?.id as string | undefined;
  if (org) routes.push(`/orgs/${org}`, `/orgs/${org}/edit`);
  const user = await first(api, "/users");
  if (user) routes.push(`/users/${user}`);
  const dashboard = await api.get("/progress/dashboard");
  const item = dashboard?.items?.[0]?.id as string | undefined;
  if (item) routes.push(`/progress/items/${item}`);
  if (org) routes.push(`/progress/orgs/${org}`);
  if (org && item) routes.push(`/progress/orgs/${org}/items/${item}`);
  // The walk creates the records the demo council does not start with: a draft meeting and a draft survey (drafts: other specs count what towns are asked to answer).
  const bodies = (await api.get("/bodies")).items as { id: string; name: string }[];
  const council = bodies.find((b) => b.name === demoBodies.council)!.id;
  const startsAt = new Date(Date.now() + 14 * 86400_000);
  const meeting = await api.post("/meetings", {
    bodyId: council,
    kind: "in_person",
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
    place: "山口県庁 共用第1会議室（本館4階） 及び オンライン併用",
  });
  routes.push(`/meetings/${meeting.id}`, `/meetings/${meeting.id}/edit`, `/meetings/${meeting.id}/minutes`);
  const deadlineAt = new Date(Date.now() + 21 * 86400_000).toISOString();
  const survey = await api.post("/surveys", { title: "標準化の移行状況に関する照会（令和8年度 第1回）", definition, deadlineAt });
  // A draft has its page and its editor; the tracking pages open once it is published (e2e/surveys walks those).
  routes.push(`/surveys/${survey.id}`, `/surveys/${survey.id}/edit`);
  return { routes, cleanUp: () => api.delete(`/surveys/${survey.id}`) };
}

const definition = {
  sections: [
    {
      id: "s1",
      title: "体制",
      questions: [
        { id: "staff", kind: "number", title: "担当職員数", unit: "人", min: 0, max: 100000 },
        {
          id: "systems",
          kind: "grid",
          title: "システムごとの状況",
          rows: ["住民記録", "税務", "福祉", "国保"].map((label, i) => ({ id: `r${i}`, label })),
          columns: [
            { id: "vendor", kind: "short_text", label: "事業者" },
            { id: "cost", kind: "number", label: "年間費用", unit: "千円" },
            { id: "done", kind: "yes_no", label: "移行済み" },
          ],
        },
      ],
    },
  ],
};

async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // Name the offenders so the failure says what to fix: elements past the right edge that no scroll container
    // holds (absolutely positioned ones escape a scroll container that is not their containing block).
    const held = (el: HTMLElement) => {
      if (getComputedStyle(el).position === "absolute") return false;
      for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !held(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} 「${(el.textContent ?? "").slice(0, 20)}」`);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

test("no page scrolls sideways at 1,280 or 360 px", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, demoUsers.secretariat);
  const details = await detailRoutes(apiClient(page));
  const routes = [...staticRoutes, ...details.routes];
  expect(routes.length).toBeGreaterThan(staticRoutes.length + 4);
  const failures: string[] = [];
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const route of routes) {
      await page.goto(route);
      await expect(page.locator("#main h1")).toBeVisible();
      await settle(page);
      const found = await overflow(page);
      if (found)
        failures.push(`${width}px ${route}: scrollWidth ${found.scrollWidth} > ${found.width}; ${found.wide.join(" | ")}`);
    }
  }
  // The draft survey goes again: other specs count the surveys they see.
  await details.cleanUp();
  expect(failures, failures.join("\n")).toEqual([]);
});
