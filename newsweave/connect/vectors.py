"""A vector index over story centroids, chosen by size: exact below a threshold, IVF beyond.

Exact inner-product search is cheap and perfect up to ~100k vectors; past that an inverted
file over 8-bit scalar-quantised vectors keeps memory at 384 bytes a vector and queries fast
(recall@10 0.93-0.95 at nprobe 16 with sqrt(n) lists, bench/vector_index.py). Ids are the
stories' integer `seq`; upserting an id replaces its vector. The index serialises to bytes so
the store can keep it beside the rows it was built from.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

__all__ = ["IndexKind", "VectorIndex"]

IndexKind = Literal["exact", "ivf"]

_NPROBE = 16
_TRAIN_PER_LIST = 40  # faiss warns below ~39 training points per list


class VectorIndex:
    """Inner-product search over unit vectors with integer ids.

    Example:
        >>> import numpy as np
        >>> index = VectorIndex.build(np.array([7, 9]), np.eye(2, dtype=np.float32), dim=2)
        >>> index.kind, index.search(np.array([1.0, 0.1], dtype=np.float32), k=1)
        ('exact', [(7, 1.0)])
    """

    def __init__(self, faiss_index: Any, kind: IndexKind) -> None:
        self._index = faiss_index
        self.kind: IndexKind = kind

    @classmethod
    def build(
        cls,
        ids: npt.NDArray[np.int64],
        vectors: npt.NDArray[np.float32],
        *,
        dim: int,
        exact_below: int = 100_000,
    ) -> VectorIndex:
        """An index holding `vectors`: exact if there are fewer than `exact_below`."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dim)
        if len(vectors) < exact_below:
            index = cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)), "exact")
        else:
            n_lists = max(1, min(int(math.sqrt(len(vectors))), len(vectors) // _TRAIN_PER_LIST))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFScalarQuantizer(
                quantizer, dim, n_lists, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
            ivf.cp.min_points_per_centroid = 1  # small stores (tests) train on what there is
            sample = np.random.default_rng(0).permutation(len(vectors))[
                : n_lists * _TRAIN_PER_LIST * 2
            ]
            ivf.train(vectors[sample])
            ivf.nprobe = _NPROBE
            index = cls(ivf, "ivf")
        index.upsert(ids, vectors)
        return index

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def upsert(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32]) -> None:
        """Add vectors, replacing any already held under the same ids."""
        if len(ids) == 0:
            return
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        self.remove(ids)
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        if len(ids) and len(self):
            self._index.remove_ids(np.ascontiguousarray(ids, dtype=np.int64))

    def search(self, vector: npt.NDArray[np.float32], *, k: int) -> list[tuple[int, float]]:
        """The `k` nearest ids by inner product, best first (fewer if the index is smaller)."""
        if len(self) == 0:
            return []
        _one_thread()
        query = np.ascontiguousarray(vector, dtype=np.float32).reshape(1, -1)
        scores, ids = self._index.search(query, min(k, len(self)))
        return [
            (int(i), round(float(s), 6)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0
        ]

    def to_bytes(self) -> bytes:
        import faiss

        return bytes(faiss.serialize_index(self._index))

    @classmethod
    def from_bytes(cls, data: bytes, kind: IndexKind) -> VectorIndex:
        import faiss

        index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        if kind == "ivf":
            faiss.extract_index_ivf(index).nprobe = _NPROBE
        return cls(index, kind)


def _one_thread() -> None:
    """One query is a few milliseconds of work: OpenMP's threads, spinning on a busy 2-core
    machine, made single searches 10-50x slower (bench/vector_index.py)."""
    import faiss

    faiss.omp_set_num_threads(1)
