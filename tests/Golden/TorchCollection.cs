using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// Tests that touch torch's process-wide state — the default generator (seeding it, or building
/// layers whose initialisation draws from it) and the thread count — run in this collection, one at
/// a time, after the parallel ones: xunit runs test classes in parallel, and two of them using the
/// same generator would interleave their draws.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    /// <summary>The collection's name, for [Collection(...)].</summary>
    public const string Name = "torch process-wide state";
}
