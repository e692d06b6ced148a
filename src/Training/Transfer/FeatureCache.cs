using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// The pooled features of a frozen body for every sample of a dataset, computed lazily: a row is
/// computed the first time any run draws its sample (in eval mode, without autograd, in chunks of
/// the missing samples of the draw) and reused by every later draw, run and, through the file in
/// the cache folder, invocation. Holds features [N, F] (float32, CPU) and one "computed" flag per
/// sample. The range test then trains the head alone on <see cref="Rows"/>: a frozen body in eval
/// mode computes the same function of a sample whenever it is asked, so the curves are those of
/// the whole model on images, up to float rounding (a convolution's sums can round differently in
/// batches of another size).
/// <para><see cref="Save"/> writes the file (<see cref="FeatureCacheFile"/>) when rows were added,
/// first taking in rows that another process saved meanwhile (shards of one sweep share the work).
/// The file is found by its key (<see cref="FeatureCacheKey"/>), so changed weights, data or
/// preprocessing never read it; a damaged or partial one is reported in <see cref="Discarded"/> and
/// rebuilt.</para>
/// </summary>
public sealed class FeatureCache : IDisposable
{
    /// <summary>Samples per body forward when rows are computed.</summary>
    public const int DefaultChunk = 32;

    private readonly Lazy<ResNetBody> body;
    private readonly int width;
    private readonly Func<Tensor> images;
    private readonly Tensor features;
    private readonly bool[] computed;
    private readonly int chunk;
    private bool changed;

    private FeatureCache(Lazy<ResNetBody> body, int width, Func<Tensor> images, int count, string key, string? path, FeatureCacheFile.Contents? stored, string? discarded, int chunk)
    {
        this.body = body;
        this.width = width;
        this.images = images;
        this.chunk = chunk;
        Key = key;
        Path = path;
        Discarded = discarded;
        computed = stored?.Computed ?? new bool[count];
        features = (stored is null ? zeros(count, width) : tensor(stored.Values, [count, width])).DetachFromDisposeScope();
        Loaded = computed.Count(done => done);
    }

    /// <summary>The content key the cache belongs to.</summary>
    public string Key { get; }

    /// <summary>Its file; null for a cache kept in memory only.</summary>
    public string? Path { get; }

    /// <summary>Why a file found at <see cref="Path"/> was not used (damaged, partial), or null.</summary>
    public string? Discarded { get; }

    /// <summary>Rows read from the file when the cache was opened.</summary>
    public int Loaded { get; }

    /// <summary>Rows computed by the body since the cache was opened.</summary>
    public int Computed { get; private set; }

    /// <summary>Samples in the dataset.</summary>
    public int Count => computed.Length;

    /// <summary>Rows available now (loaded or computed).</summary>
    public int Available => computed.Count(done => done);

    /// <summary>
    /// Opens the cache of <paramref name="body"/>'s features of <paramref name="data"/> under
    /// <paramref name="key"/> (see <c>FeatureCacheKey.Of</c>), reading what
    /// <paramref name="folder"/> holds for that key; null <paramref name="folder"/>: memory only.
    /// The body must be frozen (it is used in eval mode and never changed here); neither it nor the
    /// data is owned by the cache.
    /// </summary>
    public static FeatureCache Open(ResNetBody body, LabelledTensors data, string key, string? folder, int chunk = DefaultChunk) =>
        Open(new Lazy<ResNetBody>(body), body.Features, () => data.Features, data.Count, key, folder, chunk);

    /// <summary>
    /// As <see cref="Open(ResNetBody, LabelledTensors, string, string?, int)"/>, with the body and the
    /// <paramref name="count"/> images [N, C, H, W] asked of <paramref name="body"/> and
    /// <paramref name="images"/> only when a row has to be computed: a cache whose file holds every
    /// row drawn never builds the body nor makes the images. <paramref name="width"/> is the body's
    /// feature width.
    /// </summary>
    public static FeatureCache Open(Lazy<ResNetBody> body, int width, Func<Tensor> images, int count, string key, string? folder, int chunk = DefaultChunk)
    {
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "a chunk holds at least one sample.");
        if (folder is null) return new FeatureCache(body, width, images, count, key, null, null, null, chunk);
        var path = FeatureCacheFile.PathOf(folder, key);
        var (stored, problem) = FeatureCacheFile.Read(path, key, count, width);
        return new FeatureCache(body, width, images, count, key, path, stored, problem is null ? null : $"{path} {problem}; rebuilding it", chunk);
    }

    /// <summary>
    /// The features [B, F] (CPU) of the samples at <paramref name="index"/> (int64 [B]), computing
    /// those not yet cached. A new tensor: call it inside the step's dispose scope.
    /// </summary>
    public Tensor Rows(Tensor index)
    {
        using (var scope = NewDisposeScope())
        {
            var wanted = index.cpu().data<long>().ToArray();
            var missing = wanted.Distinct().Where(sample => !computed[sample]).Order().ToArray();
            if (missing.Length > 0) Compute(missing);
        }

        return features.index_select(0, index.device_type == TorchSharp.DeviceType.CPU ? index : index.cpu());
    }

    /// <summary>Computes every row not yet cached.</summary>
    public void Complete()
    {
        var missing = Enumerable.Range(0, Count).Where(sample => !computed[sample]).Select(sample => (long)sample).ToArray();
        if (missing.Length > 0) Compute(missing);
    }

    /// <summary>Writes the file if rows were added since it was opened or last saved (memory-only caches: nothing).</summary>
    public void Save()
    {
        if (Path is null || !changed) return;
        var (stored, _) = FeatureCacheFile.Read(Path, Key, Count, width);
        if (stored is not null) Merge(stored);
        FeatureCacheFile.Write(Path, Key, width, new FeatureCacheFile.Contents((bool[])computed.Clone(), features.data<float>().ToArray()));
        changed = false;
    }

    /// <summary>Frees the cached features (the body and the data are not the cache's).</summary>
    public void Dispose() => features.Dispose();

    private void Compute(long[] missing)
    {
        Nnpack.Disable();
        MklDispatch.Enable();
        var body = this.body.Value;
        var images = this.images();
        var device = Devices.Of(body);
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        body.eval();
        foreach (var part in missing.Chunk(chunk))
        {
            using var index = tensor(part);
            var output = body.forward(images.index_select(0, index).to(device)).cpu();
            features.index_copy_(0, index, output);
            foreach (var sample in part) computed[sample] = true;
            Computed += part.Length;
        }

        changed = true;
    }

    // Rows that another process cached meanwhile; equal to what this one would compute.
    private void Merge(FeatureCacheFile.Contents stored)
    {
        var theirs = Enumerable.Range(0, Count).Where(sample => stored.Computed[sample] && !computed[sample]).Select(sample => (long)sample).ToArray();
        if (theirs.Length == 0) return;
        using var scope = NewDisposeScope();
        using var index = tensor(theirs);
        using var all = tensor(stored.Values, [Count, width]);
        features.index_copy_(0, index, all.index_select(0, index));
        foreach (var sample in theirs) computed[sample] = true;
    }
}
