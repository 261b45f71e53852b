import { e2eDirectory } from "../../playwright.config.js";
import { startSlapd, type TestSlapd } from "../../server/platform/testing/slapd.js";
import { checkA11y, demoUsers, expect, signIn, test } from "../support/fixtures.js";

const B = e2eDirectory.baseDn;
const LDIF = `dn: ${B}
objectClass: dcObject
objectClass: organization
dc: pref
o: Yamaguchi Prefecture

dn: cn=renkei-reader,${B}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: renkei-reader
userPassword: ${e2eDirectory.readerPassword}

dn: uid=kono,${B}
objectClass: inetOrgPerson
uid: kono
cn: kono
sn: kono
displayName: 河野 直子
mail: kono@pref.example.jp
ou: 市町村課
title: 主査
departmentNumber: 350001

dn: uid=drifter,${B}
objectClass: inetOrgPerson
uid: drifter
cn: drifter
sn: drifter
displayName: 所属 不明
mail: drifter@pref.example.jp

dn: cn=renkei-secretariat,${B}
objectClass: groupOfNames
cn: renkei-secretariat
member: uid=kono,${B}
`;

let slapd: TestSlapd;
test.beforeAll(async () => {
  slapd = await startSlapd(LDIF, B, e2eDirectory.port);
});
test.afterAll(async () => {
  await slapd?.close();
});

test("the secretariat checks the directory sync with a dry run, then syncs", async ({ page }) => {
  await signIn(page, demoUsers.secretariat);
  await page.getByRole("link", { name: "ディレクトリ同期" }).click();
  await expect(page.getByRole("heading", { name: "ディレクトリ同期" })).toBeVisible();
  await expect(page.getByText(`ldap://127.0.0.1:${e2eDirectory.port}`)).toBeVisible();
  await checkA11y(page, { label: "directory sync" });

  await page.getByRole("button", { name: "試行する（保存しない）" }).click();
  await expect(page.getByRole("status").filter({ hasText: "試行（保存していません）：2件を読み取り、作成 1" })).toBeVisible();
  const created = page.getByRole("table", { name: "作成されるアカウント（1件）" });
  await expect(created).toContainText("河野 直子");
  await expect(created).toContainText("山口県（350001）");
  await expect(created).toContainText("事務局");
  await expect(page.getByRole("table", { name: "取り込まない項目（1件）" })).toContainText("所属団体に対応しません");
  await checkA11y(page, { label: "directory sync, dry run" });

  await page.getByRole("button", { name: "同期する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "同期しました：2件を読み取り、作成 1" })).toBeVisible();
  await page.goto("/users?q=kono");
  await expect(page.getByRole("table")).toContainText("河野 直子");
});
