import { multipartBody, type TestEnv } from "../../../platform/testing/harness.js";
import type { FixtureOrg } from "./test-workbook.js";

/** The demo council's municipalities in code order, as the fixture workbooks list them. */
export async function fixtureMunicipalities(env: TestEnv): Promise<(FixtureOrg & { id: string })[]> {
  const rows = await env.database.db
    .selectFrom("orgs")
    .select(["id", "name", "lg_code"])
    .where("kind", "in", ["city", "town", "village"])
    .orderBy("lg_code")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, lgCode: r.lg_code! }));
}

/** A relay request as a person (or nobody) sends it, keeping the raw bytes of the workbooks that come back. */
export async function relayRequest(
  env: TestEnv,
  email: string | null,
  method: "GET" | "POST",
  url: string,
  file?: { name: string; data: Buffer },
) {
  const c = email ? await env.as(email) : null;
  const body = file ? multipartBody({}, [file]) : null;
  const res = await env.app.inject({
    method,
    url,
    headers: {
      ...(c ? { cookie: c.cookie, "x-csrf-token": c.csrf } : {}),
      ...(body ? { "content-type": body.contentType } : {}),
    },
    payload: body?.payload,
  });
  let json: any = null;
  try {
    json = res.json();
  } catch {}
  return { status: res.statusCode, bytes: res.rawPayload, body: json, headers: res.headers };
}
