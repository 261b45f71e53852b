import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { api } from "../../lib/api.js";
import type { ListOf, Org, OrgImportResult, OrgInput } from "../../lib/api-types.js";

export interface OrgFilter {
  kind?: string;
  small?: "true" | "false";
  q?: string;
}

const orgKeys = {
  all: ["orgs"] as const,
  list: (f: OrgFilter) => ["orgs", "list", f] as const,
  one: (id: string) => ["orgs", "one", id] as const,
};

export const useOrgs = (filter: OrgFilter = {}) =>
  useQuery({ queryKey: orgKeys.list(filter), queryFn: () => api.get<ListOf<Org>>("/orgs", { limit: PAGE_MAX, ...filter }) });

/** One page of the list screen, with the total for the pager. */
export const useOrgPage = (filter: OrgFilter, offset: number, limit: number) =>
  useQuery({
    queryKey: [...orgKeys.list(filter), offset, limit],
    queryFn: () => api.get<ListOf<Org>>("/orgs", { ...filter, limit, offset }),
    placeholderData: (previous) => previous,
  });

export const useOrg = (id: string) => useQuery({ queryKey: orgKeys.one(id), queryFn: () => api.get<Org>(`/orgs/${id}`) });

export function useSaveOrg(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrgInput) => (id ? api.patch<Org>(`/orgs/${id}`, input) : api.post<Org>("/orgs", input)),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useImportOrgs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return api.postForm<OrgImportResult>("/orgs/import", form);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}
