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
    public void Nnpack_is_switched_off_through_libtorch()
    {
        Assert.True(Nnpack.Disable());
        Assert.True(Nnpack.Disable());
    }
}
