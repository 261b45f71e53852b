/**
 * Cutting draft minutes into passages and attributing them: paragraphs are separated by blank lines;
 * a paragraph that starts with 「○」 (or 「◯」) and an organisation's name records that organisation's
 * remark (「○阿武町（総務課長）　…」), the way Japanese minutes mark speakers.
 */
export function splitPassages(bodyMd: string, orgs: { id: string; name: string }[]) {
  const byLength = [...orgs].sort((a, b) => b.name.length - a.name.length);
  return bodyMd
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim())
    .map((text) => {
      const m = text.match(/^[○◯]\s*(.*)$/su);
      const speaker = m ? (byLength.find((o) => m[1]!.startsWith(o.name)) ?? null) : null;
      return { text, speakerOrgId: speaker?.id ?? null };
    });
}

/** The draft with one passage replaced, or null when the passage is no longer in the draft as it was. */
export function replacePassage(bodyMd: string, original: string, replacement: string): string | null {
  const body = bodyMd.replace(/\r\n?/g, "\n");
  const at = body.indexOf(original);
  if (at < 0 || body.indexOf(original, at + 1) >= 0) return null;
  return body.slice(0, at) + replacement + body.slice(at + original.length);
}
