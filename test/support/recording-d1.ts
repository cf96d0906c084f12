/** A D1 binding that records the SQL of every statement it prepares (tests that count reads). */
export function recordingD1(db: D1Database, seen: string[]): D1Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "prepare")
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
