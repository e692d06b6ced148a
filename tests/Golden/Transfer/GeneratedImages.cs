namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// Deterministic test pictures as raw channel-major red-green-blue values 0..255 (whole numbers, as
/// decoded pixels are): smooth gradients, a bright disc and a dark bar at places drawn from the seed,
/// and some pixel noise, so that every layer of a network sees structure at several scales.
/// </summary>
public static class GeneratedImages
{
    /// <summary>Picture <paramref name="seed"/> of <paramref name="size"/> × <paramref name="size"/>.</summary>
    public static float[] Rgb(int seed, int size)
    {
        var random = new Random(seed);
        var plane = size * size;
        var values = new float[3 * plane];
        double discX = random.NextDouble() * size, discY = random.NextDouble() * size, radius = size * (0.15 + 0.2 * random.NextDouble());
        int barTop = random.Next(size), barHeight = 1 + size / 10;
        var tint = new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() };
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inDisc = (x - discX) * (x - discX) + (y - discY) * (y - discY) < radius * radius;
                var inBar = y >= barTop && y < barTop + barHeight;
                for (var channel = 0; channel < 3; channel++)
                {
                    var value = 255.0 * tint[channel] * (0.5 + 0.5 * Math.Sin((x * (channel + 1) + y * 2.0) / size * Math.PI));
                    if (inDisc) value = 230 - 40 * channel;
                    if (inBar) value = 20 + 10 * channel;
                    value += random.Next(-12, 13);
                    values[channel * plane + y * size + x] = (float)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        }

        return values;
    }
}
