import { z } from "zod";
import { attendanceModes } from "./meetings.js";

const orgRef = z.object({ id: z.string(), name: z.string() });

/** An upcoming meeting of a body the user may see, with what is due for them. */
const homeMeeting = z.object({
  id: z.string(),
  name: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  status: z.enum(["draft", "announced"]),
  proposalDeadline: z.string().nullable(),
  proposalOpen: z.boolean(),
  /** The cut-off for attendance (the start when none is set). */
  attendanceDeadline: z.string(),
  attendanceOpen: z.boolean(),
  /** My organisation's answer; "unanswered" when it is on the roll and has not answered; null when not on the roll. */
  myAttendance: z.enum([...attendanceModes, "unanswered"]).nullable(),
});

/** What the council secretariat has to act on. */
const homeSecretariat = z.object({
  proposals: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      meetingId: z.string(),
      meetingName: z.string(),
      org: orgRef.nullable(),
      createdAt: z.string(),
    }),
  ),
  attendance: z.array(
    z.object({
      meetingId: z.string(),
      meetingName: z.string(),
      startsAt: z.string(),
      unanswered: z.number(),
      total: z.number(),
    }),
  ),
  overdueActions: z.array(z.object({ org: orgRef, count: z.number(), oldestDue: z.string() })),
});

/** An open next step of a support engagement the user works on as a specialist. */
const homeNextStep = z.object({
  id: z.string(),
  engagementId: z.string(),
  org: orgRef,
  theme: z.string(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
});

/** Something my organisation is asked to answer by a deadline: a date poll, a review of draft minutes. */
const homeDeadline = z.object({
  kind: z.enum(["poll", "review"]),
  title: z.string(),
  deadline: z.string(),
  /** The in-app path where it is answered. */
  link: z.string(),
});
export type HomeDeadline = z.infer<typeof homeDeadline>;

export const homeDue = z.object({
  meetings: z.array(homeMeeting),
  /** Null for users who do not run the council. */
  secretariat: homeSecretariat.nullable(),
  nextSteps: z.array(homeNextStep),
  /** Date polls and minutes reviews waiting for my organisation, earliest deadline first. */
  deadlines: z.array(homeDeadline),
});
export type HomeDue = z.infer<typeof homeDue>;
