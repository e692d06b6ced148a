using System.Runtime.CompilerServices;
using Sweep.Training;

namespace Sweep.Golden.Tests;

/// <summary>
/// MKL fixes its kernels at its first matrix product, and the kernels decide the bits. `sweep` lets
/// MKL choose them by the processor's features before its first product (<see cref="MklDispatch"/>);
/// so does this test host, before any test runs, or a test that trains a model of its own first would
/// fix the generic kernels here, and a sweep run here would no longer match the same sweep run by a
/// `sweep` process (the worker processes of JobsTests, the shards of the Slurm test).
/// </summary>
internal static class MklAtStart
{
    [ModuleInitializer]
    internal static void Apply() => MklDispatch.Enable();
}
