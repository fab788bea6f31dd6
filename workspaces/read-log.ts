/**
 * What a workspace read of the org model, recorded through a read-only view: every value read
 * (by its path from the model's root), every key list enumerated and every `in` test. If each
 * recorded read gives the same answer on another model, a build that reads the model and
 * nothing else (the workspaces; code and environment are keyed apart) produces the same
 * output from it: the synthesis cache (workspaces/synth-cache.ts) reuses it.
 *
 * The view is a tree of proxies, one per path: an object reached by two paths is two views,
 * each recording under its own path, so a read always names the path that led to it.
 */

/** One read: the path's segments, what was asked, and the answer, encoded. */
export type Read = readonly [
  path: readonly (string | number)[],
  ask: "get" | "has" | "keys",
  key: string,
  answer: string,
];

/** The type and value of what a read returned (objects by kind: their contents are reads of their own). */
function encode(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "object") return "object";
  if (type === "function") return "function";
  return `${type}:${String(value)}`;
}

export class ReadLog {
  private readonly reads: Read[] = [];

  /** A read-only view of `root` that records what is read through it. */
  view<T extends object>(root: T): T {
    return this.proxy(root, []) as T;
  }

  /** Every read, once, in the order first made. */
  entries(): Read[] {
    return this.reads;
  }

  private proxy(raw: object, path: readonly (string | number)[]): object {
    const children = new Map<string, object>();
    // Each read is recorded once per view: a build reads the same fields many times.
    const got = new Set<string>();
    const tested = new Set<string>();
    let listed = false;
    const child = (key: string, value: object) => {
      let view = children.get(key);
      if (!view) {
        const segment = Array.isArray(raw) && /^\d+$/.test(key) ? Number(key) : key;
        view = this.proxy(value, [...path, segment]);
        children.set(key, view);
      }
      return view;
    };
    // The model is frozen; a proxy of a frozen target must return the target's own values, so
    // the proxy stands on an empty, extensible shadow with the same prototype.
    const shadow = Array.isArray(raw) ? [] : Object.create(Object.getPrototypeOf(raw));
    const reads = this.reads;
    const get = (key: string | symbol, receiver: unknown) => {
      const value = Reflect.get(raw, key, receiver);
      if (typeof key === "symbol") return value;
      if (!got.has(key)) {
        got.add(key);
        reads.push([path, "get", key, encode(value)]);
      }
      return value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(raw, key)
        ? child(key, value)
        : value;
    };
    return new Proxy(shadow, {
      get: (_shadow, key, receiver) => get(key, receiver),
      has(_shadow, key) {
        const answer = Reflect.has(raw, key);
        if (typeof key !== "symbol" && !tested.has(key)) {
          tested.add(key);
          reads.push([path, "has", key, String(answer)]);
        }
        return answer;
      },
      ownKeys() {
        const keys = Reflect.ownKeys(raw);
        if (!listed) {
          listed = true;
          reads.push([path, "keys", "", JSON.stringify(keys.filter((k) => typeof k === "string"))]);
        }
        return keys;
      },
      getOwnPropertyDescriptor(_shadow, key) {
        const d = Reflect.getOwnPropertyDescriptor(raw, key);
        if (!d) return undefined;
        // Reported configurable: the shadow does not hold the property (a proxy invariant).
        if ("value" in d)
          return { value: get(key, undefined), writable: false, enumerable: d.enumerable, configurable: true };
        return { ...d, configurable: true };
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(raw),
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    });
  }
}

/** Whether every read gives the same answer on `root` (a model loaded later). */
export function sameReads(root: object, reads: readonly Read[]): boolean {
  for (const [path, ask, key, answer] of reads) {
    let at: unknown = root;
    for (const segment of path) {
      if (at === null || typeof at !== "object") return false;
      at = (at as Record<string | number, unknown>)[segment];
    }
    if (at === null || typeof at !== "object") return false;
    const now =
      ask === "get"
        ? encode((at as Record<string, unknown>)[key])
        : ask === "has"
          ? String(key in at)
          : JSON.stringify(Reflect.ownKeys(at).filter((k) => typeof k === "string"));
    if (now !== answer) return false;
  }
  return true;
}
