/** The demo module's public face: the seeded council's shape, for the modules' own demo seeds. */
export type { DemoCouncil } from "./seed.js";
