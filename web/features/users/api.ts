import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PersonContact } from "../../../shared/api/users.js";
import { api, type Query } from "../../lib/api.js";
import type { InviteInput, ListOf, User, UserImportResult, UserPatch } from "../../lib/api-types.js";

export const userKeys = {
  all: ["users"] as const,
  list: (q: Query) => ["users", "list", q] as const,
  one: (id: string) => ["users", "one", id] as const,
};

export const useUsers = (q: Query, enabled = true) =>
  useQuery({
    queryKey: userKeys.list(q),
    queryFn: () => api.get<ListOf<User>>("/users", q),
    enabled,
    placeholderData: (prev) => prev,
  });

export const useUser = (id: string) => useQuery({ queryKey: userKeys.one(id), queryFn: () => api.get<User>(`/users/${id}`) });

export function useInviteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => api.post<User>("/users", input),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserPatch) => api.patch<User>(`/users/${id}`, patch),
    onSuccess: (u) => {
      qc.setQueryData(userKeys.one(id), u);
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

/** A person's 所属・役職 (PATCH /users/:id/contact). */
export function useUpdateContact(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PersonContact) => api.patch<User>(`/users/${id}/contact`, input),
    onSuccess: (u) => {
      qc.setQueryData(userKeys.one(id), u);
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

export function useUnlockUser(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<User>(`/users/${id}/unlock`),
    onSuccess: (u) => {
      qc.setQueryData(userKeys.one(id), u);
      qc.invalidateQueries({ queryKey: userKeys.all });
    },
  });
}

export const statusLabels = {
  active: { ja: "有効", en: "Active" },
  invited: { ja: "招待中", en: "Invited" },
  disabled: { ja: "無効", en: "Disabled" },
} as const;

/** The file goes as it is; the server decodes it (XLSX, or CSV in UTF-8 or Shift_JIS) like every import. */
export function importUsers(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append("dryRun", String(dryRun));
  form.append("file", file);
  return api.postForm<UserImportResult>("/users/import", form);
}
