import { useCallback, useEffect, useRef, useState } from "react";
import type { Definition } from "../../../shared/surveys/definition.js";
import type { AnswerData } from "../../../shared/surveys/rules.js";
import { isApiError } from "../../lib/api.js";
import { type Answer, saveAnswer } from "./api.js";
import { sameValue } from "./format.js";
import { type MergeResult, mergeAnswers, resolve } from "./merge.js";

export interface Conflict {
  message: string;
  theirs: Answer;
  result: MergeResult;
}

const AUTOSAVE_MS = 1500;

/**
 * The answer being edited: the last copy from the server (with its version), what is typed, and
 * a debounced automatic save. A save from a stale version comes back as 409 with the server's
 * answer; the editor then merges both and waits for the person to confirm — nothing typed is lost.
 * Saves run one after another: a submit pressed while the automatic save is on its way waits for
 * it and starts from the version it returned, so a person never conflicts with their own save.
 */
export function useAnswerEditor(surveyId: string, orgId: string, def: Definition, initial: Answer, remote: Answer | undefined) {
  const [server, setServer] = useState(initial);
  const [data, setData] = useState<AnswerData>(initial.data);
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  // The newest copy from the server, read by a save that waited for the one before it.
  const serverRef = useRef(initial);
  const adopt = useCallback((a: Answer) => {
    serverRef.current = a;
    setServer(a);
  }, []);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);
  const dirty = !sameValue(data, server.data);

  const run = useCallback(
    async (opts: { submit?: boolean; from?: Answer; payload?: AnswerData }) => {
      const from = opts.from ?? serverRef.current;
      const payload = opts.payload ?? dataRef.current;
      setState("saving");
      try {
        const a = await saveAnswer(surveyId, orgId, { version: from.version, data: payload }, opts.submit);
        adopt(a);
        // Typing that happened while the request ran stays on screen (and is saved next).
        if (sameValue(dataRef.current, payload)) setData(a.data);
        setState("saved");
        setError(null);
        return a;
      } catch (e) {
        const current = isApiError(e) && e.status === 409 ? (e.details as { current?: Answer } | undefined)?.current : undefined;
        if (current) {
          setConflict({
            message: e instanceof Error ? e.message : "",
            theirs: current,
            result: mergeAnswers(def, from.data, dataRef.current, current.data),
          });
          setState("idle");
        } else {
          setError(e);
          setState("error");
        }
        return null;
      }
    },
    [surveyId, orgId, def, adopt],
  );

  const save = useCallback(
    (opts: { submit?: boolean; from?: Answer; payload?: AnswerData } = {}) => {
      inFlight.current++;
      const next = queue.current.then(() => run(opts)).finally(() => inFlight.current--);
      queue.current = next.catch(() => null);
      return next;
    },
    [run],
  );

  // Automatic draft save, a moment after the last keystroke.
  useEffect(() => {
    if (!dirty || conflict || !server.abilities.canEdit || state === "error") return;
    const timer = window.setTimeout(() => {
      if (inFlight.current === 0) void save();
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, conflict, server, save, state]);

  // A colleague's save seen by the periodic refresh is taken over when nothing is being typed here.
  useEffect(() => {
    if (remote && remote.version > server.version && !dirty && !conflict && inFlight.current === 0) {
      adopt(remote);
      setData(remote.data);
    }
  }, [remote, server.version, dirty, conflict, adopt]);

  /** Saves the merge with the person's choices, on top of the server's current version. */
  const acceptMerge = useCallback(
    (choices: Record<string, "mine" | "theirs">) => {
      if (!conflict) return;
      const merged = resolve(def, conflict.result, choices);
      setConflict(null);
      adopt(conflict.theirs);
      setData(merged);
      return save({ from: conflict.theirs, payload: merged });
    },
    [conflict, def, save, adopt],
  );

  const edit = useCallback((questionId: string, v: unknown) => {
    setState((s) => (s === "error" ? "idle" : s));
    setData((d) => ({ ...d, [questionId]: v }));
  }, []);

  return { server, data, dirty, state, error, conflict, edit, save, acceptMerge };
}
