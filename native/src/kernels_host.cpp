// Compiles src/kernels.cu for the CPU so the tests can run the GPU forward pass's kernels
// without a GPU (build.rs builds this with the `cc` crate when the `cuda` feature is on).
// Each kernel gets a `kefu_host_<name>(grid, block, args...)` wrapper that runs every
// (block, thread) pair in turn. The kernels use no shared memory and no __syncthreads, so
// this sequential loop computes exactly what the grid computes.
#include <cmath>
#include <cstddef>

namespace kefu_host {
struct Dim3 {
  unsigned int x;
};
static Dim3 blockIdx, threadIdx, blockDim, gridDim;
static inline float erff(float x) { return std::erf(x); }
static inline float expf(float x) { return std::exp(x); }
static inline float sqrtf(float x) { return std::sqrt(x); }
static inline float fmaxf(float a, float b) { return std::fmax(a, b); }

#define __device__ static inline
#define KEFU_KERNEL static
#include "kernels.cu"

template <typename F>
static void run_grid(unsigned int grid, unsigned int block, F body) {
  gridDim.x = grid;
  blockDim.x = block;
  for (unsigned int b = 0; b < grid; b++) {
    blockIdx.x = b;
    for (unsigned int t = 0; t < block; t++) {
      threadIdx.x = t;
      body();
    }
  }
}
}  // namespace kefu_host

using kefu_host::run_grid;

extern "C" {
void kefu_host_embed(unsigned int grid, unsigned int block, const unsigned int* ids, const float* word,
                     const float* pos, const float* type0, const float* gamma, const float* beta, float* out,
                     int rows, int len, int dim, float eps) {
  run_grid(grid, block, [&] { kefu_host::kefu_embed(ids, word, pos, type0, gamma, beta, out, rows, len, dim, eps); });
}
void kefu_host_bias_act(unsigned int grid, unsigned int block, float* x, const float* bias, int rows, int cols,
                        int gelu) {
  run_grid(grid, block, [&] { kefu_host::kefu_bias_act(x, bias, rows, cols, gelu); });
}
void kefu_host_bias_residual_layernorm(unsigned int grid, unsigned int block, float* x, const float* bias,
                                       const float* resid, const float* gamma, const float* beta, int rows,
                                       int dim, float eps) {
  run_grid(grid, block,
           [&] { kefu_host::kefu_bias_residual_layernorm(x, bias, resid, gamma, beta, rows, dim, eps); });
}
void kefu_host_softmax_mask(unsigned int grid, unsigned int block, float* s, const unsigned int* mask, int batch,
                            int heads, int len, float scale) {
  run_grid(grid, block, [&] { kefu_host::kefu_softmax_mask(s, mask, batch, heads, len, scale); });
}
void kefu_host_heads(unsigned int grid, unsigned int block, const float* src, float* dst, int n, int len, int heads,
                     int hd, int split) {
  run_grid(grid, block, [&] { kefu_host::kefu_heads(src, dst, n, len, heads, hd, split); });
}
}
