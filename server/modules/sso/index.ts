/** The sso module's face for other modules (directory sync): the one claim mapping and the identity rows. */

export { type Mapped, mapClaims } from "./mapping.js";
export { deleteIdentity, identitiesWithUsers, insertIdentity } from "./repo.js";
