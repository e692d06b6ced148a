using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;

namespace Sweep.Properties.Tests;

/// <summary>Budgets checked before allocating: the cell ceiling of a sweep and the memory estimates of an MLP, the CNN and the ResNets.</summary>
public class BudgetProperties
{
    [Claim]
    public Property SweepPlan_IsRefusedExactlyAboveTheCellCeiling() =>
        Prop.ForAll((from sizes in Gen.Choose(1, 8) from seeds in Gen.Choose(SweepPlan.MaximumCells / sizes - 3, SweepPlan.MaximumCells / sizes + 3) select (sizes, seeds)).ToArbitrary(), x =>
        {
            var plan = SweepPlan.Create(Enumerable.Range(1, x.sizes).ToArray(), Enumerable.Range(0, x.seeds).ToArray());
            var cells = (long)x.sizes * x.seeds;
            return plan.Match(created => cells <= SweepPlan.MaximumCells && created.Cells.Count == cells,
                problem => cells > SweepPlan.MaximumCells && problem.Message.Contains($"= {cells};", StringComparison.Ordinal));
        });

    [Claim]
    public Property ModelMemory_GrowsWithEveryWidth_AndWithTheBatch() =>
        Prop.ForAll((from length in Gen.Choose(1, 4)
                     from widths in Gen.ArrayOf(Gen.Choose(1, 4096), length)
                     from wider in Gen.Choose(0, length - 1)
                     from batch in Gen.Choose(1, 1024)
                     from slots in Gen.Choose(0, 2)
                     select (widths, wider, batch, slots)).ToArbitrary(), x =>
        {
            var estimate = ModelMemory.Mlp(784, x.widths, 10, x.batch, x.slots);
            var widened = ModelMemory.Mlp(784, x.widths.Select((width, index) => index == x.wider ? width + 1 : width).ToArray(), 10, x.batch, x.slots);
            var larger = ModelMemory.Mlp(784, x.widths, 10, x.batch + 1, x.slots);
            return widened.Parameters > estimate.Parameters && widened.Bytes > estimate.Bytes
                && larger.ActivationBytes > estimate.ActivationBytes && larger.WeightBytes == estimate.WeightBytes
                && estimate.WeightBytes == 4 * estimate.Parameters * (2 + x.slots);
        });

    [Claim]
    public Property ConvolutionMemory_GrowsWithTheBatchAndTheImageSize_AndNotItsWeights() =>
        Prop.ForAll((from model in Gen.Elements("cnn", "resnet18", "resnet34")
                     from channels in Gen.Choose(1, 3)
                     from side in Gen.Choose(8, 160)
                     from batch in Gen.Choose(1, 256)
                     from slots in Gen.Choose(0, 2)
                     from small in Gen.Elements(true, false)
                     select (model, channels, side, batch, slots, small)).ToArbitrary(), x =>
        {
            ModelMemory.Estimate Of(int side, int batch) => x.model == "cnn"
                ? ConvolutionMemory.Cnn(x.channels, side, side, 10, batch, x.slots)
                : ConvolutionMemory.ResNet(x.model == "resnet18" ? [2, 2, 2, 2] : [3, 4, 6, 3], x.small, x.channels, side, side, 10, batch, x.slots);
            var (estimate, larger, bigger) = (Of(x.side, x.batch), Of(x.side, x.batch + 1), Of(x.side + 1, x.batch));
            return larger.ActivationBytes > estimate.ActivationBytes && larger.WeightBytes == estimate.WeightBytes
                && bigger.ActivationBytes > estimate.ActivationBytes && bigger.Parameters == estimate.Parameters
                && estimate.WeightBytes == 4 * estimate.Parameters * (2 + x.slots)
                && estimate.ActivationBytes % (8L * x.batch) == 0;
        });
}
