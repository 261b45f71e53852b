import { hash, randomBytes } from "node:crypto";

/** A random secret for a cookie or an e-mail link; only its SHA-256 is stored. */
export const newSecret = () => randomBytes(32).toString("base64url");
export const sha256 = (s: string) => hash("sha256", s, "hex");
