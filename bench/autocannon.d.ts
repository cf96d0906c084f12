/** The part of autocannon's API the bench uses (the package ships no types). */
declare module "autocannon" {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    }
  }
  interface Result {
    requests: { total: number };
    duration: number;
    latency: { p99: number };
    statusCodeStats?: Record<string, { count: number }>;
    "2xx": number;
    errors: number;
    timeouts: number;
  }
  function autocannon(options: autocannon.Options): Promise<Result>;
  export default autocannon;
}
