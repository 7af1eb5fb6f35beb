"""PyTorch reference versions of the agent module's networks (same layer names, same state_dict keys).

Used to make the parity fixtures (make_torch_fixtures.py) and by the benchmark (torch_bench.py).
Layer outputs follow the Java side: clear-cnn layers are post-ReLU, pooling belongs to the
consuming layer; impala-cnn layers are the residual stream.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def l2_pool(x):
    return torch.sqrt(F.avg_pool2d(x * x, 2, 2) + 1e-8)


class ClearCnn(nn.Module):
    layers = ["1a", "2a", "2b", "3a", "4a", "fc1", "fc2", "pi", "v"]

    def __init__(self, num_actions=15):
        super().__init__()
        self.conv1a = nn.Conv2d(3, 16, 7, padding=3)
        self.conv2a = nn.Conv2d(16, 32, 5, padding=2)
        self.conv2b = nn.Conv2d(32, 32, 5, padding=2)
        self.conv3a = nn.Conv2d(32, 32, 5, padding=2)
        self.conv4a = nn.Conv2d(32, 32, 5, padding=2)
        self.fc1 = nn.Linear(512, 256)
        self.fc2 = nn.Linear(256, 512)
        self.pi = nn.Linear(512, num_actions)
        self.v = nn.Linear(512, 1)

    def forward(self, x, acts=None):
        acts = {} if acts is None else acts
        h = acts["1a"] = F.relu(self.conv1a(x))
        h = acts["2a"] = F.relu(self.conv2a(l2_pool(h)))
        h = acts["2b"] = F.relu(self.conv2b(h))
        h = acts["3a"] = F.relu(self.conv3a(l2_pool(h)))
        h = acts["4a"] = F.relu(self.conv4a(l2_pool(h)))
        h = acts["fc1"] = F.relu(self.fc1(torch.flatten(l2_pool(h), 1)))
        h = acts["fc2"] = F.relu(self.fc2(h))
        logits = acts["pi"] = self.pi(h)
        value = acts["v"] = self.v(h)
        return logits, value[:, 0]


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv0 = nn.Conv2d(c, c, 3, padding=1)
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.conv1(F.relu(self.conv0(F.relu(x))))


class ImpalaCnn(nn.Module):
    layers = ["conv1", "res1a", "res1b", "conv2", "res2a", "res2b", "conv3", "res3a", "res3b", "fc1", "pi", "v"]

    def __init__(self, num_actions=15):
        super().__init__()
        c_in = 3
        for s, c in enumerate([16, 32, 32], start=1):
            setattr(self, f"conv{s}", nn.Conv2d(c_in, c, 3, padding=1))
            setattr(self, f"res{s}a", Residual(c))
            setattr(self, f"res{s}b", Residual(c))
            c_in = c
        self.fc1 = nn.Linear(32 * 8 * 8, 256)
        self.pi = nn.Linear(256, num_actions)
        self.v = nn.Linear(256, 1)

    def forward(self, x, acts=None):
        acts = {} if acts is None else acts
        h = x
        for s in (1, 2, 3):
            h = acts[f"conv{s}"] = F.max_pool2d(getattr(self, f"conv{s}")(h), 3, 2, 1)
            h = acts[f"res{s}a"] = getattr(self, f"res{s}a")(h)
            h = acts[f"res{s}b"] = getattr(self, f"res{s}b")(h)
        h = acts["fc1"] = F.relu(self.fc1(torch.flatten(F.relu(h), 1)))
        logits = acts["pi"] = self.pi(h)
        value = acts["v"] = self.v(h)
        return logits, value[:, 0]


def hash_uniform(i, k):
    """A fixed hash of (value index i, tensor index k) to [-1, 1); the Java test computes the same."""
    m = np.uint64(0xFFFFFFFF)
    h = ((i + np.uint64(1)) * np.uint64(2654435761) + np.uint64(k + 1) * np.uint64(0x9E3779B9)) & m
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(2246822519)) & m
    h ^= h >> np.uint64(13)
    return h.astype(np.float64) / 2.0**32 * 2.0 - 1.0


def formula_weights(net):
    """Deterministic weights the Java test rebuilds: tensor k (state_dict order), value i =
    s * hash_uniform(i, k), s = sqrt(6/fan_in) for weights and 0.01 for biases."""
    sd = {}
    for k, (key, p) in enumerate(net.state_dict().items()):
        fan_in = int(np.prod(p.shape[1:])) if key.endswith(".weight") else 0
        scale = math.sqrt(6.0 / fan_in) if fan_in else 0.01
        i = np.arange(p.numel(), dtype=np.uint64)
        sd[key] = torch.from_numpy((scale * hash_uniform(i, k)).astype(np.float32).reshape(p.shape))
    net.load_state_dict(sd)
    return net


def formula_observations(batch=2):
    """uint8 NHWC frames: byte 2 of ((flat index + 1) * 2654435761 mod 2^32), a fixed hash."""
    i = np.arange(batch * 64 * 64 * 3, dtype=np.uint64) + np.uint64(1)
    h = (i * np.uint64(2654435761)) % np.uint64(1 << 32)
    return ((h >> np.uint64(16)) & np.uint64(0xFF)).astype(np.uint8).reshape(batch, 64, 64, 3)
