import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import * as xmlenc from "xml-encryption";

/** A key pair with a self-signed certificate (Debian's openssl), as an IdP or an SP holds. */
export function selfSignedPair(cn: string): { privateKey: string; certificate: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renkei-saml-"));
  try {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", `/CN=${cn}`],
      {
        stdio: "ignore",
      },
    );
    return { privateKey: fs.readFileSync(key, "utf8"), certificate: fs.readFileSync(cert, "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The AuthnRequest carried by an HTTP-Redirect binding URL. */
export function readAuthnRequest(url: URL) {
  const xml = zlib.inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
  const issuer = root.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer")[0]?.textContent ?? null;
  return { id: root.getAttribute("ID")!, acsUrl: root.getAttribute("AssertionConsumerServiceURL"), issuer, xml };
}

export interface AssertionInput {
  inResponseTo: string;
  acsUrl: string;
  audience: string;
  nameId: string;
  /** The NameID's format: persistent (default) or transient (a new value at every sign-in). */
  nameIdFormat?: "persistent" | "transient";
  attributes: Record<string, string | string[]>;
  issuer?: string;
  /** Seconds from now: the assertion's NotOnOrAfter (negative: already expired). */
  validFor?: number;
  authnContext?: string;
  /** What the IdP signs: the assertion (default), the whole response, or nothing. */
  sign?: "assertion" | "response" | "none";
  /** Sign with this key instead of the IdP's published one. */
  otherKey?: string;
  /** Encrypts the (signed) assertion to this certificate (the SP's, from its metadata) into an EncryptedAssertion. */
  encryptTo?: string;
  /** The content encryption: AES-256-GCM (default) or AES-256-CBC, which older IdPs such as AD FS use. */
  cipher?: "aes256-gcm" | "aes256-cbc";
  /** Changes the signed XML afterwards (a tampered response). */
  after?: (xml: string) => string;
}

const encrypt = promisify(xmlenc.encrypt);
const CIPHERS = {
  "aes256-gcm": "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  "aes256-cbc": "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
};

/** An EncryptedAssertion as XML Encryption 1.1 has it: the content key wrapped with RSA-OAEP to the certificate's key. */
async function encryptAssertion(assertion: string, certificate: string, cipher: keyof typeof CIPHERS): Promise<string> {
  const data = await encrypt(assertion, {
    rsa_pub: new crypto.X509Certificate(certificate).publicKey.export({ type: "spki", format: "pem" }).toString(),
    pem: certificate,
    encryptionAlgorithm: CIPHERS[cipher],
    keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
    keyEncryptionDigest: "sha256",
    disallowEncryptionWithInsecureAlgorithm: true,
  });
  return `<saml:EncryptedAssertion>${data.trim()}</saml:EncryptedAssertion>`;
}

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll('"', "&quot;");
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

function sign(xml: string, element: "Assertion" | "Response", privateKey: string): string {
  const sig = new SignedXml({
    privateKey,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: EXC_C14N,
  });
  const target = `//*[local-name(.)='${element}']`;
  sig.addReference({
    xpath: target,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", EXC_C14N],
    digestAlgorithm: SHA256,
  });
  sig.computeSignature(xml, { location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
  return sig.getSignedXml();
}

/**
 * A SAML 2.0 identity provider for tests: its key pair and entity id, and Responses built and signed
 * with xml-crypto (the assertion or the whole response, RSA-SHA256, exclusive C14N) and, when asked, the
 * assertion encrypted to the SP's certificate with xml-encryption, as an IdP posts them.
 */
export function testIdp(entityId = "https://idp.pref.example.jp/saml", keys = selfSignedPair("test-idp")) {
  return {
    entityId,
    certificate: keys.certificate,
    /** The base64 SAMLResponse the IdP's form would post to the ACS. */
    async response(a: AssertionInput): Promise<string> {
      const now = new Date();
      const iso = (s: number) => new Date(now.getTime() + s * 1000).toISOString();
      const until = iso(a.validFor ?? 300);
      const issuer = esc(a.issuer ?? entityId);
      const id = (p: string) => `${p}${crypto.randomBytes(16).toString("hex")}`;
      const attrs = Object.entries(a.attributes)
        .map(
          ([name, v]) =>
            `<saml:Attribute Name="${esc(name)}">${(Array.isArray(v) ? v : [v])
              .map((x) => `<saml:AttributeValue>${esc(x)}</saml:AttributeValue>`)
              .join("")}</saml:Attribute>`,
        )
        .join("");
      const assertion =
        `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id("_a")}" Version="2.0" IssueInstant="${iso(0)}">` +
        `<saml:Issuer>${issuer}</saml:Issuer>` +
        `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:${a.nameIdFormat ?? "persistent"}">${esc(a.nameId)}</saml:NameID>` +
        `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${esc(a.inResponseTo)}" NotOnOrAfter="${until}" Recipient="${esc(a.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
        `<saml:Conditions NotBefore="${iso(-5)}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${esc(a.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
        `<saml:AuthnStatement AuthnInstant="${iso(0)}" SessionIndex="${id("_s")}"><saml:AuthnContext><saml:AuthnContextClassRef>${esc(a.authnContext ?? "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
        `<saml:AttributeStatement>${attrs}</saml:AttributeStatement></saml:Assertion>`;
      const key = a.otherKey ?? keys.privateKey;
      const sign_ = a.sign ?? "assertion";
      const signed = sign_ === "assertion" ? sign(assertion, "Assertion", key).replace(/^<\?xml[^>]*\?>/, "") : assertion;
      const body = a.encryptTo ? await encryptAssertion(signed, a.encryptTo, a.cipher ?? "aes256-gcm") : signed;
      let xml =
        `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id("_r")}" Version="2.0" IssueInstant="${iso(0)}" Destination="${esc(a.acsUrl)}" InResponseTo="${esc(a.inResponseTo)}">` +
        `<saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${body}</samlp:Response>`;
      if (sign_ === "response") xml = sign(xml, "Response", key);
      return Buffer.from(a.after ? a.after(xml) : xml).toString("base64");
    },
  };
}

/** Who signs in at the IdP's next single sign-on request. */
type SamlPerson = Pick<AssertionInput, "nameId" | "attributes">;

/**
 * The test IdP on a local port, for browser stories. Its single sign-on URL (/sso, HTTP-Redirect binding)
 * reads the AuthnRequest and answers as an IdP does once the person has signed in: a page whose form posts
 * the response (signed, and encrypted when given the SP's certificate) to the request's ACS, submitted at once.
 */
export async function startSamlIdp(opts: {
  port: number;
  entityId: string;
  keys: { privateKey: string; certificate: string };
  encryptTo?: string;
}) {
  const idp = testIdp(opts.entityId, opts.keys);
  const people: SamlPerson[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const person = people.shift();
    let request: ReturnType<typeof readAuthnRequest>;
    try {
      request = readAuthnRequest(url);
    } catch {
      res.writeHead(400).end("no AuthnRequest");
      return;
    }
    if (url.pathname !== "/sso" || !person || !request.acsUrl || !request.issuer) {
      res.writeHead(400).end("no AuthnRequest, or nobody to sign in");
      return;
    }
    const SAMLResponse = await idp.response({
      inResponseTo: request.id,
      acsUrl: request.acsUrl,
      audience: request.issuer,
      encryptTo: opts.encryptTo,
      ...person,
    });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="ja"><head><title>テストIdP</title></head><body onload="document.forms[0].submit()">` +
        `<form method="post" action="${esc(request.acsUrl)}"><input type="hidden" name="SAMLResponse" value="${SAMLResponse}">` +
        `<input type="hidden" name="RelayState" value="${esc(url.searchParams.get("RelayState") ?? "")}"><button>続ける</button></form></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));
  return {
    /** Who signs in at the next request. */
    next: (person: SamlPerson) => people.push(person),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
