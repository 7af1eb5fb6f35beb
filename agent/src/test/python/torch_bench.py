"""PyTorch reference timings for the agent benchmark: same networks, same batches, same threads.

    python agent/src/test/python/torch_bench.py [seconds-per-case] >> /tmp/agent-bench.txt

Cases mirror AgentBench: forward from uint8 NHWC frames (the /255 and the permute included) in
contiguous NCHW and in channels-last memory format, bf16 autocast (with its accuracy cost against
fp32 on the same frames: max |delta value| and greedy-action agreement), and input gradients.
"""
import os
import sys
import time

import numpy as np
import torch

from reference_nets import ClearCnn, ImpalaCnn, formula_weights

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0


def measure(fn, batch):
    warm = time.perf_counter() + 1.0
    i = 0
    while i < 5 or time.perf_counter() < warm:
        fn()
        i += 1
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(times) < 5:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return batch / times[len(times) // 2], batch / times[0], len(times)


print(f"# PyTorch {torch.__version__} reference, {torch.get_num_threads()} threads, load {os.getloadavg()}")
print(f"{'arch':11s} {'case':30s} {'batch':>6s} {'median fps':>12s} {'best fps':>12s} {'calls':>6s}")
rng = np.random.default_rng(0)
for name, net in [("clear-cnn", ClearCnn()), ("impala-cnn", ImpalaCnn())]:
    net = formula_weights(net).eval()
    for p in net.parameters():
        p.requires_grad_(False)
    cl = formula_weights(type(net)()).eval().to(memory_format=torch.channels_last)
    for p in cl.parameters():
        p.requires_grad_(False)
    for batch in (1, 64, 256):
        obs = torch.from_numpy(rng.integers(0, 256, (batch, 64, 64, 3), dtype=np.uint8))

        def fwd_nchw():
            with torch.no_grad():
                return net(obs.float().div(255).permute(0, 3, 1, 2).contiguous())

        def fwd_cl():
            with torch.no_grad():
                return cl(obs.float().div(255).permute(0, 3, 1, 2).contiguous(memory_format=torch.channels_last))

        def fwd_bf16():
            with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
                return cl(obs.float().div(255).permute(0, 3, 1, 2).contiguous(memory_format=torch.channels_last))

        def grad_input():
            x = obs.float().div(255).requires_grad_(True)
            _, v = cl(x.permute(0, 3, 1, 2))
            v.sum().backward()
            return x.grad

        for case, fn in [("forward NCHW fp32", fwd_nchw), ("forward channels-last fp32", fwd_cl),
                         ("forward channels-last bf16", fwd_bf16), ("dV/dinput fp32", grad_input)]:
            med, best, calls = measure(fn, batch)
            print(f"{name:11s} {case:30s} {batch:6d} {med:12.0f} {best:12.0f} {calls:6d}")
    obs = torch.from_numpy(rng.integers(0, 256, (256, 64, 64, 3), dtype=np.uint8))
    with torch.no_grad():
        l32, v32 = cl(obs.float().div(255).permute(0, 3, 1, 2))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            l16, v16 = cl(obs.float().div(255).permute(0, 3, 1, 2))
    agree = (l32.argmax(1) == l16.float().argmax(1)).float().mean().item()
    print(f"# {name} bf16 vs fp32 on 256 frames: max |dvalue| {(v32 - v16.float()).abs().max().item():.4g} "
          f"(|value| up to {v32.abs().max().item():.3g}), greedy-action agreement {agree:.3f}")
