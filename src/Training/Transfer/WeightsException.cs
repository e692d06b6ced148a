namespace Sweep.Training.Transfer;

/// <summary>
/// Weights that cannot become a backbone: a file that is missing or unreadable, keys the
/// architecture lacks or needs, tensors of the wrong shape, an ONNX graph that is not the network
/// it should be. The message is one line that says what is wrong and with which file, to print as it is.
/// </summary>
public sealed class WeightsException : Exception
{
    /// <summary>A weights problem described by <paramref name="message"/>.</summary>
    public WeightsException(string message) : base(message) { }

    /// <summary>A weights problem described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public WeightsException(string message, Exception inner) : base(message, inner) { }
}
