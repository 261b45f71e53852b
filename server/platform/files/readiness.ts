import type { FastifyBaseLogger } from "fastify";
import { type BlobStore, StoreUnavailable } from "./blob.js";

/**
 * Whether the blob store can be used, for /readyz: checked at start (a misconfiguration is logged with
 * what to fix), then again at most every `okMs` while it works and every `failMs` while it does not,
 * so an object store that comes back makes the instance ready without a restart.
 */
export class StoreReadiness {
  private checkedAt = 0;
  private problem: string | null = "not checked yet";
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: BlobStore,
    private readonly log: FastifyBaseLogger,
    private readonly okMs = 30_000,
    private readonly failMs = 5_000,
  ) {}

  /** The last problem found, or null when the store works. */
  async current(): Promise<string | null> {
    const age = Date.now() - this.checkedAt;
    if (age >= (this.problem ? this.failMs : this.okMs)) await this.check();
    return this.problem;
  }

  check(): Promise<void> {
    this.running ??= this.store
      .check()
      .then(
        () => {
          if (this.problem && this.checkedAt) this.log.info({ store: this.store.location }, "file storage is reachable again");
          this.problem = null;
        },
        (err: unknown) => {
          const message = err instanceof StoreUnavailable ? err.message : `file storage check failed: ${(err as Error).message}`;
          if (message !== this.problem)
            this.log.error(
              { store: this.store.location },
              `file storage cannot be used: ${message}. /readyz answers 503 until it works.`,
            );
          this.problem = message;
        },
      )
      .finally(() => {
        this.checkedAt = Date.now();
        this.running = null;
      });
    return this.running;
  }
}
