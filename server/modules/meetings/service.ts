/**
 * The meetings module's public face for other modules (a module talks to another only through its service).
 * The challenges board links a challenge to a meeting's agenda with `proposeAgendaItem(ctx, meetingId,
 * { title, purpose, presenter, minutesRequested }, { sourceRef: "challenge:<id>" })`: it acts for ctx.actor,
 * follows the same rules as the web form (member organisation, open window) and writes its audit row.
 */

export { type ProposalOptions, proposeAgendaItem } from "./agenda.js";
