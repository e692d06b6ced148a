using System.Reflection;
using Xunit;

namespace Sweep.Golden.Tests.Library;

/// <summary>
/// The libraries' public surface speaks plain .NET: no public or protected member of Sweep.Domain
/// or Sweep.Training names a language-ext type (Either, Validation, Option, Seq, ...), in a
/// parameter, a return, a property, a field, a base type, an interface or a generic argument, so a
/// consumer never needs that library. Inside, the Domain keeps using it.
/// </summary>
public class PublicApiArchitectureTests
{
    public static TheoryData<string> Libraries() => ["Sweep.Domain", "Sweep.Training"];

    private static Assembly Library(string name) => name == "Sweep.Domain"
        ? typeof(Sweep.Domain.Suggest).Assembly
        : typeof(Sweep.Training.RangeTestRunner).Assembly;

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every (member, type) pair of the public surface: what a consumer's compiler sees.</summary>
    public static IEnumerable<(string Member, Type Type)> Surface(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.BaseType is { } baseType) yield return (type.FullName!, baseType);
            foreach (var face in type.GetInterfaces()) yield return (type.FullName!, face);
            foreach (var member in type.GetMembers(Declared))
            {
                var name = $"{type.FullName}.{member.Name}";
                switch (member)
                {
                    case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                        yield return (name, field.FieldType);
                        break;
                    case PropertyInfo property when Visible(property.GetMethod) || Visible(property.SetMethod):
                        yield return (name, property.PropertyType);
                        break;
                    case MethodBase method when Visible(method):
                        if (method is MethodInfo returning) yield return (name, returning.ReturnType);
                        foreach (var parameter in method.GetParameters()) yield return ($"{name}({parameter.Name})", parameter.ParameterType);
                        break;
                    case EventInfo @event when Visible(@event.AddMethod):
                        yield return (name, @event.EventHandlerType!);
                        break;
                }
            }
        }
    }

    private static bool Visible(MethodBase? method) => method is { IsPublic: true } or { IsFamily: true } or { IsFamilyOrAssembly: true };

    /// <summary>Whether <paramref name="type"/>, or anything it is made of, is a language-ext type.</summary>
    public static bool NamesLanguageExt(Type type)
    {
        if (type.HasElementType) return NamesLanguageExt(type.GetElementType()!);
        if (type.Namespace?.StartsWith("LanguageExt", StringComparison.Ordinal) == true) return true;
        return type.IsGenericType && type.GetGenericArguments().Any(NamesLanguageExt);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_public_member_exposes_a_language_ext_type(string library)
    {
        var offending = Surface(Library(library)).Where(entry => NamesLanguageExt(entry.Type))
            .Select(entry => $"{entry.Member}: {entry.Type}").Distinct().ToList();
        Assert.True(offending.Count == 0, $"{offending.Count} public members expose language-ext:\n" + string.Join("\n", offending));
    }

    /// <summary>The check itself catches what it forbids: a property of Option, an Either in a generic argument, an array of Seq.</summary>
    [Fact]
    public void The_check_recognises_language_ext_types_wherever_they_sit()
    {
        Assert.True(NamesLanguageExt(typeof(LanguageExt.Option<int>)));
        Assert.True(NamesLanguageExt(typeof(IReadOnlyList<LanguageExt.Either<string, int>>)));
        Assert.True(NamesLanguageExt(typeof(LanguageExt.Seq<int>[])));
        Assert.False(NamesLanguageExt(typeof(IReadOnlyList<int?>)));
        Assert.Contains(Surface(typeof(Sample).Assembly), entry => entry.Member.EndsWith("Sample.Maybe", StringComparison.Ordinal) && NamesLanguageExt(entry.Type));
    }

    /// <summary>A public type of this test assembly that exposes language-ext, to prove the surface walk finds it.</summary>
    public sealed class Sample
    {
        public LanguageExt.Option<int> Maybe { get; init; }
    }
}
