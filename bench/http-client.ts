/**
 * A client in its own process, for benchmarks whose server runs in theirs (bench:progress): it receives
 * `{ url, cookie }` by IPC, fetches the URL, reads the body as bytes (as a browser receives them) and
 * answers `{ ms, status, text }` — the time from sending the request to the last byte, measured here, so
 * neither the client's work nor the IPC falls on the server's process or into the figure.
 */
process.on("message", async ({ url, cookie }: { url: string; cookie: string }) => {
  const start = performance.now();
  try {
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - start;
    process.send!({
      ms,
      bytes: body.byteLength,
      status: res.status,
      text: res.ok ? "" : Buffer.from(body).toString().slice(0, 500),
    });
  } catch (err) {
    process.send!({ ms: 0, bytes: 0, status: 0, text: String(err) });
  }
});
