/** The insight feature's navigation entry (its page strings load with its pages: features/insight/messages.ts). */
export const insightNav = {
  "nav.insight": ["議題の提案候補", "Agenda suggestions"],
} as const;
