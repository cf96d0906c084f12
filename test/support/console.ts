/** Helpers for console integration tests: a cookie jar and form posts the way a browser sends them. */
import { BASE } from "./api";

/** The Set-Cookie lines of a response (Headers.getSetCookie, missing from the workers types). */
export function setCookies(res: Response): string[] {
  return (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
}

type Fetch = (path: string, init?: RequestInit) => Response | Promise<Response>;

/** A browser-like client of the console for one `fetch` (the Worker, or an app built from deps). */
export function consoleClient(fetchFn: Fetch) {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of setCookies(res)) {
      const [pair] = line.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const client = {
    jar,
    async get(path: string, headers: Record<string, string> = {}) {
      return remember(await fetchFn(path, { headers: { cookie: cookie(), ...headers }, redirect: "manual" }));
    },
    async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return remember(
        await fetchFn(path, {
          method: "POST",
          headers: {
            origin: new URL(BASE).origin,
            cookie: cookie(),
            "content-type": "application/x-www-form-urlencoded",
            ...headers,
          },
          body,
          redirect: "manual",
        }),
      );
    },
    /** A multipart form post (file uploads). */
    async postForm(path: string, form: FormData, headers: Record<string, string> = {}) {
      return remember(
        await fetchFn(path, {
          method: "POST",
          headers: { origin: new URL(BASE).origin, cookie: cookie(), ...headers },
          body: form,
          redirect: "manual",
        }),
      );
    },
    /** Signs in with a token through the form; returns the POST's response. */
    async signIn(token: string) {
      const page = await (await client.get("/console/sign-in")).text();
      return client.post("/console/sign-in", { csrf: csrfOf(page), token });
    },
  };
  return client;
}

/** The synchronizer token in a rendered page's first form. */
export function csrfOf(page: string): string {
  const m = /name="csrf" value="([^"]*)"/.exec(page);
  if (!m) throw new Error("no csrf field on the page");
  return m[1]!;
}
