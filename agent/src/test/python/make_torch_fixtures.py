"""Writes the PyTorch parity fixtures used by TorchParityTest (run with a CPU torch + numpy).

    python agent/src/test/python/make_torch_fixtures.py agent/src/test/resources/org/rlvision/agent

For each architecture: formula weights and frames (see reference_nets.py), then logits, values,
some activations, and autograd gradients of the value w.r.t. the input pixels and one layer.
"""
import sys

import numpy as np
import torch

from reference_nets import ClearCnn, ImpalaCnn, formula_observations, formula_weights

out_dir = sys.argv[1]
torch.set_num_threads(1)
for name, net, grad_layer, keep in [
    ("clear-cnn", ClearCnn(), "2b", ["4a", "fc1", "fc2"]),
    ("impala-cnn", ImpalaCnn(), "res2a", ["res3b", "fc1"]),
]:
    net = formula_weights(net).double()
    obs = formula_observations(2)
    x = torch.from_numpy(obs).double().div(255).requires_grad_(True)
    acts = {}
    logits, value = net(x.permute(0, 3, 1, 2), acts)
    acts[grad_layer].retain_grad()
    value.sum().backward()
    arrays = {
        "logits": logits.detach().numpy(),
        "values": value.detach().numpy(),
        "input_grad_value": x.grad.numpy(),
        "layer_grad_value": acts[grad_layer].grad.numpy(),
    }
    for k in keep:
        arrays["act_" + k] = acts[k].detach().numpy()
    path = f"{out_dir}/torch-parity-{name}.npz"
    np.savez_compressed(path, **{k: v.astype(np.float32) for k, v in arrays.items()})
    print(path, {k: v.shape for k, v in arrays.items()}, "torch", torch.__version__)
