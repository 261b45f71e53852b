import "./messages.js";

export { ChallengeBoardPage } from "./challenge-board-page.js";
export { ChallengeDetailPage } from "./challenge-detail-page.js";
export { ChallengeCreatePage, ChallengeEditPage } from "./challenge-form-page.js";
