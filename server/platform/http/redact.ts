/**
 * Secrets that travel in a URL: e-mail link tokens (invitation, password reset) and the personal
 * calendar-feed token, plus any `token`/`key` query parameter. They are cut from request logs, and
 * the e-mail link tokens from the mail outbox an administrator reads, so nobody but the addressee
 * can use the link (an administrator holding it could take the account over).
 */
const inPath = /(\/(?:invitation|reset-password|calendar\/feed|auth\/invitation)\/)[A-Za-z0-9_.-]+/g;
const inQuery = /([?&](?:token|key|secret)=)[^&#\s]+/gi;

/** A first look that finds every URL the two patterns could change (most hold neither): one test, no copies. */
const mayHold = /invitation\/|reset-password\/|calendar\/feed\/|[?&](?:token|key|secret)=/i;

export const redactUrl = (url: string) =>
  mayHold.test(url) ? url.replace(inPath, "$1[redacted]").replace(inQuery, "$1[redacted]") : url;

/** The text of an e-mail with its link tokens hidden, as administrators see it in the outbox. */
export const redactMailLinks = (text: string) => text.replace(inPath, "$1［宛先の本人だけが開けるため表示しません］");
