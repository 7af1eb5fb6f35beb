"""Writes small .npz files written by numpy itself, read by NpzWeightsTest.

    python agent/src/test/python/make_numpy_fixtures.py agent/src/test/resources/org/rlvision/agent
"""
import sys

import numpy as np

out = sys.argv[1]
a = np.arange(6, dtype=np.float32).reshape(2, 3) / 4   # 0, .25, .5, ...
b = np.array([1.5, -2.25, 1e-3], dtype=np.float64)
np.savez(f"{out}/numpy-mixed.npz", **{"layer.weight": a, "layer.bias": b, "scalar": np.float32(7.0)})
np.savez_compressed(f"{out}/numpy-compressed.npz", **{"layer.weight": a})
np.savez(f"{out}/numpy-int64.npz", steps=np.arange(3, dtype=np.int64))
np.savez(f"{out}/numpy-fortran.npz", w=np.asfortranarray(a))
print(np.__version__)
