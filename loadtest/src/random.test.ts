import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

describe("createRandom", () => {
  it("repeats the same choices for the same seed", () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return [random.next(), random.int(1, 4), random.sample(["a", "b", "c", "d"], 2)];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("samples distinct items, and all of them when asked for more", () => {
    const random = createRandom(7);
    const items = Array.from({ length: 50 }, (_, index) => index);
    for (let round = 0; round < 100; round++) {
      const picked = random.sample(items, 4);
      expect(new Set(picked).size).toBe(4);
    }
    expect(random.sample([1, 2], 5).sort()).toEqual([1, 2]);
  });

  it("keeps int within its bounds", () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(random.int(1, 4));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });
});
