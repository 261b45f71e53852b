import { z } from "zod";
import { idParams, listOf, okResponse } from "../../../shared/api/common.js";
import { notification, notificationQuery, outboxItem, prefsInput, prefsResponse } from "../../../shared/api/notifications.js";
import { pageQuery } from "../../../shared/api/paging.js";
import type { App } from "../../platform/http/types.js";
import { getPrefs, listNotifications, listOutbox, markRead, setPrefs, unreadCount } from "./service.js";

export function notificationRoutes(app: App) {
  app.get("/notifications", { schema: { querystring: notificationQuery, response: { 200: listOf(notification) } } }, (req) =>
    listNotifications(req.ctx, req.query),
  );
  app.get("/notifications/unread-count", { schema: { response: { 200: z.object({ count: z.number() }) } } }, async (req) => ({
    count: await unreadCount(req.ctx),
  }));
  app.post("/notifications/:id/read", { schema: { params: idParams, response: { 200: okResponse } } }, async (req) => {
    await markRead(req.ctx, req.params.id);
    return { ok: true as const };
  });
  app.post("/notifications/read-all", { schema: { response: { 200: okResponse } } }, async (req) => {
    await markRead(req.ctx, "all");
    return { ok: true as const };
  });
  app.get("/me/notification-prefs", { schema: { response: { 200: prefsResponse } } }, (req) => getPrefs(req.ctx));
  app.put("/me/notification-prefs", { schema: { body: prefsInput, response: { 200: prefsResponse } } }, (req) =>
    setPrefs(req.ctx, req.body.prefs),
  );
  app.get("/mail/outbox", { schema: { querystring: pageQuery, response: { 200: listOf(outboxItem) } } }, (req) =>
    listOutbox(req.ctx, req.query),
  );
}
