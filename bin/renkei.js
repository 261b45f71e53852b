#!/usr/bin/env node
// The `renkei` command. TypeScript runs through tsx, so there is no separate server build step.
import { register } from "tsx/esm/api";

register();
await import("../server/main.ts");
