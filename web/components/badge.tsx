import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "blue" | "green" | "orange" | "red";

const tones: Record<BadgeTone, string> = {
  neutral: "border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800",
  blue: "border-blue-900 bg-blue-50 text-blue-1000",
  green: "border-green-900 bg-green-50 text-green-1000",
  orange: "border-orange-900 bg-orange-50 text-orange-1100",
  red: "border-error-2 bg-red-50 text-red-1000",
};

/** A small label (小規模, 構成員のみ, 未読). Colour is never the only signal: the text says it. */
export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
