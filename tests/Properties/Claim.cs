using FsCheck.Xunit;

namespace Sweep.Properties.Tests;

/// <summary>
/// A property of this suite: checked on <see cref="Cases"/> generated cases (FsCheck's default is
/// 100). Every property here uses it, so the case count is set in one place.
/// </summary>
public sealed class ClaimAttribute : PropertyAttribute
{
    /// <summary>Cases per property.</summary>
    public const int Cases = 200;

    public ClaimAttribute() => MaxTest = Cases;
}
