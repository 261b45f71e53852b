import { useLocation } from "react-router";
import type { ReturnState } from "../../app/require-session.js";

/** The page to go back to after signing in; only same-app paths, never an outside address. */
export function useReturnTo(): string {
  const { state } = useLocation() as { state: ReturnState | null };
  const from = state?.from;
  return from?.startsWith("/") && !from.startsWith("//") && !from.startsWith("/login") ? from : "/";
}
