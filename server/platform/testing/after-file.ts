import { afterAll } from "vitest";
import { runFileCleanups } from "./cleanups.js";

// vitest's setup file: evaluated again before every test file, although workers keep the other modules
// from one file to the next (isolate: false), so each file gets this hook. A hook registered by the harness
// at its import ran only in the first file of each worker: the rest left their connections open.
afterAll(runFileCleanups);
