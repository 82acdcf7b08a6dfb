import { expect, test } from "bun:test";
import { jsKernels, loadKernels } from "../vector/kernels.ts";
import { runVectorIndexContract } from "./vector-index.contract.ts";
import { createExactVectorIndex } from "./vector-index.ts";

runVectorIndexContract("exact (js kernels)", (dim) =>
  createExactVectorIndex({ dim, kernels: jsKernels, initialCapacity: 2 }),
);
const kernels = loadKernels();
runVectorIndexContract(`exact (${kernels.impl} kernels)`, (dim) => createExactVectorIndex({ dim, kernels }));

test("the exact index rejects a bad dim", () => {
  expect(() => createExactVectorIndex({ dim: 0 })).toThrow(TypeError);
  expect(() => createExactVectorIndex({ dim: 1.5 })).toThrow(TypeError);
});
