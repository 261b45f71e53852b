import { PDFDocument, StandardFonts } from "pdf-lib";
import { challengeInput } from "../../../shared/api/challenges.js";
import { faqInput } from "../../../shared/api/faq.js";
import { actionInput, attendanceInput, meetingInput, minutesInput, proposalInput } from "../../../shared/api/meetings.js";
import { noticeInput } from "../../../shared/api/notices.js";
import { engagementInput, sessionInput } from "../../../shared/api/support.js";
import { surveyCreate } from "../../../shared/api/surveys.js";
import { addBusinessDays, addDays } from "../../../shared/dates/calendar.js";
import { jstDate, jstInstant } from "../../../shared/dates/jst.js";
import { eraYear } from "../../../shared/dates/wareki.js";
import { type Ctx, inTx } from "../../platform/context.js";
import { localUpload } from "../../platform/files/upload.js";
import { createChallenge } from "../challenges/service.js";
import { shareChallenge } from "../challenges/social.js";
import { fileConsultation } from "../consultations/service.js";
import { postMessage } from "../consultations/thread.js";
import { createFaq, publishFaq } from "../faq/service.js";
import { createAction } from "../meetings/actions.js";
import { addAgendaItem, proposeAgendaItem } from "../meetings/agenda.js";
import { answerAttendance } from "../meetings/attendance.js";
import { announceMeeting, createMeeting, markHeld } from "../meetings/meetings.js";
import { approveMinutes, publishMinutes, saveMinutes } from "../meetings/minutes.js";
import { publishNotice } from "../notices/publish.js";
import { createNotice } from "../notices/service.js";
import { logSession } from "../support/log.js";
import { createEngagement } from "../support/service.js";
import { saveAnswer } from "../surveys/answers.js";
import { createSurvey } from "../surveys/builder.js";
import { publishSurvey } from "../surveys/distribution.js";
import { standardisationDefinition } from "../surveys/fixtures.js";
import { agenda1, faqText, minutesBody, texts } from "./content-text.js";
import { actorOf } from "./factories.js";
import type { DemoCouncil } from "./seed.js";

export interface DemoContent {
  meetings: { first: string; second: string; wg: string };
  actionId: string;
  notices: { national: string; council: string };
  challengeId: string;
  consultationId: string;
  faqId: string;
  engagementId: string;
  surveyId: string;
}

/** An ISO instant `days` days from today at hh:00 Japan time. */
const jst = (days: number, hour: number) => jstInstant(addDays(jstDate(), days), `${hour}:00`).toISOString();

/** A context acting as the demo user with this e-mail (the same Actor the session middleware builds). */
export async function actingAs(ctx: Ctx, email: string): Promise<Ctx> {
  return { ...ctx, actor: await actorOf(ctx, email), userAgent: "renkei-demo-seed" };
}

/** A one-page PDF (Latin text: the standard fonts have no Japanese glyphs). */
async function smallPdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText(title, { x: 60, y: 760, size: 16, font });
  return Buffer.from(await doc.save());
}

/**
 * Meetings, notices, a challenge, a consultation with its reply, a FAQ article, a support engagement and a
 * survey for the demo council, made through the feature services as the demo users (so audit rows,
 * notifications and search entries are the real ones). Dates are relative to today so the demo stays current.
 * Only the demo start and `renkei seed --demo` call this; the test harness seeds the council alone.
 */
export async function seedDemoContent(ctx: Ctx, demo: DemoCouncil): Promise<DemoContent> {
  return inTx(ctx, async (tx) => {
    const sec = await actingAs(tx, "secretariat@example.jp");
    const specialist = await actingAs(tx, "specialist@example.jp");
    const abu = await actingAs(tx, "abu@example.jp");
    const shunan = await actingAs(tx, "shunan@example.jp");
    const kaminoseki = await actingAs(tx, "kaminoseki@example.jp");
    const mine = await actingAs(tx, "mine@example.jp");
    const org = (name: string) => demo.orgs[name]!;
    const today = jstDate();

    // 第1回: held six weeks ago, minutes published, one action item for 阿武町.
    const first = await createMeeting(
      sec,
      meetingInput.parse({
        bodyId: demo.bodies.council,
        kind: "hybrid",
        startsAt: jst(-42, 14),
        endsAt: jst(-42, 16),
        place: "山口県庁 共用第1会議室",
        onlineUrl: "https://meet.example.jp/renkei-council",
        description: texts.firstMeeting,
      }),
    );
    let agenda: { id: string; title: string }[] = [];
    for (const item of agenda1) agenda = (await addAgendaItem(sec, first.id, proposalInput.parse(item))).agenda;
    const jointItem = agenda.find((a) => a.title === texts.jointTitle)!.id;
    await announceMeeting(sec, first.id);
    await markHeld(sec, first.id);
    await saveMinutes(sec, first.id, minutesInput.parse({ bodyMd: minutesBody, outcomes: { [jointItem]: texts.jointOutcome } }));
    await approveMinutes(sec, first.id);
    await publishMinutes(sec, first.id);
    const action = await createAction(
      sec,
      first.id,
      actionInput.parse({
        agendaItemId: jointItem,
        title: "共同調達の参加意向と現行システムの契約期限を報告する",
        description: "住民記録・税務システムの現行契約の満了日と、共同調達への参加意向を事務局に報告してください。",
        ownerOrgId: org("阿武町"),
        dueDate: addBusinessDays(today, 8),
      }),
    );

    // 第2回: announced, proposals open for ten more days; 周南市 proposes an item, 阿武町 answers attendance.
    const second = await createMeeting(
      sec,
      meetingInput.parse({
        bodyId: demo.bodies.council,
        kind: "hybrid",
        startsAt: jst(28, 14),
        endsAt: jst(28, 16),
        place: "山口県庁 共用第1会議室",
        onlineUrl: "https://meet.example.jp/renkei-council",
        description: texts.secondMeeting,
        proposalDeadline: jst(10, 17),
        attendanceDeadline: jst(21, 17),
      }),
    );
    await addAgendaItem(
      sec,
      second.id,
      proposalInput.parse({
        title: "国の動向について（ガバメントクラウド移行）",
        presenter: "県 デジタル推進局",
        minutesRequested: 20,
      }),
    );
    await announceMeeting(sec, second.id);
    await proposeAgendaItem(
      shunan,
      second.id,
      proposalInput.parse({
        title: "RPA・AI-OCR共同利用の効果検証について",
        purpose: texts.shunanProposal,
        presenter: "周南市 デジタル推進課",
        minutesRequested: 15,
      }),
    );
    await answerAttendance(
      abu,
      second.id,
      org("阿武町"),
      attendanceInput.parse({ mode: "online", attendees: ["阿武 由美"], note: "オンラインで参加します。" }),
    );

    // A working-group meeting in two weeks.
    const wg = await createMeeting(
      sec,
      meetingInput.parse({
        bodyId: demo.bodies.wgStandard,
        kind: "online",
        startsAt: jst(14, 10),
        endsAt: jst(14, 12),
        onlineUrl: "https://meet.example.jp/renkei-wg-standard",
        description: texts.wgMeeting,
        proposalDeadline: jst(7, 17),
      }),
    );
    await addAgendaItem(
      sec,
      wg.id,
      proposalInput.parse({ title: "移行スケジュールの共有と遅延リスクの確認", presenter: "事務局", minutesRequested: 40 }),
    );
    await addAgendaItem(
      sec,
      wg.id,
      proposalInput.parse({ title: "ガバメントクラウド接続回線の共同調達について", presenter: "事務局", minutesRequested: 30 }),
    );
    await announceMeeting(sec, wg.id);

    // Notices: the national trend as required reading, and one for the council.
    const national = await createNotice(
      sec,
      noticeInput.parse({
        category: "national",
        title: "ガバメントクラウド移行に関する国の最新動向",
        bodyMd: texts.nationalNotice,
        links: [{ title: "デジタル庁 ガバメントクラウド", url: "https://www.digital.go.jp/policies/gov_cloud" }],
        required: true,
      }),
    );
    await publishNotice(sec, national.id, {});
    const council = await createNotice(
      sec,
      noticeInput.parse({
        category: "council",
        bodyId: demo.bodies.council,
        title: "第2回連携会議の議題提案を受け付けています",
        bodyMd: texts.councilNotice,
      }),
    );
    await publishNotice(sec, council.id, {});

    // 美祢市's challenge, which two towns share.
    const challenge = await createChallenge(
      mine,
      challengeInput.parse({
        title: "ベンダーが標準化の移行期限に対応できないと言っている",
        description: texts.challenge,
        theme: "システム標準化",
        bodyId: demo.bodies.wgStandard,
      }),
    );
    await shareChallenge(abu, challenge.id, "当町も同じベンダーから同様の説明を受けています。");
    await shareChallenge(kaminoseki, challenge.id, "当町も税務系で同じ状況です。");

    // 上関町's consultation (with its draft sheet), the specialist's reply, and a published FAQ article.
    const sheet = {
      name: "住民記録システム_FitGap一覧（案）.pdf",
      bytes: await smallPdf("Fit & Gap analysis (draft) - resident registry"),
    };
    const consultation = await fileConsultation(
      kaminoseki,
      localUpload(
        {
          category: "standardisation",
          subject: "住民基本台帳システムのFit&Gap分析の進め方について",
          body: texts.consultation,
          urgency: "normal",
        },
        [sheet],
      ),
    );
    await postMessage(specialist, consultation.id, localUpload({ kind: "reply", body: texts.specialistReply }));
    const faq = await createFaq(specialist, faqInput.parse(faqText));
    await publishFaq(specialist, faq.id);

    // A support engagement for 上関町, with its first visit logged.
    const engagement = await createEngagement(
      specialist,
      engagementInput.parse({
        orgId: org("上関町"),
        theme: "基幹業務システム標準化の伴走支援",
        goals: texts.engagementGoals,
        startDate: addDays(today, -21),
        endDate: addDays(today, 120),
        status: "active",
        specialistIds: [demo.users["specialist@example.jp"]!],
      }),
    );
    await logSession(
      specialist,
      engagement.id,
      sessionInput.parse({
        date: addDays(today, -14),
        mode: "on_site",
        participants: "上関町 総務課 2名、県 専門人材 1名",
        notes: texts.sessionNotes,
        nextSteps: [
          { title: "住民記録のFit&Gap一覧を完成させる", owner: "上関町 総務課", dueDate: addDays(today, 10) },
          { title: "ベンダーの移行計画書を入手する", owner: "上関町 総務課", dueDate: addDays(today, 14) },
        ],
      }),
    );

    // The survey to every municipality, due in five business days; 阿武町 has started a draft.
    const era = eraYear(Number(today.slice(0, 4)));
    const survey = await createSurvey(
      sec,
      surveyCreate.parse({
        title: `標準化の移行状況に関する照会（${era.era}${era.n}年${Number(today.slice(5, 7))}月）`,
        description: texts.survey,
        definition: standardisationDefinition(),
        targetMode: "all",
        deadlineAt: jstInstant(addBusinessDays(today, 5), "17:00").toISOString(),
      }),
    );
    await publishSurvey(sec, survey.id);
    await saveAnswer(
      abu,
      survey.id,
      org("阿武町"),
      { version: 0, data: { dept: "総務課", staff: 2, method: "joint", issues: { choices: ["vendor", "staff"] }, hard: false } },
      false,
    );

    return {
      meetings: { first: first.id, second: second.id, wg: wg.id },
      actionId: action.id,
      notices: { national: national.id, council: council.id },
      challengeId: challenge.id,
      consultationId: consultation.id,
      faqId: faq.id,
      engagementId: engagement.id,
      surveyId: survey.id,
    };
  });
}
