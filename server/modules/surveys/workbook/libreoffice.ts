import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * LibreOffice Calc (Debian's libreoffice-calc-nogui, installed by .ci/run) as an independent judge
 * of the workbooks we write: it opens the file headless, recomputes every formula (its profile is
 * set to recalculate on load, as Excel does with fullCalcOnLoad) and saves one sheet as UTF-8 CSV.
 * For tests and checks only.
 */
const recalcAlways = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export async function libreOfficeCsv(xlsx: Buffer, sheet: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-lo-"));
  try {
    const profile = path.join(dir, "profile");
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), recalcAlways);
    const input = path.join(dir, "book.xlsx");
    fs.writeFileSync(input, xlsx);
    await promisify(execFile)(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,${sheet}`,
        "--outdir",
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
    const out = fs.readdirSync(dir).find((f) => f.endsWith(".csv"));
    if (!out) throw new Error("LibreOffice wrote no CSV");
    return fs.readFileSync(path.join(dir, out), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
