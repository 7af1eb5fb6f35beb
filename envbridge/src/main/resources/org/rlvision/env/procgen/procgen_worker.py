"""RL Vision Workbench: the Python side of the Procgen bridge.

Started by the JVM (org.rlvision.env.procgen.ProcgenVecEnv) as
    python procgen_worker.py
with RLVISION_PY4J_PORT and RLVISION_PY4J_TOKEN in the environment. It connects to the JVM's
Py4J gateway on 127.0.0.1 and serves commands (JSON) until told to close or until the JVM goes
away. Each step's result is one block (rewards, first flags, infos, observations) written into a
file the JVM has memory-mapped (named in the create command); one Py4J call per step hands over
its length and brings back the next command. Nothing of ours needs installing in Python: only
procgen, py4j and numpy.
"""
import json
import os
import struct
import sys

EXIT_MISSING = 3
MAGIC = b"RLVP"


def check_modules():
    missing = []
    for name in ("numpy", "py4j", "procgen"):
        try:
            __import__(name)
        except Exception:  # ImportError, or a broken build raising something else
            missing.append(name)
    if missing:
        print("RLVISION_MISSING " + " ".join(missing), flush=True)
        sys.exit(EXIT_MISSING)


class SharedBlock:
    """The JVM's memory-mapped file; a step's block is written at offset 0."""

    def __init__(self, path, size, num):
        import mmap
        import numpy as np
        self.size = size
        with open(path, "r+b") as f:
            self.mm = mmap.mmap(f.fileno(), size)
        self.buf = np.frombuffer(self.mm, dtype=np.uint8)
        n = num
        self.n = n
        self.buf[0:4] = np.frombuffer(MAGIC, dtype=np.uint8)
        self.buf[4:8] = np.frombuffer(struct.pack("<i", n), dtype=np.uint8)
        o = 8
        self.rew = self.buf[o:o + 4 * n].view("<f4"); o += 4 * n
        self.first = self.buf[o:o + n]; o += n
        self.seed = self.buf[o:o + 4 * n].view("<i4"); o += 4 * n
        self.prev_seed = self.buf[o:o + 4 * n].view("<i4"); o += 4 * n
        self.prev_complete = self.buf[o:o + n]; o += n
        self.obs = self.buf[o:o + n * 64 * 64 * 3].reshape(n, 64, 64, 3); o += n * 64 * 64 * 3
        self.length = o

    def write_step(self, env):
        """rewards f32[n], first u8[n], level_seed i32[n], prev_level_seed i32[n], prev_level_complete u8[n], obs u8[n,64,64,3]."""
        rew, ob, first = env.observe()
        info = env.get_info()
        self.rew[:] = rew
        self.first[:] = first
        self.seed[:] = [d["level_seed"] for d in info]
        self.prev_seed[:] = [d["prev_level_seed"] for d in info]
        self.prev_complete[:] = [d["prev_level_complete"] for d in info]
        self.obs[:] = ob["rgb"]
        return self.length

    def write_bytes(self, data):
        import numpy as np
        self.buf[0:len(data)] = np.frombuffer(data, dtype=np.uint8)
        return len(data)

    def close(self):
        self.buf = self.rew = self.first = self.seed = self.prev_seed = self.prev_complete = self.obs = None
        self.mm.close()


def main():
    check_modules()
    import numpy as np
    import procgen
    from procgen import ProcgenGym3Env
    from py4j.java_gateway import JavaGateway, GatewayParameters

    gateway = JavaGateway(gateway_parameters=GatewayParameters(
        address="127.0.0.1",
        port=int(os.environ["RLVISION_PY4J_PORT"]),
        auth_token=os.environ["RLVISION_PY4J_TOKEN"],
        auto_convert=False))
    entry = gateway.entry_point
    entry.hello(sys.version.split()[0], getattr(procgen, "__version__", "unknown"), os.getpid())
    env = None
    block = None
    result = -1  # nothing to hand over yet
    try:
        while True:
            command = entry.exchange(result, 1000)
            result = -1
            if command is None:
                continue
            cmd = json.loads(command)
            op = cmd["op"]
            try:
                if op == "create":
                    if env is not None:
                        env.close()
                        env = None
                    if block is not None:
                        block.close()
                    num = int(cmd["num"])
                    block = SharedBlock(cmd["shm"], int(cmd["shm_size"]), num)
                    env = ProcgenGym3Env(num=num, env_name="coinrun", **cmd["options"])
                    result = block.write_step(env)
                elif op == "act":
                    env.act(np.asarray(cmd["actions"], dtype=np.int32))
                    result = block.write_step(env)
                elif op == "bench":
                    # Procgen's own speed in this process: random actions, act + observe, no transfer.
                    import time
                    steps = int(cmd["steps"])
                    rng = np.random.RandomState(int(cmd.get("seed", 0)))
                    acts = rng.randint(0, 15, size=(steps, block.n)).astype(np.int32)
                    start = time.perf_counter()
                    for t in range(steps):
                        env.act(acts[t])
                        env.observe()
                    result = block.write_bytes(struct.pack("<d", time.perf_counter() - start))
                elif op == "close":
                    if env is not None:
                        env.close()
                    entry.finish()
                    return
                else:
                    entry.exchangeError("unknown command '%s'" % op)
            except Exception as e:  # report to the JVM as one sentence, keep serving
                entry.exchangeError("%s: %s" % (type(e).__name__, e))
    finally:
        try:
            gateway.close()
        except Exception:
            pass


if __name__ == "__main__":
    main()
