using System.Runtime.Intrinsics.X86;
using Sweep.Golden.Tests.Faults;
using Sweep.Training;
using Xunit;

namespace Sweep.Golden.Tests.Training;

/// <summary>The process-wide native settings take effect here (Linux, glibc, libtorch's x64 build) and can be asked for again.</summary>
[Collection(TorchCollection.Name)]
public sealed class NativeSettingsTests
{
    [Fact]
    public void TuneAllocator_applies_on_glibc_and_a_second_call_says_the_same()
    {
        Assert.True(NativeMemory.TuneAllocator());
        Assert.True(NativeMemory.TuneAllocator());
    }

    [Fact]
    public void Mkl_chooses_its_kernels_by_the_processors_features_here_and_in_sweep()
    {
        Assert.True(MklDispatch.Enable());
        Assert.True(MklDispatch.Enable());
        // MKL names the kernels it chose in the first line it logs: "Intel(R) Architecture processors"
        // for its generic code, which it gives any processor not made by Intel; the vector units by name
        // ("Intel(R) Advanced Vector Extensions 2 ...", "... 512 ...") once the features decide.
        var (code, output, error) = SweepProcess.Tool(SweepProcess.Command[0],
            [.. SweepProcess.Command[1..], "bench", "--models", "mlp", "--batch-sizes", "8", "--steps", "2", "--repeats", "1"],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["MKL_VERBOSE"] = "1" });
        Assert.True(code == 0, error);
        var header = (output + error).Split('\n').FirstOrDefault(line => line.StartsWith("MKL_VERBOSE oneMKL", StringComparison.Ordinal));
        Assert.NotNull(header);
        if (!Avx2.IsSupported) return;
        Assert.Contains("Advanced Vector Extensions", header);
        Assert.DoesNotContain("Intel(R) Architecture processors", header);
    }

    [Fact]
    public void Nnpack_is_switched_off_through_libtorch()
    {
        Assert.True(Nnpack.Disable());
        Assert.True(Nnpack.Disable());
    }
}
