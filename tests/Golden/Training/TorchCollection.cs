using Xunit;

namespace Sweep.Golden.Tests.Training;

/// <summary>
/// Tests that touch torch's global state (thread count, default RNG) run one at a time: xunit
/// runs test classes in parallel, and two of them seeding the same generator would interleave.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch global state";
}
