"""faiss peer of the vector benchmark (bench/scenarios/vector.ts).

faiss-node cannot install here (its install step downloads from GitHub), so the
faiss peer is faiss-cpu from PyPI in a Python child: IndexHNSWFlat, inner product
on the L2-normalised vectors (= cosine). Builds on every core it may use, then pins
itself to one core and times one query at a time. Prints one JSON line.

usage: python faiss_hnsw.py DIR N DIM QUERIES M EF_CONSTRUCTION EF_SEARCH CORE
"""

import json
import os
import sys
import time

import faiss
import numpy as np


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    d, n, dim, nq, m, efc, ef, core = sys.argv[1:9]
    n, dim, nq, m, efc, ef, core = int(n), int(dim), int(nq), int(m), int(efc), int(ef), int(core)
    base = np.fromfile(os.path.join(d, "base.f32"), dtype=np.float32).reshape(n, dim)
    queries = np.fromfile(os.path.join(d, "queries.f32"), dtype=np.float32).reshape(nq, dim)
    truth = np.fromfile(os.path.join(d, "truth.i32"), dtype=np.int32).reshape(nq, 10)
    before = rss_mib()
    t0 = time.perf_counter()
    index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = efc
    index.add(base)
    build_s = time.perf_counter() - t0
    mem = rss_mib() - before
    os.sched_setaffinity(0, {core})
    faiss.omp_set_num_threads(1)
    index.hnsw.efSearch = ef
    for i in range(min(50, nq)):
        index.search(queries[i : i + 1], 10)
    lat = []
    hit = 0
    for i in range(nq):
        q = queries[i : i + 1]
        t = time.perf_counter_ns()
        _, ids = index.search(q, 10)
        lat.append((time.perf_counter_ns() - t) / 1e6)
        hit += len(set(ids[0].tolist()) & set(truth[i].tolist()))
    lat.sort()
    print(
        json.dumps(
            {
                "buildS": build_s,
                "memMiB": mem,
                "recall": hit / (nq * 10),
                "p50Ms": lat[len(lat) // 2],
                "p99Ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))],
                "version": faiss.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
