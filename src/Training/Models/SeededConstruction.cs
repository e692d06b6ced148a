using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// Builds a model from a seed without disturbing anyone else's random numbers. TorchSharp's layers
/// draw their initial weights from torch's default CPU generator, as PyTorch's do, so seeding that
/// generator before construction gives the same bits as `torch.manual_seed(seed)` followed by the
/// same constructions in PyTorch. The generator's state is saved first and restored afterwards, so a
/// caller that seeded its own stream (data order, dropout) finds it where it left it.
/// <para>Only the CPU generator is touched: layers are initialised on the CPU, and the CUDA
/// generators, which `torch.manual_seed` would also reseed, stay as they were.</para>
/// <para>Seeded constructions on several threads are serialised by a lock. Code that draws from the
/// default generator on another thread while a model is being built still races with it; tests
/// that depend on the generator run in a collection of their own for that reason.</para>
/// </summary>
public static class SeededConstruction
{
    private static readonly Lock Gate = new();

    /// <summary>Runs <paramref name="construct"/> with the default generator seeded by <paramref name="seed"/>, then puts the generator back.</summary>
    public static T Build<T>(long seed, Func<T> construct)
    {
        lock (Gate)
        {
            var generator = Generator.Default;
            using var saved = generator.get_state();
            generator.manual_seed(seed);
            try
            {
                return construct();
            }
            finally
            {
                generator.set_state(saved);
            }
        }
    }
}
