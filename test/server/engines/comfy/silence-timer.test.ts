import { SilenceTimer } from "../../../../src/server/engines/comfy/silence-timer";
import { until } from "./helpers";

describe("SilenceTimer", () => {
  it("calls onSilence after the quiet time, unless excused, and not when activity arrives while it asks", async () => {
    let answer: ((excused: boolean) => void) | undefined;
    let asked = 0;
    let silent = 0;
    const timer = new SilenceTimer(
      20,
      () => {
        asked++;
        return new Promise<boolean>((resolve) => (answer = resolve));
      },
      () => silent++,
    );
    await until(() => asked === 1, "the first question");
    timer.heard(); // activity while the question is out: the silence is over
    answer!(false);
    await until(() => asked === 2, "the clock to start again");
    expect(silent).toBe(0);
    answer!(true); // excused (e.g. waiting in ComfyUI's queue): wait again
    await until(() => asked === 3, "another round");
    expect(silent).toBe(0);
    answer!(false);
    await until(() => silent === 1, "the silence to be reported");
    timer.stop();
  });
});
