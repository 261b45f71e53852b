import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { api } from "../lib/api.js";
import { useI18n } from "../lib/i18n.js";

/** What a toolbar button does to the text: the new text and the part to select afterwards. */
interface Edit {
  text: string;
  start: number;
  end: number;
}

type Tool = "heading" | "bold" | "list" | "table" | "link";

/** The start of the line holding `at` and the end of the line holding `to`. */
function lineSpan(text: string, at: number, to: number) {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const nl = text.indexOf("\n", to);
  return { start, end: nl === -1 ? text.length : nl };
}

function replace(text: string, from: number, to: number, insert: string, select: [number, number]): Edit {
  return { text: text.slice(0, from) + insert + text.slice(to), start: from + select[0], end: from + select[1] };
}

/** Applies one toolbar button to the text and selection (exported for the unit of the browser test). */
function applyTool(tool: Tool, text: string, selStart: number, selEnd: number, sample: (k: Tool) => string): Edit {
  const selected = text.slice(selStart, selEnd);
  if (tool === "bold") {
    const inner = selected || sample("bold");
    return replace(text, selStart, selEnd, `**${inner}**`, [2, 2 + inner.length]);
  }
  if (tool === "link") {
    const inner = selected || sample("link");
    const insert = `[${inner}](https://)`;
    return replace(text, selStart, selEnd, insert, [inner.length + 3, insert.length - 1]);
  }
  if (tool === "table") {
    const before = selStart > 0 && text[selStart - 1] !== "\n" ? "\n\n" : selStart > 0 ? "\n" : "";
    const table = `${sample("table")}\n| --- | --- |\n|  |  |\n|  |  |\n`;
    return replace(text, selStart, selEnd, before + table, [before.length + 2, before.length + sample("table").indexOf(" |", 2)]);
  }
  // Headings and lists work on whole lines; pressing again removes the mark.
  const span = lineSpan(text, selStart, selEnd);
  const lines = text.slice(span.start, span.end).split("\n");
  const mark = tool === "heading" ? "## " : "- ";
  const marked = lines.every((l) => l.startsWith(mark));
  const out = lines
    .map((l) => {
      if (marked) return l.slice(mark.length);
      const bare = tool === "heading" ? l.replace(/^#{1,6} /, "") : l;
      return `${mark}${bare || sample(tool)}`;
    })
    .join("\n");
  return replace(text, span.start, span.end, out, [0, out.length]);
}

export interface RichTextFieldProps {
  label: ReactNode;
  /** Shown under the label, before the standard hint about the buttons. */
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  rows?: number;
  value: string;
  onChange: (value: string) => void;
  /** With a form of components/form.tsx (a Controller's field): leaving the text and its element, for the focus on an error. */
  onBlur?: () => void;
  inputRef?: (element: HTMLTextAreaElement | null) => void;
  className?: string;
}

/**
 * A field for formatted text (議事録, お知らせ, 課題, FAQ, コメント): a small toolbar that inserts headings, bold,
 * lists, tables and links, and a live preview rendered by the server's one renderer, as readers will see it.
 */
export function RichTextField({
  label,
  hint,
  error,
  required,
  rows = 8,
  value,
  onChange,
  onBlur,
  inputRef,
  className,
}: RichTextFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const [debounced, setDebounced] = useState(value);

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), 350);
    return () => window.clearTimeout(timer);
  }, [value]);

  // After a toolbar edit, select the part to type over (the sample text, the URL…).
  useEffect(() => {
    const sel = pendingSelection.current;
    if (sel && area.current) {
      pendingSelection.current = null;
      area.current.focus();
      area.current.setSelectionRange(sel[0], sel[1]);
    }
  });

  const preview = useQuery({
    queryKey: ["rich-text-preview", debounced],
    queryFn: () => api.post<{ html: string }>("/rich-text/preview", { text: debounced }),
    enabled: debounced.trim() !== "",
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const samples: Record<Tool, string> = {
    heading: t("richText.headingSample"),
    bold: t("richText.boldSample"),
    list: t("richText.listSample"),
    table: t("richText.tableHead"),
    link: t("richText.linkSample"),
  };
  const use = (tool: Tool) => {
    const el = area.current;
    const edit = applyTool(tool, value, el?.selectionStart ?? value.length, el?.selectionEnd ?? value.length, (k) => samples[k]);
    pendingSelection.current = [edit.start, edit.end];
    onChange(edit.text);
  };

  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const tools: Tool[] = ["heading", "bold", "list", "table", "link"];
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-std-16B-170 text-solid-gray-800">
        {label}
        {required && <span className="ml-2 text-dns-14N-130 text-error-2"> {t("form.required")}</span>}
      </label>
      <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
        {hint && <>{hint} </>}
        {t("richText.hint")}
      </p>
      <div
        role="toolbar"
        aria-label={t("richText.toolbar")}
        aria-controls={id}
        className="flex flex-wrap gap-1 rounded-t-8 border border-b-0 border-solid-gray-900 bg-solid-gray-50 p-1"
      >
        {tools.map((tool) => (
          <button
            key={tool}
            type="button"
            onClick={() => use(tool)}
            className="min-h-9 rounded-4 border border-solid-gray-420 bg-white px-3 text-oln-14B-100 text-solid-gray-800 hover:bg-blue-50"
          >
            {t(`richText.${tool}`)}
          </button>
        ))}
      </div>
      <textarea
        ref={(element) => {
          area.current = element;
          inputRef?.(element);
        }}
        id={id}
        rows={rows}
        value={value}
        required={required}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        className={`w-full max-w-full rounded-b-8 border bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 ${
          error ? "border-2 border-error-1" : "border-solid-gray-900"
        }`}
      />
      {error && (
        <p id={errorId} className="text-dns-16N-130 text-error-2">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
      <div className="mt-2 rounded-8 border border-dashed border-solid-gray-420 p-4" data-testid="rich-text-preview">
        <p className="mb-2 text-dns-14B-130 text-solid-gray-700">{t("richText.preview")}</p>
        {value.trim() === "" ? (
          <p className="text-dns-14N-130 text-solid-gray-700">{t("richText.previewEmpty")}</p>
        ) : preview.isError ? (
          <p className="text-dns-14N-130 text-error-2">{t("richText.previewFailed")}</p>
        ) : (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised (allow-list) by the server's one renderer.
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: preview.data?.html ?? "" }} />
        )}
      </div>
    </div>
  );
}
