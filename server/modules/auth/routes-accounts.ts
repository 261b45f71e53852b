import { z } from "zod";
import { dormantList, dormantQuery, sessionList, userSessionParams } from "../../../shared/api/accounts.js";
import { okResponse } from "../../../shared/api/common.js";
import type { App } from "../../platform/http/types.js";
import * as accounts from "./accounts.js";

/** Accounts hygiene: a user's sessions (list, end one) and the accounts left unused. */
export function accountRoutes(app: App) {
  app.get(
    "/users/:id/sessions",
    {
      config: { allowUnenrolled: true },
      schema: { params: z.object({ id: z.uuid({ error: "IDの形式が正しくありません" }) }), response: { 200: sessionList } },
    },
    (req) => accounts.listSessions(req.ctx, req.session, req.params.id),
  );
  app.delete(
    "/users/:id/sessions/:sessionId",
    { config: { allowUnenrolled: true }, schema: { params: userSessionParams, response: { 200: okResponse } } },
    async (req) => {
      await accounts.revokeSession(req.ctx, req.params.id, req.params.sessionId);
      return { ok: true as const };
    },
  );
  app.get("/accounts/dormant", { schema: { querystring: dormantQuery, response: { 200: dormantList } } }, (req) =>
    accounts.listDormant(req.ctx, req.query),
  );
}
