// The CUDA kernels of the embedder's GPU forward pass (src/cuda.rs), compiled at run time by
// NVRTC, so building the `cuda` feature needs no CUDA toolkit. Matrix products go to cuBLAS;
// these are the element- and row-wise steps of a BERT layer.
//
// The same source is compiled for the CPU by the tests (src/kernels_host.cpp, with a loop
// over the grid), and the GPU forward pass run that way must match candle's: so every kernel
// is written one thread per output element or per row, with no shared memory and no
// __syncthreads, which makes a sequential loop over (block, thread) an exact emulation.
// Rows are at most a few thousand floats (hidden size 384, intermediate 1536, sequence 512).

#ifndef KEFU_KERNEL
#define KEFU_KERNEL extern "C" __global__
#endif
#define KEFU_TID (blockIdx.x * blockDim.x + threadIdx.x)

// Layer norm of one row in place: (x - mean) / sqrt(var + eps) * gamma + beta, as
// torch.nn.LayerNorm (biased variance).
__device__ void kefu_layernorm_row(float* x, const float* gamma, const float* beta, int dim, float eps) {
  float mean = 0.f;
  for (int i = 0; i < dim; i++) mean += x[i];
  mean /= (float)dim;
  float var = 0.f;
  for (int i = 0; i < dim; i++) {
    float d = x[i] - mean;
    var += d * d;
  }
  var /= (float)dim;
  float inv = 1.f / sqrtf(var + eps);
  for (int i = 0; i < dim; i++) x[i] = (x[i] - mean) * inv * gamma[i] + beta[i];
}

// Embeddings: out[row] = LayerNorm(word[ids[row]] + pos[row % len] + type0). One thread a row
// (row = text * len + token); token type is always 0 for single sentences.
KEFU_KERNEL void kefu_embed(const unsigned int* ids, const float* word, const float* pos,
                                      const float* type0, const float* gamma, const float* beta,
                                      float* out, int rows, int len, int dim, float eps) {
  int row = KEFU_TID;
  if (row >= rows) return;
  const float* w = word + (unsigned long long)ids[row] * dim;
  const float* p = pos + (unsigned long long)(row % len) * dim;
  float* o = out + (unsigned long long)row * dim;
  for (int i = 0; i < dim; i++) o[i] = w[i] + p[i] + type0[i];
  kefu_layernorm_row(o, gamma, beta, dim, eps);
}

// x[r][c] += bias[c], then the exact (erf) GELU when gelu != 0. One thread an element.
KEFU_KERNEL void kefu_bias_act(float* x, const float* bias, int rows, int cols, int gelu) {
  int i = KEFU_TID;
  if (i >= rows * cols) return;
  float v = x[i] + bias[i % cols];
  if (gelu) v = 0.5f * v * (1.f + erff(v * 0.70710678118654752f));
  x[i] = v;
}

// x[row] = LayerNorm(x[row] + bias + resid[row]): the end of BERT's attention and output
// blocks. One thread a row.
KEFU_KERNEL void kefu_bias_residual_layernorm(float* x, const float* bias, const float* resid,
                                                        const float* gamma, const float* beta, int rows,
                                                        int dim, float eps) {
  int row = KEFU_TID;
  if (row >= rows) return;
  float* o = x + (unsigned long long)row * dim;
  const float* r = resid + (unsigned long long)row * dim;
  for (int i = 0; i < dim; i++) o[i] = o[i] + bias[i] + r[i];
  kefu_layernorm_row(o, gamma, beta, dim, eps);
}

// Attention probabilities in place: for each (text b, head h, query i) the row of scores over
// keys j becomes softmax_j(scale * s[j] + (mask[b][j] ? 0 : -FLT_MAX)). One thread a row.
KEFU_KERNEL void kefu_softmax_mask(float* s, const unsigned int* mask, int batch, int heads,
                                             int len, float scale) {
  int row = KEFU_TID;
  if (row >= batch * heads * len) return;
  int b = row / (heads * len);
  float* x = s + (unsigned long long)row * len;
  const unsigned int* m = mask + (unsigned long long)b * len;
  float mx = -3.402823466e38f;
  for (int j = 0; j < len; j++) {
    x[j] = x[j] * scale + (m[j] ? 0.f : -3.402823466e38f);
    mx = fmaxf(mx, x[j]);
  }
  float sum = 0.f;
  for (int j = 0; j < len; j++) {
    x[j] = expf(x[j] - mx);
    sum += x[j];
  }
  for (int j = 0; j < len; j++) x[j] /= sum;
}

// [n][len][heads][hd] → [n][heads][len][hd] (split = 1) or back (split = 0). One thread an element.
KEFU_KERNEL void kefu_heads(const float* src, float* dst, int n, int len, int heads, int hd,
                                      int split) {
  int i = KEFU_TID;
  if (i >= n * len * heads * hd) return;
  int d = i % hd;
  int h = (i / hd) % heads;
  int t = (i / (hd * heads)) % len;
  int b = i / (hd * heads * len);
  unsigned long long packed = (((unsigned long long)b * heads + h) * len + t) * hd + d;  // [n][heads][len][hd]
  if (split) dst[packed] = src[i];
  else dst[i] = src[packed];
}
