import { expect, test } from "bun:test";
import type { KefuError } from "../errors.ts";
import type { SessionState } from "../events.ts";
import { assertTransition, canTransition } from "./state-machine.ts";

const all: SessionState[] = ["bot", "queued", "assigned", "closed"];

test("exactly the documented edges are allowed", () => {
  const allowed = all.flatMap((from) => all.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
  expect(allowed).toEqual([
    "bot→queued",
    "bot→closed",
    "queued→bot",
    "queued→assigned",
    "queued→closed",
    "assigned→bot",
    "assigned→queued",
    "assigned→assigned",
    "assigned→closed",
  ]);
});

test("a closed session goes nowhere, with a typed 409", () => {
  for (const to of all) {
    let err: KefuError | undefined;
    try {
      assertTransition("closed", to);
    } catch (e) {
      err = e as KefuError;
    }
    expect([err?.code, err?.status]).toEqual(["invalid_transition", 409]);
  }
});
