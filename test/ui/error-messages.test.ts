import { ERROR_CODES, ExportNotAllowedError, ModelMissingError, PremiumContentError, RateLimitError, fromErrorPayload } from "../../src/core/errors";
import { errorView } from "../../src/ui/logic/error-messages";

describe("errorView", () => {
  it.each(ERROR_CODES)("gives %s a title, the error's own message and a fix", (code) => {
    const view = errorView(fromErrorPayload({ code, message: `message for ${code}` }));
    expect(view.code).toBe(code);
    expect(view.title.length).toBeGreaterThan(3);
    expect(view.detail).toContain(`message for ${code}`);
    expect(view.fix.length).toBeGreaterThan(10);
  });

  it("names the missing models and the wait time", () => {
    expect(errorView(new ModelMissingError("Models are missing.", ["ssd-1b.safetensors", "depth-zoe"])).detail).toContain("ssd-1b.safetensors, depth-zoe");
    expect(errorView(new RateLimitError("Too many requests.", 12_300)).detail).toContain("13 s");
  });

  it("sends auth and credit problems to the backend settings, and rate limits to retry", () => {
    expect(errorView(fromErrorPayload({ code: "auth", message: "x" })).action).toBe("open-backend");
    expect(errorView(fromErrorPayload({ code: "credits", message: "x" })).action).toBe("open-backend");
    expect(errorView(fromErrorPayload({ code: "rate_limited", message: "x" })).action).toBe("retry");
  });

  it("says what to do when Express refuses the page: Premium content, or a document awaiting approval", () => {
    const premium = errorView(new PremiumContentError("This page contains Premium content…"));
    expect([premium.title, premium.fix]).toEqual([expect.stringMatching(/Premium/), expect.stringMatching(/Upgrade .*or replace the Premium items/)]);
    const review = errorView(new ExportNotAllowedError("This document is under review…"));
    expect([review.title, review.fix]).toEqual([expect.stringMatching(/approval/), expect.stringMatching(/reviewers to approve/)]);
    // Neither is a failure a retry could fix.
    expect([premium.action, review.action]).toEqual(["none", "none"]);
  });

  it("turns an unknown failure into a server error that keeps its message", () => {
    const view = errorView(new TypeError("boom"));
    expect(view.code).toBe("server");
    expect(view.detail).toContain("boom");
  });
});
