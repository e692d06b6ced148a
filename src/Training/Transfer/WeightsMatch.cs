using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// Whether a set of named tensors fits a module's state_dict: the same keys and the same shapes.
/// The answer is all or nothing, and a mismatch is one <see cref="WeightsException"/> line that names
/// what is missing, what is unexpected and which shapes differ (the first few of each, with counts),
/// since a half-loaded network would fail silently later. BatchNorm's "num_batches_tracked" counters
/// may be missing (files from before PyTorch 0.4.1 have none, and they change no output).
/// </summary>
public static class WeightsMatch
{
    private const int Listed = 4;

    /// <summary>
    /// Throws unless <paramref name="found"/> has every key of <paramref name="expected"/> with its
    /// shape, and nothing else; the message reads "<paramref name="source"/> does not fit <paramref name="model"/>: ...".
    /// </summary>
    public static void Check(string source, string model, IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, Tensor> found)
    {
        if (Problems(expected, found) is { } problems)
            throw new WeightsException($"{source} does not fit {model}: {problems}.");
    }

    /// <summary>Whether <paramref name="found"/> fits <paramref name="expected"/> as <see cref="Check"/> requires.</summary>
    public static bool Fits(IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, Tensor> found) => Problems(expected, found) is null;

    /// <summary>The key and shape of every entry of <paramref name="module"/>'s state_dict.</summary>
    public static Dictionary<string, long[]> ShapesOf(TorchSharp.torch.nn.Module module) =>
        module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape, StringComparer.Ordinal);

    private static string? Problems(IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, Tensor> found)
    {
        var missing = expected.Keys.Where(key => !found.ContainsKey(key) && !key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        var unexpected = found.Keys.Where(key => !expected.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        var shapes = expected
            .Where(entry => found.TryGetValue(entry.Key, out var tensor) && !tensor.shape.SequenceEqual(entry.Value))
            .Select(entry => $"{entry.Key} is {Shape(found[entry.Key].shape)} in the file but {Shape(entry.Value)} in the model")
            .ToList();
        if (missing.Count + unexpected.Count + shapes.Count == 0) return null;

        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"missing keys {List(missing)}");
        if (unexpected.Count > 0) problems.Add($"unexpected keys {List(unexpected)}");
        if (shapes.Count > 0) problems.Add($"shape mismatches: {string.Join("; ", shapes.Take(Listed))}{More(shapes.Count)}");
        return string.Join("; ", problems);
    }

    private static string List(List<string> keys) => $"[{string.Join(", ", keys.Take(Listed))}{More(keys.Count)}]";

    private static string More(int count) => count > Listed ? $", and {count - Listed} more" : "";

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";
}
