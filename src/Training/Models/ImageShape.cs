namespace Sweep.Training.Models;

/// <summary>
/// The shape of one image a model takes, without the batch dimension: a batch is [N, Channels,
/// Height, Width]. Models are built from it so that their first layer fits the data they will see.
/// </summary>
public sealed record ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values in one image: the input width of a model that flattens it.</summary>
    public int Features => Channels * Height * Width;

    /// <summary>Greyscale 28x28, the shape of the MNIST family of data sets.</summary>
    public static ImageShape Greyscale28 { get; } = new(1, 28, 28);
}
