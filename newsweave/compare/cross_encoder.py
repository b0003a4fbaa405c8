"""Do two sentences state the same fact? MiniLM fine-tuned on MRPC as a cross-encoder.

The two sentences are read together ("[CLS] a [SEP] b [SEP]", segment ids 0 and 1), so
every layer attends across them, at the cost of one forward pass per pair (no vector can be
reused). The fine-tuned tensors (all six layers and the head; the embeddings keep MiniLM's)
ship as `cross_encoder_v1.npz`, float16, written by scripts/train_cross_encoder.py from MRPC
train only; the embeddings come from the MiniLM weights package. The graph is written with
the sentence encoder's ONNX builder and run by ONNX Runtime, without torch.

compare/scoring.py asks it only about the pairs the static classifier is unsure of, and
stacks the two (see PairScorer); bench/citations.py uses it as an independent checker.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.errors import ConfigError
from newsweave.nlp.embeddings import DIM, _BertGraph, model_dir

__all__ = ["CROSS_ENCODER_MODEL", "CrossEncoder"]

CROSS_ENCODER_MODEL = "newsweave.paraphrase.minilm-cross.v1"
WEIGHTS_PATH = Path(__file__).parent / "cross_encoder_v1.npz"
_MAX_TOKENS = 128
_SESSIONS: dict[int, tuple[Any, Any, float]] = {}
_LAYERS = 6  # a weights file that does not say how many layers it holds has MiniLM's six
_LOCK = threading.Lock()


class CrossEncoder:
    """Probability that two sentences state the same fact, reading them together.

    Args:
        n_threads: intra-op threads for ONNX Runtime.
        batch_size: pairs per forward pass (sorted by length to limit padding).

    Example:
        >>> model = CrossEncoder()
        >>> float(model.probability([("Kim will attend.", "Kim is to attend.")])[0]) > 0.5
        True
    """

    def __init__(self, *, n_threads: int = 1, batch_size: int = 16) -> None:
        self.n_threads = n_threads
        self.batch_size = batch_size

    @property
    def threshold(self) -> float:
        """Least probability at which a pair counts as one fact (chosen on MRPC train)."""
        return _load(self.n_threads)[2]

    def probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """Probability, for each (a, b), that a and b state the same fact."""
        out = np.zeros(len(pairs))
        if not pairs:
            return out
        session, tokenizer, _ = _load(self.n_threads)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            encodings = tokenizer.encode_batch(
                [(pairs[i][0] or " ", pairs[i][1] or " ") for i in idx]
            )
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            }
            (probability,) = session.run(None, feeds)
            out[idx] = probability
        return out

    def symmetric_probability(self, pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        """The mean of probability(a, b) and probability(b, a): the model reads the first
        sentence a little differently from the second, and the mean scored higher on the
        held-out tenth of MRPC train."""
        both = self.probability([*pairs, *((b, a) for a, b in pairs)])
        return (both[: len(pairs)] + both[len(pairs) :]) / 2


def _load(n_threads: int) -> tuple[Any, Any, float]:
    with _LOCK:
        if n_threads not in _SESSIONS:
            _SESSIONS[n_threads] = _build_session(n_threads)
        return _SESSIONS[n_threads]


@lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, npt.NDArray[np.float32]], float, int]:
    """The MiniLM weights with the fine-tuned ones laid over them, the threshold and the
    number of encoder layers."""
    from safetensors.numpy import load_file

    if not WEIGHTS_PATH.exists():
        raise ConfigError(
            f"the cross-encoder weights are missing: {WEIGHTS_PATH}",
            hint="reinstall newsweave, or rebuild them with scripts/train_cross_encoder.py",
        )
    weights = {
        k: v.astype(np.float32) for k, v in load_file(model_dir() / "model.safetensors").items()
    }
    with np.load(WEIGHTS_PATH, allow_pickle=False) as tuned:
        threshold = float(tuned["threshold"])
        layers = int(tuned["layers"]) if "layers" in tuned.files else _LAYERS
        for name in tuned.files:
            if name not in ("threshold", "meta", "layers"):
                weights[name] = tuned[name].astype(np.float32)
    return weights, threshold, layers


def _build_session(n_threads: int) -> tuple[Any, Any, float]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    weights, threshold, layers = _weights()
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
    tokenizer.enable_truncation(_MAX_TOKENS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = n_threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    model = _PairGraph(weights, layers).build()
    session = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    return session, tokenizer, threshold


class _PairGraph(_BertGraph):
    """The sentence encoder's BERT layers, with segment ids in and a paraphrase probability out."""

    def __init__(self, weights: dict[str, npt.NDArray[np.float32]], layers: int) -> None:
        super().__init__(weights)
        self.layers = layers

    def build(self) -> Any:
        from onnx import TensorProto

        segment = self.op(
            "Gather",
            [
                self.const("type_emb", self.weights["embeddings.token_type_embeddings.weight"]),
                "token_type_ids",
            ],
        )
        x, mask = self.encode(segment, self.layers)
        self.nodes.append(self.helper.make_node("Sigmoid", [self.head(x, mask)], ["probability"]))
        names = ("input_ids", "token_type_ids", "attention_mask")
        graph = self.helper.make_graph(
            self.nodes,
            "minilm_l6_cross",
            [self.helper.make_tensor_value_info(n, TensorProto.INT64, ["B", "T"]) for n in names],
            [self.helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["B"])],
            self.initializers,
        )
        return self.helper.make_model(graph, opset_imports=[self.helper.make_opsetid("", 17)])

    def head(self, x: str, mask: str) -> str:
        """One logit from the [CLS] vector and the mean token vector, side by side."""
        i64 = np.int64
        cls = self.op("Gather", [x, self.const("first", np.array(0, i64))], axis=1)
        both = self.op("Concat", [cls, self.mean_pool(x, mask)], axis=-1)
        head = self.weights["head.weight"].reshape(2 * DIM, 1)
        logit = self.op(
            "Add",
            [
                self.op("MatMul", [both, self.const("head.w", head)]),
                self.const("head.b", self.weights["head.bias"]),
            ],
        )
        return self.op("Squeeze", [logit, self.const("axis_last", np.array([1], i64))])
