import { useQuery } from "@tanstack/react-query";
import type { HomeDue } from "../../../shared/api/home.js";
import { api } from "../../lib/api.js";

export type { HomeDue };

/** What is due for me: one request for every "due" card of the home page. */
export const useHomeDue = () => useQuery({ queryKey: ["home"], queryFn: () => api.get<HomeDue>("/home") });
