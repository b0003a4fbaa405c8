"""How many threads numpy's own BLAS would use now (for the one-thread tests)."""

from __future__ import annotations

from threadpoolctl import threadpool_info


def numpy_blas_threads() -> list[int]:
    # numpy's own OpenBLAS does spaCy's and compare's products. Other BLAS copies (faiss ships
    # one on an OpenMP layer, whose count is per OS thread) are not what the limit is for.
    return [
        lib["num_threads"]
        for lib in threadpool_info()
        if lib["user_api"] == "blas" and "numpy" in lib["filepath"]
    ]
