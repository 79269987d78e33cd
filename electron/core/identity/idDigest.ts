import { hashIdKey, hashIdNumber, type IdKind, parseIdNumber } from './idNumber';

/** What is stored of a 证件号码: a keyed hash for linking, the masked form for display, its kind and check. */
export interface StoredId {
  /** HMAC-SHA256 under the database's secret, first 16 bytes. */
  readonly hash: Buffer;
  readonly masked: string;
  readonly kind: IdKind;
  readonly valid: boolean | null;
  readonly sex: '男' | '女' | null;
  readonly birthDate: string | null;
}

/**
 * Turns ID numbers into what the database keeps of them (the number itself is never stored). A
 * household head is listed twice, in 户信息 and in 家庭成员: the head's hash is kept until the
 * member row comes, one HMAC instead of two.
 */
export class IdDigester {
  private readonly heads = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {}

  head(idNumber: string | null): StoredId | null {
    if (!idNumber) return null;
    const parsed = parseIdNumber(idNumber);
    const hash = hashIdNumber(this.secret, parsed);
    this.heads.set(parsed.normalized, hash);
    return {
      hash, masked: parsed.masked, kind: parsed.kind, valid: parsed.valid, sex: parsed.sex, birthDate: parsed.birthDate,
    };
  }

  member(idNumber: string): StoredId {
    const parsed = parseIdNumber(idNumber);
    let hash = this.heads.get(parsed.normalized);
    if (hash) this.heads.delete(parsed.normalized);
    else hash = hashIdNumber(this.secret, parsed);
    return {
      hash, masked: parsed.masked, kind: parsed.kind, valid: parsed.valid, sex: parsed.sex, birthDate: parsed.birthDate,
    };
  }
}

/**
 * The write thread's side of an import's ID numbers: the reading thread parses and checks them and
 * sends what is hashed (idHashKey); this hashes it under the secret the import handed the thread at
 * its start. A head's hash is kept until its member row comes, as IdDigester does.
 */
export class IdKeyHasher {
  private readonly heads = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {}

  head(key: string): Buffer {
    const hash = hashIdKey(this.secret, key);
    this.heads.set(key, hash);
    return hash;
  }

  member(key: string): Buffer {
    const hash = this.heads.get(key);
    if (!hash) return hashIdKey(this.secret, key);
    this.heads.delete(key);
    return hash;
  }
}
