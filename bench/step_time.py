"""Per-step time of the default MLP (784-128-10) and the small CNN (bench/lr_sweep.py's), SGD with
momentum 0.9, in plain PyTorch, one thread, for batch sizes 256, 64 and 8: the loop
`sweep bench --models mlp,cnn --batch-sizes 256,64,8 --steps 300 --repeats 3` times.
Run it with the BLAS bench/side-by-side.sh sets up, e.g.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH=~/.cache/sweep-bench/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread \\
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/step_time.py
"""
import importlib.util
import os
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
spec = importlib.util.spec_from_file_location("lr_sweep", os.path.join(os.path.dirname(os.path.abspath(__file__)), "lr_sweep.py"))
lr_sweep = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lr_sweep)
for name, batch in [(name, batch) for name in ("mlp", "cnn") for batch in (256, 64, 8)]:
    model = lr_sweep.make_model(name)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)
    x = torch.randn(10000, 784); y = torch.randint(0, 10, (10000,))
    loss_fn = torch.nn.CrossEntropyLoss()
    def step(i):
        idx = torch.randint(0, 10000, (batch,))
        opt.zero_grad(); loss = loss_fn(model(x[idx]), y[idx]); loss.backward(); opt.step(); return loss.item()
    for i in range(50): step(i)
    fastest = float("inf")
    for repeat in range(3):  # the fastest of 3 runs of 300 steps, as `sweep bench --steps 300 --repeats 3` reports
        t = time.perf_counter()
        for i in range(300): step(i)
        fastest = min(fastest, (time.perf_counter() - t) / 300)
    print(f"python {name} batch {batch}: {fastest * 1e3:.3f} ms/step")
