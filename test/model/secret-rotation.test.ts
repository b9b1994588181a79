import { applyRotation, currentSlot, rotationProblem, validSlots, type RotationState, type SecretRotation, type SecretSlot } from "../../src/model/secret-rotation";

/**
 * Runs `terraform apply` on each day of `applyDays` (at `timeOfDay`) and looks at every day in between: which secret
 * Genesys has (the `client_secret` output of the last apply) and which are valid.
 */
function simulate(rotation: SecretRotation, lastDay: number, applyEvery: number, timeOfDay = 0.25) {
  const days: Array<{ day: number; state: RotationState; valid: SecretSlot[]; output: SecretSlot; replaced: SecretSlot[] }> = [];
  let state: RotationState | undefined;
  for (let day = 0; day <= lastDay; day++) {
    const replaced: SecretSlot[] = [];
    if (day % applyEvery === 0) {
      const next = applyRotation(rotation, state, day + timeOfDay);
      if (state) for (const s of ["a", "b"] as const) if (next[s].base !== state[s].base) replaced.push(s);
      state = next;
    }
    // Looked at later the same day, after the apply.
    days.push({ day, state: state!, valid: validSlots(state!, day + 0.5), output: currentSlot(state!), replaced });
  }
  return days;
}

describe("client-secret rotation schedule", () => {
  // The default (180 days, rotated every 90), a long overlap, the shortest overlap, and a short lifetime.
  const CASES: SecretRotation[] = [
    { lifetimeDays: 180, rotationDays: 90 },
    { lifetimeDays: 365, rotationDays: 30 },
    { lifetimeDays: 180, rotationDays: 179 },
    { lifetimeDays: 10, rotationDays: 4 },
  ];

  test.each(CASES)("applied daily, lifetime $lifetimeDays, rotation $rotationDays: on every day of two cycles a valid secret exists and the output is the newest valid one", (rotation) => {
    // GIVEN / WHEN: two full cycles of both slots (each slot is replaced every 2 rotation periods)
    const days = simulate(rotation, 4 * rotation.rotationDays + 1, 1);

    // THEN
    for (const { day, state, valid, output } of days) {
      expect({ day, valid: valid.length > 0 }).toEqual({ day, valid: true });
      const newestValid = valid.reduce((x, y) => (state[y].base > state[x].base ? y : x));
      expect({ day, output }).toEqual({ day, output: newestValid });
    }
  });

  test.each(CASES)("applied daily, lifetime $lifetimeDays, rotation $rotationDays: an apply never replaces the secret Genesys was given, and a new one comes every rotation period", (rotation) => {
    const days = simulate(rotation, 4 * rotation.rotationDays + 1, 1);
    for (let i = 1; i < days.length; i++) {
      const given = days[i - 1]!.output;
      expect({ day: days[i]!.day, replaced: days[i]!.replaced.includes(given) }).toEqual({ day: days[i]!.day, replaced: false });
    }
    const rotations = days.filter((d) => d.replaced.length > 0).map((d) => d.day);
    // b (born one period early) first, then a, b, a: one slot at a time
    const p = rotation.rotationDays;
    expect(rotations).toEqual([p + 1, 2 * p + 1, 3 * p + 2, 4 * p + 2].filter((d) => d <= 4 * p + 1));
    expect(days.every((d) => d.replaced.length <= 1)).toBe(true);
  });

  test("the first apply: slot a from now, slot b one rotation period earlier, so b is replaced first", () => {
    const state = applyRotation({ lifetimeDays: 180, rotationDays: 90 }, undefined, 1000);
    expect(state).toEqual({
      a: { base: 1000, rotatesAt: 1180, expiresAt: 1180, createdAt: 1000 },
      b: { base: 910, rotatesAt: 1090, expiresAt: 1090, createdAt: 1000 },
    });
    expect(currentSlot(state)).toBe("a");
  });

  test("applied weekly with the default schedule, a valid secret still exists every day", () => {
    const rotation = { lifetimeDays: 180, rotationDays: 90 };
    // the secret Genesys was given at the last apply is valid every day until the next one
    const broken = simulate(rotation, 720, 7).filter((d) => !d.valid.includes(d.output));
    expect(broken.map((d) => d.day)).toEqual([]);
  });

  test("no apply for longer than a lifetime: both slots are replaced in one apply, and the stagger is restored", () => {
    const rotation = { lifetimeDays: 180, rotationDays: 90 };
    const first = applyRotation(rotation, undefined, 0);
    const late = applyRotation(rotation, first, 400);
    expect(late).toEqual({
      a: { base: 400, rotatesAt: 580, expiresAt: 580, createdAt: 400 },
      b: { base: 310, rotatesAt: 490, expiresAt: 490, createdAt: 400 },
    });
  });

  test.each([
    [{ lifetimeDays: 180, rotationDays: 180 }, "180 is not less than the lifetime, so the newest secret expires before the next one exists"],
    [{ lifetimeDays: 180, rotationDays: 0 }, "0 is below 1"],
    [{ lifetimeDays: 180, rotationDays: 7.5 }, "7.5 is not a whole number"],
    [{ lifetimeDays: 1, rotationDays: 0 }, "a 1-day lifetime leaves no rotation period shorter than it (at least 2 days are needed)"],
  ])("rotationProblem(%j)", (rotation, problem) => {
    expect(rotationProblem(rotation)).toBe(problem);
  });

  test("rotationProblem: a period one day shorter than the lifetime is fine", () => {
    expect(rotationProblem({ lifetimeDays: 180, rotationDays: 179 })).toBeUndefined();
  });
});
