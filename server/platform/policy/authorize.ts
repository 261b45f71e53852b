import type { Actor } from "../context.js";
import { AppError } from "../errors.js";

/** A rule answers whether the actor may do the action on the subject. Missing rule = denied. */
export type Rule = (actor: Actor, subject?: any) => boolean;

/** A module's rules by action name. */
export type Policies = Record<string, Rule>;

/**
 * Every action some rule is declared for. Each module's policy adds its own next to its rules
 * (`declare module "…/platform/policy/authorize.js" { interface Actions extends ActionsOf<typeof policies> {} }`),
 * so `authorize`, `can` and `abilities` accept only declared actions: an unknown one is a type error (tsc).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules through declaration merging
export interface Actions {}
export type Action = keyof Actions;
export type ActionsOf<P extends Policies> = { [A in keyof P]: true };

const rules = new Map<string, Rule>();

/** Each module's policy.ts registers its rules here at import time. */
export function definePolicies(defs: Policies): void {
  for (const [action, rule] of Object.entries(defs)) {
    if (rules.has(action)) throw new Error(`Policy ${action} defined twice`);
    rules.set(action, rule);
  }
}

export function can(actor: Actor | null, action: Action, subject?: unknown): boolean {
  if (!actor) return false;
  const rule = rules.get(action);
  return rule ? rule(actor, subject) : false;
}

/** The one entry point: throws 401 without an actor and 403 when no rule allows the action. */
export function authorize(actor: Actor | null, action: Action, subject?: unknown): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "ログインしてください。");
  if (!can(actor, action, subject)) throw new AppError("FORBIDDEN", "この操作を行う権限がありません。");
}

/** Builds the `abilities` object a response carries, e.g. abilities(actor, org, { canEdit: "org.update" }). */
export function abilities<K extends string>(actor: Actor | null, subject: unknown, map: Record<K, Action>): Record<K, boolean> {
  const out = {} as Record<K, boolean>;
  for (const key of Object.keys(map) as K[]) out[key] = can(actor, map[key], subject);
  return out;
}
