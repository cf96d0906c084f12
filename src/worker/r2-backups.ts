/** The R2 bucket of the encrypted nightly backups. */
import { AppError } from "../errors";
import type { BackupStorage } from "../services/context";
import { importBackupKey } from "../services/backup-format";

/** The R2 bucket as backup storage (the key from the BACKUP_KEY secret, checked when first used). */
export function r2Backups(bucket: R2Bucket, secret: string | undefined): BackupStorage {
  let key: Promise<CryptoKey> | undefined;
  return {
    put: async (name, data) => void (await bucket.put(name, data)),
    get: async (name) => {
      const obj = await bucket.get(name);
      return obj ? new Uint8Array(await obj.arrayBuffer()) : null;
    },
    list: async (prefix) => {
      const out = [];
      let cursor: string | undefined;
      do {
        const page = await bucket.list({ prefix, cursor });
        out.push(...page.objects.map((o) => ({ key: o.key, size: o.size, uploaded: o.uploaded })));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return out;
    },
    delete: (names) => bucket.delete(names),
    encryptionKey: () => {
      if (!secret) return Promise.reject(new AppError("ERR_CONFIG", "BACKUP_KEY is not set"));
      key ??= importBackupKey(secret);
      return key;
    },
  };
}
