import { afterEach, describe, expect, test } from "bun:test";
import { req, type TestApp, testApp } from "../test/utils.ts";

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function scrape(app: TestApp["app"]): Promise<string> {
  const res = await app.handle(req("GET", "/metrics"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
}

describe("GET /metrics", () => {
  test("exports kefu_build_info and the default process metrics", async () => {
    t = await testApp();
    const text = await scrape(t.app);
    expect(text).toContain(`kefu_build_info{version="0.0.0-test",commit="test",bun="${Bun.version}",native="js"} 1`);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  test("counts requests by route template and real status, unmatched paths in one series", async () => {
    t = await testApp();
    await t.app.handle(req("GET", "/healthz"));
    await t.app.handle(req("GET", "/healthz"));
    await t.app.handle(req("GET", "/no/such/1"));
    await t.app.handle(req("GET", "/no/such/2"));
    await t.app.handle(req("POST", "/v1/echo", { message: 1 }));
    // after-response hooks run once the response is handed over; let them finish
    await Bun.sleep(0);
    const text = await scrape(t.app);
    expect(text).toContain('kefu_http_requests_total{method="GET",route="/healthz",status="200"} 2');
    expect(text).toContain('kefu_http_requests_total{method="GET",route="unmatched",status="404"} 2');
    expect(text).toContain('kefu_http_requests_total{method="POST",route="/v1/echo",status="400"} 1');
    expect(text).toContain('kefu_http_request_duration_seconds_count{method="GET",route="/healthz"} 2');
    expect(text).not.toContain("/no/such");
  });
});
