import { useInfiniteQuery } from "@tanstack/react-query";
import type { SearchResult } from "../../../shared/api/search.js";
import { api } from "../../lib/api.js";

export interface SearchParams {
  q: string;
  kinds: string[];
  from: string;
  to: string;
}

const pageSize = 20;

/** Pages of 20 hits; the server says whether more follow (it does not count them all). */
export function useSearch(p: SearchParams) {
  return useInfiniteQuery({
    queryKey: ["search", p],
    enabled: p.q.trim().length > 0,
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      api.get<SearchResult>("/search", {
        q: p.q,
        kinds: p.kinds.join(","),
        from: p.from,
        to: p.to,
        limit: pageSize,
        offset: pageParam,
      }),
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * pageSize : undefined),
  });
}
