/** A file's size as people read it: "12 KB", "3.4 MB" (never "0 KB" for a small file). Web pages and the public site. */
export const fileSize = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.ceil(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
