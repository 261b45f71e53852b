/**
 * The bare Fastify hello-world that bench/http.ts compares Renkei with, in its own process.
 * Listens on 127.0.0.1:$PORT and prints "ready" once it does.
 */
import Fastify from "fastify";

const app = Fastify();
app.get("/", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
console.log("ready");
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
