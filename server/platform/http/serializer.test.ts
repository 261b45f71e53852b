import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { serializerCompiler } from "./serializer.js";

const app = Fastify();
app.setSerializerCompiler(serializerCompiler);
const item = z.object({ id: z.string(), name: z.string(), note: z.string().nullable() });
// A codec both of whose sides accept the value: parse (decode) and encode both succeed, with different results.
const code = z.codec(z.string(), z.string(), { decode: (s) => s.toUpperCase(), encode: (s) => s.toLowerCase() });
app.get("/extra", { schema: { response: { 200: z.object({ items: z.array(item) }) } } }, async () => ({
  items: [{ id: "a", name: "阿武町", note: null, passwordHash: "secret", orgId: "other" }],
}));
app.get("/wrong", { schema: { response: { 200: item } } }, async () => ({ id: "a", name: 3, note: null }));
app.get("/codec", { schema: { response: { 200: z.object({ code: code }) } } }, async () => ({ code: "Abu" }));
afterAll(() => app.close());

describe("response serializer", () => {
  it("sends only the schema's fields: a column selected by mistake never leaves the server", async () => {
    const res = await app.inject("/extra");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ id: "a", name: "阿武町", note: null }] });
    expect(res.body).not.toContain("secret");
  });

  it("refuses a response that does not match its schema with a 500, not a half-checked body", async () => {
    const res = await app.inject("/wrong");
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('"name":3');
  });

  it("under test, a response schema with a codec (parse and encode differ) is caught", async () => {
    const res = await app.inject("/codec");
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/parses and encodes differently/);
  });
});
