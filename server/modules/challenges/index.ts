/** The challenges module's public face beside its service: reads for the insight module's agenda suggestions. */
export { challengeSharers, openSharedChallenges } from "./insight-repo.js";
