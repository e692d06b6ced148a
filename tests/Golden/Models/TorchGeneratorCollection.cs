using Xunit;

namespace Sweep.Golden.Tests.Models;

/// <summary>
/// Tests that read or seed torch's default generator. xunit runs test classes in parallel, and any
/// test that builds a layer draws from that one generator, so these run in a collection of their own
/// after all the parallel ones, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorCollection
{
    /// <summary>The collection's name, for [Collection(...)].</summary>
    public const string Name = "Torch default generator";
}
