/** The part of xml-encryption (W3C XML Encryption; node-saml decrypts with it) that the test IdP calls to encrypt assertions. */
declare module "xml-encryption" {
  export function encrypt(
    content: string,
    options: {
      /** The recipient's RSA public key (PEM). */
      rsa_pub: string;
      /** The recipient's certificate (PEM), named in the EncryptedKey's KeyInfo. */
      pem: string;
      encryptionAlgorithm: string;
      keyEncryptionAlgorithm: string;
      keyEncryptionDigest?: "sha1" | "sha256" | "sha512";
      disallowEncryptionWithInsecureAlgorithm?: boolean;
    },
    callback: (err: Error | null, result: string) => void,
  ): void;
}
