using System.IO.Compression;
using System.Runtime.CompilerServices;
using Sweep.Training.Models;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>
/// The MLP against the PyTorch reference of data/digits-runs (Linear(64,32) ReLU Linear(32,10)):
/// seeded construction reproduces the reference's initial weights bit for bit, and those weights on
/// the reference's first batch give its first recorded loss.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MlpReferenceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Seeded_mlp_has_the_reference_initial_weights(int seed)
    {
        using var scope = NewDisposeScope();
        using var mlp = ModelCatalogue.Create(Specs.Mlp(32), new ImageShape(1, 8, 8), 10, seed);

        foreach (var (key, bytes) in StateBytes(mlp))
        {
            var expected = File.ReadAllBytes(Path.Combine(ReferenceData.Folder, "digits-runs", $"init_h32_s{seed}_{key}.f32"));
            Assert.True(expected.AsSpan().SequenceEqual(bytes), $"seed {seed}, {key}: not the reference's bits");
        }
    }

    [Fact]
    public void Reference_weights_give_the_reference_first_loss()
    {
        using var scope = NewDisposeScope();
        var reference = ReferenceData.Load("digits-runs/runs.json")["cases"]!.AsArray()
            .First(item => (int)item!["seed"]! == 0 && (int)item!["batch_size"]! == 64)!;
        using var mlp = new Mlp(64, [32], 10);
        mlp.LoadLinearWeights(
        [
            (ReferenceData.Floats("digits-runs/init_h32_s0_0.weight.f32"), ReferenceData.Floats("digits-runs/init_h32_s0_0.bias.f32")),
            (ReferenceData.Floats("digits-runs/init_h32_s0_2.weight.f32"), ReferenceData.Floats("digits-runs/init_h32_s0_2.bias.f32")),
        ]);
        var (pixels, labels) = Digits();
        var batch = ReferenceData.Ints("digits-runs/order_s0_bs64.i32").Take(64).ToArray();
        var images = tensor(batch.SelectMany(index => pixels[index]).ToArray(), [64, 1, 8, 8]);
        var targets = tensor(batch.Select(index => labels[index]).ToArray());

        var loss = nn.functional.cross_entropy(mlp.forward(images), targets).item<float>();

        var expected = ReferenceData.Number(reference["plrf"]!["raw_losses"]![0])!.Value;
        Assert.True(ReferenceData.Close(loss, expected, 1e-6), $"first loss {loss:R}, reference {expected:R}");
    }

    // data/digits/digits.csv.gz: 64 pixel values (0..16) then the label, one image a line; x = pixels/16.
    private static (float[][] Pixels, long[] Labels) Digits([CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "data", "digits", "digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var rows = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(field => int.Parse(field, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return (rows.Select(row => row.Take(64).Select(value => value / 16f).ToArray()).ToArray(), rows.Select(row => (long)row[64]).ToArray());
    }
}
