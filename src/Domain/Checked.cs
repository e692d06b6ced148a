using System.Diagnostics.CodeAnalysis;
using LanguageExt;

namespace Sweep.Domain;

/// <summary>
/// The result of a validating factory, in plain .NET: the value when every check passed, otherwise
/// every problem found (in the order checked; each reads as one line by <see cref="Problem.Message"/>).
/// This is the public face of the Domain's checks (<see cref="Validated"/>); inside, they are
/// language-ext's <c>Either</c> and <c>Validation</c>, which no consumer needs to reference.
/// Bad input is never an exception here; reading <see cref="Value"/> of a failed result is one,
/// since that is the caller's mistake (check <see cref="IsValid"/> or use <see cref="TryGetValue"/>).
/// </summary>
/// <typeparam name="T">The validated value.</typeparam>
public sealed record Checked<T>
{
    private readonly T value;

    private Checked(T value, IReadOnlyList<Problem> problems) => (this.value, Problems) = (value, ValueList<Problem>.Of(problems));

    /// <summary>Every problem found; empty when the value is valid.</summary>
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>The value; an <see cref="InvalidOperationException"/> carrying <see cref="Message"/> when a check failed.</summary>
    public T Value => IsValid ? value : throw new InvalidOperationException(Message);

    /// <summary>The problems, one per line; empty when valid.</summary>
    public string Message => string.Join("\n", Problems.Select(problem => problem.Message));

    /// <summary>The value when valid (the Try pattern).</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T result)
    {
        result = IsValid ? value : default;
        return IsValid;
    }

    /// <summary>One of two answers: <paramref name="valid"/> of the value, or <paramref name="invalid"/> of the problems.</summary>
    public TResult Match<TResult>(Func<T, TResult> valid, Func<IReadOnlyList<Problem>, TResult> invalid) =>
        IsValid ? valid(value) : invalid(Problems);

    internal static Checked<T> Valid(T value) => new(value, []);

    internal static Checked<T> Invalid(IReadOnlyList<Problem> problems) => new(default!, problems);
}

/// <summary>Conversions from the Domain's internal language-ext results to <see cref="Checked{T}"/>.</summary>
internal static class CheckedConversions
{
    public static Checked<T> ToChecked<T>(this Either<Problem, T> result) =>
        result.Match(Checked<T>.Valid, problem => Checked<T>.Invalid([problem]));

    public static Checked<T> ToChecked<T>(this Either<ScheduleProblem, T> result) =>
        result.Match(Checked<T>.Valid, problem => Checked<T>.Invalid([problem.Problem]));

    public static Checked<T> ToChecked<T>(this Validation<Problem, T> result) =>
        result.Match(Checked<T>.Valid, problems => Checked<T>.Invalid(problems.ToArray()));
}
