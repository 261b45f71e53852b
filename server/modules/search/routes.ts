import { searchQuery, searchResult } from "../../../shared/api/search.js";
import type { App } from "../../platform/http/types.js";
import { search } from "./service.js";

export function searchRoutes(app: App) {
  app.get("/search", { schema: { querystring: searchQuery, response: { 200: searchResult } } }, (req) =>
    search(req.ctx, req.query),
  );
}
