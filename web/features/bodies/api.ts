import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { positions } from "../../../shared/api/bodies.js";
import { PAGE_MAX } from "../../../shared/api/paging.js";
import { api } from "../../lib/api.js";
import type { Body, BodyDetail, BodyInput, ListOf, Member, MemberInput, MemberPatch } from "../../lib/api-types.js";
import type { Locale } from "../../lib/i18n.js";

const bodyKeys = {
  all: ["bodies"] as const,
  list: ["bodies", "list"] as const,
  one: (id: string) => ["bodies", "one", id] as const,
  candidates: (id: string, q: string) => ["bodies", "candidates", id, q] as const,
};

export const useBodies = () =>
  useQuery({ queryKey: bodyKeys.list, queryFn: () => api.get<ListOf<Body>>("/bodies", { limit: PAGE_MAX }) });
export const useBody = (id: string) =>
  useQuery({ queryKey: bodyKeys.one(id), queryFn: () => api.get<BodyDetail>(`/bodies/${id}`) });

/** A person a body's manager may add (GET /bodies/:id/candidates: active users, at most `candidateLimit`). */
export interface Candidate {
  id: string;
  name: string;
  email: string;
  orgName: string;
}
export const candidateLimit = 20;

/** Looks people up by name, e-mail or organisation name; asks nothing until there is something to look for. */
export const useCandidates = (id: string, q: string) =>
  useQuery({
    queryKey: bodyKeys.candidates(id, q),
    queryFn: () => api.get<ListOf<Candidate>>(`/bodies/${id}/candidates`, { q }),
    enabled: q !== "",
    placeholderData: (prev) => prev,
    staleTime: 30_000,
  });

/** Every member change answers with the whole body: store it and refresh the list's member counts. */
function useBodyMutation<V>(id: string, fn: (v: V) => Promise<BodyDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (body) => {
      qc.setQueryData(bodyKeys.one(id), body);
      qc.invalidateQueries({ queryKey: bodyKeys.list });
    },
  });
}

export const useAddMember = (id: string) =>
  useBodyMutation(id, (input: MemberInput) => api.post<BodyDetail>(`/bodies/${id}/members`, input));
export const useUpdateMember = (id: string) =>
  useBodyMutation(id, ({ memberId, patch }: { memberId: string; patch: MemberPatch }) =>
    api.patch<BodyDetail>(`/bodies/${id}/members/${memberId}`, patch),
  );
export const useRemoveMember = (id: string) =>
  useBodyMutation(id, (memberId: string) => api.delete<BodyDetail>(`/bodies/${id}/members/${memberId}`));

export function useSaveBody(id?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BodyInput) =>
      id ? api.patch<BodyDetail>(`/bodies/${id}`, input) : api.post<BodyDetail>("/bodies", input),
    onSuccess: (body) => {
      qc.setQueryData(bodyKeys.one(body.id), body);
      qc.invalidateQueries({ queryKey: bodyKeys.list });
    },
  });
}

/** The body's name in the current language (English name when there is one). */
export const bodyName = (b: Pick<Body, "name" | "nameEn">, locale: Locale) => (locale === "en" && b.nameEn ? b.nameEn : b.name);

const kindOrder = { hq: 0, council: 1, working_group: 2, subcommittee: 3 } as const;

export interface BodyNode {
  body: Body;
  children: BodyNode[];
}

/** HQ → council → working groups and subcommittees; a body whose parent is hidden becomes a root. */
export function bodyTree(items: Body[]): BodyNode[] {
  const ids = new Set(items.map((b) => b.id));
  // Stable: within a kind, the server's order (the order the bodies were set up) stays.
  const sorted = [...items].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
  const build = (parentId: string | null): BodyNode[] =>
    sorted
      .filter((b) => (parentId === null ? !b.parentId || !ids.has(b.parentId) : b.parentId === parentId))
      .map((b) => ({ body: b, children: build(b.id) }));
  return build(null);
}

export const memberName = (m: Member) => m.org?.name ?? m.user?.name ?? "";

/** Chair first, observers last; then by name. */
export function sortMembers(members: Member[]): Member[] {
  const name = (m: Member) => m.org?.name ?? m.user?.name ?? "";
  return [...members].sort(
    (a, b) => positions.indexOf(a.position) - positions.indexOf(b.position) || name(a).localeCompare(name(b), "ja"),
  );
}
