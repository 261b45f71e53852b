/** What each test file built and must close (testEnv: its app, database and scratch PostgreSQL database). */
const cleanups: (() => Promise<void>)[] = [];

/** `cleanup` runs when the test file that calls this ends (after-file.ts). */
export const atFileEnd = (cleanup: () => Promise<void>) => void cleanups.push(cleanup);

export async function runFileCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}
