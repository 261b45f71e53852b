import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

/** A throwaway OpenLDAP server (Debian's slapd) on an ephemeral port, with its own config and database folder. */
export interface TestSlapd {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  /** Applies an LDIF change through `ldapmodify` (ldap-utils), bound as the directory's administrator. */
  modify(ldif: string): Promise<void>;
  close(): Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1");
      c.once("connect", () => {
        c.end();
        resolve(true);
      });
      c.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`slapd did not listen on ${port}: ${log()}`);
}

/**
 * Starts slapd with a slapd.conf in a temporary folder (back_mdb, core/cosine/inetorgperson schemas),
 * loads `ldif` with slapadd before it starts, and runs it in the foreground as the current user
 * (no -u/-g, nothing under /etc or /var), so it works as root and as an ordinary user. `fixedPort`:
 * the browser tests' server is configured with the directory's address before the spec starts it.
 */
export async function startSlapd(ldif: string, baseDn = "dc=pref,dc=example", fixedPort?: number): Promise<TestSlapd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-slapd-"));
  const dbDir = path.join(dir, "db");
  fs.mkdirSync(dbDir);
  const adminDn = `cn=admin,${baseDn}`;
  const adminPassword = "directory-admin-secret";
  const conf = path.join(dir, "slapd.conf");
  fs.writeFileSync(
    conf,
    [
      "include /etc/ldap/schema/core.schema",
      "include /etc/ldap/schema/cosine.schema",
      "include /etc/ldap/schema/inetorgperson.schema",
      "include /etc/ldap/schema/nis.schema",
      `pidfile ${path.join(dir, "slapd.pid")}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      "database mdb",
      "maxsize 10485760",
      `suffix "${baseDn}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${dbDir}`,
      "access to * by * read",
      "",
    ].join("\n"),
  );
  const ldifFile = path.join(dir, "seed.ldif");
  fs.writeFileSync(ldifFile, ldif);
  await run("/usr/sbin/slapadd", ["-f", conf, "-l", ldifFile]);
  const port = fixedPort ?? (await freePort());
  const url = `ldap://127.0.0.1:${port}`;
  const child = spawn("/usr/sbin/slapd", ["-f", conf, "-h", `${url}/`, "-d", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  await waitForPort(port, child, () => stderr);
  return {
    url,
    baseDn,
    adminDn,
    adminPassword,
    async modify(change: string) {
      const file = path.join(dir, `change-${Date.now()}.ldif`);
      fs.writeFileSync(file, change);
      await run("/usr/bin/ldapmodify", ["-x", "-H", url, "-D", adminDn, "-w", adminPassword, "-f", file]);
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
