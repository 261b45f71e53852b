import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { assets } from "./scripts/vite-assets.js";

// The web app lives in web/ and is built into dist/web, which the Fastify server serves (SPA fallback included).
export default defineConfig({
  root: "web",
  // assets(): .br and .gz beside every file, JavaScript sizes against their budgets.
  plugins: [react(), tailwindcss(), assets()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // Everything is served from our own origin under a strict CSP: no inline assets.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
