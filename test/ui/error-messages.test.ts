import { errorFromResponse } from "../../src/core/backends/segmind-answers";
import { BackendUnavailableError, ERROR_CODES, ModelMissingError, RateLimitError, fromErrorPayload } from "../../src/core/errors";
import { renditionFailure } from "../../src/ui/host/rendition-errors";
import { FAKE_ERRORS } from "../fakes/segmind-server";
import { errorView } from "../../src/ui/logic/error-messages";

describe("errorView", () => {
  it.each(ERROR_CODES)("gives %s a title and the error's own message, which carries the fix once", (code) => {
    const view = errorView(fromErrorPayload({ code, message: `message for ${code}` }));
    expect(view.code).toBe(code);
    expect(view.title.length).toBeGreaterThan(3);
    expect(view.detail).toBe(`message for ${code}`);
  });

  it("states the fix of a 401 and a 406 once", () => {
    for (const step of [FAKE_ERRORS.auth, FAKE_ERRORS.credits]) {
      if (step.kind !== "error") throw new Error("expected an error step");
      const view = errorView(errorFromResponse(step.status, new Headers(), JSON.stringify({ error: step.error }), 0, "https://api.segmind.com/v1/ssd-depth"));
      const text = `${view.title}. ${view.detail}`;
      expect(text.match(/Segmind console/g)).toHaveLength(1);
    }
  });

  it("names the missing models, and the retry time in the user's own clock", () => {
    expect(errorView(new ModelMissingError("Models are missing.", ["ssd-1b.safetensors", "depth-zoe"])).detail).toContain("ssd-1b.safetensors, depth-zoe");
    const now = new Date(2026, 11, 2, 14, 0, 0).getTime();
    const cli = "Segmind's rate limit for your plan is reached. Try again after 13:02:00 UTC, or upgrade your Segmind plan for a higher limit.";
    const view = errorView(new RateLimitError(cli, 120_000), { now, locale: "en-GB" });
    expect(view.detail).toBe("Segmind's rate limit for your plan is reached. Try again at 14:02, or upgrade your Segmind plan for a higher limit.");
    expect(errorView(new RateLimitError("Too many requests.", 60_000), { now, locale: "en-GB" }).detail).toBe("Too many requests. Try again at 14:01.");
  });

  it("moves terminal commands out of the sentence into Details", () => {
    const view = errorView(new BackendUnavailableError('Could not reach the local gateway at http://127.0.0.1:8787. Start it with "npx depth-restyle serve" and check the URL.'));
    expect(view.commands).toEqual(["npx depth-restyle serve"]);
    expect(view.detail).toBe("Could not reach the local gateway at http://127.0.0.1:8787. Start it with the command under Details and check the URL.");
  });

  it("sends auth and credit problems to the backend settings, and rate limits to retry", () => {
    expect(errorView(fromErrorPayload({ code: "auth", message: "x" })).action).toBe("open-backend");
    expect(errorView(fromErrorPayload({ code: "credits", message: "x" })).action).toBe("open-backend");
    expect(errorView(fromErrorPayload({ code: "rate_limited", message: "x" })).action).toBe("retry");
  });

  it("says what to do when Express refuses the page: Premium content, or a document awaiting approval", () => {
    const premium = errorView(renditionFailure(new Error("createRenditions failed: USER_NOT_ENTITLED_TO_PREMIUM_CONTENT")));
    expect([premium.title, premium.detail]).toEqual([expect.stringMatching(/Premium/), expect.stringMatching(/Upgrade .*or replace the Premium items/)]);
    const review = errorView(renditionFailure("export-not-allowed"));
    expect([review.title, review.detail]).toEqual([expect.stringMatching(/approval/), expect.stringMatching(/reviewers to approve/)]);
    // Neither is a failure a retry could fix.
    expect([premium.action, review.action]).toEqual(["none", "none"]);
  });

  it("turns an unknown failure into a server error that keeps its message", () => {
    const view = errorView(new TypeError("boom"));
    expect(view.code).toBe("server");
    expect(view.detail).toContain("boom");
  });
});
