/** The users module's public face for other modules: its service, its repository's reads, e-mail link tokens. */

export { createInvitedUsers, type NewPerson } from "./bulk.js";
export {
  claimTotpStep,
  deleteSessionsOf,
  findUser,
  findUserByEmail,
  listUserNames,
  type UserRow,
  type UserWithOrg,
  updateUserRow,
  usersByEmails,
} from "./repo.js";
export * from "./service.js";
export { checkToken, issueToken, revokeTokens } from "./tokens.js";
