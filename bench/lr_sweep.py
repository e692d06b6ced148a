"""The default `sweep run`, written in plain PyTorch for side-by-side timing.

Same work as `sweep run` with no options: the shipped Fashion-MNIST test split (pixels / 255, then
standardised by the split's single mean and standard deviation), an MLP 784-128-10, SGD with
momentum 0.9, the learning rate 1e-4 -> 10 exponentially over 100 steps (lr_i = start *
(end/start)^(i/n), fastai's convention), the loss smoothed by a debiased EMA (beta 0.98) and the
test stopped when the smoothed loss exceeds 4x the best, for batch sizes 64, 32, 16, 8 x five seeds.
Each range test draws shuffled batches from a DataLoader (incomplete last batch dropped), and copies
the model's and the optimizer's state before and restores them after, as pytorch-lr-finder does.
Writes curves.csv and one matplotlib figure, as a user of pytorch-lr-finder would.
--model cnn trains Sweep's small CNN instead (conv 3x3 16, ReLU, max-pool 2, conv 3x3 32, ReLU,
max-pool 2, adaptive average pool 7x7, linear to 10 classes) on the 1x28x28 images.

Usage: python3 lr_sweep.py DATA_FOLDER OUT_FOLDER [--batch-sizes 64,32,16,8] [--seeds 5] [--model mlp|cnn]
"""
import argparse
import copy
import gzip
import math
import os
import struct

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def read_idx(path):
    with gzip.open(path, "rb") as file:
        data = file.read()
    dimensions = data[3]
    shape = struct.unpack(">" + "I" * dimensions, data[4:4 + 4 * dimensions])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def load(folder):
    images = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
    labels = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    images = (images - images.mean()) / images.std()
    return torch.from_numpy(images.reshape(len(images), -1)), torch.from_numpy(labels)


def range_test(model, optimizer, loader, start=1e-4, end=10.0, steps=100, beta=0.98, factor=4.0):
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    criterion = nn.CrossEntropyLoss()
    rates, losses, smoothed = [], [], []
    average, best = 0.0, math.inf
    batches = iter(loader)
    model.train()
    for step in range(steps):
        try:
            inputs, targets = next(batches)
        except StopIteration:
            batches = iter(loader)
            inputs, targets = next(batches)
        rate = start * (end / start) ** (step / steps)
        for group in optimizer.param_groups:
            group["lr"] = rate
        optimizer.zero_grad()
        loss = criterion(model(inputs), targets)
        loss.backward()
        optimizer.step()
        value = loss.item()
        average = beta * average + (1 - beta) * value
        smooth = average / (1 - beta ** (step + 1))
        rates.append(rate)
        losses.append(value)
        smoothed.append(smooth)
        best = min(best, smooth)
        if not math.isfinite(smooth) or smooth > factor * best:
            break
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return rates, losses, smoothed


def make_model(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Unflatten(1, (1, 28, 28)),
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d((7, 7)), nn.Flatten(), nn.Linear(32 * 7 * 7, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--batch-sizes", default="64,32,16,8")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    features, labels = load(arguments.data)
    dataset = TensorDataset(features, labels)
    os.makedirs(arguments.out, exist_ok=True)
    rows = ["batch_size,seed,step,lr,loss,smoothed_loss"]
    curves = []
    for batch_size in (int(size) for size in arguments.batch_sizes.split(",")):
        for seed in range(arguments.seeds):
            torch.manual_seed(seed)
            model = make_model(arguments.model)
            optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
            generator = torch.Generator().manual_seed(seed)
            loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True, generator=generator)
            rates, losses, smoothed = range_test(model, optimizer, loader)
            rows += [f"{batch_size},{seed},{i},{rates[i]!r},{losses[i]!r},{smoothed[i]!r}" for i in range(len(rates))]
            curves.append((batch_size, seed, rates, smoothed))
    with open(os.path.join(arguments.out, "curves.csv"), "w") as file:
        file.write("\n".join(rows) + "\n")

    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot
    figure, axes = pyplot.subplots(figsize=(9, 6))
    for batch_size, seed, rates, smoothed in curves:
        axes.plot(rates, smoothed, label=f"bs {batch_size}" if seed == 0 else None)
    axes.set_xscale("log")
    axes.set_xlabel("learning rate")
    axes.set_ylabel("smoothed loss")
    axes.legend()
    figure.savefig(os.path.join(arguments.out, "signature.png"), dpi=100)


if __name__ == "__main__":
    main()
