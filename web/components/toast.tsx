import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import { useI18n } from "../lib/i18n.js";

interface Toast {
  id: number;
  tone: "success" | "error" | "info";
  message: string;
}

interface ToastApi {
  show: (message: string, tone?: Toast["tone"]) => void;
}

const ToastContext = createContext<ToastApi | null>(null);
const tones = { success: "border-success-2", error: "border-error-2", info: "border-blue-900" };

/** Short confirmations (「保存しました」) in a polite live region; they fade after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const { t } = useI18n();

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (message: string, tone: Toast["tone"] = "success") => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div role="status" aria-live="polite" className="fixed right-4 bottom-4 z-50 flex max-w-[calc(100vw-2rem)] flex-col gap-2">
        {toasts.map((x) => (
          <div
            key={x.id}
            className={`flex items-start gap-3 rounded-8 border-l-8 border bg-white px-4 py-3 shadow-2 ${tones[x.tone]}`}
          >
            <p className="text-std-16N-170">{x.message}</p>
            <button
              type="button"
              onClick={() => dismiss(x.id)}
              className="ml-auto rounded-4 px-2 text-std-16B-170 text-solid-gray-800 underline"
            >
              {t("action.close")}
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error("useToast must be used inside <ToastProvider>");
  return ctx;
}
