import { z } from "zod";

/** What a body's space gathers beyond the lists it reads through their own APIs (meetings, notices, challenges). */
export const bodySpace = z.object({
  bodyId: z.string(),
  /** Materials of the body's latest announced or held meetings, newest meeting first. */
  materials: z.array(
    z.object({
      meetingId: z.string(),
      meetingName: z.string(),
      startsAt: z.string(),
      id: z.string(),
      label: z.string(),
      title: z.string(),
      fileName: z.string(),
      size: z.number(),
    }),
  ),
  /** The programmes the body owns, with their figures across all municipalities. */
  programmes: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      deadline: z.string().nullable(),
      municipalities: z.number(),
      reporting: z.number(),
      meanPercent: z.number().nullable(),
      /** For online procedures, by the national definition (every target procedure via マイナポータル). */
      complete: z.number(),
      /** Online procedures only: every target procedure online through any channel; null for other programmes. */
      completeAnyChannel: z.number().nullable(),
      overdueRecords: z.number(),
    }),
  ),
});
export type BodySpace = z.infer<typeof bodySpace>;
