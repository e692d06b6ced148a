using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests;

/// <summary>
/// Proves that libtorch loads from the build output (on Debian 12 this needs the
/// GLIBCXX_3.4.32 weak-version patch in build/TorchSharpGlibcxx.targets) and that a
/// forward and backward pass give the analytic numbers.
/// </summary>
public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void Linear_mse_forward_and_backward_match_the_analytic_values()
    {
        using var scope = NewDisposeScope();

        // y_hat = x W^T + b with W = [[1, 2]], b = [0.5].
        using var layer = nn.Linear(2, 1, hasBias: true, dtype: float64);
        using (no_grad())
        {
            layer.weight!.copy_(tensor(new double[,] { { 1.0, 2.0 } }));
            layer.bias!.copy_(tensor(new[] { 0.5 }));
        }

        var x = tensor(new double[,] { { 3.0, 4.0 }, { 1.0, -1.0 } });
        var y = tensor(new double[,] { { 1.0 }, { 0.0 } });

        var prediction = layer.forward(x);
        var loss = nn.functional.mse_loss(prediction, y); // mean reduction
        loss.backward();

        // Predictions 11.5 and -0.5, residuals r = [10.5, -0.5].
        // loss = (10.5^2 + 0.5^2) / 2 = 55.25
        // dL/dW = (2/N) * sum_i r_i x_i = 10.5*[3, 4] - 0.5*[1, -1] = [31, 42.5]
        // dL/db = (2/N) * sum_i r_i = 10
        double lossValue = loss.item<double>();
        Assert.True(double.IsFinite(lossValue));
        Assert.Equal(55.25, lossValue, 12);

        var weightGrad = layer.weight!.grad;
        var biasGrad = layer.bias!.grad;
        Assert.NotNull(weightGrad);
        Assert.NotNull(biasGrad);
        Assert.Equal(new long[] { 1, 2 }, weightGrad!.shape);
        Assert.Equal(new long[] { 1 }, biasGrad!.shape);

        double[] w = weightGrad.data<double>().ToArray();
        Assert.Equal(31.0, w[0], 12);
        Assert.Equal(42.5, w[1], 12);
        Assert.Equal(10.0, biasGrad.data<double>().ToArray()[0], 12);
    }
}
