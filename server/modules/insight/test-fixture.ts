import { addDays } from "../../../shared/dates/calendar.js";
import { jstDate } from "../../../shared/dates/jst.js";
import { newId, nowIso } from "../../platform/context.js";
import type { TestEnv } from "../../platform/testing/harness.js";
import { makeBody, makeMember } from "../demo/factories.js";
import { makeMeeting } from "../meetings/test-support.js";

/**
 * The agenda-suggestion fixture (tests and the browser test's API set-up): a working group with a meeting
 * being prepared and, around it, evidence that must yield exactly three suggestions —
 * three towns behind on one item five months before its deadline, a challenge shared by four towns for
 * sixty days, five desk cases on one category from three towns — and near misses that must yield nothing.
 */
export async function suggestionFixture(env: TestEnv) {
  const db = env.ctx.db;
  const o = env.demo.orgs;
  const u = env.demo.users;
  const today = jstDate();
  const now = nowIso();
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

  const body = await makeBody(env.ctx, {
    kind: "working_group",
    parentId: env.demo.bodies.council,
    name: "ガバメントクラウド移行WG",
    visibility: "all",
  });
  await makeMember(env.ctx, body, { orgId: o["山口県"]!, position: "chair" });
  for (const n of ["下関市", "宇部市", "山口市", "萩市", "周南市", "阿武町"])
    await makeMember(env.ctx, body, { orgId: o[n]!, position: "member" });
  await makeMember(env.ctx, body, { userId: u["secretariat@example.jp"], position: "secretariat" });
  const meeting = await makeMeeting(env, body);

  // Progress: a programme of the body; item A has three towns behind (due dates passed), item B only two,
  // item C four but its deadline is beyond the horizon, item D's towns are behind but one is an exception.
  const programme = newId();
  await db
    .insertInto("progress_programmes")
    .values({
      id: programme,
      code: "GCAS",
      name: "ガバメントクラウド移行",
      name_en: null,
      description: "",
      deadline: addDays(today, 150),
      exception_label: "特定移行支援システム",
      lag_threshold: 20,
      sort_order: 99,
      archived: 0,
      created_at: now,
      updated_at: now,
      body_id: body,
    })
    .execute();
  const item = async (code: string, name: string, deadline: string | null, sort: number) => {
    const id = newId();
    await db
      .insertInto("progress_items")
      .values({
        id,
        programme_id: programme,
        code,
        name,
        name_en: null,
        group_label: null,
        tracking: "steps",
        deadline,
        sort_order: sort,
        archived: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const record = async (itemId: string, org: string, pct: number, due: string | null, exception: 0 | 1 = 0) =>
    db
      .insertInto("progress_records")
      .values({
        id: newId(),
        org_id: o[org]!,
        item_id: itemId,
        programme_id: programme,
        pct,
        done_count: 0,
        in_progress_count: 1,
        applicable_count: 10,
        due_date: due,
        exception,
        exception_reason: exception ? "ベンダの開発体制が不足" : null,
        revised_target: null,
        metric_fy: null,
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: null,
      })
      .execute();
  const itemA = await item("A", "戸籍", null, 1);
  await record(itemA, "萩市", 4000, addDays(today, -20));
  await record(itemA, "宇部市", 6000, addDays(today, -5));
  await record(itemA, "阿武町", 3000, addDays(today, -40));
  await record(itemA, "下関市", 10000, null); // complete
  await record(itemA, "山口市", 5000, addDays(today, 10)); // not yet due
  const itemB = await item("B", "住民基本台帳", null, 2);
  await record(itemB, "萩市", 4000, addDays(today, -20));
  await record(itemB, "阿武町", 3000, addDays(today, -40));
  const itemC = await item("C", "税務システム", addDays(today, 400), 3);
  for (const n of ["萩市", "宇部市", "阿武町", "周南市"]) await record(itemC, n, 2000, addDays(today, -10));
  const itemD = await item("D", "介護保険", null, 4);
  await record(itemD, "萩市", 4000, addDays(today, -20));
  await record(itemD, "宇部市", 4000, addDays(today, -20));
  await record(itemD, "阿武町", 3000, addDays(today, -40), 1);

  // Challenges: shared by four for 60 days (the one); by two only; by five but posted 10 days ago; by four but resolved.
  const challenge = async (title: string, owner: string, sharers: string[], ageDays: number, status = "open") => {
    const id = newId();
    await db
      .insertInto("challenges")
      .values({
        id,
        org_id: o[owner]!,
        created_by: u["yamaguchi@example.jp"]!,
        title,
        description: "説明",
        theme: null,
        body_id: body,
        status: status as "open",
        resolution: status === "resolved" ? "解決済み" : null,
        meeting_id: null,
        agenda_item_id: null,
        share_count: sharers.length,
        created_at: daysAgo(ageDays),
        updated_at: daysAgo(ageDays),
      })
      .execute();
    for (const s of sharers)
      await db
        .insertInto("challenge_shares")
        .values({ challenge_id: id, org_id: o[s]!, user_id: u["shunan@example.jp"]!, note: "", created_at: daysAgo(ageDays - 1) })
        .execute();
    return id;
  };
  const sharedChallenge = await challenge("ガバメントクラウド接続回線の調達", "萩市", ["宇部市", "周南市", "阿武町"], 60);
  await challenge("文字の同定作業の進め方", "萩市", ["宇部市"], 60);
  await challenge("移行後の運用経費", "萩市", ["宇部市", "周南市", "阿武町", "山口市"], 10);
  await challenge("解決済みの課題", "萩市", ["宇部市", "周南市", "阿武町"], 60, "resolved");

  // The desk: five "online" cases from three towns this quarter; four "security" cases (one short); old cases long ago.
  const desk = async (email: string, category: string, subject: string) => {
    const c = await env.as(email);
    const res = await c.post("/api/consultations", { category, subject, body: `${subject}について教えてください。` });
    if (res.status !== 201) throw new Error(`consultation: ${res.status} ${res.text}`);
    return res.body.id as string;
  };
  for (const [email, s] of [
    ["yamaguchi@example.jp", "ぴったりサービスの様式登録"],
    ["yamaguchi2@example.jp", "電子申請の手数料決済"],
    ["shunan@example.jp", "マイナポータルの申請管理"],
    ["abu@example.jp", "オンライン申請の本人確認"],
    ["abu2@example.jp", "子育て手続のオンライン化"],
  ] as const)
    await desk(email, "online", s);
  for (const [email, s] of [
    ["yamaguchi@example.jp", "USBメモリの運用"],
    ["shunan@example.jp", "標的型メール訓練"],
    ["shunan@example.jp", "パスワード規程"],
    ["yamaguchi2@example.jp", "ログの保存期間"],
  ] as const)
    await desk(email, "security", s);
  const old = await desk("mine@example.jp", "online", "昨年度の相談");
  await db
    .updateTable("consultations")
    .set({ created_at: daysAgo(400) })
    .where("id", "=", old)
    .execute();

  return { body, meeting, programme, itemA, itemB, itemC, itemD, sharedChallenge, today, desk };
}
